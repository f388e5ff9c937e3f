//! http.md §6: signatures. The AWS documentation's SigV4 examples, and requests signed by
//! botocore's and oss2's own signers (`tests/vectors/sign.py`, recorded in
//! `tests/vectors/signed.jsonl`): every one verifies, and every one with one byte changed is
//! refused.

use base64::Engine as _;
use bucket_versioning_http::addressing::Target;
use bucket_versioning_http::auth::{AuthError, Authorization, ChunkSigner, Credentials, Placement};
use bucket_versioning_http::aws_chunked::{AwsChunkedDecoder, ChunkError, decode_all};
use bucket_versioning_http::checksum::verify_body;
use http::request::Parts;
use sha2::{Digest as _, Sha256};
use support::{Recorded, addressing, parts, recorded};

mod support;

/// The AWS documentation's example key pair.
const AWS_ACCESS_KEY: &str = "AKIAIOSFODNN7EXAMPLE";
const AWS_SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

#[track_caller]
fn verify(parts: &Parts, credentials: &Credentials) -> Result<Authorization, AuthError> {
    let target = addressing()
        .target_of(&parts.uri, host(parts))
        .expect("addressable");
    let authorization = Authorization::parse(parts)?.expect("signed");
    authorization.verify(parts, &target, credentials)?;
    Ok(authorization)
}

fn host(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get("host")
        .and_then(|value| value.to_str().ok())
}

/// `text` with the byte at `at` replaced by another digit (a digit: still hex, base64 and a
/// date, and no mere change of letter case).
fn change_one_byte(text: &str, at: usize) -> String {
    let mut bytes = text.as_bytes().to_vec();
    bytes[at] = if bytes[at] == b'0' { b'1' } else { b'0' };
    String::from_utf8(bytes).expect("ASCII in, ASCII out")
}

// http.md §6: the GET-object example of the SigV4 documentation (header form).
#[test]
fn aws_example_get_object() {
    let request = parts(
        "GET",
        "/test.txt",
        &[
            ("host", "examplebucket.s3.amazonaws.com"),
            ("range", "bytes=0-9"),
            ("x-amz-content-sha256", EMPTY_SHA256),
            ("x-amz-date", "20130524T000000Z"),
            (
                "authorization",
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,\
                 SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,\
                 Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
            ),
        ],
    );
    let credentials = Credentials::new(AWS_ACCESS_KEY, AWS_SECRET_KEY);
    let authorization = verify(&request, &credentials).expect("the documented signature verifies");
    assert_eq!(authorization.access_key(), AWS_ACCESS_KEY);
    let other_range = parts(
        "GET",
        "/test.txt",
        &[
            ("host", "examplebucket.s3.amazonaws.com"),
            ("range", "bytes=0-8"),
            ("x-amz-content-sha256", EMPTY_SHA256),
            ("x-amz-date", "20130524T000000Z"),
            (
                "authorization",
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,\
                 SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,\
                 Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
            ),
        ],
    );
    assert_eq!(
        verify(&other_range, &credentials).map(|_| ()),
        Err(AuthError::SignatureDoesNotMatch)
    );
    assert_eq!(
        verify(
            &request,
            &Credentials::new(AWS_ACCESS_KEY, "another secret")
        )
        .map(|_| ()),
        Err(AuthError::SignatureDoesNotMatch)
    );
    assert_eq!(
        verify(&request, &Credentials::new("AKIDOTHER", AWS_SECRET_KEY)).map(|_| ()),
        Err(AuthError::InvalidAccessKeyId(AWS_ACCESS_KEY.into()))
    );
}

// http.md §6: the PUT-object example: a `$` in the key, a signed `Date` header and payload
// hash.
#[test]
fn aws_example_put_object() {
    let body = b"Welcome to Amazon S3.";
    let payload = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";
    let request = parts(
        "PUT",
        "/test%24file.text",
        &[
            ("host", "examplebucket.s3.amazonaws.com"),
            ("date", "Fri, 24 May 2013 00:00:00 GMT"),
            ("x-amz-date", "20130524T000000Z"),
            ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
            ("x-amz-content-sha256", payload),
            (
                "authorization",
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,\
                 SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,\
                 Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
            ),
        ],
    );
    verify(&request, &Credentials::new(AWS_ACCESS_KEY, AWS_SECRET_KEY))
        .expect("the documented signature verifies");
    // The payload hash names the body (http.md §7).
    assert_eq!(verify_body(&request.headers, body, &[]), Ok(()));
}

// http.md §6: the GET-bucket-lifecycle and list-objects examples: canonical queries.
#[test]
fn aws_example_bucket_queries() {
    for (target, signature) in [
        (
            "/?lifecycle",
            "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543",
        ),
        (
            "/?max-keys=2&prefix=J",
            "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7",
        ),
    ] {
        let authorization = format!(
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,\
             SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature={signature}"
        );
        let request = parts(
            "GET",
            target,
            &[
                ("host", "examplebucket.s3.amazonaws.com"),
                ("x-amz-content-sha256", EMPTY_SHA256),
                ("x-amz-date", "20130524T000000Z"),
                ("authorization", &authorization),
            ],
        );
        verify(&request, &Credentials::new(AWS_ACCESS_KEY, AWS_SECRET_KEY))
            .unwrap_or_else(|error| panic!("{target}: {error}"));
    }
}

// http.md §6: the presigned-URL example (query form, UNSIGNED-PAYLOAD).
#[test]
fn aws_example_presigned_url() {
    let target = "/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256\
                  &X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request\
                  &X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host\
                  &X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
    let request = parts("GET", target, &[("host", "examplebucket.s3.amazonaws.com")]);
    let authorization = verify(&request, &Credentials::new(AWS_ACCESS_KEY, AWS_SECRET_KEY))
        .expect("the documented presigned URL verifies");
    assert_eq!(
        authorization.placement(),
        &Placement::Query {
            expires: Some("86400".into())
        }
    );
}

/// The documented chunked upload: 66560 bytes of `a` in frames of 65536, 1024 and 0.
fn aws_chunked_example(signatures: [&str; 3]) -> Vec<u8> {
    let mut body = Vec::new();
    for (size, signature) in [65_536, 1_024, 0].into_iter().zip(signatures) {
        body.extend_from_slice(format!("{size:x};chunk-signature={signature}\r\n").as_bytes());
        body.extend(std::iter::repeat_n(b'a', size));
        body.extend_from_slice(b"\r\n");
    }
    body
}

const AWS_CHUNK_SIGNATURES: [&str; 3] = [
    "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
    "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
    "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9",
];

// http.md §6, §7: the chunked-upload example — the seed signature over
// STREAMING-AWS4-HMAC-SHA256-PAYLOAD, then each frame's signature chained to it.
#[test]
fn aws_example_signed_chunked_upload() {
    let request = parts(
        "PUT",
        "/examplebucket/chunkObject.txt",
        &[
            ("host", "s3.amazonaws.com"),
            ("x-amz-date", "20130524T000000Z"),
            ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
            ("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
            ("content-encoding", "aws-chunked"),
            ("x-amz-decoded-content-length", "66560"),
            ("content-length", "66824"),
            (
                "authorization",
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,\
                 SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;\
                 x-amz-decoded-content-length;x-amz-storage-class,\
                 Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9",
            ),
        ],
    );
    let credentials = Credentials::new(AWS_ACCESS_KEY, AWS_SECRET_KEY);
    let authorization = verify(&request, &credentials).expect("the seed signature verifies");
    let signer = authorization
        .chunk_signer(&request, &credentials)
        .expect("a signed streaming body");
    let decoder = || {
        AwsChunkedDecoder::for_request(&request.headers)
            .expect("readable headers")
            .expect("aws-chunked")
            .with_signer(signer.clone())
    };
    let body = aws_chunked_example(AWS_CHUNK_SIGNATURES);
    assert_eq!(body.len(), 66_824);
    let decoded = decode_all(decoder(), &body).expect("every frame signature verifies");
    assert_eq!(decoded.data.len(), 66_560);
    assert!(decoded.data.iter().all(|byte| *byte == b'a'));
    for changed in 0..3 {
        let mut signatures = AWS_CHUNK_SIGNATURES;
        let other = change_one_byte(signatures[changed], 10);
        signatures[changed] = &other;
        assert_eq!(
            decode_all(decoder(), &aws_chunked_example(signatures)),
            Err(ChunkError::Signature(AuthError::SignatureDoesNotMatch)),
            "frame {changed}"
        );
    }
    let mut tampered = body.clone();
    tampered[200] = b'b';
    assert_eq!(
        decode_all(decoder(), &tampered),
        Err(ChunkError::Signature(AuthError::SignatureDoesNotMatch))
    );
}

// http.md §7: the signed-trailer example of the streaming documentation — frames chained from
// its seed, then the trailer's own signature over `x-amz-checksum-crc32c:…\n`.
#[test]
fn aws_example_signed_chunks_with_trailer() {
    let scope_request = parts(
        "PUT",
        "/",
        &[(
            "authorization",
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,\
             SignedHeaders=host,Signature=106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e",
        )],
    );
    let Some(Authorization::SigV4(seed)) = Authorization::parse(&scope_request).expect("parses")
    else {
        panic!("a SigV4 header");
    };
    let signer = ChunkSigner::new(
        AWS_SECRET_KEY,
        seed.scope(),
        "20130524T000000Z",
        "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e",
    )
    .expect("a 64-hex seed");
    let body = |trailer_signature: &str| {
        let mut body = aws_chunked_example([
            "b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2",
            "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7",
            "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992",
        ]);
        body.truncate(body.len() - 2);
        body.extend_from_slice(
            format!(
                "x-amz-checksum-crc32c:sOO8/Q==\r\nx-amz-trailer-signature:{trailer_signature}\r\n\r\n"
            )
            .as_bytes(),
        );
        body
    };
    let good = "d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435";
    let decoder = || AwsChunkedDecoder::new(Some(66_560), true).with_signer(signer.clone());
    let decoded = decode_all(decoder(), &body(good)).expect("the documented trailer verifies");
    assert_eq!(decoded.trailers.len(), 1);
    assert_eq!(decoded.trailers[0].name(), "x-amz-checksum-crc32c");
    let mut headers = http::HeaderMap::new();
    headers.insert(
        "x-amz-trailer",
        "x-amz-checksum-crc32c".parse().expect("a value"),
    );
    assert_eq!(
        verify_body(&headers, &decoded.data, &decoded.trailers),
        Ok(())
    );
    assert_eq!(
        decode_all(decoder(), &body(&change_one_byte(good, 0))),
        Err(ChunkError::Signature(AuthError::SignatureDoesNotMatch))
    );
}

/// A recorded request with one byte changed in something its scheme signs.
struct Variant {
    what: String,
    target: String,
    headers: Vec<(String, String)>,
}

/// The variants of a recorded request with one byte changed in its signature or its signing
/// time, wherever the request carries them (headers or presign parameters).
fn signature_and_time_changed(record: &Recorded) -> Vec<Variant> {
    let mut variants = Vec::new();
    for (index, (name, value)) in record.headers.iter().enumerate() {
        let name = name.to_ascii_lowercase();
        if !matches!(
            name.as_str(),
            "authorization" | "x-amz-date" | "x-oss-date" | "date"
        ) {
            continue;
        }
        let mut headers = record.headers.clone();
        headers[index].1 = change_one_byte(value, value.len() - 3);
        variants.push(Variant {
            what: name,
            target: record.target.clone(),
            headers,
        });
    }
    for parameter in [
        "X-Amz-Signature=",
        "x-oss-signature=",
        "Signature=",
        "X-Amz-Date=",
        "x-oss-date=",
        "Expires=",
    ] {
        if let Some(start) = record.target.find(parameter) {
            variants.push(Variant {
                what: parameter.to_owned(),
                target: change_one_byte(&record.target, start + parameter.len() + 2),
                headers: record.headers.clone(),
            });
        }
    }
    variants
}

// http.md §6: every request botocore and oss2 signed verifies with its key pair, and the same
// request with one byte of its signature, its signing time or its path changed does not.
#[test]
fn sdk_signed_requests_verify() {
    let records = recorded();
    assert!(
        records.len() >= 90,
        "the recording has {} requests",
        records.len()
    );
    let mut schemes = std::collections::BTreeSet::new();
    for record in &records {
        schemes.insert(record.scheme.as_str());
        let credentials = Credentials::new(&record.access_key, &record.secret_key);
        let request = record.parts();
        let authorization = verify(&request, &credentials)
            .unwrap_or_else(|error| panic!("{}: {error}", record.name));
        assert_eq!(
            authorization.access_key(),
            record.access_key,
            "{}",
            record.name
        );
        let expected_kind = match record.scheme.split('-').take(2).collect::<Vec<_>>()[..] {
            ["sigv4", ..] => matches!(authorization, Authorization::SigV4(_)),
            ["oss", "v1"] => matches!(authorization, Authorization::OssV1(_)),
            ["oss", "v4"] => matches!(authorization, Authorization::OssV4(_)),
            _ => false,
        };
        assert!(expected_kind, "{}: {authorization:?}", record.name);
        assert_eq!(
            matches!(authorization.placement(), Placement::Query { .. }),
            record.scheme.ends_with("-presigned"),
            "{}",
            record.name
        );

        let variants = signature_and_time_changed(record);
        assert!(!variants.is_empty(), "{}", record.name);
        for variant in variants {
            let changed = record.parts_with(&variant.target, &variant.headers);
            assert!(
                verify(&changed, &credentials).is_err(),
                "{}: a changed {} still verifies",
                record.name,
                variant.what
            );
        }
        // The path is signed by every scheme: change its last byte.
        let path_end = record.target.find('?').unwrap_or(record.target.len());
        if path_end > 1 {
            let changed_target = change_one_byte(&record.target, path_end - 1);
            let changed = record.parts_with(&changed_target, &record.headers);
            assert_eq!(
                verify(&changed, &credentials).map(|_| ()),
                Err(AuthError::SignatureDoesNotMatch),
                "{}: a changed path still verifies",
                record.name
            );
        }
    }
    assert_eq!(
        schemes.into_iter().collect::<Vec<_>>(),
        [
            "oss-v1",
            "oss-v1-presigned",
            "oss-v4",
            "oss-v4-presigned",
            "sigv4",
            "sigv4-presigned"
        ]
    );
}

// http.md §7: the recorded bodies pass the integrity checks their headers ask for, and the
// aws-chunked one decodes to the same bytes as the plain one.
#[test]
fn sdk_recorded_bodies_pass_their_checks() {
    let records = recorded();
    let body = |name: &str| {
        let record = records
            .iter()
            .find(|record| record.name == name)
            .unwrap_or_else(|| panic!("{name} is recorded"));
        let parts = record.parts();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&record.body_base64)
            .expect("base64");
        (parts, bytes)
    };
    let (plain, plain_body) = body("s3-path-put-object");
    assert_eq!(verify_body(&plain.headers, &plain_body, &[]), Ok(()));
    let (chunked, chunked_body) = body("s3-https-virtual-put-object");
    let decoder = AwsChunkedDecoder::for_request(&chunked.headers)
        .expect("readable")
        .expect("aws-chunked");
    let decoded = decode_all(decoder, &chunked_body).expect("decodes");
    assert_eq!(decoded.data, plain_body);
    assert_eq!(
        verify_body(&chunked.headers, &decoded.data, &decoded.trailers),
        Ok(())
    );
    for name in [
        "s3-path-delete-objects",
        "s3-path-put-bucket-versioning",
        "oss-v1-path-batch-delete",
    ] {
        let (parts, bytes) = body(name);
        assert_eq!(verify_body(&parts.headers, &bytes, &[]), Ok(()), "{name}");
        let mut changed = bytes.clone();
        changed[0] ^= 1;
        assert!(
            verify_body(&parts.headers, &changed, &[]).is_err(),
            "{name}"
        );
    }
    assert_eq!(
        hex(&Sha256::digest(&plain_body)),
        plain
            .headers
            .get("x-amz-content-sha256")
            .expect("botocore sends it")
            .to_str()
            .expect("ASCII")
    );
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

// The target a recorded virtual-host request names is its bucket and key.
#[test]
fn sdk_virtual_host_requests_address_the_bucket() {
    for record in recorded() {
        let request = record.parts();
        let target = addressing()
            .target_of(&request.uri, host(&request))
            .expect("addressable");
        if record.name.ends_with("list-buckets") {
            assert_eq!(target, Target::Service, "{}", record.name);
        } else {
            assert_eq!(target.bucket(), Some("bucket"), "{}", record.name);
        }
    }
}
