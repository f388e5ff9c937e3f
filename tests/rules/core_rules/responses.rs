use super::*;

// Rule: RSP-1 — writes report: Enabled the new ID; Suspended oss `null`, s3 none;
// Unversioned none.
#[test]
fn write_reports_by_state_and_dialect() {
    let cases = [
        (Dialect::Oss, None, None),
        (Dialect::S3, None, None),
        (Dialect::Oss, Some("Suspended"), Some(VersionId::NULL)),
        (Dialect::S3, Some("Suspended"), None),
    ];
    for (dialect, state, expected) in cases {
        let mut bucket = bucket_in(dialect, state);
        assert_eq!(put(&mut bucket, "k", "x"), expected, "{dialect} {state:?}");
        // The entry's own ID is visible in the chain whatever the response says.
        assert_eq!(chain_ids(&bucket, "k"), [("null".to_string(), false)]);
    }
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = bucket_in(dialect, Some("Enabled"));
        let id = put(&mut bucket, "k", "x").expect("Enabled reports an ID");
        assert_eq!(chain_ids(&bucket, "k"), [(id.to_string(), false)]);
    }
}

// Rule: RSP-2 — simple delete: Enabled the marker's ID, Suspended `null`, Unversioned
// none; by version ID the ID given, in every state.
#[test]
fn delete_reports_by_state() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = bucket_in(dialect, None);
        assert_eq!(delete(&mut bucket, "k"), None);
        let by_id = bucket
            .delete_object(DeleteObject::new("k").version_id("given"))
            .expect("delete");
        assert_eq!(by_id.version_id, Some("given".into()));
        bucket.put_bucket_versioning("Suspended").expect("allowed");
        assert_eq!(delete(&mut bucket, "k"), Some(VersionId::NULL));
        bucket.put_bucket_versioning("Enabled").expect("allowed");
        let id = delete(&mut bucket, "k").expect("an ID");
        assert_eq!(chain_ids(&bucket, "k")[0], (id.to_string(), true));
    }
}

// Rule: RSP-3 — reads report the entry's ID (`null` included) in versioned buckets and
// none in an Unversioned one; also on the NoSuchKey error of a marker.
#[test]
fn read_reports_by_state() {
    let mut bucket = Bucket::default();
    put(&mut bucket, "k", "x");
    assert_eq!(bucket.get_object("k").map(|m| m.version_id), Ok(None));
    assert_eq!(
        bucket
            .get_object(GetObject::new("k").version_id(VersionId::NULL))
            .map(|m| m.version_id),
        Ok(None)
    );
    bucket.put_bucket_versioning("Enabled").expect("allowed");
    assert_eq!(
        bucket.get_object("k").map(|m| m.version_id),
        Ok(Some(VersionId::NULL))
    );
    bucket.put_bucket_versioning("Suspended").expect("allowed");
    delete(&mut bucket, "k");
    assert_eq!(
        bucket.head_object("k"),
        Err(Violation::NoSuchKey {
            delete_marker: true,
            version_id: Some(VersionId::NULL)
        })
    );
}
