//! The lifecycle configuration between its XML documents (http.md §4, both dialects' shapes in
//! one [`LifecycleConfiguration`](xml::LifecycleConfiguration)) and the model's rules
//! ([`LifecycleRule`], LC-9, LC-10), both directions.
//!
//! Reading a request's document, the elements of both dialects map onto the model's rule as
//! they are: an element the dialect lacks (an oss `NewerNoncurrentVersions`, an s3
//! `CreatedBeforeDate` or `Filter/Not`) reaches the model, which refuses it (LC-9: `MalformedXML`).
//! The codec itself refuses only what the model's rule cannot hold: a prefix given twice (in the
//! rule and in its filter), two size bounds of one kind, more than one `Not`, a tag key twice,
//! both abort elements, a `NoncurrentVersionExpiration` without `NoncurrentDays` (400
//! `MalformedXML`); a date that is no ISO 8601 timestamp or a negative size (400
//! `InvalidArgument`); and transitions, which need storage-class behaviour the model does not
//! have (501 `NotImplemented`). A negative count reads as 0, which LC-9 refuses like any count
//! below 1.
//!
//! Writing, each dialect gets its own shape: oss the rule's `Prefix` and `Tag`s directly in
//! the rule, sizes and `Not` in `Filter`, `AbortMultipartUpload`; s3 a `Filter` with its one
//! condition, or `And` for several, and `AbortIncompleteMultipartUpload`. Dates are ISO 8601
//! timestamps of the logical clock (LC-0, LC-7).
//!
//! ```
//! use bucket_versioning::Dialect;
//! use bucket_versioning::lifecycle::LifecycleRule;
//! use bucket_versioning_http::lifecycle;
//! use bucket_versioning_http::xml::{LifecycleConfiguration, RequestBody};
//!
//! let rules = vec![LifecycleRule::new().id("logs").prefix("logs/").noncurrent_days(30)];
//! for dialect in [Dialect::Oss, Dialect::S3] {
//!     let body = lifecycle::to_xml(dialect, &rules).to_request_xml(dialect);
//!     let read = LifecycleConfiguration::from_xml(&body)?;
//!     assert_eq!(lifecycle::from_xml(&read)?, rules);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use bucket_versioning::Dialect;
use bucket_versioning::lifecycle::{
    AbortIncompleteMultipartUpload, Expiration, LifecycleFilter, LifecycleRule, LifecycleTag,
    NoncurrentVersionExpiration, NotFilter,
};

use crate::dispatch::DispatchError;
use crate::error::CodecError;
use crate::time;
use crate::xml::{self, XmlError};

/// The model's rules of a lifecycle document (see the [module docs](self)).
///
/// # Errors
///
/// [`CodecError`]: 400 `MalformedXML`, 400 `InvalidArgument` or 501 `NotImplemented` for what
/// the model's rule cannot hold.
pub fn from_xml(document: &xml::LifecycleConfiguration) -> Result<Vec<LifecycleRule>, CodecError> {
    document.rules.iter().map(rule_from_xml).collect()
}

/// The lifecycle document of `rules` in `dialect` (see the [module docs](self)).
pub fn to_xml(dialect: Dialect, rules: &[LifecycleRule]) -> xml::LifecycleConfiguration {
    xml::LifecycleConfiguration {
        rules: rules
            .iter()
            .map(|rule| rule_to_xml(dialect, rule))
            .collect(),
    }
}

/// `rules` as the server reads them back from [`to_xml`]'s document: an empty filter tag set
/// is no tag set (the document has no element for it).
pub fn on_the_wire(rules: &[LifecycleRule]) -> Vec<LifecycleRule> {
    rules
        .iter()
        .cloned()
        .map(|mut rule| {
            if rule.filter.tags.as_ref().is_some_and(BTreeMap::is_empty) {
                rule.filter.tags = None;
            }
            rule
        })
        .collect()
}

/// `rules` as a GetBucketLifecycle response in `dialect` shows them: oss writes an empty
/// `Prefix` for a rule without one (oss2 requires the element), and dates saturate at the
/// latest time the XML carries ([`time::MAX_SECONDS`]).
pub fn observable(dialect: Dialect, rules: &[LifecycleRule]) -> Vec<LifecycleRule> {
    let clamp = |date: &mut Option<u64>| {
        if let Some(date) = date {
            *date = (*date).min(time::MAX_SECONDS);
        }
    };
    on_the_wire(rules)
        .into_iter()
        .map(|mut rule| {
            if dialect == Dialect::Oss {
                rule.filter.prefix.get_or_insert_with(String::new);
                rule.id.get_or_insert_with(String::new);
            }
            if let Some(expiration) = &mut rule.expiration {
                clamp(&mut expiration.date);
                clamp(&mut expiration.created_before_date);
            }
            if let Some(abort) = &mut rule.abort_incomplete_multipart_upload {
                clamp(&mut abort.created_before_date);
            }
            rule
        })
        .collect()
}

fn rule_from_xml(rule: &xml::LifecycleRule) -> Result<LifecycleRule, CodecError> {
    if !rule.transitions.is_empty() || !rule.noncurrent_version_transitions.is_empty() {
        return Err(CodecError::Dispatch(DispatchError::NotImplemented {
            feature: "lifecycle transitions (the model has no storage-class behaviour, TAG-5)",
        }));
    }
    let filter = rule.filter.clone().unwrap_or_default();
    let and = filter.and.clone().unwrap_or_default();
    let prefix = one("Prefix", [&rule.prefix, &filter.prefix, &and.prefix])?;
    let mut tags = BTreeMap::new();
    for tag in rule.tags.iter().chain(&filter.tag).chain(&and.tags) {
        if tags.insert(tag.key.clone(), tag.value.clone()).is_some() {
            return Err(malformed(format!(
                "the tag key {:?} is in the filter twice",
                tag.key
            )));
        }
    }
    let not = match filter.not.as_slice() {
        [] => None,
        [not] => Some(NotFilter {
            prefix: not.prefix.clone(),
            tag: not.tag.as_ref().map(|tag| LifecycleTag {
                key: tag.key.clone(),
                value: tag.value.clone(),
            }),
        }),
        _ => return Err(malformed("more than one Not in a filter".to_owned())),
    };
    let greater = one(
        "ObjectSizeGreaterThan",
        [
            &filter.object_size_greater_than,
            &and.object_size_greater_than,
        ],
    )?;
    let less = one(
        "ObjectSizeLessThan",
        [&filter.object_size_less_than, &and.object_size_less_than],
    )?;
    let expiration = match &rule.expiration {
        None => None,
        Some(expiration) => Some(Expiration {
            days: expiration.days.map(count),
            date: date("Expiration/Date", expiration.date.as_deref())?,
            created_before_date: date(
                "Expiration/CreatedBeforeDate",
                expiration.created_before_date.as_deref(),
            )?,
            expired_object_delete_marker: expiration.expired_object_delete_marker,
        }),
    };
    let noncurrent_version_expiration = match &rule.noncurrent_version_expiration {
        None => None,
        Some(noncurrent) => Some(NoncurrentVersionExpiration {
            noncurrent_days: noncurrent.noncurrent_days.map(count).ok_or_else(|| {
                malformed("NoncurrentVersionExpiration without NoncurrentDays".to_owned())
            })?,
            newer_noncurrent_versions: noncurrent.newer_noncurrent_versions.map(count),
        }),
    };
    let abort = match (
        &rule.abort_incomplete_multipart_upload,
        &rule.abort_multipart_upload,
    ) {
        (Some(_), Some(_)) => {
            return Err(malformed(
                "both AbortIncompleteMultipartUpload and AbortMultipartUpload".to_owned(),
            ));
        }
        (Some(s3), None) => Some(AbortIncompleteMultipartUpload {
            days_after_initiation: s3.days_after_initiation.map(count),
            created_before_date: date(
                "AbortIncompleteMultipartUpload/CreatedBeforeDate",
                s3.created_before_date.as_deref(),
            )?,
        }),
        (None, Some(oss)) => Some(AbortIncompleteMultipartUpload {
            days_after_initiation: oss.days.map(count),
            created_before_date: date(
                "AbortMultipartUpload/CreatedBeforeDate",
                oss.created_before_date.as_deref(),
            )?,
        }),
        (None, None) => None,
    };
    Ok(LifecycleRule {
        id: rule.id.clone(),
        status: rule.status.clone(),
        filter: LifecycleFilter {
            prefix,
            tags: (!tags.is_empty()).then_some(tags),
            object_size_greater_than: greater
                .map(|size| size_of(size, "ObjectSizeGreaterThan"))
                .transpose()?,
            object_size_less_than: less
                .map(|size| size_of(size, "ObjectSizeLessThan"))
                .transpose()?,
            not,
        },
        expiration,
        noncurrent_version_expiration,
        abort_incomplete_multipart_upload: abort,
    })
}

fn rule_to_xml(dialect: Dialect, rule: &LifecycleRule) -> xml::LifecycleRule {
    let filter = &rule.filter;
    let tags: Vec<xml::Tag> = filter
        .tags
        .iter()
        .flatten()
        .map(|(key, value)| xml::Tag {
            key: key.clone(),
            value: value.clone(),
        })
        .collect();
    let greater = filter.object_size_greater_than.map(size_to_xml);
    let less = filter.object_size_less_than.map(size_to_xml);
    let not: Vec<xml::LifecycleNot> = filter
        .not
        .iter()
        .map(|not| xml::LifecycleNot {
            prefix: not.prefix.clone(),
            tag: not.tag.as_ref().map(|tag| xml::Tag {
                key: tag.key.clone(),
                value: tag.value.clone(),
            }),
        })
        .collect();
    let expiration = rule
        .expiration
        .as_ref()
        .map(|expiration| xml::LifecycleExpiration {
            days: expiration.days.map(count_to_xml),
            date: expiration.date.map(time::iso8601),
            created_before_date: expiration.created_before_date.map(time::iso8601),
            expired_object_delete_marker: expiration.expired_object_delete_marker,
        });
    let noncurrent_version_expiration =
        rule.noncurrent_version_expiration
            .as_ref()
            .map(|noncurrent| xml::LifecycleNoncurrentExpiration {
                noncurrent_days: Some(count_to_xml(noncurrent.noncurrent_days)),
                newer_noncurrent_versions: noncurrent.newer_noncurrent_versions.map(count_to_xml),
            });
    let abort = rule.abort_incomplete_multipart_upload.as_ref();
    let mut out = xml::LifecycleRule {
        id: rule.id.clone(),
        status: rule.status.clone(),
        expiration,
        noncurrent_version_expiration,
        ..xml::LifecycleRule::default()
    };
    match dialect {
        Dialect::Oss => {
            out.prefix = filter.prefix.clone();
            out.tags = tags;
            if greater.is_some() || less.is_some() || !not.is_empty() {
                out.filter = Some(xml::LifecycleFilter {
                    object_size_greater_than: greater,
                    object_size_less_than: less,
                    not,
                    ..xml::LifecycleFilter::default()
                });
            }
            out.abort_multipart_upload = abort.map(|abort| xml::LifecycleAbortMultipartUpload {
                days: abort.days_after_initiation.map(count_to_xml),
                created_before_date: abort.created_before_date.map(time::iso8601),
            });
        }
        Dialect::S3 => {
            let conditions = usize::from(filter.prefix.is_some())
                + tags.len()
                + usize::from(greater.is_some())
                + usize::from(less.is_some());
            let mut s3 = xml::LifecycleFilter {
                not,
                ..xml::LifecycleFilter::default()
            };
            if conditions > 1 {
                s3.and = Some(xml::LifecycleAnd {
                    prefix: filter.prefix.clone(),
                    tags,
                    object_size_greater_than: greater,
                    object_size_less_than: less,
                });
            } else {
                s3.prefix = filter.prefix.clone();
                s3.tag = tags.into_iter().next();
                s3.object_size_greater_than = greater;
                s3.object_size_less_than = less;
            }
            out.filter = Some(s3);
            out.abort_incomplete_multipart_upload =
                abort.map(|abort| xml::LifecycleAbortIncompleteMultipartUpload {
                    days_after_initiation: abort.days_after_initiation.map(count_to_xml),
                    created_before_date: abort.created_before_date.map(time::iso8601),
                });
        }
    }
    out
}

/// The one element of several places that may hold it.
fn one<T: Clone, const N: usize>(
    name: &str,
    places: [&Option<T>; N],
) -> Result<Option<T>, CodecError> {
    let mut given = places.into_iter().flatten();
    let first = given.next().cloned();
    if given.next().is_some() {
        return Err(malformed(format!("{name} is given twice in a rule")));
    }
    Ok(first)
}

/// A count of days or versions: a negative one reads as 0, below LC-9's minimum of 1.
fn count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

fn count_to_xml(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn size_of(value: i64, name: &str) -> Result<u64, CodecError> {
    u64::try_from(value).map_err(|_| CodecError::InvalidArgument {
        name: name.to_owned(),
        value: value.to_string(),
        reason: "not a non-negative size".to_owned(),
    })
}

fn size_to_xml(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// An ISO 8601 timestamp as logical seconds; whether it is a midnight is the model's to judge
/// (LC-7).
fn date(name: &str, text: Option<&str>) -> Result<Option<u64>, CodecError> {
    text.map(|text| {
        time::parse_iso8601(text.trim()).map_err(|_| CodecError::InvalidArgument {
            name: name.to_owned(),
            value: text.to_owned(),
            reason: "not an ISO 8601 timestamp".to_owned(),
        })
    })
    .transpose()
}

fn malformed(reason: String) -> CodecError {
    CodecError::Xml(XmlError::Malformed(reason))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::{RequestBody, ResponseBody};

    fn every_shape() -> Vec<LifecycleRule> {
        let tags = BTreeMap::from([("a".to_owned(), "1".to_owned())]);
        vec![
            LifecycleRule::new().id("plain").expiration_days(3),
            LifecycleRule::new()
                .id("tagged")
                .prefix("logs/")
                .filter(LifecycleFilter {
                    prefix: Some("logs/".to_owned()),
                    tags: Some(tags.clone()),
                    object_size_greater_than: Some(10),
                    object_size_less_than: None,
                    not: None,
                })
                .noncurrent_days(2),
            LifecycleRule::new().prefix("").abort_after_days(1),
            LifecycleRule::new()
                .id("dated")
                .status("Disabled")
                .expiration_date(86_400),
            LifecycleRule::new()
                .id("before")
                .expiration_created_before_date(2 * 86_400)
                .abort_created_before_date(86_400),
            LifecycleRule::new()
                .id("markers")
                .expired_object_delete_marker()
                .noncurrent_days_keeping(1, 2),
            LifecycleRule::new()
                .id("not")
                .expiration_days(1)
                .filter(LifecycleFilter {
                    not: Some(NotFilter {
                        prefix: Some("keep/".to_owned()),
                        tag: Some(LifecycleTag {
                            key: "k".to_owned(),
                            value: "v".to_owned(),
                        }),
                    }),
                    ..LifecycleFilter::default()
                }),
        ]
    }

    // LC-9, LC-10, LC-14: every action and filter goes out and comes back as it was, in both
    // dialects' shapes, as a request and as a response.
    #[test]
    fn every_rule_shape_round_trips_in_both_dialects() {
        let rules = every_shape();
        for dialect in [Dialect::Oss, Dialect::S3] {
            let document = to_xml(dialect, &rules);
            let request = xml::LifecycleConfiguration::from_xml(&document.to_request_xml(dialect))
                .expect("a request document");
            assert_eq!(from_xml(&request).ok(), Some(rules.clone()), "{dialect}");
            let response =
                xml::LifecycleConfiguration::from_response_xml(&document.to_xml(dialect))
                    .expect("a response document");
            assert_eq!(
                from_xml(&response).ok(),
                Some(observable(dialect, &rules)),
                "{dialect}"
            );
        }
    }

    // LC-9: what the model's rule cannot hold is refused by the codec as MalformedXML.
    #[test]
    fn a_prefix_in_the_rule_and_in_its_filter_is_malformed() {
        let body = br"<LifecycleConfiguration><Rule><Prefix>a</Prefix><Filter><Prefix>b</Prefix></Filter>
            <Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>";
        let document = xml::LifecycleConfiguration::from_xml(body).expect("well-formed");
        assert!(matches!(from_xml(&document), Err(CodecError::Xml(_))));
    }

    // LC-9: a negative count reaches the model as 0 (InvalidArgument there); transitions are
    // not implemented.
    #[test]
    fn negative_counts_are_zero_and_transitions_not_implemented() {
        let body = br"<LifecycleConfiguration><Rule><Status>Enabled</Status>
            <Expiration><Days>-4</Days></Expiration></Rule></LifecycleConfiguration>";
        let document = xml::LifecycleConfiguration::from_xml(body).expect("well-formed");
        let rules = from_xml(&document).expect("mapped");
        assert_eq!(rules[0].expiration.as_ref().and_then(|e| e.days), Some(0));
        let body = br"<LifecycleConfiguration><Rule><Status>Enabled</Status>
            <Transition><Days>4</Days><StorageClass>IA</StorageClass></Transition></Rule></LifecycleConfiguration>";
        let document = xml::LifecycleConfiguration::from_xml(body).expect("well-formed");
        let refused = from_xml(&document).expect_err("refused");
        assert_eq!(refused.code(Dialect::Oss), "NotImplemented");
    }
}
