//! Bad input gets the service's error response, the server keeps serving, and the state is
//! unchanged (ERR-2; issue 17, bad input).

mod support;

use bucket_versioning::Dialect;
use support::client::{pin_clock, send, send_with};
use support::server::{InProcess, Probe};

/// A refused request: method, path, headers, body, and the status and code it gets.
type Case<'a> = (
    &'a str,
    &'a str,
    Vec<(&'a str, &'a str)>,
    &'a [u8],
    u16,
    &'a str,
);

async fn refusals(dialect: Dialect) {
    let server = InProcess::dialect(dialect).await;
    let address = server.address;
    // A pinned clock: a refused write's clock advance (LC-0) cannot tell the states apart.
    pin_clock(address, 86400).await;
    assert_eq!(send(address, "PUT", "/bkt", b"").await.status, 200);
    assert_eq!(send(address, "PUT", "/bkt/k", b"v0").await.status, 200);
    let before = Probe::take(address, "/bkt/k").await;
    let md5_of_other = "XrY7u+Ae7tCTyyK7j1rNww=="; // Content-MD5 of "hello world"
    let cases: Vec<Case<'_>> = vec![
        // Not XML, and the wrong document (MalformedXML, VS-2 / BAT-1).
        (
            "PUT",
            "/bkt?versioning",
            vec![],
            b"<Versioning",
            400,
            "MalformedXML",
        ),
        (
            "PUT",
            "/bkt?versioning",
            vec![],
            b"<Delete/>",
            400,
            "MalformedXML",
        ),
        (
            "POST",
            "/bkt?delete",
            vec![],
            b"<Delete></Delete>",
            400,
            "MalformedXML",
        ),
        // A status that is no state (VS-2).
        (
            "PUT",
            "/bkt?versioning",
            vec![],
            b"<VersioningConfiguration><Status>Disabled</Status></VersioningConfiguration>",
            400,
            match dialect {
                Dialect::Oss => "MalformedXML",
                Dialect::S3 => "IllegalVersioningConfigurationException",
            },
        ),
        // Bad percent-encoding in the path.
        ("GET", "/bkt/%ZZ", vec![], b"", 400, "InvalidURI"),
        // An API outside the model.
        ("PUT", "/bkt/k?acl", vec![], b"", 501, "NotImplemented"),
        // A body that is not what its digest says (http.md §7).
        (
            "PUT",
            "/bkt/k",
            vec![("content-md5", md5_of_other)],
            b"not hello",
            400,
            match dialect {
                Dialect::Oss => "InvalidDigest",
                Dialect::S3 => "BadDigest",
            },
        ),
        // A part number that is not one (MPU-2) and an unknown upload (MPU-3).
        (
            "PUT",
            "/bkt/k?partNumber=x&uploadId=u",
            vec![],
            b"p",
            400,
            "InvalidArgument",
        ),
        (
            "PUT",
            "/bkt/k?partNumber=1&uploadId=nope",
            vec![],
            b"p",
            404,
            "NoSuchUpload",
        ),
        // A bucket that does not exist.
        ("GET", "/nobucket/k", vec![], b"", 404, "NoSuchBucket"),
    ];
    for (method, path, headers, body, status, code) in cases {
        let reply = send_with(address, method, path, &headers, body).await;
        let text = String::from_utf8_lossy(&reply.body).into_owned();
        assert_eq!(reply.status, status, "{method} {path}: {text}");
        assert!(
            text.contains(&format!("<Code>{code}</Code>")),
            "{method} {path}: {text}"
        );
    }
    Probe::take(address, "/bkt/k")
        .await
        .assert_unchanged(&before, b"v0");
    server.stop().await;
}

// Rule: ERR-2 (oss)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oss_refusals_change_nothing() {
    refusals(Dialect::Oss).await;
}

// Rule: ERR-2 (s3)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s3_refusals_change_nothing() {
    refusals(Dialect::S3).await;
}
