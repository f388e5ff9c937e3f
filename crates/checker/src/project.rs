//! The projection answers are compared in, and the field-by-field comparison.
//!
//! An answer (the model's, through the codec's `observable_answer`, or the endpoint's, decoded
//! by the codec's client) becomes the trace format's JSON: `{"ok": …}` with the outcome's
//! fields, `{"error": …}` with a violation's code, status and carried fields, or, for an error
//! response that is no violation of the model's, `{"error": {"code", "status"}}`. What the wire
//! does not carry is already set as the client reads it (`client::observable`); on top of that
//! the projection leaves out what no endpoint can agree on: messages, request IDs and
//! modification times ([`NOT_COMPARED`]). When one side is an error the model has no violation
//! for, only code and status are compared.
//!
//! [`diff`] walks two projections and returns the first field that differs, with its path;
//! [`Compared`] collects the names of the fields that were compared, so that a run can print
//! them per dialect.

use std::collections::BTreeSet;

use bucket_versioning_http::client::{Answer, DecodeError};
use serde_json::{Map, Value, json};

/// Fields never compared: free text, and times the endpoint's clock sets.
pub const NOT_COMPARED: [&str; 3] = ["message", "last_modified", "request_id"];

/// An answer as the trace format writes it, projected ([`NOT_COMPARED`] removed).
pub fn answer(answer: &Answer) -> Value {
    let value = match answer {
        Answer::Outcome(outcome) => json!({ "ok": outcome }),
        Answer::Violation(violation) => json!({ "error": violation }),
        Answer::Error(error) => json!({
            "error": { "code": error.code, "status": error.status }
        }),
    };
    strip(value)
}

/// A response the client could not read: its own projection, which matches no answer.
pub fn undecodable(error: &DecodeError) -> Value {
    json!({ "undecodable": error.to_string() })
}

/// `value` with only the code and status of its error, if it is one.
pub fn code_and_status(value: &Value) -> Value {
    match value.get("error") {
        Some(error) => json!({
            "error": {
                "code": error.get("code").cloned().unwrap_or(Value::Null),
                "status": error.get("status").cloned().unwrap_or(Value::Null),
            }
        }),
        None => value.clone(),
    }
}

fn strip(value: Value) -> Value {
    match value {
        Value::Object(fields) => Value::Object(
            fields
                .into_iter()
                .filter(|(name, _)| !NOT_COMPARED.contains(&name.as_str()))
                .map(|(name, field)| (name, strip(field)))
                .collect::<Map<_, _>>(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(strip).collect()),
        other => other,
    }
}

/// The first place two projections differ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// Where: `ok.entries[2].is_latest`, `error.code`, `ok.entries.len`.
    pub path: String,
    /// The field's name: the last field of the path (`is_latest`, `code`, `entries`); `answer`
    /// when the two are of different kinds (a success and an error).
    pub field: String,
    /// The model's value there (`null` when it has none).
    pub model: Value,
    /// The endpoint's value there (`null` when it has none).
    pub endpoint: Value,
}

/// The names of the fields compared so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Compared(pub BTreeSet<String>);

/// The first difference between `model` and `endpoint`, in field order (a field's value before
/// the next field, an array's items before its length); `None` when they are equal. Adds the
/// names of the fields it compared to `compared`.
pub fn diff(model: &Value, endpoint: &Value, compared: &mut Compared) -> Option<Difference> {
    // A success against an error (or an undecodable response) differs as a whole.
    let kind = |value: &Value| {
        value
            .as_object()
            .and_then(|fields| fields.keys().next().cloned())
    };
    if kind(model) != kind(endpoint) {
        return Some(Difference {
            path: String::new(),
            field: "answer".to_owned(),
            model: model.clone(),
            endpoint: endpoint.clone(),
        });
    }
    walk(model, endpoint, "", "answer", compared)
}

fn walk(
    model: &Value,
    endpoint: &Value,
    path: &str,
    field: &str,
    compared: &mut Compared,
) -> Option<Difference> {
    let differ = |path: &str, field: &str| Difference {
        path: path.to_owned(),
        field: field.to_owned(),
        model: model.clone(),
        endpoint: endpoint.clone(),
    };
    match (model, endpoint) {
        (Value::Object(ours), Value::Object(theirs)) => {
            let names: BTreeSet<&String> = ours.keys().chain(theirs.keys()).collect();
            for name in names {
                let inner = join(path, name);
                let (ours, theirs) = (
                    ours.get(name).unwrap_or(&Value::Null),
                    theirs.get(name).unwrap_or(&Value::Null),
                );
                if let Some(difference) = walk(ours, theirs, &inner, name, compared) {
                    return Some(difference);
                }
            }
            None
        }
        (Value::Array(ours), Value::Array(theirs)) => {
            for (index, (ours, theirs)) in ours.iter().zip(theirs).enumerate() {
                let inner = format!("{path}[{index}]");
                if let Some(difference) = walk(ours, theirs, &inner, field, compared) {
                    return Some(difference);
                }
            }
            compared.0.insert(field.to_owned());
            (ours.len() != theirs.len()).then(|| Difference {
                path: format!("{path}.len"),
                field: field.to_owned(),
                model: Value::from(ours.len()),
                endpoint: Value::from(theirs.len()),
            })
        }
        _ => {
            compared.0.insert(field.to_owned());
            (model != endpoint).then(|| differ(path, field))
        }
    }
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // LST-1: a listing's entries are compared in order, each field, then their count.
    #[test]
    fn the_first_differing_field_is_named_with_its_path() {
        let mut compared = Compared::default();
        let model = json!({"ok": {"entries": [{"key": "a", "is_latest": true}]}});
        let endpoint = json!({"ok": {"entries": [{"key": "a", "is_latest": false}]}});
        let difference = diff(&model, &endpoint, &mut compared).expect("they differ");
        assert_eq!(difference.path, "ok.entries[0].is_latest");
        assert_eq!(difference.field, "is_latest");
        let longer = json!({"ok": {"entries": [{"key": "a", "is_latest": true}, {"key": "b"}]}});
        let difference = diff(&model, &longer, &mut compared).expect("they differ");
        assert_eq!(
            (difference.path.as_str(), difference.field.as_str()),
            ("ok.entries.len", "entries")
        );
        assert_eq!(diff(&model, &model, &mut compared), None);
        assert!(compared.0.contains("key") && compared.0.contains("is_latest"));
    }

    // ERR-1: a success against a refusal differs as a whole answer; messages are not compared.
    #[test]
    fn kinds_differ_as_a_whole_and_messages_are_left_out() {
        let mut compared = Compared::default();
        let ok = json!({"ok": {}});
        let error = strip(json!({"error": {"code": "NoSuchKey", "status": 404, "message": "x"}}));
        assert_eq!(
            error,
            json!({"error": {"code": "NoSuchKey", "status": 404}})
        );
        assert_eq!(
            diff(&ok, &error, &mut compared).map(|d| d.field),
            Some("answer".to_owned())
        );
    }
}
