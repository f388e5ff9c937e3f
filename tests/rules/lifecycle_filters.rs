//! Lifecycle filters (LC-10) on the entries' own sizes and tags (TAG-1): s3 tag filters, oss
//! `not` with and without a tag, and what delete markers match.

use super::lifecycle::{at, configure, removed, run, version};
use crate::support::*;
use bucket_versioning::lifecycle::{LifecycleFilter, LifecycleRule, LifecycleTag, NotFilter};
use bucket_versioning::outcome::RunLifecycleOutcome;
use bucket_versioning::request::PutObject;
use bucket_versioning::{Bucket, Command, Dialect, Outcome, Tags, VersionId};

const DAY: u64 = 86_400;

/// Puts `key` with `body` and `tags` (TAG-1), returning the new version's ID.
#[track_caller]
fn put_tagged(bucket: &mut Bucket, key: &str, body: &str, tags: &[(&str, &str)]) -> VersionId {
    let tags: Tags = tags.iter().copied().collect();
    match bucket.apply(Command::PutObject(PutObject::new(key, body).tags(tags))) {
        Ok(Outcome::PutObject(put)) => version(put.version_id),
        other => panic!("{other:?}"),
    }
}

// Rule: LC-10, TAG-1 — size bounds are strict and apply to each entry's own size; a tag filter
// (s3 `And`) matches an entry carrying every listed tag with an equal value, on the entry's own
// tags; a marker matches no rule with a size or tag condition.
#[test]
fn lc10_tag1_size_and_tag_conditions() {
    let mut bucket = bucket_in(Dialect::S3, Some("Enabled"));
    let both = put_tagged(&mut bucket, "k", "ab", &[("team", "web"), ("tier", "gold")]);
    let marker = version(delete(&mut bucket, "k"));
    let large = version(put(&mut bucket, "k", "abcd"));
    let other_tier = put_tagged(&mut bucket, "k", "xy", &[("team", "web"), ("tier", "iron")]);
    let one = put_tagged(&mut bucket, "k", "xy", &[("team", "web")]);
    put_tagged(
        &mut bucket,
        "k",
        "head",
        &[("team", "web"), ("tier", "gold")],
    );
    let sized = LifecycleFilter {
        object_size_greater_than: Some(2),
        ..LifecycleFilter::default()
    };
    let tagged = LifecycleFilter {
        tags: Some(
            [("team", "web"), ("tier", "gold")]
                .map(|(k, v)| (k.into(), v.into()))
                .into(),
        ),
        ..LifecycleFilter::default()
    };
    configure(
        &mut bucket,
        vec![
            LifecycleRule::new().filter(sized).noncurrent_days(1),
            LifecycleRule::new()
                .filter(tagged.clone())
                .noncurrent_days(1),
        ],
    );
    at(&mut bucket, DAY);
    assert_eq!(
        run(&mut bucket).removed,
        [removed("k", &large, false), removed("k", &both, false)]
    );
    let left: Vec<String> = chain_ids(&bucket, "k")
        .into_iter()
        .skip(1)
        .map(|(id, _)| id)
        .collect();
    assert_eq!(
        left,
        [one.to_string(), other_tier.to_string(), marker.to_string()]
    );
    // Current expiration: the tagged head expires, an untagged head is kept.
    put(&mut bucket, "plain", "v");
    configure(
        &mut bucket,
        vec![LifecycleRule::new().filter(tagged).expiration_days(1)],
    );
    at(&mut bucket, 3 * DAY);
    let added: Vec<String> = run(&mut bucket)
        .delete_markers_added
        .iter()
        .map(|m| m.key.to_string())
        .collect();
    assert_eq!(added, ["k"]);
}

// Rule: LC-10, TAG-1 — the prefix is a byte prefix; oss `not` excludes keys with its prefix,
// and with a tag only the entries of those keys carrying that tag with that value.
#[test]
fn lc10_tag1_prefix_and_not() {
    let mut bucket = enabled();
    for key in ["a/1", "a/keep/1", "b/1"] {
        put(&mut bucket, key, "v1");
    }
    put_tagged(&mut bucket, "a/keep/2", "v1", &[("keep", "yes")]);
    put_tagged(&mut bucket, "a/keep/3", "v1", &[("keep", "no")]);
    let not = |tag: Option<LifecycleTag>| LifecycleFilter {
        prefix: Some("a/".into()),
        not: Some(NotFilter {
            prefix: Some("a/keep/".into()),
            tag,
        }),
        ..LifecycleFilter::default()
    };
    configure(
        &mut bucket,
        vec![LifecycleRule::new().filter(not(None)).expiration_days(1)],
    );
    at(&mut bucket, DAY);
    let keys = |outcome: RunLifecycleOutcome| -> Vec<String> {
        outcome
            .delete_markers_added
            .iter()
            .map(|m| m.key.to_string())
            .collect()
    };
    assert_eq!(keys(run(&mut bucket)), ["a/1"]);
    let tag = LifecycleTag {
        key: "keep".into(),
        value: "yes".into(),
    };
    configure(
        &mut bucket,
        vec![
            LifecycleRule::new()
                .filter(not(Some(tag)))
                .expiration_days(1),
        ],
    );
    assert_eq!(keys(run(&mut bucket)), ["a/keep/1", "a/keep/3"]);
    assert_eq!(
        chain_ids(&bucket, "a/keep/2").len(),
        1,
        "the tagged entry is kept"
    );
}
