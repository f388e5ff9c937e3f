use super::*;

// Rule: CT-1 — the fingerprint: length, CRC-64/XZ, MD5.
#[test]
fn fingerprint_of_bytes() {
    let content = Content::from_bytes(b"123456789");
    assert_eq!(content.len(), 9);
    assert_eq!(content.crc64(), 0x995D_C9BB_DF19_39FA);
    assert_eq!(Content::from_bytes(b"").crc64(), 0);
    let mut bucket = Bucket::default();
    let outcome = bucket.put_object("k", "123456789").expect("put");
    assert_eq!(outcome.crc64, 11_051_210_869_376_104_954);
    let meta = bucket.get_object("k").expect("get");
    assert_eq!((meta.size, meta.crc64), (9, 11_051_210_869_376_104_954));
}

// Rule: CT-1 — a fingerprint given directly stands for a large synthetic body.
#[test]
fn fingerprint_given_directly() {
    let mut bucket = Bucket::default();
    let md5 = [0xAB; 16];
    let content = Content::from_fingerprint(MAX_OBJECT_SIZE, 12345, Some(md5));
    let outcome = bucket
        .put_object("big", content)
        .expect("5 GiB exactly is allowed");
    assert_eq!(outcome.crc64, 12345);
    assert_eq!(outcome.etag.as_str(), "AB".repeat(16));
    assert_eq!(
        bucket.head_object("big").map(|m| m.size),
        Ok(MAX_OBJECT_SIZE)
    );
}

// Rule: CT-3 — the ETag of a simple upload is the hex MD5, uppercase (oss) / lowercase (s3).
#[test]
fn put_etag_is_hex_md5_by_dialect() {
    let mut oss = bucket_in(Dialect::Oss, None);
    let mut s3 = bucket_in(Dialect::S3, None);
    // md5("v1") = 6654c734ccab8f440ff0825eb443dc7f
    assert_eq!(
        oss.put_object("k", "v1").map(|o| o.etag.to_string()),
        Ok("6654C734CCAB8F440FF0825EB443DC7F".into())
    );
    assert_eq!(
        s3.put_object("k", "v1").map(|o| o.etag.to_string()),
        Ok("6654c734ccab8f440ff0825eb443dc7f".into())
    );
    assert_eq!(
        oss.get_object("k").map(|m| m.etag.to_string()),
        Ok("6654C734CCAB8F440FF0825EB443DC7F".into())
    );
}

// Rule: CT-1 — bodies given as repeats and concatenations fingerprint like their bytes.
#[test]
fn repeat_and_concat_bodies() {
    let mut bucket = Bucket::default();
    let body = Body::Concat {
        concat: vec![
            "ab".into(),
            Body::Repeat {
                repeat: "xy".into(),
                times: 1000,
            },
        ],
    };
    let expected = Content::from_bytes(format!("ab{}", "xy".repeat(1000)).as_bytes());
    let outcome = bucket.put_object("k", body).expect("put");
    assert_eq!(outcome.crc64, expected.crc64());
    assert_eq!(bucket.get_object("k").map(|m| m.size), Ok(2002));
}
