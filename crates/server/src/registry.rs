//! The endpoint's buckets: named models, their bytes, their log — the one module of the server
//! that holds the model (`Bucket`, `Command`, `Outcome`).
//!
//! A registry keeps, under one lock, each bucket's model (the state of its chains, with
//! fingerprints only, CT-1), the fingerprints of the parts uploaded so far (to find their bytes
//! at completion), the logical clock and the command log. The bytes live in the
//! [`ByteStore`]; with a data directory every accepted mutating command is also a
//! [`Journal`] record. A request that writes goes in this order (see the crate docs):
//!
//! 1. its body's bytes are stored ([`Registry::store_body`]);
//! 2. under the lock: the command is built ([`request::to_command`]), the clock brought to now
//!    (an `advance_clock` command), the command applied, and on success its record submitted
//!    to the journal and added to the log;
//! 3. outside the lock: the journal is waited for, and only then is the response sent.
//!
//! Buckets (MODEL until the service of issue 14): each is a `Bucket` of the endpoint's dialect
//! seeded with the endpoint's seed, so a bucket's log lines replay with
//! `cargo run --example replay -- --dialect D --seed N` to the same outcomes.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use bucket_versioning::request::{
    AbortMultipartUpload, AdvanceClock, AppendObject, CompleteMultipartUpload, DeleteObjects,
    ListMultipartUploads, PutObject, UploadPart,
};
use bucket_versioning::{
    Body, Bucket, BucketConfig, Command, Content, Dialect, Outcome, VersioningState,
};
use bucket_versioning_http::dispatch::Operation;
use bucket_versioning_http::error_response::{ErrorContext, ErrorResponse};
use bucket_versioning_http::request::{self, Payload, RequestView};
use bucket_versioning_http::response::{self, OWNER_ID, OWNER_NAME, ResponseView};
use bucket_versioning_http::xml::{
    BucketInfo, BucketSummary, ListAllMyBucketsResult, LocationConstraint, Owner, ResponseBody,
};
use bucket_versioning_http::{CodecError, RequestHead};
use bytes::Bytes;
use http::{HeaderMap, Response, StatusCode};
use serde_json::{Map, Value, json};

use crate::clock::Clock;
use crate::journal::{Journal, JournalError, JournalOptions, Ticket};
use crate::store::{ByteStore, Digests, Fingerprint, NewPiece, Rope, StoreError, StoreOptions};

/// The region the endpoint reports (GetBucketLocation, GetBucketInfo).
pub const REGION: &str = "oss-local";

/// The endpoint's buckets and everything they need (see the [module documentation](self)).
#[derive(Debug)]
pub struct Registry {
    dialect: Dialect,
    seed: u64,
    store: ByteStore,
    journal: Option<Journal>,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    buckets: BTreeMap<String, Slot>,
    clock: Clock,
    log: Vec<String>,
    /// Mutating commands accepted since the last garbage collection.
    writes_since_collection: u64,
}

/// Garbage is collected from the byte store after this many accepted mutating commands: bodies
/// no version and no part refers to any more go. (So a snapshot restored much later may name
/// bodies that are gone: its reads then answer 500 `InternalError`.)
pub const COLLECT_EVERY: u64 = 1024;

#[derive(Clone, Debug)]
struct Slot {
    model: Bucket,
    created: u64,
    /// (upload ID, part number) → the part's fingerprint, for the bytes at completion.
    parts: BTreeMap<(String, u32), Fingerprint>,
}

/// Why a registry could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The byte store under the data directory.
    #[error("the byte store: {0}")]
    Store(#[from] StoreError),
    /// The journal under the data directory.
    #[error("the journal: {0}")]
    Journal(#[from] JournalError),
    /// A journal record or snapshot that does not replay.
    #[error("the journal does not replay: {0}")]
    Replay(String),
}

/// What a request's body became before the model saw it.
#[derive(Debug)]
pub enum StoredBody {
    /// An object body, stored as a new piece (and, for a put or a part, its rope), with its
    /// bytes (for the trace's text).
    Object(NewPiece, Option<Rope>, Bytes),
    /// An XML document (or nothing), in memory.
    Document(Bytes),
}

/// The answer to a request: the response head (and body, for XML documents) and, for an object
/// read, the bytes to stream from the store.
#[derive(Debug)]
pub struct Answer {
    /// The response.
    pub response: Response<Bytes>,
    /// The object's rope and the inclusive span to send.
    pub object: Option<(Rope, u64, u64)>,
    /// The journal ticket to wait for before sending the response.
    pub ticket: Option<Ticket>,
}

impl Answer {
    fn plain(response: Response<Bytes>) -> Self {
        Answer {
            response,
            object: None,
            ticket: None,
        }
    }
}

impl Registry {
    /// A registry for `dialect` whose buckets are seeded with `seed`, in memory, or under
    /// `data_dir` (`commands/` the journal, `bytes/` the store), replaying what is there.
    ///
    /// # Errors
    ///
    /// [`OpenError`] when the directory is unusable, locked by another server, or its journal
    /// does not replay.
    pub fn open(dialect: Dialect, seed: u64, data_dir: Option<&Path>) -> Result<Self, OpenError> {
        let Some(dir) = data_dir else {
            return Ok(Registry {
                dialect,
                seed,
                store: ByteStore::in_memory(StoreOptions::default()),
                journal: None,
                state: Mutex::new(State::default()),
            });
        };
        let (store, _) = ByteStore::open(&dir.join("bytes"), StoreOptions::default())?;
        let (journal, recovered) = Journal::open(&dir.join("commands"), JournalOptions::default())?;
        let registry = Registry {
            dialect,
            seed,
            store,
            journal: Some(journal),
            state: Mutex::new(State::default()),
        };
        {
            let mut state = registry.lock();
            if let Some(snapshot) = &recovered.snapshot {
                let value: Value = serde_json::from_slice(&snapshot.contents)
                    .map_err(|error| OpenError::Replay(error.to_string()))?;
                *state = registry.restore_state(&value).map_err(OpenError::Replay)?;
            }
            for record in &recovered.records {
                registry
                    .replay(&mut state, &record.payload)
                    .map_err(OpenError::Replay)?;
            }
        }
        Ok(registry)
    }

    /// The byte store.
    pub fn store(&self) -> &ByteStore {
        &self.store
    }

    /// The dialect.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave a half-applied command (the model
        // refuses or applies whole, ERR-2); keep serving.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Stores an object body as a new piece (step 1 of a write), outside the model's lock.
    /// With `whole`, also its rope (a put or a part, whose object is exactly the body; an
    /// append's rope depends on the head, so it is made under the lock).
    ///
    /// # Errors
    ///
    /// [`StoreError`] when the bytes cannot be stored.
    pub fn store_body(
        &self,
        bytes: &[u8],
        whole: bool,
    ) -> Result<(NewPiece, Option<Rope>), StoreError> {
        let mut writer = self.store.writer()?;
        writer.write_chunk(bytes)?;
        let piece = writer.finish()?;
        let rope = if whole {
            Some(self.store.rope_from_piece(&piece)?)
        } else {
            None
        };
        Ok((piece, rope))
    }

    /// Waits until the journal has `ticket` on disk (step 3 of a write).
    ///
    /// # Errors
    ///
    /// [`JournalError`] when the journal failed: the write must not be acknowledged.
    pub fn wait(&self, ticket: Ticket) -> Result<(), JournalError> {
        match &self.journal {
            Some(journal) => journal.wait(ticket).map(|_| ()),
            None => Ok(()),
        }
    }

    /// Whether `bucket` exists.
    pub fn has_bucket(&self, bucket: &str) -> bool {
        self.lock().buckets.contains_key(bucket)
    }

    /// Answers a service operation ([`request::is_service_operation`]).
    pub fn service(
        &self,
        head: &RequestHead,
        context: &ErrorContext,
        request_id: &bucket_versioning_http::request_id::RequestId,
        host: &str,
    ) -> Answer {
        let bucket = head.target.bucket().unwrap_or_default();
        let view = ResponseView {
            dialect: self.dialect,
            operation: head.operation,
            bucket,
            key: "",
            query: &head.query,
            request_id,
            now: 0,
        };
        let mut state = self.lock();
        let now = state.clock.now();
        let ok = |body: Option<Bytes>| {
            let mut response = response::empty(&view);
            if let Some(body) = body {
                response.headers_mut().insert(
                    http::header::CONTENT_TYPE,
                    http::HeaderValue::from_static("application/xml"),
                );
                *response.body_mut() = body;
            }
            response
        };
        match head.operation {
            Operation::ListBuckets => {
                let document = ListAllMyBucketsResult {
                    owner: owner(),
                    buckets: state
                        .buckets
                        .iter()
                        .map(|(name, slot)| BucketSummary {
                            name: name.clone(),
                            creation_date: slot.created,
                            location: Some(REGION.to_owned()),
                            extranet_endpoint: Some(host.to_owned()),
                            intranet_endpoint: Some(host.to_owned()),
                            storage_class: Some("Standard".to_owned()),
                        })
                        .collect(),
                };
                Answer::plain(ok(Some(document.to_xml(self.dialect))))
            }
            Operation::CreateBucket => {
                if let Some(refusal) = invalid_bucket_name(self.dialect, bucket) {
                    return self.refuse(context, 400, "InvalidBucketName", refusal, bucket);
                }
                if state.buckets.contains_key(bucket) {
                    let code = match self.dialect {
                        Dialect::Oss => "BucketAlreadyExists",
                        Dialect::S3 => "BucketAlreadyOwnedByYou",
                    };
                    return self.refuse(context, 409, code, "The bucket already exists.", bucket);
                }
                let record = json!({"op": "create_bucket", "bucket": bucket});
                let ticket = match self.commit(&mut state, record, None) {
                    Ok(ticket) => ticket,
                    Err(error) => return self.storage_failure(context, &error, bucket),
                };
                self.create(&mut state, bucket, now);
                Answer {
                    response: ok(None),
                    object: None,
                    ticket,
                }
            }
            Operation::DeleteBucket => {
                let Some(slot) = state.buckets.get(bucket) else {
                    return Answer::plain(
                        ErrorResponse::no_such_bucket(context).into_response(context),
                    );
                };
                let has_uploads = slot
                    .model
                    .list_multipart_uploads(ListMultipartUploads::new().max_uploads(1))
                    .is_ok_and(|list| !list.uploads.is_empty());
                if !slot.model.is_empty() || has_uploads {
                    // SVC-4: any entry or upload left.
                    return self.refuse(
                        context,
                        409,
                        "BucketNotEmpty",
                        "The bucket you tried to delete is not empty.",
                        bucket,
                    );
                }
                let record = json!({"op": "delete_bucket", "bucket": bucket});
                let ticket = match self.commit(&mut state, record, None) {
                    Ok(ticket) => ticket,
                    Err(error) => return self.storage_failure(context, &error, bucket),
                };
                state.buckets.remove(bucket);
                let mut response = ok(None);
                *response.status_mut() = StatusCode::NO_CONTENT;
                Answer {
                    response,
                    object: None,
                    ticket,
                }
            }
            Operation::HeadBucket | Operation::GetBucketInfo | Operation::GetBucketLocation => {
                let Some(slot) = state.buckets.get(bucket) else {
                    return Answer::plain(
                        ErrorResponse::no_such_bucket(context).into_response(context),
                    );
                };
                let body = match head.operation {
                    Operation::GetBucketInfo => {
                        let status = slot.model.versioning();
                        Some(
                            BucketInfo {
                                name: bucket.to_owned(),
                                creation_date: slot.created,
                                storage_class: "Standard".to_owned(),
                                extranet_endpoint: host.to_owned(),
                                intranet_endpoint: host.to_owned(),
                                location: REGION.to_owned(),
                                owner: owner(),
                                grant: "private".to_owned(),
                                versioning: (status != VersioningState::Unversioned)
                                    .then(|| status.as_ref().to_owned()),
                            }
                            .to_xml(self.dialect),
                        )
                    }
                    Operation::GetBucketLocation => Some(
                        LocationConstraint {
                            location: match self.dialect {
                                Dialect::Oss => REGION.to_owned(),
                                Dialect::S3 => String::new(),
                            },
                        }
                        .to_xml(self.dialect),
                    ),
                    _ => None,
                };
                Answer::plain(ok(body))
            }
            other => Answer::plain(
                ErrorResponse::from_codec_error(
                    &CodecError::Dispatch(
                        bucket_versioning_http::dispatch::DispatchError::NotImplemented {
                            feature: other.name(),
                        },
                    ),
                    context,
                )
                .into_response(context),
            ),
        }
    }

    /// Creates `bucket` if it does not exist (`--auto-create`).
    ///
    /// # Errors
    ///
    /// The journal's failure, as text.
    pub fn ensure_bucket(&self, bucket: &str) -> Result<Option<Ticket>, String> {
        let mut state = self.lock();
        if state.buckets.contains_key(bucket) || invalid_bucket_name(self.dialect, bucket).is_some()
        {
            return Ok(None);
        }
        let now = state.clock.now();
        let ticket = self.commit(
            &mut state,
            json!({"op": "create_bucket", "bucket": bucket}),
            None,
        )?;
        self.create(&mut state, bucket, now);
        Ok(ticket)
    }

    /// Answers a bucket operation of the model: builds the command, applies it, logs it.
    pub fn execute(
        &self,
        head: &RequestHead,
        headers: &HeaderMap,
        body: StoredBody,
        context: &ErrorContext,
        request_id: &bucket_versioning_http::request_id::RequestId,
    ) -> Answer {
        let bucket = head.target.bucket().unwrap_or_default();
        let key = head.target.key().unwrap_or_default();
        let mut state = self.lock();
        let now = state.clock.now();
        let Some(slot) = state.buckets.get(bucket) else {
            return Answer::plain(ErrorResponse::no_such_bucket(context).into_response(context));
        };
        let view = RequestView {
            dialect: self.dialect,
            operation: head.operation,
            bucket: Some(bucket),
            key: head.target.key(),
            query: &head.query,
            headers,
            versioning: slot.model.versioning(),
        };
        let (payload, piece) = match &body {
            StoredBody::Object(piece, _, _) => {
                let digests = piece.digests();
                (Payload::Content(content_of(&digests)), Some(piece))
            }
            StoredBody::Document(bytes) => (Payload::Bytes(bytes), None),
        };
        let command = match request::to_command(&view, payload) {
            Ok(command) => command,
            Err(error) => {
                return Answer::plain(
                    ErrorResponse::from_codec_error(&error, context).into_response(context),
                );
            }
        };
        let mutating = is_mutating(&command);
        // The bytes of the object the command will make, before the model sees it.
        let stored_rope = match &body {
            StoredBody::Object(_, rope, _) => rope.clone(),
            StoredBody::Document(_) => None,
        };
        let made = match self.prepare_bytes(slot, &command, piece, stored_rope) {
            Ok(made) => made,
            Err(error) => return self.storage_failure(context, &error.to_string(), bucket),
        };
        let quiet = matches!(
            &command,
            Command::DeleteObjects(DeleteObjects {
                quiet: Some(true),
                ..
            })
        );
        let mut ticket = None;
        if mutating {
            match self.advance(&mut state, bucket, now) {
                Ok(advanced) => ticket = advanced,
                Err(error) => return self.storage_failure(context, &error.to_string(), bucket),
            }
        }
        let Some(slot) = state.buckets.get_mut(bucket) else {
            return Answer::plain(ErrorResponse::no_such_bucket(context).into_response(context));
        };
        let result = slot.model.apply(command.clone());
        let outcome = match result {
            Ok(outcome) => outcome,
            Err(violation) => {
                // s3 sends the marker's Last-Modified with a MethodNotAllowed (http.md §3.2).
                let mut context = context.clone();
                if let bucket_versioning::Violation::MethodNotAllowed { version_id } = &violation
                    && let Some(entry) = slot.model.chain(key).and_then(|chain| {
                        chain.iter().find(|entry| entry.version_id() == version_id)
                    })
                {
                    context = context.with_delete_marker_last_modified(entry.last_modified());
                }
                return Answer {
                    response: ErrorResponse::from_violation(&violation, &context)
                        .into_response(&context),
                    object: None,
                    ticket,
                };
            }
        };
        record_part(slot, &command, &outcome);
        if mutating {
            state.writes_since_collection += 1;
            if state.writes_since_collection >= COLLECT_EVERY {
                self.collect_garbage(&mut state);
            }
            let content = piece.map(|piece| content_of(&piece.digests()));
            let record = trace_record(bucket, &command, &body);
            match self.commit(&mut state, record, content) {
                Ok(Some(submitted)) => ticket = Some(submitted),
                Ok(None) => {}
                Err(error) => return self.storage_failure(context, &error, bucket),
            }
        }
        drop(made);
        let view = ResponseView {
            dialect: self.dialect,
            operation: head.operation,
            bucket,
            key,
            query: &head.query,
            request_id,
            now,
        };
        match &outcome {
            Outcome::GetObject(meta) | Outcome::HeadObject(meta)
                if head.operation != Operation::GetObjectAttributes =>
            {
                let read = match response::object_read(&view, headers, meta) {
                    Ok(read) => read,
                    Err(error) => {
                        return Answer::plain(
                            ErrorResponse::from_codec_error(&error, context).into_response(context),
                        );
                    }
                };
                let object = match read.span {
                    None => None,
                    Some((first, last)) => {
                        match self.store.get(Fingerprint::new(meta.size, meta.crc64)) {
                            Some(rope) => Some((rope, first, last)),
                            None => {
                                return self.storage_failure(
                                    context,
                                    "the object's bytes are not in the store",
                                    bucket,
                                );
                            }
                        }
                    }
                };
                Answer {
                    response: read.head,
                    object,
                    ticket,
                }
            }
            Outcome::DeleteObjects(_) => Answer {
                response: response::delete_objects_response(&view, &outcome, quiet),
                object: None,
                ticket,
            },
            _ => Answer {
                response: response::to_response(&view, &outcome),
                object: None,
                ticket,
            },
        }
    }

    /// Makes the rope of the object a write will create, so that its bytes are in the store
    /// before the command is applied: a put or part (the piece), an append (the head's rope
    /// and the piece), a completion (the listed parts' ropes in order). A rope the model then
    /// refuses is simply never referred to.
    fn prepare_bytes(
        &self,
        slot: &Slot,
        command: &Command,
        piece: Option<&NewPiece>,
        stored: Option<Rope>,
    ) -> Result<Option<Rope>, StoreError> {
        match (command, piece) {
            (Command::PutObject(_) | Command::UploadPart(_), Some(piece)) => match stored {
                Some(rope) => Ok(Some(rope)),
                None => self.store.rope_from_piece(piece).map(Some),
            },
            (Command::AppendObject(AppendObject { key, .. }), Some(piece)) => {
                let head = slot
                    .model
                    .chain(key.as_str())
                    .and_then(|chain| chain.head().and_then(|entry| entry.content().copied()));
                match head.and_then(|content| {
                    self.store
                        .get(Fingerprint::new(content.len(), content.crc64()))
                }) {
                    Some(rope) => self.store.append(&rope, piece).map(Some),
                    None => self.store.rope_from_piece(piece).map(Some),
                }
            }
            (
                Command::CompleteMultipartUpload(CompleteMultipartUpload {
                    upload_id, parts, ..
                }),
                _,
            ) => {
                let mut ropes = Vec::with_capacity(parts.len());
                for part in parts {
                    let found = slot
                        .parts
                        .get(&(upload_id.to_string(), part.part_number))
                        .and_then(|fingerprint| self.store.get(*fingerprint));
                    match found {
                        Some(rope) => ropes.push(rope),
                        // The model refuses the completion (MPU-5); no bytes to join.
                        None => return Ok(None),
                    }
                }
                self.store.concat(&ropes).map(Some)
            }
            _ => Ok(None),
        }
    }

    /// Brings `bucket`'s clock to `now` with an `advance_clock` command (LC-0: the model's
    /// clock moves only by commands), logged like any other.
    fn advance(&self, state: &mut State, bucket: &str, now: u64) -> Result<Option<Ticket>, String> {
        let Some(slot) = state.buckets.get_mut(bucket) else {
            return Ok(None);
        };
        let behind = now.saturating_sub(slot.model.now());
        if behind == 0 {
            return Ok(None);
        }
        let command = Command::AdvanceClock(AdvanceClock::new(behind));
        slot.model
            .apply(command)
            .map_err(|violation| violation.to_string())?;
        self.commit(
            state,
            json!({"op": "advance_clock", "bucket": bucket, "seconds": behind}),
            None,
        )
    }

    fn create(&self, state: &mut State, bucket: &str, now: u64) {
        let mut model = Bucket::new(BucketConfig::new(self.dialect).with_seed(self.seed));
        if now > 0 {
            // A new bucket's clock starts at 0 (LC-0); it joins the endpoint's clock.
            let _ = model.apply(Command::AdvanceClock(AdvanceClock::new(now)));
        }
        state.buckets.insert(
            bucket.to_owned(),
            Slot {
                model,
                created: now,
                parts: BTreeMap::new(),
            },
        );
        if now > 0 {
            state
                .log
                .push(json!({"op": "advance_clock", "bucket": bucket, "seconds": now}).to_string());
        }
    }

    /// Adds a record to the log and submits it to the journal. `content` is the fingerprint of
    /// the body, which the journal keeps so that replay does not depend on the trace's text.
    fn commit(
        &self,
        state: &mut State,
        record: Value,
        content: Option<Content>,
    ) -> Result<Option<Ticket>, String> {
        let line = record.to_string();
        let ticket = match &self.journal {
            Some(journal) => {
                let mut durable = record;
                if let (Some(content), Some(object)) = (content, durable.as_object_mut()) {
                    object.insert("_content".to_owned(), content_json(&content));
                }
                if let Some(object) = durable.as_object_mut() {
                    object.insert("_time".to_owned(), json!(state.clock.now()));
                }
                Some(
                    journal
                        .submit(&durable.to_string())
                        .map_err(|error| error.to_string())?,
                )
            }
            None => None,
        };
        state.log.push(line);
        Ok(ticket)
    }

    fn refuse(
        &self,
        context: &ErrorContext,
        status: u16,
        code: &'static str,
        message: &str,
        bucket: &str,
    ) -> Answer {
        Answer::plain(
            ErrorResponse::bucket_error(status, code, message, bucket).into_response(context),
        )
    }

    fn storage_failure(&self, context: &ErrorContext, error: &str, bucket: &str) -> Answer {
        tracing::error!(%error, "storage failure");
        self.refuse(context, 500, "InternalError", error, bucket)
    }

    /// Replays one journal record (start-up).
    fn replay(&self, state: &mut State, payload: &str) -> Result<(), String> {
        let mut value: Value = serde_json::from_str(payload).map_err(|error| error.to_string())?;
        let object = value
            .as_object_mut()
            .ok_or("a record that is not an object")?;
        let content = object.remove("_content");
        let time = object
            .remove("_time")
            .and_then(|time| time.as_u64())
            .unwrap_or(0);
        let bucket = object
            .remove("bucket")
            .and_then(|bucket| bucket.as_str().map(str::to_owned))
            .ok_or("a record without a bucket")?;
        match object.get("op").and_then(Value::as_str) {
            Some("create_bucket") => {
                // As when it was served: the record, then the clock's advance to its time.
                state
                    .log
                    .push(json!({"op": "create_bucket", "bucket": bucket}).to_string());
                self.create(state, &bucket, time);
                return Ok(());
            }
            Some("delete_bucket") => {
                state.buckets.remove(&bucket);
                state
                    .log
                    .push(json!({"op": "delete_bucket", "bucket": bucket}).to_string());
                return Ok(());
            }
            _ => {}
        }
        let mut line = Value::Object(object.clone());
        if let Some(line) = line.as_object_mut() {
            line.insert("bucket".to_owned(), json!(bucket));
        }
        let mut command: Command = serde_json::from_value(Value::Object(object.clone()))
            .map_err(|error| error.to_string())?;
        if let Some(content) = content.as_ref().and_then(content_from_json) {
            set_body(&mut command, Body::Fingerprint(content));
        }
        let slot = state
            .buckets
            .get_mut(&bucket)
            .ok_or_else(|| format!("a record for the unknown bucket {bucket}"))?;
        let outcome = slot
            .model
            .apply(command.clone())
            .map_err(|violation| format!("a logged command is refused on replay: {violation}"))?;
        record_part(slot, &command, &outcome);
        state.log.push(line.to_string());
        Ok(())
    }

    // -- the control API's view ------------------------------------------------------------

    /// The clock: `(now, pinned)`.
    pub fn clock(&self) -> (u64, bool) {
        let state = self.lock();
        (state.clock.now(), state.clock.is_pinned())
    }

    /// Pins the clock at `now`.
    pub fn pin_clock(&self, now: u64) {
        self.lock().clock.pin(now);
    }

    /// Moves the clock forward by `seconds` (pinning it where it is first).
    pub fn advance_clock(&self, seconds: u64) {
        self.lock().clock.advance(seconds);
    }

    /// The clock follows the wall clock again.
    pub fn follow_wall_clock(&self) {
        self.lock().clock.unpin();
    }

    /// The command log so far, one trace line per accepted mutating command, each naming its
    /// bucket (trace-format.md, revision 2). With `bucket`, only that bucket's commands since it
    /// was last created, without the `bucket` field: a revision-1 trace that
    /// `cargo run --example replay -- --dialect D --seed N` replays to the bucket's state.
    pub fn log(&self, bucket: Option<&str>) -> String {
        let state = self.lock();
        let mut lines: Vec<String> = Vec::new();
        for line in &state.log {
            let Some(only) = bucket else {
                lines.push(line.clone());
                continue;
            };
            let Ok(Value::Object(mut object)) = serde_json::from_str::<Value>(line) else {
                continue;
            };
            if object.remove("bucket").as_ref().and_then(Value::as_str) != Some(only) {
                continue;
            }
            match object.get("op").and_then(Value::as_str) {
                Some("create_bucket" | "delete_bucket") => lines.clear(),
                _ => lines.push(Value::Object(object).to_string()),
            }
        }
        let mut text = String::new();
        for line in lines {
            text.push_str(&line);
            text.push('\n');
        }
        text
    }

    /// Empties the service: no buckets, an empty log, the clock pinned at 0.
    ///
    /// # Errors
    ///
    /// The journal's error, when the empty state cannot be checkpointed.
    pub fn reset(&self) -> Result<(), String> {
        let mut state = self.lock();
        *state = State::default();
        state.clock.pin(0);
        self.checkpoint(&state)
    }

    /// The service snapshot as JSON: the clock, and each bucket's model snapshot.
    pub fn snapshot(&self) -> Value {
        snapshot_of(&self.lock())
    }

    /// Replaces the service with `snapshot`.
    ///
    /// # Errors
    ///
    /// A message naming what is wrong with the snapshot; the service is then unchanged.
    pub fn restore(&self, snapshot: &Value) -> Result<(), String> {
        let restored = self.restore_state(snapshot)?;
        let mut state = self.lock();
        *state = restored;
        self.checkpoint(&state)
    }

    /// Drops from the byte store every body that no entry of any bucket and no uploaded part
    /// refers to. Called under the lock, so that the live set is exact (the store keeps what a
    /// request in flight still holds a handle on).
    fn collect_garbage(&self, state: &mut State) {
        state.writes_since_collection = 0;
        let mut live = std::collections::BTreeSet::new();
        for slot in state.buckets.values() {
            for chain in slot.model.chains() {
                for entry in chain.iter() {
                    if let Some(content) = entry.content() {
                        live.insert(Fingerprint::new(content.len(), content.crc64()));
                    }
                }
            }
            live.extend(slot.parts.values().copied());
        }
        match self.store.collect_garbage(&live) {
            Ok(report) => tracing::info!(?report, "byte store collected"),
            Err(error) => tracing::error!(%error, "byte store collection failed"),
        }
    }

    fn checkpoint(&self, state: &State) -> Result<(), String> {
        match &self.journal {
            Some(journal) => journal
                .checkpoint(snapshot_of(state).to_string().as_bytes())
                .map(|_| ())
                .map_err(|error| error.to_string()),
            None => Ok(()),
        }
    }

    fn restore_state(&self, snapshot: &Value) -> Result<State, String> {
        let mut state = State::default();
        match snapshot.get("pinned").and_then(Value::as_bool) {
            Some(true) => state
                .clock
                .pin(snapshot.get("now").and_then(Value::as_u64).unwrap_or(0)),
            _ => state.clock.unpin(),
        }
        let buckets = snapshot
            .get("buckets")
            .and_then(Value::as_object)
            .ok_or("the snapshot has no buckets object")?;
        for (name, bucket) in buckets {
            let model: Bucket =
                serde_json::from_value(bucket.get("model").cloned().unwrap_or_default())
                    .map_err(|error| format!("bucket {name}: {error}"))?;
            if model.dialect() != self.dialect {
                return Err(format!("bucket {name} is of the other dialect"));
            }
            let mut parts = BTreeMap::new();
            for part in bucket
                .get("parts")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or_default()
            {
                let field = |index: usize| part.get(index);
                let upload = field(0).and_then(Value::as_str).unwrap_or_default();
                let number = field(1).and_then(Value::as_u64).unwrap_or(0);
                let len = field(2).and_then(Value::as_u64).unwrap_or(0);
                let crc = field(3)
                    .and_then(Value::as_str)
                    .and_then(|crc| crc.parse().ok())
                    .unwrap_or(0);
                parts.insert(
                    (upload.to_owned(), u32::try_from(number).unwrap_or(0)),
                    Fingerprint::new(len, crc),
                );
            }
            state.buckets.insert(
                name.clone(),
                Slot {
                    model,
                    created: bucket.get("created").and_then(Value::as_u64).unwrap_or(0),
                    parts,
                },
            );
        }
        Ok(state)
    }
}

fn snapshot_of(state: &State) -> Value {
    let mut buckets = Map::new();
    for (name, slot) in &state.buckets {
        let parts: Vec<Value> = slot
            .parts
            .iter()
            .map(|((upload, number), fingerprint)| {
                json!([
                    upload,
                    number,
                    fingerprint.len(),
                    fingerprint.crc64().to_string()
                ])
            })
            .collect();
        buckets.insert(
            name.clone(),
            json!({
                "created": slot.created,
                "model": serde_json::to_value(&slot.model).unwrap_or(Value::Null),
                "parts": parts,
            }),
        );
    }
    json!({
        "now": state.clock.now(),
        "pinned": state.clock.is_pinned(),
        "buckets": buckets,
    })
}

/// Remembers an accepted part's fingerprint, and forgets an upload's parts when it ends.
fn record_part(slot: &mut Slot, command: &Command, outcome: &Outcome) {
    match (command, outcome) {
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
            slot.parts.insert(
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
            slot.parts.retain(|(id, _), _| *id != upload);
        }
        _ => {}
    }
}

fn is_mutating(command: &Command) -> bool {
    !matches!(
        command,
        Command::GetBucketVersioning(_)
            | Command::GetObject(_)
            | Command::HeadObject(_)
            | Command::ListParts(_)
            | Command::ListMultipartUploads(_)
            | Command::ListObjectVersions(_)
            | Command::ListObjects(_)
    )
}

/// The trace line of an accepted command (trace-format.md, revision 2: with its `bucket`). A
/// body is written as its text; a body that is not UTF-8 has no trace form, and is written as
/// the lossy text (the journal keeps its fingerprint, so the server's own replay is exact).
fn trace_record(bucket: &str, command: &Command, body: &StoredBody) -> Value {
    let mut command = command.clone();
    if let Some(text) = body_text(body) {
        set_body(&mut command, Body::Text(text));
    }
    let mut value = serde_json::to_value(&command).unwrap_or(Value::Null);
    if let Some(object) = value.as_object_mut() {
        object.insert("bucket".to_owned(), json!(bucket));
    }
    value
}

fn body_text(body: &StoredBody) -> Option<String> {
    match body {
        StoredBody::Object(_, _, bytes) => Some(String::from_utf8_lossy(bytes).into_owned()),
        StoredBody::Document(_) => None,
    }
}

fn set_body(command: &mut Command, new: Body) {
    match command {
        Command::PutObject(PutObject { body, .. })
        | Command::AppendObject(AppendObject { body, .. })
        | Command::UploadPart(UploadPart { body, .. }) => *body = new,
        _ => {}
    }
}

fn content_of(digests: &Digests) -> Content {
    Content::from_fingerprint(digests.len(), digests.crc64(), Some(digests.md5()))
}

fn content_json(content: &Content) -> Value {
    json!({
        "len": content.len(),
        "crc64": content.crc64().to_string(),
        "md5": content.md5().map(|md5| md5.iter().map(|byte| format!("{byte:02x}")).collect::<String>()),
    })
}

fn content_from_json(value: &Value) -> Option<Content> {
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

fn owner() -> Owner {
    Owner {
        id: OWNER_ID.to_owned(),
        display_name: OWNER_NAME.to_owned(),
    }
}

/// Why `name` is not a bucket name of `dialect` (SVC-2), if it is not one.
pub fn invalid_bucket_name(dialect: Dialect, name: &str) -> Option<&'static str> {
    let bytes = name.as_bytes();
    if !(3..=63).contains(&bytes.len()) {
        return Some("A bucket name is 3 to 63 characters long.");
    }
    let allowed = |byte: u8| {
        byte.is_ascii_lowercase()
            || byte.is_ascii_digit()
            || byte == b'-'
            || (dialect == Dialect::S3 && byte == b'.')
    };
    if !bytes.iter().all(|&byte| allowed(byte)) {
        return Some("A bucket name has only lower-case letters, digits and hyphens.");
    }
    let edge = |byte: u8| byte.is_ascii_lowercase() || byte.is_ascii_digit();
    if !edge(bytes[0]) || !edge(bytes[bytes.len() - 1]) {
        return Some("A bucket name starts and ends with a letter or digit.");
    }
    if dialect == Dialect::S3 {
        let ipv4 =
            name.split('.').count() == 4 && name.split('.').all(|part| part.parse::<u8>().is_ok());
        if name.contains("..")
            || ipv4
            || name.starts_with("xn--")
            || name.starts_with("sthree-")
            || name.ends_with("-s3alias")
            || name.ends_with("--ol-s3")
        {
            return Some("The bucket name is not allowed.");
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    // Rule: SVC-2 (bucket names per dialect)
    #[test]
    fn bucket_names_follow_each_dialect() {
        for name in ["abc", "my-bucket-1", "0ab"] {
            assert_eq!(invalid_bucket_name(Dialect::Oss, name), None, "{name}");
            assert_eq!(invalid_bucket_name(Dialect::S3, name), None, "{name}");
        }
        for name in ["ab", "Abc", "-abc", "abc-", "a_b", &"a".repeat(64), "_bv"] {
            assert!(invalid_bucket_name(Dialect::Oss, name).is_some(), "{name}");
            assert!(invalid_bucket_name(Dialect::S3, name).is_some(), "{name}");
        }
        assert_eq!(invalid_bucket_name(Dialect::S3, "my.bucket"), None);
        assert!(invalid_bucket_name(Dialect::Oss, "my.bucket").is_some());
        for name in [
            "a..b",
            "192.168.1.1",
            "xn--abc",
            "sthree-x",
            "x-s3alias",
            "x--ol-s3",
        ] {
            assert!(invalid_bucket_name(Dialect::S3, name).is_some(), "{name}");
        }
    }

    // Rule: CT-1 (the journal keeps a body's fingerprint exactly)
    #[test]
    fn contents_round_trip_through_the_journal_form() {
        let content = Content::from_bytes(b"123456789");
        assert_eq!(content_from_json(&content_json(&content)), Some(content));
        let bare = Content::from_fingerprint(5, 42, None);
        assert_eq!(content_from_json(&content_json(&bare)), Some(bare));
    }
}
