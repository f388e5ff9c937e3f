//! Requests whose HTTP framing lies or overflows, written byte for byte on a raw connection
//! (an HTTP client would not send them): a Content-Length longer than the body, headers past
//! the parser's limits, a declared body past what the endpoint takes. Each gets an error
//! answer or a closed connection — never a success — and afterwards the server still serves and
//! its state is unchanged (ERR-2, ERR-3; issue 17, bad input).

mod support;

use std::net::SocketAddr;
use std::time::Duration;

use bucket_versioning::Dialect;
use support::client::{pin_clock, send};
use support::server::{InProcess, Probe};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Writes `request` on a fresh connection, half-closes it, and reads what comes back until the
/// server closes (or 10 s pass): the raw answer, possibly empty.
async fn raw(address: SocketAddr, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(address)
        .await
        .expect("the server accepts");
    // The server may answer and close before it has read everything; a write error then is
    // part of the answer, not a failure.
    let _ = stream.write_all(request).await;
    let _ = stream.shutdown().await;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer)).await;
    String::from_utf8_lossy(&answer).into_owned()
}

/// The status of a raw answer, if it has one.
fn status(answer: &str) -> Option<u16> {
    answer
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
}

async fn lies_and_overflows(dialect: Dialect) {
    let server = InProcess::dialect(dialect).await;
    let address = server.address;
    // A pinned clock: a refused write's clock advance (LC-0) cannot tell the states apart.
    pin_clock(address, 86400).await;
    assert_eq!(send(address, "PUT", "/bkt", b"").await.status, 200);
    assert_eq!(send(address, "PUT", "/bkt/k", b"v0").await.status, 200);
    let before = Probe::take(address, "/bkt/k").await;
    let host = format!("Host: {address}\r\n");

    // A Content-Length longer than the body: the connection ends mid-body, nothing is stored.
    let short = format!("PUT /bkt/k HTTP/1.1\r\n{host}Content-Length: 100\r\n\r\nonly ten b");
    let answer = raw(address, short.as_bytes()).await;
    assert!(
        status(&answer).is_none_or(|code| code >= 300),
        "a body shorter than its Content-Length was accepted: {answer}"
    );

    // A header far past the parser's buffer, and more headers than it takes: 431 or a close.
    let huge = format!(
        "PUT /bkt/k HTTP/1.1\r\n{host}x-huge: {}\r\nContent-Length: 1\r\n\r\nx",
        "a".repeat(1 << 20)
    );
    let answer = raw(address, huge.as_bytes()).await;
    assert!(
        status(&answer).is_none_or(|code| code == 431),
        "a 1 MiB header: {}",
        &answer[..answer.len().min(200)]
    );
    let many: String = (0..500).map(|n| format!("x-h{n}: v\r\n")).collect();
    let crowded = format!("PUT /bkt/k HTTP/1.1\r\n{host}{many}Content-Length: 1\r\n\r\nx");
    let answer = raw(address, crowded.as_bytes()).await;
    assert!(
        status(&answer).is_none_or(|code| code == 431),
        "500 headers: {}",
        &answer[..answer.len().min(200)]
    );

    // A declared body past what the endpoint takes is refused from the head, as PUT-6 refuses
    // a body over 5 GiB, without waiting for the body.
    let code = match dialect {
        Dialect::Oss => "InlineDataTooLarge",
        Dialect::S3 => "EntityTooLarge",
    };
    for (declared, max) in [(6u64 << 30, 5u64 << 30), ((1 << 30) + 1, 1 << 30)] {
        let big = format!("PUT /bkt/k HTTP/1.1\r\n{host}Content-Length: {declared}\r\n\r\n");
        let answer = raw(address, big.as_bytes()).await;
        assert_eq!(
            status(&answer),
            Some(400),
            "{declared} bytes declared: {answer}"
        );
        assert!(answer.contains(code), "{declared}: {answer}");
        assert!(
            answer.contains(&format!("<MaxSizeAllowed>{max}</MaxSizeAllowed>")),
            "{declared}: {answer}"
        );
    }

    // Garbage that is not HTTP at all.
    let answer = raw(address, b"\x00\x01\x02 not http\r\n\r\n").await;
    assert!(status(&answer).is_none_or(|code| code >= 300), "{answer}");

    // The server still serves, and nothing changed.
    Probe::take(address, "/bkt/k")
        .await
        .assert_unchanged(&before, b"v0");
    server.stop().await;
}

// Rule: ERR-2, ERR-3, PUT-6 (oss)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oss_lying_and_overflowing_requests_change_nothing() {
    lies_and_overflows(Dialect::Oss).await;
}

// Rule: ERR-2, ERR-3, PUT-6 (s3)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s3_lying_and_overflowing_requests_change_nothing() {
    lies_and_overflows(Dialect::S3).await;
}
