//! Properties of the decoders (httparse/h2 style: no input makes them panic; errors are typed
//! values) and round trips of the encoders.

use bucket_versioning::Dialect;
use bucket_versioning_http::Codec;
use bucket_versioning_http::addressing::Addressing;
use bucket_versioning_http::auth::{Authorization, Credentials};
use bucket_versioning_http::aws_chunked::{AwsChunkedDecoder, ChunkError, Frame, decode_all};
use bucket_versioning_http::checksum::{BodyChecks, ChecksumAlgorithm, verify_body};
use bucket_versioning_http::percent;
use bucket_versioning_http::query::Query;
use bucket_versioning_http::time;
use bucket_versioning_http::xml::*;
use bytes::BytesMut;
use proptest::prelude::*;

/// Text an XML element can carry and give back unchanged: no control characters, and not
/// blank (blank text between elements is formatting, not content).
fn xml_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ._/+=&<>\"'%~é日-]{0,12}".prop_filter("not blank", |text| {
        text.is_empty() || !text.trim().is_empty()
    })
}

fn tag() -> impl Strategy<Value = Tag> {
    (xml_text(), xml_text()).prop_map(|(key, value)| Tag { key, value })
}

/// Splits `bytes` at the given cut points (taken modulo its length).
fn split(bytes: &[u8], cuts: &[usize]) -> Vec<Vec<u8>> {
    let mut cuts: Vec<usize> = cuts
        .iter()
        .map(|cut| {
            if bytes.is_empty() {
                0
            } else {
                cut % bytes.len()
            }
        })
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut pieces = Vec::new();
    let mut start = 0;
    for cut in cuts.into_iter().chain([bytes.len()]) {
        pieces.push(bytes[start..cut].to_vec());
        start = cut;
    }
    pieces
}

/// An unsigned aws-chunked encoding of `data` in frames of the given sizes, with a CRC32
/// trailer.
fn aws_chunked(data: &[u8], frames: &[usize]) -> Vec<u8> {
    let mut body = Vec::new();
    let mut rest = data;
    for size in frames.iter().map(|size| size % 64 + 1) {
        if rest.is_empty() {
            break;
        }
        let (frame, tail) = rest.split_at(size.min(rest.len()));
        body.extend_from_slice(format!("{:x}\r\n", frame.len()).as_bytes());
        body.extend_from_slice(frame);
        body.extend_from_slice(b"\r\n");
        rest = tail;
    }
    if !rest.is_empty() {
        body.extend_from_slice(format!("{:X}\r\n", rest.len()).as_bytes());
        body.extend_from_slice(rest);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(b"0\r\n");
    body.extend_from_slice(
        format!(
            "x-amz-checksum-crc32:{}\r\n\r\n",
            ChecksumAlgorithm::Crc32.base64_digest(data)
        )
        .as_bytes(),
    );
    body
}

proptest! {
    // http.md §7: any bytes, fed in any pieces, give data or a typed error, never a panic; the
    // decoded length never passes the declared one.
    #[test]
    fn aws_chunked_never_panics(
        body in proptest::collection::vec(any::<u8>(), 0..300),
        cuts in proptest::collection::vec(any::<usize>(), 0..8),
        expected in proptest::option::of(0u64..200),
        signed in any::<bool>(),
    ) {
        let mut decoder = AwsChunkedDecoder::new(expected, signed);
        let mut buf = BytesMut::new();
        let mut decoded = 0u64;
        let mut outcome: Result<(), ChunkError> = Ok(());
        'feed: for piece in split(&body, &cuts) {
            buf.extend_from_slice(&piece);
            loop {
                match decoder.decode(&mut buf) {
                    Ok(Some(Frame::Data(data))) => decoded += data.len() as u64,
                    Ok(Some(Frame::End(_))) | Ok(None) => break,
                    Err(error) => {
                        outcome = Err(error);
                        break 'feed;
                    }
                }
            }
        }
        if outcome.is_ok() {
            while let Ok(Some(frame)) = decoder.decode_eof(&mut buf) {
                if let Frame::Data(data) = frame {
                    decoded += data.len() as u64;
                }
            }
        }
        if let Some(expected) = expected {
            prop_assert!(decoded <= expected);
        }
        prop_assert_eq!(decoded, decoder.decoded_len());
    }

    // http.md §7: an encoded body decodes to its data and trailer whatever the frame sizes and
    // however the bytes arrive, and its trailer checksum verifies.
    #[test]
    fn aws_chunked_round_trips(
        data in proptest::collection::vec(any::<u8>(), 0..400),
        frames in proptest::collection::vec(any::<usize>(), 0..10),
        cuts in proptest::collection::vec(any::<usize>(), 0..10),
    ) {
        let body = aws_chunked(&data, &frames);
        let whole = decode_all(AwsChunkedDecoder::new(Some(data.len() as u64), false), &body)
            .expect("a well-formed body");
        prop_assert_eq!(whole.data.as_ref(), data.as_slice());
        let mut decoder = AwsChunkedDecoder::new(Some(data.len() as u64), false);
        let mut buf = BytesMut::new();
        let mut pieces = Vec::new();
        let mut trailers = None;
        for piece in split(&body, &cuts) {
            buf.extend_from_slice(&piece);
            while let Some(frame) = decoder.decode(&mut buf).expect("well-formed") {
                match frame {
                    Frame::Data(bytes) => pieces.extend_from_slice(&bytes),
                    Frame::End(end) => trailers = Some(end),
                }
            }
        }
        prop_assert_eq!(&pieces, &data);
        let trailers = trailers.expect("the body ended");
        let mut headers = http::HeaderMap::new();
        headers.insert("x-amz-trailer", http::HeaderValue::from_static("x-amz-checksum-crc32"));
        prop_assert_eq!(verify_body(&headers, &pieces, &trailers), Ok(()));
        // One declared byte more and the body is incomplete.
        prop_assert!(
            decode_all(AwsChunkedDecoder::new(Some(data.len() as u64 + 1), false), &body).is_err()
        );
    }

    // http.md §7: checking a body in pieces is checking it whole.
    #[test]
    fn checksums_do_not_depend_on_the_pieces(
        data in proptest::collection::vec(any::<u8>(), 0..300),
        cuts in proptest::collection::vec(any::<usize>(), 0..6),
    ) {
        let mut headers = http::HeaderMap::new();
        for algorithm in ChecksumAlgorithm::ALL {
            headers.insert(
                algorithm.header_name(),
                algorithm.base64_digest(&data).parse().expect("base64 is a header value"),
            );
        }
        let mut checks = BodyChecks::from_headers(&headers).expect("well-formed");
        for piece in split(&data, &cuts) {
            checks.update(&piece);
        }
        prop_assert_eq!(checks.finish(&[]), Ok(()));
    }

    // http.md §1.2: any query string parses or is a typed error; a decoded query keeps every
    // parameter in order.
    #[test]
    fn queries_never_panic(raw in "[a-zA-Z0-9%=&+ ._~-]{0,40}") {
        if let Ok(query) = Query::parse(Some(&raw)) {
            let expected = raw.split('&').filter(|pair| !pair.is_empty()).count();
            prop_assert_eq!(query.params().len(), expected);
            let _ = query.without_presign();
        }
    }

    // http.md §1.1, §2: percent-encoding a key for `encoding-type=url`, then decoding it once,
    // gives the key back; the encoding never contains `+` or a space.
    #[test]
    fn url_fields_round_trip(text in any::<String>()) {
        let encoded = percent::encode_url_field(&text);
        prop_assert!(!encoded.contains('+') && !encoded.contains(' '));
        prop_assert_eq!(percent::decode(&encoded), Ok(text.clone()));
        prop_assert_eq!(percent::decode_query_component(&encoded), Ok(text));
    }

    // http.md §1.1: any path and Host address something or are a typed error.
    #[test]
    fn addressing_never_panics(
        path in "/[a-zA-Z0-9%/._~+-]{0,30}",
        host in proptest::option::of("[a-zA-Z0-9.:\\[\\]-]{0,20}"),
    ) {
        if let Ok(uri) = path.parse::<http::Uri>() {
            let addressing = Addressing::new("127.0.0.1:9000");
            let _ = addressing.target_of(&uri, host.as_deref());
        }
    }

    // http.md §6: any Authorization header and presign query is read or refused as a typed
    // error, and verifying what was read never panics.
    #[test]
    fn authorization_never_panics(
        scheme in prop_oneof![
            Just("OSS "), Just("OSS4-HMAC-SHA256 "), Just("AWS4-HMAC-SHA256 "), Just(""),
        ],
        rest in "[ -~]{0,120}",
        query in "[a-zA-Z0-9%=&._-]{0,60}",
        presign in prop_oneof![
            Just(""),
            Just("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a%2F20250101%2Fr%2Fs3%2Faws4_request&X-Amz-Date=x&X-Amz-SignedHeaders=host&X-Amz-Signature="),
            Just("OSSAccessKeyId=a&Expires=1&Signature="),
            Just("x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=a%2F20250101%2Fr%2Foss%2Faliyun_v4_request&x-oss-date=x&x-oss-signature="),
        ],
        with_header in any::<bool>(),
    ) {
        let target = format!("/b/k?{presign}{query}");
        let Ok(mut builder) = http::Request::builder().uri(target.as_str()).body(()).map(|r| r.into_parts().0) else {
            return Ok(());
        };
        if with_header
            && let Ok(value) = format!("{scheme}{rest}").parse() {
                builder.headers.insert("authorization", value);
            }
        builder.headers.insert("x-amz-date", http::HeaderValue::from_static("20250101T000000Z"));
        builder.headers.insert("x-oss-date", http::HeaderValue::from_static("20250101T000000Z"));
        builder.headers.insert("x-amz-content-sha256", http::HeaderValue::from_static("UNSIGNED-PAYLOAD"));
        if let Ok(Some(authorization)) = Authorization::parse(&builder) {
            let target = bucket_versioning_http::addressing::Target::Object {
                bucket: "b".into(),
                key: "k".into(),
            };
            let credentials = Credentials::new(authorization.access_key(), "secret");
            prop_assert!(authorization.verify(&builder, &target, &credentials).is_err());
        }
    }

    // http.md §1.3: any method, path and query dispatch or are refused with a typed error.
    #[test]
    fn request_heads_never_panic(
        method in prop_oneof![Just("GET"), Just("PUT"), Just("POST"), Just("DELETE"), Just("HEAD"), Just("PATCH")],
        path in "/[a-z0-9/%]{0,12}",
        query in "[a-zA-Z0-9=&%-]{0,30}",
        dialect in prop_oneof![Just(Dialect::Oss), Just(Dialect::S3)],
    ) {
        let target = format!("{path}?{query}");
        if let Ok(request) = http::Request::builder().method(method).uri(target.as_str()).body(()) {
            let (parts, _) = request.into_parts();
            let codec = Codec::new(dialect, Addressing::default());
            if let Err(error) = codec.decode_head(&parts) {
                prop_assert!(error.status().as_u16() >= 400);
            }
        }
    }

    // http.md §10: any bytes given as any request document are parsed or refused as
    // MalformedXML, never a panic.
    #[test]
    fn request_documents_never_panic(body in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = Delete::from_xml(&body);
        let _ = CompleteMultipartUpload::from_xml(&body);
        let _ = VersioningConfiguration::from_xml(&body);
        let _ = Tagging::from_xml(&body);
        let _ = LifecycleConfiguration::from_xml(&body);
        let _ = CreateBucketConfiguration::from_xml(&body);
        let _ = ObjectLockConfiguration::from_xml(&body);
        let _ = Retention::from_xml(&body);
        let _ = LegalHold::from_xml(&body);
        let _ = InitiateWormConfiguration::from_xml(&body);
    }

    // http.md §10: well-formed-looking XML built from the documents' own element names, in any
    // order and nesting, is parsed or refused, never a panic.
    #[test]
    fn element_soup_never_panics(
        elements in proptest::collection::vec(
            (prop_oneof![
                Just("Delete"), Just("Object"), Just("Key"), Just("VersionId"), Just("Quiet"),
                Just("Rule"), Just("Filter"), Just("And"), Just("Tag"), Just("Value"),
                Just("Expiration"), Just("Days"), Just("Status"), Just("Part"), Just("ETag"),
                Just("PartNumber"), Just("LifecycleConfiguration"), Just("Not"),
            ], "[a-zA-Z0-9 ]{0,4}", any::<bool>()),
            0..12,
        ),
    ) {
        let mut body = String::new();
        let mut open = Vec::new();
        for (name, text, close) in elements {
            body.push_str(&format!("<{name}>{text}"));
            open.push(name);
            if close
                && let Some(name) = open.pop() {
                    body.push_str(&format!("</{name}>"));
                }
        }
        while let Some(name) = open.pop() {
            body.push_str(&format!("</{name}>"));
        }
        let _ = Delete::from_xml(body.as_bytes());
        let _ = LifecycleConfiguration::from_xml(body.as_bytes());
        let _ = CompleteMultipartUpload::from_xml(body.as_bytes());
    }

    // http.md §10: a request document written by the client direction parses back to itself, in
    // both dialects (s3 with its namespace).
    #[test]
    fn request_documents_round_trip(
        objects in proptest::collection::vec(
            (xml_text(), proptest::option::of(xml_text())),
            0..5,
        ),
        quiet in proptest::option::of(any::<bool>()),
        tags in proptest::collection::vec(tag(), 0..4),
        parts in proptest::collection::vec((any::<i64>(), xml_text()), 0..4),
        status in proptest::option::of(xml_text()),
        days in proptest::option::of(any::<i64>()),
        prefix in proptest::option::of(xml_text()),
        dialect in prop_oneof![Just(Dialect::Oss), Just(Dialect::S3)],
    ) {
        let delete = Delete {
            quiet,
            objects: objects
                .into_iter()
                .map(|(key, version_id)| ObjectIdentifier { key, version_id, etag: None })
                .collect(),
        };
        prop_assert_eq!(Delete::from_xml(&delete.to_request_xml(dialect)), Ok(delete));
        let tagging = Tagging { tag_set: TagSet { tags: tags.clone() } };
        prop_assert_eq!(Tagging::from_xml(&tagging.to_request_xml(dialect)), Ok(tagging));
        let complete = CompleteMultipartUpload {
            parts: parts
                .into_iter()
                .map(|(part_number, etag)| CompletedPart { part_number, etag })
                .collect(),
        };
        prop_assert_eq!(
            CompleteMultipartUpload::from_xml(&complete.to_request_xml(dialect)),
            Ok(complete)
        );
        let versioning = VersioningConfiguration { status, mfa_delete: None };
        prop_assert_eq!(
            VersioningConfiguration::from_xml(&versioning.to_request_xml(dialect)),
            Ok(versioning)
        );
        let lifecycle = LifecycleConfiguration {
            rules: vec![LifecycleRule {
                id: Some("r".into()),
                prefix: prefix.clone(),
                filter: Some(LifecycleFilter {
                    and: Some(LifecycleAnd { prefix, tags: tags.clone(), ..LifecycleAnd::default() }),
                    ..LifecycleFilter::default()
                }),
                status: "Enabled".into(),
                expiration: Some(LifecycleExpiration {
                    days,
                    expired_object_delete_marker: quiet,
                    ..LifecycleExpiration::default()
                }),
                tags,
                ..LifecycleRule::default()
            }],
        };
        prop_assert_eq!(
            LifecycleConfiguration::from_xml(&lifecycle.to_request_xml(dialect)),
            Ok(lifecycle)
        );
    }

    // LC-0, http.md §2: every logical second prints and parses back, in both forms.
    #[test]
    fn times_round_trip(seconds in 0..=time::MAX_SECONDS) {
        prop_assert_eq!(time::parse_iso8601(&time::iso8601(seconds)), Ok(seconds));
        prop_assert_eq!(time::parse_http_date(&time::http_date(seconds)), Ok(seconds));
        let midnight = seconds - seconds % 86_400;
        prop_assert_eq!(time::parse_iso8601_midnight(&time::iso8601(midnight)), Ok(midnight));
    }

    // LC-7: any text is a timestamp or a typed error.
    #[test]
    fn timestamps_never_panic(text in "\\PC{0,30}") {
        let _ = time::parse_iso8601(&text);
        let _ = time::parse_http_date(&text);
    }
}
