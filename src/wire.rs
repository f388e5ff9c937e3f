//! The trace format's reply line (feature `serde`): `{"ok": …}` or `{"error": …}`.
//!
//! A command line deserializes as a [`Command`]; the reply to it serializes from a
//! [`Reply`]. See `docs/spec/trace-format.md`. [`replay_line`] runs one line and [`replay`]
//! a whole trace: the `replay` example, the trace tests, the docs examples and the fuzz
//! target all go through them.
//!
//! ```
//! use bucket_versioning::{Bucket, wire};
//!
//! let mut bucket = Bucket::default();
//! let trace = "# a comment\n{\"op\":\"put_object\",\"key\":\"a\",\"body\":\"x\"}\n{\"op\":\"nope\"}\n";
//! let replies: Vec<String> = wire::replay(&mut bucket, trace).map(|reply| reply.to_line()).collect();
//! assert_eq!(replies.len(), 2);
//! assert!(replies[0].starts_with(r#"{"ok":{"#));
//! assert!(replies[1].contains("MalformedCommand"));
//! ```

use alloc::string::{String, ToString};

use serde::Serialize;

use crate::bucket::Bucket;
use crate::command::Command;
use crate::outcome::Outcome;
use crate::service::{DEFAULT_BUCKET, Service};
use crate::version_id::IdSource;
use crate::violation::Violation;

/// Runs one trace line against `bucket`: `None` for a blank line or a `#` comment, else the
/// reply line's value — the outcome, the violation, or `MalformedCommand` for a line that is
/// not a command (which changes nothing).
pub fn replay_line<S: IdSource>(bucket: &mut Bucket<S>, line: &str) -> Option<Reply> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    Some(match serde_json::from_str::<Command>(line) {
        Ok(command) => Reply::from(bucket.apply(command)),
        Err(error) => Reply::Malformed(MalformedCommand::new(error.to_string())),
    })
}

/// Runs every line of `trace` against `bucket`, in order, yielding one reply per command line.
pub fn replay<'a, S: IdSource>(
    bucket: &'a mut Bucket<S>,
    trace: &'a str,
) -> impl Iterator<Item = Reply> + 'a {
    trace
        .lines()
        .filter_map(move |line| replay_line(bucket, line))
}

/// Runs one trace line against `service` (trace format revision 2): like [`replay_line`], with
/// the bucket operations (`create_bucket`, `delete_bucket`, `get_bucket_info`, `list_buckets`)
/// and a `bucket` field on every other command, naming [`DEFAULT_BUCKET`] when absent.
///
/// A revision-1 line (no `bucket` field) is read exactly as [`replay_line`] reads it, so a
/// service holding only the default bucket replies to a revision-1 trace line for line as a
/// bare bucket does, malformed lines included.
pub fn replay_service_line(service: &mut Service, line: &str) -> Option<Reply> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let malformed =
        |error: serde_json::Error| Reply::Malformed(MalformedCommand::new(error.to_string()));
    let mut object = match serde_json::from_str::<serde_json::Value>(line) {
        Ok(serde_json::Value::Object(object)) => object,
        _ => {
            return Some(match serde_json::from_str::<Command>(line) {
                Ok(command) => Reply::from(service.apply(DEFAULT_BUCKET, command)),
                Err(error) => malformed(error),
            });
        }
    };
    let op = object.get("op").and_then(serde_json::Value::as_str);
    if matches!(
        op,
        Some("create_bucket" | "delete_bucket" | "get_bucket_info" | "list_buckets")
    ) {
        return Some(match serde_json::from_str::<BucketOp>(line) {
            Ok(BucketOp::CreateBucket { bucket }) => {
                Reply::from(service.create_bucket(&bucket).map(Outcome::Bucket))
            }
            Ok(BucketOp::DeleteBucket { bucket }) => {
                Reply::from(service.delete_bucket(&bucket).map(Outcome::Bucket))
            }
            Ok(BucketOp::GetBucketInfo { bucket }) => {
                Reply::from(service.bucket_info(&bucket).map(Outcome::BucketInfo))
            }
            Ok(BucketOp::ListBuckets {}) => Reply::Ok(Outcome::ListBuckets(service.list_buckets())),
            Err(error) => malformed(error),
        });
    }
    let command = match object.remove("bucket") {
        None => serde_json::from_str::<Command>(line)
            .map(|command| (String::from(DEFAULT_BUCKET), command)),
        Some(serde_json::Value::String(bucket)) => {
            serde_json::from_value::<Command>(serde_json::Value::Object(object))
                .map(|command| (bucket, command))
        }
        Some(_) => {
            return Some(Reply::Malformed(MalformedCommand::new(
                "the field `bucket` must be a string",
            )));
        }
    };
    Some(match command {
        Ok((bucket, command)) => Reply::from(service.apply(&bucket, command)),
        Err(error) => malformed(error),
    })
}

/// Runs every line of `trace` against `service`, in order, one reply per command line (see
/// [`replay_service_line`]).
pub fn replay_service<'a>(
    service: &'a mut Service,
    trace: &'a str,
) -> impl Iterator<Item = Reply> + 'a {
    trace
        .lines()
        .filter_map(move |line| replay_service_line(service, line))
}

/// The bucket operations of a trace (revision 2).
#[derive(serde::Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
enum BucketOp {
    CreateBucket { bucket: String },
    DeleteBucket { bucket: String },
    GetBucketInfo { bucket: String },
    ListBuckets {},
}

/// One reply line of a trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    /// A success: the outcome's fields.
    Ok(Outcome),
    /// A rule violation: code, status, carried fields and message.
    Error(Violation),
    /// A line that is not a valid command: `{"error":{"code":"MalformedCommand","message":…}}`.
    #[serde(rename = "error")]
    Malformed(MalformedCommand),
}

/// The error object of a line that is not a valid command.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MalformedCommand {
    code: &'static str,
    message: String,
}

impl MalformedCommand {
    /// A malformed-command error with `message` (why the line did not parse).
    pub fn new(message: impl Into<String>) -> Self {
        MalformedCommand {
            code: "MalformedCommand",
            message: message.into(),
        }
    }

    /// The reason the line did not parse.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl Reply {
    /// The reply line as the trace format writes it (one line of JSON, no newline).
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).expect("a reply is plain data: it always serializes")
    }
}

impl From<Result<Outcome, Violation>> for Reply {
    fn from(result: Result<Outcome, Violation>) -> Self {
        match result {
            Ok(outcome) => Reply::Ok(outcome),
            Err(violation) => Reply::Error(violation),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The reason a line did not parse is kept as given.
    #[test]
    fn malformed_command_keeps_its_reason() {
        let error = MalformedCommand::new("missing field `body`");
        assert_eq!(error.message(), "missing field `body`");
    }
}
