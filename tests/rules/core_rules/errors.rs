use super::*;

// Rule: ERR-1 — codes, statuses and carried fields.
#[test]
fn violations_carry_code_status_and_fields() {
    let table: [(Violation, &str, u16); 6] = [
        (
            Violation::PositionNotEqualToLength { next_position: 7 },
            "PositionNotEqualToLength",
            409,
        ),
        (Violation::ObjectNotAppendable, "ObjectNotAppendable", 409),
        (
            Violation::EntityTooSmall {
                part_number: 2,
                size: 10,
                min_size: 102_400,
            },
            "EntityTooSmall",
            400,
        ),
        (
            Violation::NotImplemented {
                operation: "AppendObject",
            },
            "NotImplemented",
            501,
        ),
        (
            Violation::NoSuchUpload {
                upload_id: "u".into(),
            },
            "NoSuchUpload",
            404,
        ),
        (
            Violation::MethodNotAllowed {
                version_id: "m".into(),
            },
            "MethodNotAllowed",
            405,
        ),
    ];
    for (violation, code, status) in table {
        assert_eq!((violation.code(), violation.http_status()), (code, status));
        assert!(violation.to_string().starts_with(code), "{violation}");
    }
}

// Rule: ERR-3 — sizes near u64::MAX are rejected with the rule's error, not a panic.
#[test]
fn huge_sizes_do_not_panic() {
    let mut bucket = enabled();
    let max = Content::from_fingerprint(u64::MAX, 1, None);
    let command = Command::PutObject(PutObject::new("k", max));
    assert_rejected(&mut bucket, command, "InlineDataTooLarge", 400);
    let overflow = Body::Concat {
        concat: vec![max.into(), max.into()],
    };
    let command = Command::PutObject(PutObject::new("k", overflow));
    let violation = assert_rejected(&mut bucket, command, "InvalidArgument", 400);
    assert_eq!(
        violation,
        Violation::InvalidArgument(ArgumentError::BodyTooLong)
    );
    bucket.advance_clock(u64::MAX).expect("to the end of time");
    let violation = assert_rejected(
        &mut bucket,
        Command::AdvanceClock(AdvanceClock::new(1)),
        "InvalidArgument",
        400,
    );
    assert_eq!(
        violation,
        Violation::InvalidArgument(ArgumentError::ClockOverflow(1))
    );
}

// Rule: ERR-4 — the command's own arguments are checked before the bucket state.
#[test]
fn arguments_before_state() {
    let mut bucket = bucket_in(Dialect::S3, Some("Enabled"));
    // The key does not exist (a state error) and the key is empty (an argument error).
    assert_rejected(&mut bucket, get_cmd("", None), "InvalidArgument", 400);
    // The version ID is empty and the key is bad: the key comes first.
    let mut oss = bucket_in(Dialect::Oss, Some("Suspended"));
    assert_rejected(
        &mut oss,
        get_cmd("/bad", Some("")),
        "InvalidObjectName",
        400,
    );
    // A used supplied ID (argument) wins over "not Enabled" (state).
    let mut bucket = enabled();
    let used = put(&mut bucket, "k", "x").expect("ID");
    bucket.put_bucket_versioning("Suspended").expect("allowed");
    let command = put_assigning_cmd("k", "y", used.clone());
    let violation = assert_rejected(&mut bucket, command, "InvalidArgument", 400);
    assert_eq!(
        violation,
        Violation::InvalidArgument(ArgumentError::SuppliedVersionIdUsed(used))
    );
}
