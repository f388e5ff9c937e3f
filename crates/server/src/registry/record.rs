//! The forms a command takes outside the model: the log's trace line (trace-format.md,
//! revision 2: the command with its `bucket`) and the journal's record (the trace line with the
//! body's exact fingerprint, `_content`, and for a creation its time, `_time`); and one bucket's
//! trace cut from the log.

use bucket_versioning::request::{AppendObject, PutObject, UploadPart};
use bucket_versioning::{Body, Command, Content, DEFAULT_BUCKET};
use serde_json::{Map, Value, json};

/// The trace line of `command` on `bucket` (with its body as `text`, when it has one). A body
/// that is not UTF-8 has no trace form and is given as its lossy text: the journal keeps its
/// fingerprint, so the server's own replay is exact; a replay of the log is not.
pub(super) fn trace_record(bucket: &str, command: &Command, text: Option<String>) -> Value {
    let mut command = command.clone();
    if let Some(text) = text {
        set_body(&mut command, Body::Text(text));
    }
    let mut value = serde_json::to_value(&command).unwrap_or(Value::Null);
    if let Some(object) = value.as_object_mut() {
        object.insert("bucket".to_owned(), json!(bucket));
    }
    value
}

/// `{"op": "create_bucket", "bucket": …}` or `delete_bucket`.
pub(super) fn bucket_record(op: &str, bucket: &str) -> Value {
    json!({"op": op, "bucket": bucket})
}

/// The journal's record of a log line: the line, the body's fingerprint and the time.
pub(super) fn durable_record(line: &Value, content: Option<Content>, time: Option<u64>) -> Value {
    let mut durable = line.clone();
    if let Some(object) = durable.as_object_mut() {
        if let Some(content) = content {
            object.insert("_content".to_owned(), content_json(&content));
        }
        if let Some(time) = time {
            object.insert("_time".to_owned(), json!(time));
        }
    }
    durable
}

/// A journal record taken apart: the log line, the bucket, the body's fingerprint, the time.
#[derive(Debug)]
pub(super) struct Record {
    /// The log line (the record without `_content` and `_time`).
    pub(super) line: Map<String, Value>,
    /// The bucket it names.
    pub(super) bucket: String,
    /// The body's exact fingerprint.
    pub(super) content: Option<Content>,
    /// The time of a creation.
    pub(super) time: Option<u64>,
}

impl Record {
    /// Reads a journal record.
    pub(super) fn parse(payload: &str) -> Result<Record, String> {
        let value: Value = serde_json::from_str(payload).map_err(|error| error.to_string())?;
        let Value::Object(mut line) = value else {
            return Err("a record that is not an object".to_owned());
        };
        let content = line.remove("_content").as_ref().and_then(content_from_json);
        let time = line.remove("_time").and_then(|time| time.as_u64());
        let bucket = line
            .get("bucket")
            .and_then(Value::as_str)
            .ok_or("a record without a bucket")?
            .to_owned();
        Ok(Record {
            line,
            bucket,
            content,
            time,
        })
    }

    /// The record's `op`.
    pub(super) fn op(&self) -> Option<&str> {
        self.line.get("op").and_then(Value::as_str)
    }

    /// The record's command (its body the exact fingerprint, when the record has one).
    pub(super) fn command(&self) -> Result<Command, String> {
        let mut object = self.line.clone();
        object.remove("bucket");
        let mut command: Command =
            serde_json::from_value(Value::Object(object)).map_err(|error| error.to_string())?;
        if let Some(content) = self.content {
            set_body(&mut command, Body::Fingerprint(content));
        }
        Ok(command)
    }
}

/// Replaces the body of a write.
pub(super) fn set_body(command: &mut Command, new: Body) {
    match command {
        Command::PutObject(PutObject { body, .. })
        | Command::AppendObject(AppendObject { body, .. })
        | Command::UploadPart(UploadPart { body, .. }) => *body = new,
        // MPU-12: a range's content; a whole-source copy carries none.
        Command::UploadPartCopy(copy) if copy.body.is_some() => copy.body = Some(new),
        _ => {}
    }
}

/// Whether `command` changes the service (and so is logged).
pub(super) fn is_mutating(command: &Command) -> bool {
    !matches!(
        command,
        Command::GetBucketVersioning(_)
            | Command::GetObject(_)
            | Command::HeadObject(_)
            | Command::ListParts(_)
            | Command::ListMultipartUploads(_)
            | Command::ListObjectVersions(_)
            | Command::ListObjects(_)
            | Command::GetObjectTagging(_)
            | Command::GetBucketLifecycle(_)
            | Command::GetSymlink(_)
            | Command::GetObjectMeta(_)
    )
}

/// One bucket's trace, cut from the service's log `lines` (which began with the service clock
/// at `start`): a revision-2 trace that a replayer starting with the default bucket
/// (`cargo run --example replay -- --dialect D --seed N`) replays to the bucket's state, IDs
/// included (SVC-5). Since the bucket's last creation: its `create_bucket` (none for the default
/// bucket, which the replayer holds already), the clock's advance to where it stood then, and
/// from there the bucket's commands and every advance of the one clock (LC-0), all naming it.
pub(super) fn bucket_trace<'a>(
    lines: impl IntoIterator<Item = &'a String>,
    start: u64,
    name: &str,
) -> Vec<String> {
    let mut now = start;
    let mut trace = Vec::new();
    let mut exists = true;
    for line in lines {
        let Ok(Value::Object(mut object)) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let bucket = object.get("bucket").and_then(Value::as_str) == Some(name);
        match object.get("op").and_then(Value::as_str) {
            Some("create_bucket") if bucket => {
                trace.clear();
                exists = true;
                if name != DEFAULT_BUCKET {
                    trace.push(line.clone());
                }
                if now > 0 {
                    trace.push(
                        json!({"op": "advance_clock", "bucket": name, "seconds": now}).to_string(),
                    );
                }
            }
            Some("delete_bucket") if bucket => {
                trace.clear();
                exists = false;
            }
            Some("advance_clock") => {
                let seconds = object.get("seconds").and_then(Value::as_u64).unwrap_or(0);
                now = now.saturating_add(seconds);
                if exists {
                    object.insert("bucket".to_owned(), json!(name));
                    trace.push(Value::Object(object).to_string());
                }
            }
            _ if bucket && exists => trace.push(line.clone()),
            _ => {}
        }
    }
    trace
}

/// A fingerprint as the journal writes it (the CRC as text: JSON numbers lose 64-bit values in
/// many readers).
pub(super) fn content_json(content: &Content) -> Value {
    json!({
        "len": content.len(),
        "crc64": content.crc64().to_string(),
        "md5": content.md5().map(|md5| md5.iter().map(|byte| format!("{byte:02x}")).collect::<String>()),
    })
}

/// A fingerprint from the journal's form.
pub(super) fn content_from_json(value: &Value) -> Option<Content> {
    let len = value.get("len")?.as_u64()?;
    let crc64 = value.get("crc64")?.as_str()?.parse().ok()?;
    let md5 = value.get("md5").and_then(Value::as_str).and_then(|hex| {
        let mut out = [0u8; 16];
        for (index, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(hex.get(index * 2..index * 2 + 2)?, 16).ok()?;
        }
        Some(out)
    });
    Some(Content::from_fingerprint(len, crc64, md5))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Rule: CT-1 (the journal keeps a body's fingerprint exactly)
    #[test]
    fn contents_round_trip_through_the_journal_form() {
        let content = Content::from_bytes(b"123456789");
        assert_eq!(content_from_json(&content_json(&content)), Some(content));
        let bare = Content::from_fingerprint(5, 42, None);
        assert_eq!(content_from_json(&content_json(&bare)), Some(bare));
    }

    // Rule: SVC-5, LC-0 (one bucket's trace: its creation, the shared clock's advances, its
    // commands, all naming it)
    #[test]
    fn a_bucket_trace_keeps_its_commands_and_every_clock_advance() {
        let lines: Vec<String> = [
            json!({"op": "create_bucket", "bucket": "one"}),
            json!({"op": "advance_clock", "bucket": "one", "seconds": 5}),
            json!({"op": "put_object", "bucket": "one", "key": "a", "body": "x"}),
            json!({"op": "create_bucket", "bucket": "two"}),
            json!({"op": "advance_clock", "bucket": "one", "seconds": 2}),
            json!({"op": "put_object", "bucket": "two", "key": "b", "body": "y"}),
            json!({"op": "delete_bucket", "bucket": "one"}),
            json!({"op": "advance_clock", "bucket": "two", "seconds": 1}),
        ]
        .iter()
        .map(Value::to_string)
        .collect();
        let two = bucket_trace(&lines, 0, "two");
        assert_eq!(
            two,
            [
                json!({"op": "create_bucket", "bucket": "two"}),
                json!({"op": "advance_clock", "bucket": "two", "seconds": 5}),
                json!({"op": "advance_clock", "bucket": "two", "seconds": 2}),
                json!({"op": "put_object", "bucket": "two", "key": "b", "body": "y"}),
                json!({"op": "advance_clock", "bucket": "two", "seconds": 1}),
            ]
            .iter()
            .map(Value::to_string)
            .collect::<Vec<_>>()
        );
        assert!(bucket_trace(&lines, 0, "one").is_empty(), "deleted");
    }
}
