//! The checker finds a bug and shrinks it (issue 18's second acceptance item). The endpoint is
//! this project's server behind a wrapper that breaks VS-3/PUT-3: in a Suspended bucket, a
//! PutObject of a key that already has a null entry keeps the old null entry — the wrapper
//! answers the put itself (200, the new body's ETag, version `null`) and never forwards it. The
//! put's own answer is the model's; only the chain read back after it shows the old entry.
//! The checker must report exactly that group and shrink its case to at most 5 commands, in a
//! trace the model replays.

mod support;

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use bucket_versioning::{Bucket, BucketConfig, Dialect, wire};
use bucket_versioning_checker::check::{Options, check};
use bucket_versioning_checker::endpoint::{Endpoint, EndpointError, HttpEndpoint};
use bucket_versioning_checker::report;
use bytes::Bytes;
use md5::{Digest, Md5};
use support::Running;

/// The broken server: [`HttpEndpoint`] with the Suspended put that keeps the old null entry.
#[derive(Clone, Debug)]
struct KeepsNullOnSuspendedPut {
    inner: HttpEndpoint,
    /// The versioning status each bucket was last set to.
    suspended: Arc<Mutex<BTreeMap<String, bool>>>,
}

impl KeepsNullOnSuspendedPut {
    fn is_suspended(&self, bucket: &str) -> bool {
        self.suspended
            .lock()
            .map(|states| states.get(bucket).copied().unwrap_or(false))
            .unwrap_or(false)
    }

    async fn exchange(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, EndpointError> {
        let path = request.uri().path().to_owned();
        let query = request.uri().query().unwrap_or_default().to_owned();
        let mut segments = path.trim_start_matches('/').splitn(2, '/');
        let bucket = segments.next().unwrap_or_default().to_owned();
        let key = segments.next().unwrap_or_default().to_owned();
        let is_put = request.method() == http::Method::PUT;
        if is_put && key.is_empty() && query == "versioning" {
            let suspended = String::from_utf8_lossy(request.body()).contains("Suspended");
            let response = self.inner.send(request).await?;
            if response.status().is_success()
                && let Ok(mut states) = self.suspended.lock()
            {
                states.insert(bucket, suspended);
            }
            return Ok(response);
        }
        // A plain put: not a copy, not conditional (a conditional put the server would refuse
        // with 412 is not the bug's to answer).
        let plain_put = is_put
            && !key.is_empty()
            && query.is_empty()
            && !request.headers().contains_key("x-amz-copy-source")
            && !request.headers().contains_key(http::header::IF_MATCH)
            && !request.headers().contains_key(http::header::IF_NONE_MATCH);
        if plain_put && self.is_suspended(&bucket) {
            let head = http::Request::head(format!("{path}?versionId=null"))
                .header(http::header::HOST, self.inner.host())
                .body(Bytes::new())
                .map_err(|error| EndpointError::new("a HEAD", error))?;
            if self.inner.send(head).await?.status() == http::StatusCode::OK {
                // The bug: the old null entry stays; the put is answered as the server answers
                // one that replaced it (the new body's ETag, no version ID header).
                let etag = hex(&Md5::digest(request.body()));
                return http::Response::builder()
                    .status(200)
                    .header(http::header::ETAG, format!("\"{etag}\""))
                    .body(Bytes::new())
                    .map_err(|error| EndpointError::new("a made-up answer", error));
            }
        }
        self.inner.send(request).await
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

impl Endpoint for KeepsNullOnSuspendedPut {
    fn host(&self) -> String {
        self.inner.host()
    }

    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> impl Future<Output = Result<http::Response<Bytes>, EndpointError>> {
        self.exchange(request)
    }
}

/// VS-3, PUT-3 (s3): the broken put is found, grouped under put_object, and shrunk to a trace
/// of at most 5 commands that replays through the model.
#[test]
fn a_suspended_put_that_keeps_the_null_entry_is_found_and_shrunk() {
    let server = Running::dialect(Dialect::S3);
    let endpoint = KeepsNullOnSuspendedPut {
        inner: HttpEndpoint::new(&server.url).expect("a URL"),
        suspended: Arc::default(),
    };
    let options = Options {
        cases: 200,
        max_steps: 30,
        seed: 5,
        // Deletes left out: with them, a case may need a delete marker under the null entry
        // and shrink to a local minimum of 5 scenario commands (see the report).
        ops: [
            "put_bucket_versioning",
            "put_object",
            "get_object",
            "list_object_versions",
        ]
        .map(str::to_owned)
        .to_vec(),
        // Writes without attributes: the wrapper answers the broken put itself, so a put whose
        // storage class or metadata the server would refuse (TAG-5) is accepted, and a read
        // after it shows the old entry's content type — the same bug in two more groups.
        attributes: false,
        ..Options::new(Dialect::S3)
    };
    let report = check(&endpoint, &options, &|_| {}).expect("the endpoint answers");
    // One bug, one group: the put's answer is the model's, the chain read back after it is not.
    let groups: Vec<String> = report.groups.keys().map(ToString::to_string).collect();
    assert_eq!(groups, ["put_object/chain/PUT"]);
    for (group, found) in &report.groups {
        let minimal = found.minimal.as_ref().expect("a new group is shrunk");
        let trace = report::trace(Dialect::S3, minimal);
        let commands = report::trace_len(minimal);
        assert!(
            commands <= 5,
            "{group}: shrunk to {commands} commands only:\n{trace}"
        );
        // The put's own answer is the model's: the chain read back after it shows the old
        // entry. The minimal case suspends versioning and puts twice, and the trace replays
        // through the model.
        assert!(
            trace.contains("(chain read back)") && trace.contains("Suspended"),
            "{trace}"
        );
        let mut model = Bucket::new(BucketConfig::new(Dialect::S3));
        let replies: Vec<String> = wire::replay(&mut model, &trace)
            .map(|reply| reply.to_line())
            .collect();
        assert_eq!(replies.len(), commands, "{trace}");
        eprintln!("{group} ({} cases):\n{trace}", found.cases);
    }
}
