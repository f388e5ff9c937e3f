use super::*;

// ---------------------------------------------------------------------------------------------
// CT-2, CT-4

// Rule: CT-4 — the multipart ETag is the MD5 of the listed parts' binary MD5s, in hex, then
// `-N` (oss uppercase, s3 lowercase); CT-2 — the CRC-64 is that of the whole byte sequence.
#[test]
fn multipart_etag_and_crc() {
    for (dialect, uppercase) in [(Dialect::Oss, true), (Dialect::S3, false)] {
        let mut bucket = versioned(dialect, "Enabled");
        let upload = initiate(&mut bucket, "k");
        let min = dialect.min_part_size();
        let first = "0123456789abcdef".repeat((min / 16) as usize);
        let second = "tail of the object";
        let e1 = part(&mut bucket, "k", &upload, 3, first.as_str().into());
        let e2 = part(&mut bucket, "k", &upload, 4, second.into());
        part(&mut bucket, "k", &upload, 5, "unlisted".into());
        let done = complete(&mut bucket, "k", &upload, &[(3, &e1), (4, &e2)]);

        let mut digests = Vec::new();
        digests.extend_from_slice(&Md5::digest(first.as_bytes()));
        digests.extend_from_slice(&Md5::digest(second.as_bytes()));
        let expected = format!("{}-2", hex(&Md5::digest(&digests), uppercase));
        assert_eq!(done.etag.as_str(), expected, "{dialect}");
        let whole = format!("{first}{second}");
        assert_eq!(done.crc64, crc64::checksum(whole.as_bytes()));
        let head = bucket.get_object("k").expect("head");
        assert_eq!(head.etag.as_str(), expected);
        assert_eq!(head.crc64, done.crc64);
        assert_eq!(head.size, whole.len() as u64);
        let entry_etag = bucket
            .chain("k")
            .and_then(|chain| chain.head())
            .and_then(|head| head.etag());
        assert_eq!(entry_etag, Some(done.etag.clone()));
    }
}

// Rule: CT-4 — a single-part object's ETag is still `MD5(MD5(part))-1`, not the part's MD5.
#[test]
fn single_part_etag_is_not_the_parts_md5() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    let upload = initiate(&mut bucket, "k");
    let etag = part(&mut bucket, "k", &upload, 1, "only".into());
    let done = complete(&mut bucket, "k", &upload, &[(1, &etag)]);
    let inner = Md5::digest(b"only");
    assert_eq!(
        done.etag.as_str(),
        format!("{}-1", hex(&Md5::digest(inner), true))
    );
    assert_ne!(done.etag, etag);
}

// ---------------------------------------------------------------------------------------------
// INV-7

// Rule: INV-7 — checked by check_invariants after every multipart command.
#[test]
fn invariants_hold_through_a_multipart_history() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    let first = initiate(&mut bucket, "k");
    let second = initiate(&mut bucket, "k");
    let e1 = part(&mut bucket, "k", &first, 1, bytes("x", MIN_OSS));
    let e2 = part(&mut bucket, "k", &first, 10_000, "y".into());
    part(&mut bucket, "k", &second, 3, "z".into());
    bucket.abort_multipart_upload("k", &second).expect("abort");
    checked(&bucket);
    complete(&mut bucket, "k", &first, &[(1, &e1), (10_000, &e2)]);
    assert_eq!(bucket.upload_count(), 0);
    checked(&bucket);
}

// Rule: MPU-7, APP-7 — Complete onto a key whose head is an unsealed appendable seals it
// (Enabled and Suspended); it stays as a noncurrent version.
#[test]
fn complete_seals_an_appendable_head() {
    for state in ["Enabled", "Suspended"] {
        let mut bucket = versioned(Dialect::Oss, "Enabled");
        let appendable = bucket
            .append_object("log", 0, "abc")
            .expect("create")
            .version_id;
        bucket.put_bucket_versioning(state).expect("allowed");
        let upload = initiate(&mut bucket, "log");
        let etag = part(&mut bucket, "log", &upload, 1, "tail".into());
        complete(&mut bucket, "log", &upload, &[(1, &etag)]);
        let view = bucket.chain("log").expect("a chain");
        let entries: Vec<_> = view.iter().collect();
        assert_eq!(entries.len(), 2, "{state}");
        assert_eq!(entries[0].object_type(), Some(ObjectType::Multipart));
        assert_eq!(Some(entries[1].version_id()), appendable.as_ref());
        assert_eq!(entries[1].object_type(), Some(ObjectType::Appendable));
        assert!(entries[1].is_sealed(), "{state}: the appendable is sealed");
        checked(&bucket);
    }
}

/// An ID source whose upload IDs repeat: `same`, then the empty string, then `same` forever.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct RepeatingUploadIds {
    draws: u64,
}

impl bucket_versioning::version_id::IdSource for RepeatingUploadIds {
    fn version_id(&self, sequence: u64) -> VersionId {
        VersionId::new(format!("v{sequence}"))
    }

    fn next_upload_id(&mut self) -> UploadId {
        self.draws += 1;
        UploadId::new(if self.draws == 2 { "" } else { "same" })
    }
}

// Rule: MPU-1 — every Initiate gets a new, non-empty upload ID, even from a source that repeats
// itself; an ID stays used after its upload is aborted.
#[test]
fn upload_ids_stay_unique_when_the_source_repeats() {
    let mut bucket = Bucket::with_id_source(BucketConfig::default(), RepeatingUploadIds::default());
    let first = bucket
        .initiate_multipart_upload("k")
        .expect("initiate")
        .upload_id;
    assert_eq!(first.as_str(), "same");
    bucket.abort_multipart_upload("k", &first).expect("abort");
    let mut seen = vec![first];
    for _ in 0..3 {
        let id = bucket
            .initiate_multipart_upload("k")
            .expect("initiate")
            .upload_id;
        assert!(!id.as_str().is_empty());
        assert!(!seen.contains(&id), "{id} given twice");
        seen.push(id);
    }
    bucket.check_invariants().expect("invariants");
}
