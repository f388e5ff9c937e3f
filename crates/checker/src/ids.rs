//! The mapping between the model's version and upload IDs and the endpoint's (ID-5, MPU-1).
//!
//! The model gives out its own IDs (seeded, ID-5) and the endpoint its own, so that an answer
//! can only be compared once its IDs are translated. The mapping is learnt as the run goes:
//! when the model's answer reports an ID it has not reported before at the place where the
//! endpoint's answer reports one the run has not seen, the two stand for the same entry (or
//! upload). Commands go to the endpoint with the model's IDs replaced by the endpoint's, and the
//! endpoint's answers come back with its IDs replaced by the model's; an ID the mapping does not
//! know (an unknown or malformed one the generator made up) passes through unchanged, and
//! `null` is always itself.
//!
//! The translation works on the trace format's JSON (`serde`): every string under a field whose
//! name holds `version_id` or `upload_id` is an ID.
//!
//! Upload IDs are mirrored rather than mapped ([`MirroredIds`]): oss lists the uploads of a key
//! by upload ID (MPU-10), so the order can only be compared when both sides hold the same IDs.
//! The model's ID source hands out, for each InitiateMultipartUpload, the ID the endpoint gave
//! (ID-5's pluggable source, as MPU-13 supplies one); version IDs keep the mapping, since no
//! order depends on their values.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex};

use bucket_versioning::UploadId;
use bucket_versioning::version_id::{IdSource, SeededIds, VersionId};
use serde_json::Value;

/// The model's ID source in a case: version IDs from the seed (mapped to the endpoint's), upload
/// IDs the endpoint's own, queued by the checker before the model initiates the upload (the
/// seed's when none is queued).
#[derive(Clone, Debug)]
pub struct MirroredIds {
    seeded: SeededIds,
    uploads: Arc<Mutex<VecDeque<UploadId>>>,
}

impl MirroredIds {
    /// A source for `seed`, and the queue the checker puts the endpoint's upload IDs in.
    pub fn new(seed: u64) -> (Self, Arc<Mutex<VecDeque<UploadId>>>) {
        let uploads = Arc::new(Mutex::new(VecDeque::new()));
        (
            MirroredIds {
                seeded: SeededIds::new(seed),
                uploads: Arc::clone(&uploads),
            },
            uploads,
        )
    }
}

impl IdSource for MirroredIds {
    fn version_id(&self, sequence: u64) -> VersionId {
        self.seeded.version_id(sequence)
    }

    fn sequence_of(&self, id: &VersionId) -> Option<u64> {
        self.seeded.sequence_of(id)
    }

    fn next_upload_id(&mut self) -> UploadId {
        let queued = self
            .uploads
            .lock()
            .ok()
            .and_then(|mut queue| queue.pop_front());
        queued.unwrap_or_else(|| self.seeded.next_upload_id())
    }
}

/// Whether the JSON field `name` holds a version or upload ID.
pub fn is_id_field(name: &str) -> bool {
    name.contains("version_id") || name.contains("upload_id")
}

/// The IDs of one case: model ↔ endpoint.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IdMap {
    to_endpoint: BTreeMap<String, String>,
    to_model: BTreeMap<String, String>,
}

impl IdMap {
    /// An empty mapping.
    pub fn new() -> Self {
        IdMap::default()
    }

    /// How many pairs are known.
    pub fn len(&self) -> usize {
        self.to_endpoint.len()
    }

    /// Whether no pair is known.
    pub fn is_empty(&self) -> bool {
        self.to_endpoint.is_empty()
    }

    /// Pairs the model's `model` with the endpoint's `endpoint` (unless either is paired).
    pub fn pair(&mut self, model: &str, endpoint: &str) {
        if self.to_endpoint.contains_key(model) || self.to_model.contains_key(endpoint) {
            return;
        }
        self.to_endpoint
            .insert(model.to_owned(), endpoint.to_owned());
        self.to_model.insert(endpoint.to_owned(), model.to_owned());
    }

    /// The endpoint's ID for the model's `id` (itself when unknown).
    pub fn endpoint_id<'a>(&'a self, id: &'a str) -> &'a str {
        self.to_endpoint.get(id).map_or(id, String::as_str)
    }

    /// The model's ID for the endpoint's `id` (itself when unknown).
    pub fn model_id<'a>(&'a self, id: &'a str) -> &'a str {
        self.to_model.get(id).map_or(id, String::as_str)
    }

    /// `value` (a command, in the model's IDs) with the endpoint's IDs.
    pub fn to_endpoint(&self, value: &Value) -> Value {
        translate(value, &self.to_endpoint, false)
    }

    /// `value` (an answer, in the endpoint's IDs) with the model's IDs.
    pub fn to_model(&self, value: &Value) -> Value {
        translate(value, &self.to_model, false)
    }

    /// Learns the pairs `model` (the model's answer) and `endpoint` (the endpoint's, untranslated)
    /// show: at each ID field both answers have, two IDs neither side has paired yet.
    pub fn learn(&mut self, model: &Value, endpoint: &Value) {
        self.learn_at(model, endpoint, false);
    }

    fn learn_at(&mut self, model: &Value, endpoint: &Value, id_field: bool) {
        match (model, endpoint) {
            (Value::String(ours), Value::String(theirs)) if id_field => {
                if ours == "null" || theirs == "null" || ours.is_empty() || theirs.is_empty() {
                    return;
                }
                self.pair(ours, theirs);
            }
            (Value::Array(ours), Value::Array(theirs)) => {
                for (ours, theirs) in ours.iter().zip(theirs) {
                    self.learn_at(ours, theirs, id_field);
                }
            }
            (Value::Object(ours), Value::Object(theirs)) => {
                for (name, ours) in ours {
                    if let Some(theirs) = theirs.get(name) {
                        self.learn_at(ours, theirs, id_field || is_id_field(name));
                    }
                }
            }
            _ => {}
        }
    }
}

fn translate(value: &Value, table: &BTreeMap<String, String>, id_field: bool) -> Value {
    match value {
        Value::String(id) if id_field => Value::String(table.get(id).unwrap_or(id).clone()),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| translate(item, table, id_field))
                .collect(),
        ),
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(name, field)| {
                    (
                        name.clone(),
                        translate(field, table, id_field || is_id_field(name)),
                    )
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // ID-5: a pair is learnt where both answers report a new ID, and used both ways after.
    #[test]
    fn pairs_are_learnt_and_translate_both_ways() {
        let mut ids = IdMap::new();
        ids.learn(
            &json!({"ok": {"version_id": "m1", "etag": "E"}}),
            &json!({"ok": {"version_id": "e1", "etag": "E"}}),
        );
        assert_eq!(ids.endpoint_id("m1"), "e1");
        assert_eq!(ids.model_id("e1"), "m1");
        let command = json!({"op": "get_object", "key": "e1", "version_id": "m1"});
        assert_eq!(
            ids.to_endpoint(&command),
            json!({"op": "get_object", "key": "e1", "version_id": "e1"})
        );
        let listing = json!({"entries": [{"version_id": "e1"}, {"version_id": "e9"}]});
        assert_eq!(
            ids.to_model(&listing),
            json!({"entries": [{"version_id": "m1"}, {"version_id": "e9"}]})
        );
    }

    // MPU-1, ID-5: the model's upload IDs are the endpoint's, in the order they were queued;
    // the seed's when none is.
    #[test]
    fn upload_ids_are_the_endpoints() {
        let (mut ids, queue) = MirroredIds::new(0);
        queue
            .lock()
            .expect("not poisoned")
            .push_back(UploadId::new("THEIRS"));
        assert_eq!(ids.next_upload_id(), UploadId::new("THEIRS"));
        assert_eq!(ids.next_upload_id(), SeededIds::new(0).next_upload_id());
    }

    // ID-3: `null` is never paired with anything, and a known ID is not paired twice.
    #[test]
    fn null_and_known_ids_are_not_paired() {
        let mut ids = IdMap::new();
        ids.learn(&json!({"version_id": "null"}), &json!({"version_id": "e1"}));
        assert!(ids.is_empty());
        ids.learn(&json!({"upload_id": "m"}), &json!({"upload_id": "e"}));
        ids.learn(&json!({"upload_id": "m"}), &json!({"upload_id": "f"}));
        assert_eq!((ids.len(), ids.endpoint_id("m")), (1, "e"));
    }
}
