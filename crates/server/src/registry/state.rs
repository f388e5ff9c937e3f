//! What the registry keeps under its lock: the core crate's [`Service`], what the server adds to
//! each bucket (its creation date, the fingerprints of its uploaded parts), the clock and the
//! log; and the journal's checkpoint of it.

use std::collections::{BTreeMap, BTreeSet};

use bucket_versioning::request::{AbortMultipartUpload, CompleteMultipartUpload, UploadPart};
use bucket_versioning::{BucketConfig, Command, Outcome, Service};
use serde_json::{Map, Value, json};

use crate::clock::Clock;
use crate::store::Fingerprint;

/// The registry's state.
#[derive(Debug)]
pub(super) struct State {
    /// The buckets, their models and the one logical clock of the model (SVC-1, LC-0).
    pub(super) service: Service,
    /// Per bucket, what the model leaves out.
    pub(super) extras: BTreeMap<String, Extras>,
    /// The endpoint's clock (wall or pinned), which the model's follows by `advance_clock`.
    pub(super) clock: Clock,
    /// The log: one trace line per accepted mutating command since the log began.
    pub(super) log: Vec<String>,
    /// The service clock when the log began (the start, the last reset or restore).
    pub(super) log_start: u64,
    /// Mutating commands accepted since the last garbage collection.
    pub(super) writes_since_collection: u64,
}

/// What the server keeps of a bucket beside its model.
#[derive(Clone, Debug, Default)]
pub(super) struct Extras {
    /// When it was created (the endpoint's clock): ListBuckets, GetBucketInfo.
    pub(super) created: u64,
    /// (upload ID, part number) → the part's fingerprint, for its bytes at completion.
    pub(super) parts: BTreeMap<(String, u32), Fingerprint>,
    /// When the bucket's retention policy was initiated (OL-7): its `CreationDate` and the
    /// source of its ID. In checkpoints, not in the service snapshot of the control API (a
    /// state restored from one reads `created`, MODEL).
    pub(super) worm_created: Option<u64>,
}

impl State {
    /// An empty service of `config`: no buckets, an empty log.
    pub(super) fn new(config: BucketConfig) -> State {
        State {
            service: Service::new(config),
            extras: BTreeMap::new(),
            clock: Clock::default(),
            log: Vec::new(),
            log_start: 0,
            writes_since_collection: 0,
        }
    }

    /// The state holding `snapshot` (a service snapshot, as `Service` serializes), with
    /// creation dates from `created` (the snapshot's clock for a bucket it does not name) and
    /// the parts' fingerprints read from the snapshot's uploads; an empty log that begins here.
    ///
    /// # Errors
    ///
    /// Why the snapshot is refused: not a service snapshot, or one breaking an invariant.
    pub(super) fn restored(
        snapshot: &Value,
        created: &Map<String, Value>,
    ) -> Result<State, String> {
        let service: Service = serde_json::from_value(snapshot.clone())
            .map_err(|error| format!("not a service snapshot: {error}"))?;
        let mut extras = BTreeMap::new();
        for (name, _) in service.buckets() {
            extras.insert(
                name.to_owned(),
                Extras {
                    created: created
                        .get(name)
                        .and_then(Value::as_u64)
                        .unwrap_or(service.now()),
                    parts: parts_of(&snapshot["buckets"][name]),
                    worm_created: None,
                },
            );
        }
        Ok(State {
            log_start: service.now(),
            service,
            extras,
            clock: Clock::default(),
            log: Vec::new(),
            writes_since_collection: 0,
        })
    }

    /// The service snapshot (the control API's `GET /_bv/snapshot`).
    pub(super) fn snapshot(&self) -> Value {
        serde_json::to_value(&self.service).unwrap_or(Value::Null)
    }

    /// The journal's checkpoint: the service snapshot, the creation dates and the clock.
    pub(super) fn checkpoint(&self) -> Value {
        let created: Map<String, Value> = self
            .extras
            .iter()
            .map(|(name, extras)| (name.clone(), json!(extras.created)))
            .collect();
        let worm_created: Map<String, Value> = self
            .extras
            .iter()
            .filter_map(|(name, extras)| Some((name.clone(), json!(extras.worm_created?))))
            .collect();
        json!({
            "service": self.snapshot(),
            "created": created,
            "worm_created": worm_created,
            "pinned": self.clock.is_pinned().then(|| self.clock.now()),
        })
    }

    /// The state a journal checkpoint holds.
    ///
    /// # Errors
    ///
    /// Why the checkpoint does not restore.
    pub(super) fn from_checkpoint(checkpoint: &Value) -> Result<State, String> {
        let created = checkpoint
            .get("created")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let mut state = State::restored(&checkpoint["service"], &created)?;
        // OL-7: when each retention policy was initiated (its ID and CreationDate).
        if let Some(worms) = checkpoint.get("worm_created").and_then(Value::as_object) {
            for (name, seconds) in worms {
                if let Some(extras) = state.extras.get_mut(name) {
                    extras.worm_created = seconds.as_u64();
                }
            }
        }
        if let Some(now) = checkpoint.get("pinned").and_then(Value::as_u64) {
            state.clock.pin(now);
        }
        Ok(state)
    }

    /// The fingerprints of every body an entry of any bucket or an uploaded part refers to.
    pub(super) fn live_bodies(&self) -> BTreeSet<Fingerprint> {
        let mut live = BTreeSet::new();
        for (_, bucket) in self.service.buckets() {
            for chain in bucket.chains() {
                for entry in chain.iter() {
                    if let Some(content) = entry.content() {
                        live.insert(Fingerprint::new(content.len(), content.crc64()));
                    }
                }
            }
        }
        for extras in self.extras.values() {
            live.extend(extras.parts.values().copied());
        }
        live
    }
}

impl Extras {
    /// Remembers an accepted part's fingerprint, and forgets an upload's parts when it ends;
    /// remembers when a retention policy was initiated (`now`), and forgets it on its abort.
    pub(super) fn record(&mut self, command: &Command, outcome: &Outcome, now: u64) {
        match (command, outcome) {
            (Command::InitiateBucketWorm(_), _) => self.worm_created = Some(now),
            (Command::AbortBucketWorm(_), _) => self.worm_created = None,
            (
                Command::UploadPart(UploadPart {
                    upload_id,
                    part_number,
                    body,
                    ..
                }),
                Outcome::UploadPart(part),
            ) => {
                let len = body.len().unwrap_or(0);
                self.parts.insert(
                    (upload_id.to_string(), *part_number),
                    Fingerprint::new(len, part.crc64),
                );
            }
            (
                Command::CompleteMultipartUpload(CompleteMultipartUpload { upload_id, .. })
                | Command::AbortMultipartUpload(AbortMultipartUpload { upload_id, .. }),
                _,
            ) => {
                let upload = upload_id.to_string();
                self.parts.retain(|(id, _), _| *id != upload);
            }
            // LC-4: the uploads a lifecycle run aborted end like an abort's.
            (Command::RunLifecycle(_), Outcome::RunLifecycle(run)) => {
                for aborted in &run.uploads_aborted {
                    let upload = aborted.upload_id.to_string();
                    self.parts.retain(|(id, _), _| *id != upload);
                }
            }
            _ => {}
        }
    }
}

/// The fingerprints of the uploaded parts in a bucket snapshot (`uploads.in_progress`, each
/// part's `content`).
fn parts_of(bucket: &Value) -> BTreeMap<(String, u32), Fingerprint> {
    let mut parts = BTreeMap::new();
    let Some(uploads) = bucket["uploads"]["in_progress"].as_object() else {
        return parts;
    };
    for (upload_id, upload) in uploads {
        let Some(numbered) = upload["parts"].as_object() else {
            continue;
        };
        for (number, part) in numbered {
            let content = &part["content"];
            if let (Ok(number), Some(len), Some(crc64)) = (
                number.parse::<u32>(),
                content["len"].as_u64(),
                content["crc64"].as_u64(),
            ) {
                parts.insert((upload_id.clone(), number), Fingerprint::new(len, crc64));
            }
        }
    }
    parts
}
