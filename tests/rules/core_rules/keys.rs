use super::*;

// Rule: KEY-1 — oss keys: 1..=1023 bytes, no leading `/` or `\`.
#[test]
fn oss_key_rules() {
    let mut bucket = bucket_in(Dialect::Oss, Some("Enabled"));
    for bad in [String::new(), "/a".into(), "\\a".into(), "k".repeat(1024)] {
        for command in [
            put_cmd(&bad, "x"),
            get_cmd(&bad, None),
            delete_cmd(&bad, None),
        ] {
            let violation = assert_rejected(&mut bucket, command, "InvalidObjectName", 400);
            assert_eq!(
                violation,
                Violation::InvalidObjectName {
                    key: bad.as_str().into()
                }
            );
        }
    }
    assert!(bucket.put_object("k".repeat(1023), "x").is_ok());
    assert!(bucket.put_object("a/b\\c", "x").is_ok());
    // 1023 bytes is the limit in bytes, not characters: 342 three-byte characters = 1026.
    assert_rejected(
        &mut bucket,
        put_cmd(&"€".repeat(342), "x"),
        "InvalidObjectName",
        400,
    );
}

// Rule: KEY-2 — s3 keys: 1..=1024 bytes; too long is KeyTooLongError, empty InvalidArgument.
#[test]
fn s3_key_rules() {
    let mut bucket = bucket_in(Dialect::S3, Some("Enabled"));
    let violation = assert_rejected(
        &mut bucket,
        put_cmd(&"k".repeat(1025), "x"),
        "KeyTooLongError",
        400,
    );
    assert_eq!(
        violation,
        Violation::KeyTooLong {
            size: 1025,
            max_size: 1024
        }
    );
    let violation = assert_rejected(&mut bucket, get_cmd("", None), "InvalidArgument", 400);
    assert_eq!(
        violation,
        Violation::InvalidArgument(ArgumentError::EmptyKey)
    );
    assert!(bucket.put_object("k".repeat(1024), "x").is_ok());
    assert!(bucket.put_object("/leading-slash-is-fine", "x").is_ok());
}

// Rule: KEY-3 — keys order by the bytes of their UTF-8 encoding.
#[test]
fn keys_order_by_utf8_bytes() {
    let mut bucket = Bucket::default();
    for key in ["é", "z", "B", "a", "aa", "a/b", "~", "Z"] {
        put(&mut bucket, key, "x");
    }
    let keys: Vec<String> = bucket
        .chains()
        .map(|chain| chain.key().to_string())
        .collect();
    assert_eq!(keys, ["B", "Z", "a", "a/b", "aa", "z", "~", "é"]);
}
