use super::*;
use bucket_versioning::version_id::{IdSource, SeededIds};
use bucket_versioning::{Outcome, UploadId};

/// A source without an inverse whose IDs are unusable or repeat: `null` for the first
/// entry, `same` for every later one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct PoorIds;

impl IdSource for PoorIds {
    fn version_id(&self, sequence: u64) -> VersionId {
        if sequence == 0 {
            VersionId::NULL
        } else {
            VersionId::new("same")
        }
    }

    fn next_upload_id(&mut self) -> UploadId {
        UploadId::new("u")
    }
}

fn put_with<S: IdSource>(
    bucket: &mut Bucket<S>,
    key: &str,
    assign: Option<&str>,
) -> Option<String> {
    let command = Command::PutObject(PutObject {
        assign_version_id: assign.map(VersionId::new),
        ..PutObject::new(key, "x")
    });
    match bucket.apply(command) {
        Ok(Outcome::PutObject(put)) => put.version_id.map(|id| id.to_string()),
        other => panic!("{other:?}"),
    }
}

// Rule: ID-1 — a source's `null`, or an ID already issued, is never given to an entry: the
// entry gets the first `seq-{sequence}-{attempt}` not used.
#[test]
fn unusable_source_ids_are_replaced() {
    let mut bucket = Bucket::with_id_source(BucketConfig::default(), PoorIds);
    bucket.put_bucket_versioning("Enabled").expect("allowed");
    let ids = [
        put_with(&mut bucket, "k", None),
        put_with(&mut bucket, "k", None),
        put_with(&mut bucket, "k", None),
        put_with(&mut bucket, "k", Some("seq-4-0")),
        put_with(&mut bucket, "k", None),
    ];
    let expected = ["seq-0-0", "same", "seq-2-0", "seq-4-0", "seq-4-1"];
    assert_eq!(ids, expected.map(|id| Some(id.to_string())));
    bucket.check_invariants().expect("invariants");
}

// Rule: ID-1, ID-5 — a supplied ID that the source would give a later entry retires it:
// that entry gets a `seq-…` ID, and reading by the supplied ID finds the first entry.
#[test]
fn a_supplied_future_id_is_not_given_again() {
    let config = BucketConfig::default().with_seed(7);
    let future = SeededIds::new(7).version_id(1).to_string();
    let mut bucket = Bucket::new(config);
    bucket.put_bucket_versioning("Enabled").expect("allowed");
    assert_eq!(
        put_with(&mut bucket, "k", Some(&future)).as_deref(),
        Some(future.as_str())
    );
    bucket.put_object("k", "longer body").expect("put");
    assert_eq!(
        chain_ids(&bucket, "k"),
        [("seq-1-0".to_string(), false), (future.clone(), false)]
    );
    let first = bucket.get_object(GetObject::new("k").version_id(future.as_str()));
    assert_eq!(first.map(|meta| meta.size), Ok(1));
    bucket.check_invariants().expect("invariants");
}

// Rule: ID-1, ID-5 — a generated ID retired long ago (more than 64 entries before) stays
// retired: supplying it again is refused.
#[test]
fn long_retired_generated_ids_stay_retired() {
    // Sequence numbers 0..=9 before, 10 the retired ID, 11 a kept one, up to 130 after:
    // the retired and kept IDs' bits sit in an early word of the record, not the last.
    let mut bucket = enabled();
    for n in 0..10 {
        put(&mut bucket, &format!("before{n}"), "x");
    }
    let old = put(&mut bucket, "k", "x").expect("ID");
    bucket
        .delete_object(DeleteObject::new("k").version_id(old.clone()))
        .expect("delete");
    let kept = put(&mut bucket, "kept", "x").expect("ID");
    for n in 0..119 {
        put(&mut bucket, &format!("after{n}"), "x");
    }
    let reuse = put_assigning_cmd("k", "y", old);
    assert_rejected(&mut bucket, reuse, "InvalidArgument", 400);
    assert_eq!(
        bucket
            .get_object(GetObject::new("kept").version_id(kept))
            .map(|meta| meta.size),
        Ok(1)
    );
    bucket.check_invariants().expect("invariants");
}

// Rule: ID-5 — a caller may supply exactly the ID the source would have given the entry.
#[test]
fn supplying_the_sources_own_id() {
    let mut bucket = Bucket::new(BucketConfig::default().with_seed(5));
    bucket.put_bucket_versioning("Enabled").expect("allowed");
    let own = SeededIds::new(5).version_id(0).to_string();
    assert_eq!(put_with(&mut bucket, "k", Some(&own)), Some(own.clone()));
    let next = put_with(&mut bucket, "k", None).expect("an ID");
    assert_eq!(next, SeededIds::new(5).version_id(1).to_string());
    bucket.check_invariants().expect("invariants");
}

// Rule: ID-5 — the source's ID for an early sequence number that went to a supplied ID
// was never given out, so a caller may supply it, even 64 and more entries later.
#[test]
fn a_never_given_generated_id_may_be_supplied_later() {
    let mut bucket = Bucket::new(BucketConfig::default().with_seed(3));
    bucket.put_bucket_versioning("Enabled").expect("allowed");
    for n in 0..10 {
        put_with(&mut bucket, &format!("before{n}"), None);
    }
    put_with(&mut bucket, "k", Some("observed-on-a-server"));
    for n in 0..120 {
        put_with(&mut bucket, &format!("after{n}"), None);
    }
    let never_given = SeededIds::new(3).version_id(10).to_string();
    assert_eq!(
        put_with(&mut bucket, "k", Some(&never_given)),
        Some(never_given)
    );
    bucket.check_invariants().expect("invariants");
}
