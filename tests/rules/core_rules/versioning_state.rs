use super::*;

// Rule: VS-1
#[test]
fn a_new_bucket_is_unversioned() {
    let bucket = Bucket::default();
    assert_eq!(bucket.versioning(), VersioningState::Unversioned);
    assert_eq!(
        bucket.get_bucket_versioning().status,
        VersioningState::Unversioned
    );
}

// Rule: VS-2
#[test]
fn allowed_transitions() {
    for (from, to) in [
        (None, "Enabled"),
        (None, "Suspended"),
        (Some("Enabled"), "Suspended"),
        (Some("Suspended"), "Enabled"),
        (Some("Enabled"), "Enabled"),
        (Some("Suspended"), "Suspended"),
    ] {
        let mut bucket = bucket_in(Dialect::Oss, from);
        let outcome = bucket
            .put_bucket_versioning(to)
            .expect("allowed transition");
        assert_eq!(outcome.status.as_str(), to, "{from:?} -> {to}");
        assert_eq!(bucket.versioning().as_str(), to);
        assert_eq!(bucket.versioning().to_string(), to);
        assert_eq!(bucket.versioning().as_ref(), to);
    }
}

// Rule: VS-2 — nothing returns to Unversioned; unknown statuses are refused per dialect.
#[test]
fn refused_statuses_leave_the_state() {
    for (dialect, code) in [
        (Dialect::Oss, "MalformedXML"),
        (Dialect::S3, "IllegalVersioningConfigurationException"),
    ] {
        for from in [None, Some("Enabled"), Some("Suspended")] {
            for status in ["Disabled", "Unversioned", "enabled", "", "None"] {
                let mut bucket = bucket_in(dialect, from);
                let state = bucket.versioning();
                let command = Command::PutBucketVersioning(PutBucketVersioning::new(status));
                assert_rejected(&mut bucket, command, code, 400);
                assert_eq!(bucket.versioning(), state);
            }
        }
    }
}

// Rule: VS-3
#[test]
fn changing_the_state_never_touches_entries() {
    let mut bucket = enabled();
    put(&mut bucket, "k", "a");
    delete(&mut bucket, "k");
    bucket.put_bucket_versioning("Suspended").expect("allowed");
    put(&mut bucket, "k", "b");
    let before = chain_ids(&bucket, "k");
    for status in ["Enabled", "Suspended", "Suspended", "Enabled"] {
        bucket.put_bucket_versioning(status).expect("allowed");
        assert_eq!(chain_ids(&bucket, "k"), before);
    }
}
