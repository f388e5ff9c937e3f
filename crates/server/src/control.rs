//! The control API for tests, under the reserved prefix `/_bv/` (never a bucket: bucket names
//! start with a letter or digit, SVC-2). JSON in and out:
//!
//! | request | effect | answer |
//! |---|---|---|
//! | `POST /_bv/reset` | an empty service (no buckets), an empty log, the clock pinned at 0 | 204 |
//! | `GET /_bv/snapshot` | — | the service snapshot, as the model's `Service` serializes: `{"format", "config", "now", "buckets": {name: bucket snapshot}}` |
//! | `PUT /_bv/snapshot` | replaces the service with the body's service snapshot (of this dialect); the clock stays as it is, each bucket's creation date becomes the snapshot's `now`, the log starts afresh | 204; 400 with the reason when it is refused (nothing changes) |
//! | `GET /_bv/clock` | — | `{"now": N, "pinned": bool}` |
//! | `PUT /_bv/clock?pin=N` | the clock stands at N | the clock |
//! | `POST /_bv/clock?advance=S` | the clock moves S seconds forward (and stays pinned) | the clock |
//! | `DELETE /_bv/clock` | the clock follows the wall clock | the clock |
//! | `GET /_bv/log` | — | the accepted mutating commands since the last reset or restore, one trace line each (trace-format.md, revision 2: with `bucket`): `wire::replay_service` replays it, from an empty `Service` of the endpoint's dialect and seed, to the snapshot |
//! | `GET /_bv/log?bucket=NAME` | — | that bucket's trace since its creation (revision 2: its `create_bucket`, its commands and every advance of the shared clock, all naming it): `cargo run --example replay -- --dialect D --seed N` replays it to the bucket's state |
//! | `POST /_bv/lifecycle?bucket=NAME` | one lifecycle run on the bucket at the endpoint's clock (LC-5, LC-11): the service's clock is brought there, `run_lifecycle` applied and logged (and journaled) like any write | LC-13's lists, as the trace format writes the outcome: `{"removed": [{"key", "version_id", "delete_marker"}], "delete_markers_added": [{"key", "version_id"}], "uploads_aborted": [{"key", "upload_id"}]}`; a missing bucket: 404 `{"error": {"code": "NoSuchBucket", "message"}}`; no `bucket`: 400 |

use bucket_versioning_http::query::Query;
use bytes::Bytes;
use http::request::Parts;
use http::{Method, Response, StatusCode};
use http_body_util::BodyExt;
use hyper::body::Incoming;
use serde_json::{Value, json};

use crate::registry::{Registry, RunError};
use crate::response_body::{ResponseBody, whole as full};

/// The reserved path prefix.
pub const PREFIX: &str = "/_bv/";

/// The largest snapshot a `PUT /_bv/snapshot` takes: 256 MiB.
const MAX_SNAPSHOT: usize = 256 << 20;

/// Answers a control request.
pub async fn handle(registry: &Registry, parts: &Parts, body: Incoming) -> Response<ResponseBody> {
    let path = parts
        .uri
        .path()
        .trim_start_matches(PREFIX)
        .trim_end_matches('/');
    let query = Query::parse(parts.uri.query()).unwrap_or_default();
    let number = |name: &str| query.get(name).and_then(|value| value.parse::<u64>().ok());
    match (&parts.method, path) {
        (&Method::POST, "reset") => match registry.reset() {
            Ok(()) => empty(StatusCode::NO_CONTENT),
            Err(error) => text(StatusCode::INTERNAL_SERVER_ERROR, &error),
        },
        (&Method::GET, "snapshot") => json_answer(&registry.snapshot()),
        (&Method::PUT, "snapshot") => {
            let Ok(collected) = body.collect().await else {
                return text(StatusCode::BAD_REQUEST, "the body could not be read");
            };
            let bytes = collected.to_bytes();
            if bytes.len() > MAX_SNAPSHOT {
                return text(StatusCode::PAYLOAD_TOO_LARGE, "the snapshot is too large");
            }
            let snapshot: Value = match serde_json::from_slice(&bytes) {
                Ok(snapshot) => snapshot,
                Err(error) => return text(StatusCode::BAD_REQUEST, &error.to_string()),
            };
            match registry.restore(&snapshot) {
                Ok(()) => empty(StatusCode::NO_CONTENT),
                Err(error) => text(StatusCode::BAD_REQUEST, &error),
            }
        }
        (&Method::GET, "clock") => clock(registry),
        (&Method::PUT, "clock") => match number("pin") {
            Some(now) => {
                registry.pin_clock(now);
                clock(registry)
            }
            None => text(StatusCode::BAD_REQUEST, "PUT /_bv/clock needs ?pin=SECONDS"),
        },
        (&Method::POST, "clock") => match number("advance") {
            Some(seconds) => {
                registry.advance_clock(seconds);
                clock(registry)
            }
            None => text(
                StatusCode::BAD_REQUEST,
                "POST /_bv/clock needs ?advance=SECONDS",
            ),
        },
        (&Method::DELETE, "clock") => {
            registry.follow_wall_clock();
            clock(registry)
        }
        (&Method::GET, "log") => {
            let mut response = Response::new(full(Bytes::from(registry.log(query.get("bucket")))));
            response.headers_mut().insert(
                http::header::CONTENT_TYPE,
                http::HeaderValue::from_static("application/x-ndjson"),
            );
            response
        }
        (&Method::POST, "lifecycle") => match query.get("bucket") {
            None => text(
                StatusCode::BAD_REQUEST,
                "POST /_bv/lifecycle needs ?bucket=NAME",
            ),
            Some(bucket) => match registry.run_lifecycle(bucket) {
                Ok(outcome) => json_answer(&outcome),
                Err(RunError::Violation(violation)) => {
                    let mut response = json_answer(&json!({"error": {
                        "code": violation.code(),
                        "message": violation.to_string(),
                    }}));
                    *response.status_mut() = StatusCode::from_u16(violation.http_status())
                        .unwrap_or(StatusCode::BAD_REQUEST);
                    response
                }
                Err(RunError::Storage(error)) => text(StatusCode::INTERNAL_SERVER_ERROR, &error),
            },
        },
        _ => text(StatusCode::NOT_FOUND, "no such control request"),
    }
}

fn clock(registry: &Registry) -> Response<ResponseBody> {
    let (now, pinned) = registry.clock();
    json_answer(&json!({"now": now, "pinned": pinned}))
}

fn json_answer(value: &Value) -> Response<ResponseBody> {
    let mut response = Response::new(full(Bytes::from(value.to_string())));
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    response
}

fn text(status: StatusCode, message: &str) -> Response<ResponseBody> {
    let mut response = Response::new(full(Bytes::from(message.to_owned())));
    *response.status_mut() = status;
    response
}

fn empty(status: StatusCode) -> Response<ResponseBody> {
    let mut response = Response::new(full(Bytes::new()));
    *response.status_mut() = status;
    response
}
