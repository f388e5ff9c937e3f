//! Object Lock (s3) and retention policies (oss bucket WORM) on the wire (OL-1..OL-8): the
//! documents and headers of both directions, between the model's lock values and the
//! [`xml`] bodies and `x-amz-object-lock-*` headers.
//!
//! Times are the model's clock seconds (LC-0) and ISO 8601 on the wire (`RetainUntilDate`,
//! `x-amz-object-lock-retain-until-date`, `CreationDate`).

use bucket_versioning::lock::{
    DefaultRetention, LegalHoldStatus, ObjectLockConfiguration, Retention, RetentionMode, Worm,
    WormState,
};
use http::{HeaderMap, HeaderValue};

use crate::error::CodecError;
use crate::headers;
use crate::time;
use crate::xml;

/// `Enabled`, the only `ObjectLockEnabled` value (OL-1: Object Lock is never turned off).
pub const ENABLED: &str = "Enabled";

/// The retention mode as the wire writes it.
pub fn mode_name(mode: RetentionMode) -> &'static str {
    match mode {
        RetentionMode::Governance => "GOVERNANCE",
        RetentionMode::Compliance => "COMPLIANCE",
    }
}

/// Reads a retention mode (`GOVERNANCE` / `COMPLIANCE`, case-insensitive).
///
/// # Errors
///
/// 400 `InvalidArgument` naming `name` for any other text.
pub fn parse_mode(name: &str, text: &str) -> Result<RetentionMode, CodecError> {
    if text.eq_ignore_ascii_case("GOVERNANCE") {
        Ok(RetentionMode::Governance)
    } else if text.eq_ignore_ascii_case("COMPLIANCE") {
        Ok(RetentionMode::Compliance)
    } else {
        Err(invalid(name, text, "not GOVERNANCE or COMPLIANCE"))
    }
}

/// Reads a legal hold status (`ON` / `OFF`, case-insensitive).
///
/// # Errors
///
/// 400 `InvalidArgument` naming `name` for any other text.
pub fn parse_legal_hold(name: &str, text: &str) -> Result<LegalHoldStatus, CodecError> {
    if text.eq_ignore_ascii_case("ON") {
        Ok(LegalHoldStatus::On)
    } else if text.eq_ignore_ascii_case("OFF") {
        Ok(LegalHoldStatus::Off)
    } else {
        Err(invalid(name, text, "not ON or OFF"))
    }
}

/// The legal hold status as the wire writes it.
pub fn legal_hold_name(status: LegalHoldStatus) -> &'static str {
    match status {
        LegalHoldStatus::On => "ON",
        LegalHoldStatus::Off => "OFF",
    }
}

/// PutObjectLockConfiguration's body → the default retention (OL-1). `ObjectLockEnabled` must
/// be `Enabled`; a rule without `DefaultRetention` is none. A period outside `u32` is passed as
/// 0, which the model refuses like any other period below 1.
///
/// # Errors
///
/// 400 `InvalidArgument` for a missing or other `ObjectLockEnabled` or an unknown mode.
pub fn default_retention_from_xml(
    document: &xml::ObjectLockConfiguration,
) -> Result<Option<DefaultRetention>, CodecError> {
    let enabled = document.object_lock_enabled.as_deref().unwrap_or_default();
    if enabled != ENABLED {
        return Err(invalid("ObjectLockEnabled", enabled, "not Enabled"));
    }
    let Some(default) = document
        .rule
        .as_ref()
        .and_then(|rule| rule.default_retention.as_ref())
    else {
        return Ok(None);
    };
    let mode = parse_mode("Mode", default.mode.as_deref().unwrap_or_default())?;
    let period = |value: Option<i64>| value.map(|value| u32::try_from(value).unwrap_or(0));
    Ok(Some(DefaultRetention {
        mode,
        days: period(default.days),
        years: period(default.years),
    }))
}

/// The Object Lock configuration → GetObjectLockConfiguration's answer (OL-1).
pub fn configuration_to_xml(
    configuration: ObjectLockConfiguration,
) -> xml::ObjectLockConfiguration {
    xml::ObjectLockConfiguration {
        object_lock_enabled: Some(ENABLED.to_owned()),
        rule: configuration
            .default_retention
            .map(|default| xml::ObjectLockRule {
                default_retention: Some(xml::DefaultRetention {
                    mode: Some(mode_name(default.mode).to_owned()),
                    days: default.days.map(i64::from),
                    years: default.years.map(i64::from),
                }),
            }),
    }
}

/// PutObjectRetention's body → the retention (OL-6).
///
/// # Errors
///
/// 400 `InvalidArgument` for an unknown mode or a date that is not ISO 8601.
pub fn retention_from_xml(document: &xml::Retention) -> Result<Retention, CodecError> {
    let mode = parse_mode("Mode", document.mode.as_deref().unwrap_or_default())?;
    let until = retain_until("RetainUntilDate", document.retain_until_date.as_deref())?;
    Ok(Retention::new(mode, until))
}

/// A retention → GetObjectRetention's answer (OL-2).
pub fn retention_to_xml(retention: Retention) -> xml::Retention {
    xml::Retention {
        mode: Some(mode_name(retention.mode).to_owned()),
        retain_until_date: Some(time::iso8601(retention.retain_until)),
    }
}

/// PutObjectLegalHold's body → the status (OL-2).
///
/// # Errors
///
/// 400 `InvalidArgument` for a status other than `ON` / `OFF`.
pub fn legal_hold_from_xml(document: &xml::LegalHold) -> Result<LegalHoldStatus, CodecError> {
    parse_legal_hold("Status", document.status.as_deref().unwrap_or_default())
}

/// A legal hold → GetObjectLegalHold's answer (OL-2).
pub fn legal_hold_to_xml(on: bool) -> xml::LegalHold {
    xml::LegalHold {
        status: Some(legal_hold_name(status_of(on)).to_owned()),
    }
}

/// The lock a write asks for (OL-2): `x-amz-object-lock-mode` with
/// `x-amz-object-lock-retain-until-date` (both or neither), and `x-amz-object-lock-legal-hold`.
///
/// # Errors
///
/// 400 `InvalidArgument` for a mode without a date or the other way round, an unknown mode or
/// status, or a date that is not ISO 8601.
pub fn write_lock(
    headers: &HeaderMap,
) -> Result<(Option<Retention>, Option<LegalHoldStatus>), CodecError> {
    let mode = text(headers, &headers::s3::OBJECT_LOCK_MODE);
    let until = text(headers, &headers::s3::OBJECT_LOCK_RETAIN_UNTIL_DATE);
    let retention = match (mode, until) {
        (None, None) => None,
        (Some(mode), Some(_)) => Some(Retention::new(
            parse_mode(headers::s3::OBJECT_LOCK_MODE.as_str(), mode)?,
            retain_until(headers::s3::OBJECT_LOCK_RETAIN_UNTIL_DATE.as_str(), until)?,
        )),
        (Some(mode), None) => {
            return Err(invalid(
                headers::s3::OBJECT_LOCK_MODE.as_str(),
                mode,
                "a retention mode needs a retain-until date",
            ));
        }
        (None, Some(until)) => {
            return Err(invalid(
                headers::s3::OBJECT_LOCK_RETAIN_UNTIL_DATE.as_str(),
                until,
                "a retain-until date needs a retention mode",
            ));
        }
    };
    let legal_hold = text(headers, &headers::s3::OBJECT_LOCK_LEGAL_HOLD)
        .map(|status| parse_legal_hold(headers::s3::OBJECT_LOCK_LEGAL_HOLD.as_str(), status))
        .transpose()?;
    Ok((retention, legal_hold))
}

/// Whether a delete or a retention change asks to lift a `GOVERNANCE` retention (OL-4, OL-6):
/// `x-amz-bypass-governance-retention: true` (case-insensitive). Absent otherwise, as the
/// model's requests leave it.
pub fn bypass_governance(headers: &HeaderMap) -> Option<bool> {
    headers
        .get(&headers::s3::BYPASS_GOVERNANCE_RETENTION)
        .is_some_and(|value| value.as_bytes().eq_ignore_ascii_case(b"true"))
        .then_some(true)
}

/// Adds the lock headers of an s3 object read (GetObject, HeadObject): the retention's mode and
/// date when it has one, and the legal hold's status when the version carries one (OL-2).
pub fn add_read_headers(headers: &mut HeaderMap, retention: Option<Retention>, legal_hold: bool) {
    let mut insert = |name: &http::HeaderName, value: &str| {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name.clone(), value);
        }
    };
    if let Some(retention) = retention {
        insert(&headers::s3::OBJECT_LOCK_MODE, mode_name(retention.mode));
        insert(
            &headers::s3::OBJECT_LOCK_RETAIN_UNTIL_DATE,
            &time::iso8601(retention.retain_until),
        );
    }
    if legal_hold {
        insert(&headers::s3::OBJECT_LOCK_LEGAL_HOLD, "ON");
    }
}

/// InitiateBucketWorm / ExtendBucketWorm's `RetentionPeriodInDays` → the model's days; a
/// number outside `u32` is passed as 0, which the model refuses (OL-7).
pub fn worm_days(days: i64) -> u32 {
    u32::try_from(days).unwrap_or(0)
}

/// The ID a retention policy initiated at `created` in `bucket` gets (MODEL: the model keeps
/// no ID; the endpoint derives one, 16 upper-case hex digits, from the bucket and the second).
pub fn worm_id(bucket: &str, created: u64) -> String {
    // FNV-1a over the name and the second: stable across restarts and replays.
    let hash = bucket
        .bytes()
        .chain(created.to_be_bytes())
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("{hash:016X}")
}

/// A retention policy → GetBucketWorm's answer (OL-7).
pub fn worm_to_xml(worm: Worm, worm_id: String, created: u64) -> xml::WormConfiguration {
    xml::WormConfiguration {
        worm_id,
        state: worm_state_name(worm.state).to_owned(),
        retention_period_in_days: worm.days,
        creation_date: created,
    }
}

/// The state as oss writes it: `InProgress` or `Locked`.
pub fn worm_state_name(state: WormState) -> &'static str {
    match state {
        WormState::InProgress => "InProgress",
        WormState::Locked => "Locked",
    }
}

/// A header's text; present but not text reads as empty (and is then refused as a value).
fn text<'h>(headers: &'h HeaderMap, name: &http::HeaderName) -> Option<&'h str> {
    headers
        .get(name)
        .map(|value| value.to_str().unwrap_or_default())
}

fn status_of(on: bool) -> LegalHoldStatus {
    if on {
        LegalHoldStatus::On
    } else {
        LegalHoldStatus::Off
    }
}

fn retain_until(name: &str, text: Option<&str>) -> Result<u64, CodecError> {
    let text = text.unwrap_or_default();
    time::parse_iso8601(text).map_err(|error| invalid(name, text, &error.to_string()))
}

fn invalid(name: &str, value: &str, reason: &str) -> CodecError {
    CodecError::InvalidArgument {
        name: name.to_owned(),
        value: value.to_owned(),
        reason: reason.to_owned(),
    }
}
