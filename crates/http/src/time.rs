//! Logical time on the wire: the model's whole seconds since 1970-01-01T00:00:00Z (LC-0) as
//! HTTP dates (`Last-Modified`, `x-oss-sealed-time`) and XML timestamps (`<LastModified>`), and
//! back.
//!
//! Both forms are printed from a value the caller passes in; nothing here reads a clock.
//!
//! The XML form is written here rather than with a date crate: `httpdate` (the HTTP form) has no
//! ISO 8601 output, and the conversion from days to a civil date is a few lines of integer
//! arithmetic, checked in the tests against `httpdate` on every day of the range.

use std::time::{Duration, SystemTime};

/// The last second both forms can print: 9999-12-31T23:59:59Z. Later times are printed as this
/// one (a four-digit year is all `oss2`'s date patterns accept).
pub const MAX_SECONDS: u64 = 253_402_300_799;

const SECONDS_PER_DAY: u64 = 86_400;

/// Why a date on the wire could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TimeError {
    /// Not an ISO 8601 timestamp of the form `YYYY-MM-DDThh:mm:ss[.fff]Z` in 1970..=9999.
    #[error("not an ISO 8601 UTC timestamp: {0:?}")]
    MalformedIso8601(String),
    /// A timestamp with a non-zero fraction of a second (the model's time is whole seconds,
    /// LC-0).
    #[error("the timestamp {0:?} is not a whole second")]
    FractionalSecond(String),
    /// A timestamp that had to fall on a midnight and does not (LC-7).
    #[error("the timestamp {0:?} is not a midnight (UTC)")]
    NotMidnight(String),
    /// Not an HTTP date (IMF-fixdate, RFC 850 or asctime form), or one before 1970.
    #[error("not an HTTP date: {0:?}")]
    MalformedHttpDate(String),
}

/// The IMF-fixdate form of `seconds` (`Tue, 09 Apr 2019 02:53:24 GMT`), the only shape `oss2`
/// accepts in `Last-Modified` (http.md §2). Saturates at [`MAX_SECONDS`].
pub fn http_date(seconds: u64) -> String {
    let time = SystemTime::UNIX_EPOCH + Duration::from_secs(seconds.min(MAX_SECONDS));
    httpdate::fmt_http_date(time)
}

/// Reads an HTTP date (`If-Modified-Since`, `x-*-copy-source-if-unmodified-since`) as seconds
/// since the epoch. Dates before 1970 are refused.
pub fn parse_http_date(text: &str) -> Result<u64, TimeError> {
    let malformed = || TimeError::MalformedHttpDate(text.to_owned());
    let time = httpdate::parse_http_date(text).map_err(|_| malformed())?;
    time.duration_since(SystemTime::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs())
        .map_err(|_| malformed())
}

/// The XML timestamp form of `seconds`, with the literal `.000Z` that `oss2` requires
/// (`2019-04-09T07:27:28.000Z`, http.md §2). Saturates at [`MAX_SECONDS`].
pub fn iso8601(seconds: u64) -> String {
    let seconds = seconds.min(MAX_SECONDS);
    let (year, month, day) = civil_from_days(seconds / SECONDS_PER_DAY);
    let in_day = seconds % SECONDS_PER_DAY;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.000Z",
        in_day / 3600,
        in_day / 60 % 60,
        in_day % 60
    )
}

/// Reads an ISO 8601 UTC timestamp, `YYYY-MM-DDThh:mm:ssZ` with an optional fraction that must
/// be zero (`.000Z` as oss2 and the services write it, `Z` alone as botocore does), as seconds
/// since the epoch.
pub fn parse_iso8601(text: &str) -> Result<u64, TimeError> {
    let malformed = || TimeError::MalformedIso8601(text.to_owned());
    let bytes = text.as_bytes();
    if bytes.len() < 20
        || bytes[4] != b'-'
        || bytes[7] != b'-'
        || !matches!(bytes[10], b'T' | b't')
        || bytes[13] != b':'
        || bytes[16] != b':'
    {
        return Err(malformed());
    }
    let number = |range: core::ops::Range<usize>| -> Result<u64, TimeError> {
        let digits = &bytes[range];
        if digits.iter().all(u8::is_ascii_digit) {
            Ok(digits
                .iter()
                .fold(0, |value, digit| value * 10 + u64::from(digit - b'0')))
        } else {
            Err(malformed())
        }
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let rest = &text[19..];
    let fraction = match rest.strip_suffix(['Z', 'z']) {
        Some(fraction) => fraction,
        None => return Err(malformed()),
    };
    if let Some(digits) = fraction.strip_prefix('.') {
        if digits.is_empty() || !digits.bytes().all(|digit| digit.is_ascii_digit()) {
            return Err(malformed());
        }
        if digits.bytes().any(|digit| digit != b'0') {
            return Err(TimeError::FractionalSecond(text.to_owned()));
        }
    } else if !fraction.is_empty() {
        return Err(malformed());
    }
    if year < 1970
        || !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return Err(malformed());
    }
    let days = days_from_civil(year, month, day);
    Ok(days * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second)
}

/// Reads an ISO 8601 timestamp that must fall on a midnight (LC-7: s3 `Date`, oss
/// `CreatedBeforeDate`), as seconds since the epoch.
pub fn parse_iso8601_midnight(text: &str) -> Result<u64, TimeError> {
    let seconds = parse_iso8601(text)?;
    if seconds % SECONDS_PER_DAY == 0 {
        Ok(seconds)
    } else {
        Err(TimeError::NotMidnight(text.to_owned()))
    }
}

/// The compact UTC form signatures use, `yyyymmddThhmmssZ` (`x-amz-date`, `x-oss-date`).
pub fn compact_iso8601(seconds: u64) -> String {
    let full = iso8601(seconds);
    // `YYYY-MM-DDThh:mm:ss.000Z` → `YYYYMMDDThhmmssZ`.
    let mut compact: String = full[..19]
        .chars()
        .filter(|c| !matches!(c, '-' | ':'))
        .collect();
    compact.push('Z');
    compact
}

fn is_leap(year: u64) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in_month(year: u64, month: u64) -> u64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date in 1970..=9999 (the proleptic Gregorian calendar,
/// counted in 400-year eras that start on March 1st).
fn days_from_civil(year: u64, month: u64, day: u64) -> u64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year / 400;
    let year_of_era = year % 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    // 719468 days from 0000-03-01 to 1970-01-01.
    era * 146_097 + day_of_era - 719_468
}

/// The civil date `(year, month, day)` of a day count since 1970-01-01 (the inverse of
/// [`days_from_civil`]).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let days = days + 719_468;
    let era = days / 146_097;
    let day_of_era = days % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    // http.md §2: the samples of the table, both forms.
    #[test]
    fn the_spec_samples_print_exactly() {
        // 2019-04-09T02:53:24Z
        assert_eq!(http_date(1_554_778_404), "Tue, 09 Apr 2019 02:53:24 GMT");
        assert_eq!(iso8601(1_554_794_848), "2019-04-09T07:27:28.000Z");
        assert_eq!(iso8601(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(compact_iso8601(1_369_353_600), "20130524T000000Z");
    }

    // http.md §2: the civil-date arithmetic agrees with httpdate on every day up to 9999 (the
    // IMF-fixdate carries the same year, month and day).
    #[test]
    fn iso_dates_agree_with_httpdate_on_every_day() {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let last_day = MAX_SECONDS / SECONDS_PER_DAY;
        for day in (0..=last_day).step_by(7).chain([59, 60, 789, last_day]) {
            let seconds = day * SECONDS_PER_DAY + 45_296;
            let iso = iso8601(seconds);
            let http = http_date(seconds);
            let (year, month, dom) = (&iso[0..4], &iso[5..7], &iso[8..10]);
            let month_name = MONTHS[month.parse::<usize>().expect("two digits") - 1];
            assert_eq!(&http[5..16], format!("{dom} {month_name} {year}"), "{iso}");
            assert_eq!(&iso[10..], "T12:34:56.000Z");
            assert_eq!(parse_iso8601(&iso), Ok(seconds));
        }
    }

    // LC-0: later times saturate instead of printing a five-digit year.
    #[test]
    fn times_past_9999_saturate() {
        assert_eq!(iso8601(u64::MAX), "9999-12-31T23:59:59.000Z");
        assert_eq!(http_date(u64::MAX), "Fri, 31 Dec 9999 23:59:59 GMT");
    }

    // LC-7: lifecycle dates are midnights; botocore writes no fraction, oss2 writes `.000`.
    #[test]
    fn midnights_parse_in_both_writers_forms() {
        assert_eq!(
            parse_iso8601_midnight("2019-04-09T00:00:00.000Z"),
            Ok(1_554_768_000)
        );
        assert_eq!(
            parse_iso8601_midnight("2019-04-09T00:00:00Z"),
            Ok(1_554_768_000)
        );
        assert_eq!(
            parse_iso8601_midnight("2019-04-09T00:00:01.000Z"),
            Err(TimeError::NotMidnight("2019-04-09T00:00:01.000Z".into()))
        );
        assert_eq!(
            parse_iso8601("2019-04-09T00:00:00.500Z"),
            Err(TimeError::FractionalSecond(
                "2019-04-09T00:00:00.500Z".into()
            ))
        );
    }

    // LC-7: anything else is refused as malformed, never panics.
    #[test]
    fn malformed_timestamps_are_refused() {
        for text in [
            "",
            "2019-04-09",
            "2019-02-30T00:00:00Z",
            "2019-13-01T00:00:00Z",
            "1969-12-31T00:00:00Z",
            "2019-04-09T24:00:00Z",
            "2019-04-09T00:00:00+08:00",
            "2019-04-09T00:00:00.Z",
            "２019-04-09T00:00:00Z",
            "2019-04-09T00:00:00.0é",
        ] {
            assert!(
                matches!(parse_iso8601(text), Err(TimeError::MalformedIso8601(_))),
                "{text:?}"
            );
        }
    }

    // http.md §5.2: conditional-read dates come back as seconds.
    #[test]
    fn http_dates_parse_back() {
        assert_eq!(
            parse_http_date("Tue, 09 Apr 2019 02:53:24 GMT"),
            Ok(1_554_778_404)
        );
        assert!(parse_http_date("yesterday").is_err());
    }
}
