//! The endpoint's buckets: the core crate's [`Service`](bucket_versioning::Service) (named buckets sharing one logical
//! clock, each with its own ID seed, SVC-1..SVC-7), their bytes, their log — the one module of
//! the server that holds the model (`Service`, `Command`, `Outcome`).
//!
//! A registry keeps, under one lock, the service (the state of every bucket's chains, with
//! fingerprints only, CT-1), per bucket its creation date and the fingerprints of the parts
//! uploaded so far (to find their bytes at completion), the endpoint's clock and the command
//! log. The bytes live in the [`ByteStore`]; with a data directory every accepted mutating
//! command is also a [`Journal`] record. A request that writes goes in this order (see the
//! crate docs):
//!
//! 1. its body's bytes are stored ([`Registry::store_body`]);
//! 2. under the lock: the command is built ([`request::to_command`]), the service's clock
//!    brought to the endpoint's (an `advance_clock` command, LC-0), the command applied, and on
//!    success its record submitted to the journal and added to the log;
//! 3. outside the lock: the journal is waited for, and only then is the response sent.
//!
//! The log is a service trace (trace-format.md, revision 2: every line names its `bucket`):
//! replayed with `wire::replay_service` into `Service::new(BucketConfig::new(D).with_seed(N))`
//! it gives exactly the served service, IDs included (INV-9, SVC-5), as long as the log began
//! with the service empty (at the start, or after `POST /_bv/reset`; a restored snapshot
//! starts the log afresh from its state).

mod lock;
mod record;
mod state;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use bucket_versioning::request::{
    AdvanceClock, AppendObject, CompleteMultipartUpload, DeleteObjects, RunLifecycle,
};
use bucket_versioning::{
    Body, BucketConfig, Command, Content, Dialect, ObjectType, Outcome, VersioningState, Violation,
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
use serde_json::{Map, Value};

use crate::journal::{Journal, JournalError, JournalOptions, Ticket};
use crate::store::{ByteStore, Digests, Fingerprint, NewPiece, Rope, StoreError, StoreOptions};
use record::Record;
use state::{Extras, State};

/// The region the endpoint reports (GetBucketLocation, GetBucketInfo).
pub const REGION: &str = "oss-local";

/// The endpoint's buckets and everything they need (see the [module documentation](self)).
#[derive(Debug)]
pub struct Registry {
    config: BucketConfig,
    store: ByteStore,
    journal: Option<Journal>,
    state: Mutex<State>,
}

/// Garbage is collected from the byte store after this many accepted mutating commands: bodies
/// no version and no part refers to any more go. (So a snapshot restored much later may name
/// bodies that are gone: its reads, and appends to such an appendable, then answer 500
/// `InternalError`, and nothing is applied.)
pub const COLLECT_EVERY: u64 = 1024;

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

/// The bytes of an UploadPartCopy's part ([`Registry::prepare_part_copy`]).
struct PartCopy {
    /// The part's rope, held until the part is recorded.
    _rope: Rope,
    /// The part's content.
    content: Content,
    /// A range's content, which the command and its journal record carry.
    range_content: Option<Content>,
    /// A range's bytes, as the trace's text.
    text: Option<String>,
}

/// Why a lifecycle run ([`Registry::run_lifecycle`]) failed.
#[derive(Debug)]
pub enum RunError {
    /// The model's refusal (a missing bucket).
    Violation(Violation),
    /// The journal failed: the run is not durable.
    Storage(String),
}

/// Why a bucket could not be created.
enum Refused {
    /// The service's rule (SVC-2, SVC-3).
    Violation(Violation),
    /// The journal failed.
    Storage(String),
}

impl Registry {
    /// A registry for `dialect` whose buckets take their ID seeds from `seed` (SVC-5), in
    /// memory, or under `data_dir` (`commands/` the journal, `bytes/` the store), replaying
    /// what is there.
    ///
    /// # Errors
    ///
    /// [`OpenError`] when the directory is unusable, locked by another server, or its journal
    /// does not replay.
    pub fn open(dialect: Dialect, seed: u64, data_dir: Option<&Path>) -> Result<Self, OpenError> {
        let config = BucketConfig::new(dialect).with_seed(seed);
        let Some(dir) = data_dir else {
            return Ok(Registry {
                config,
                store: ByteStore::in_memory(StoreOptions::default()),
                journal: None,
                state: Mutex::new(State::new(config)),
            });
        };
        let (store, _) = ByteStore::open(&dir.join("bytes"), StoreOptions::default())?;
        let (journal, recovered) = Journal::open(&dir.join("commands"), JournalOptions::default())?;
        let registry = Registry {
            config,
            store,
            journal: Some(journal),
            state: Mutex::new(State::new(config)),
        };
        {
            let mut state = registry.lock();
            if let Some(snapshot) = &recovered.snapshot {
                let value: Value = serde_json::from_slice(&snapshot.contents)
                    .map_err(|error| OpenError::Replay(error.to_string()))?;
                *state = State::from_checkpoint(&value).map_err(OpenError::Replay)?;
            }
            for record in &recovered.records {
                replay(&mut state, &record.payload).map_err(OpenError::Replay)?;
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
        self.config.dialect()
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
        self.lock().service.bucket(bucket).is_some()
    }

    /// Answers a service operation ([`request::is_service_operation`]): the buckets, through the
    /// service (SVC-1..SVC-4, SVC-6).
    pub fn service(
        &self,
        head: &RequestHead,
        context: &ErrorContext,
        request_id: &bucket_versioning_http::request_id::RequestId,
        host: &str,
    ) -> Answer {
        let dialect = self.dialect();
        let bucket = head.target.bucket().unwrap_or_default();
        let view = ResponseView {
            dialect,
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
                        .service
                        .list_buckets()
                        .buckets
                        .into_iter()
                        .map(|name| BucketSummary {
                            creation_date: state
                                .extras
                                .get(&name)
                                .map_or(0, |extras| extras.created),
                            name,
                            location: Some(REGION.to_owned()),
                            extranet_endpoint: Some(host.to_owned()),
                            intranet_endpoint: Some(host.to_owned()),
                            storage_class: Some("Standard".to_owned()),
                        })
                        .collect(),
                };
                Answer::plain(ok(Some(document.to_xml(dialect))))
            }
            Operation::CreateBucket => match self.create(&mut state, bucket, now) {
                Ok(ticket) => Answer {
                    response: ok(None),
                    object: None,
                    ticket,
                },
                Err(Refused::Violation(violation)) => Answer::plain(refusal(&violation, context)),
                Err(Refused::Storage(error)) => storage_failure(context, &error, bucket),
            },
            Operation::DeleteBucket => {
                if let Err(violation) = state.service.delete_bucket(bucket) {
                    return Answer::plain(refusal(&violation, context));
                }
                state.extras.remove(bucket);
                let ticket = match self.commit(
                    &mut state,
                    record::bucket_record("delete_bucket", bucket),
                    None,
                    None,
                ) {
                    Ok(ticket) => ticket,
                    Err(error) => return storage_failure(context, &error, bucket),
                };
                let mut response = ok(None);
                *response.status_mut() = StatusCode::NO_CONTENT;
                Answer {
                    response,
                    object: None,
                    ticket,
                }
            }
            Operation::HeadBucket | Operation::GetBucketInfo | Operation::GetBucketLocation => {
                let info = match state.service.bucket_info(bucket) {
                    Ok(info) => info,
                    Err(violation) => return Answer::plain(refusal(&violation, context)),
                };
                let body = match head.operation {
                    Operation::GetBucketInfo => Some(
                        BucketInfo {
                            name: bucket.to_owned(),
                            creation_date: state
                                .extras
                                .get(bucket)
                                .map_or(0, |extras| extras.created),
                            storage_class: "Standard".to_owned(),
                            extranet_endpoint: host.to_owned(),
                            intranet_endpoint: host.to_owned(),
                            location: REGION.to_owned(),
                            owner: owner(),
                            grant: "private".to_owned(),
                            versioning: (info.status != VersioningState::Unversioned)
                                .then(|| info.status.as_ref().to_owned()),
                        }
                        .to_xml(dialect),
                    ),
                    Operation::GetBucketLocation => Some(
                        LocationConstraint {
                            location: match dialect {
                                Dialect::Oss => REGION.to_owned(),
                                Dialect::S3 => String::new(),
                            },
                        }
                        .to_xml(dialect),
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

    /// Creates `bucket` if it does not exist and its name is one (`--auto-create`).
    ///
    /// # Errors
    ///
    /// The journal's failure, as text.
    pub fn ensure_bucket(&self, bucket: &str) -> Result<Option<Ticket>, String> {
        let mut state = self.lock();
        let now = state.clock.now();
        match self.create(&mut state, bucket, now) {
            Ok(ticket) => Ok(ticket),
            Err(Refused::Violation(_)) => Ok(None),
            Err(Refused::Storage(error)) => Err(error),
        }
    }

    /// Answers a bucket operation of the model: builds the command, applies it to the service,
    /// logs it.
    pub fn execute(
        &self,
        head: &RequestHead,
        headers: &HeaderMap,
        body: StoredBody,
        context: &ErrorContext,
        request_id: &bucket_versioning_http::request_id::RequestId,
    ) -> Answer {
        let dialect = self.dialect();
        let bucket = head.target.bucket().unwrap_or_default();
        let key = head.target.key().unwrap_or_default();
        let mut state = self.lock();
        let now = state.clock.now();
        let versioning = match state.service.bucket_info(bucket) {
            Ok(info) => info.status,
            Err(violation) => return Answer::plain(refusal(&violation, context)),
        };
        // OL-1, OL-2, OL-7: the lock reads are queries of the model, not commands.
        if let Some(model) = state.service.bucket(bucket) {
            let view = ResponseView {
                dialect,
                operation: head.operation,
                bucket,
                key,
                query: &head.query,
                request_id,
                now,
            };
            let version_id = head.query.value(bucket_versioning_http::params::VERSION_ID);
            if let Some(response) =
                lock::read(&view, model, state.extras.get(bucket), version_id, context)
            {
                return Answer::plain(response);
            }
        }
        let view = RequestView {
            dialect,
            operation: head.operation,
            bucket: Some(bucket),
            key: head.target.key(),
            query: &head.query,
            headers,
            versioning,
        };
        let (payload, piece) = match &body {
            StoredBody::Object(piece, _, _) => {
                let digests = piece.digests();
                (Payload::Content(content_of(&digests)), Some(piece))
            }
            StoredBody::Document(bytes) => (Payload::Bytes(bytes), None),
        };
        let mut command = match request::to_command(&view, payload) {
            Ok(command) => command,
            Err(error) => {
                return Answer::plain(
                    ErrorResponse::from_codec_error(&error, context).into_response(context),
                );
            }
        };
        // MPU-12: a range's content from the source's bytes (the request carries none).
        let part_copy = match self.prepare_part_copy(&state, bucket, &mut command) {
            Ok(part_copy) => part_copy,
            Err(error) => return storage_failure(context, &error.to_string(), bucket),
        };
        let mutating = record::is_mutating(&command);
        // The bytes of the object the command will make, before the model sees it.
        let stored_rope = match &body {
            StoredBody::Object(_, rope, _) => rope.clone(),
            StoredBody::Document(_) => None,
        };
        let made = match self.prepare_bytes(&state, bucket, &command, piece, stored_rope) {
            Ok(made) => made,
            Err(error) => return storage_failure(context, &error.to_string(), bucket),
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
                Err(error) => return storage_failure(context, &error, bucket),
            }
        }
        let outcome = match state.service.apply(bucket, command.clone()) {
            Ok(outcome) => outcome,
            Err(violation) => {
                // s3 sends the marker's Last-Modified with a MethodNotAllowed (http.md §3.2).
                let mut context = context.clone();
                if let Violation::MethodNotAllowed { version_id } = &violation
                    && let Some(entry) = state
                        .service
                        .bucket(bucket)
                        .and_then(|model| model.chain(key))
                        .and_then(|chain| {
                            chain.iter().find(|entry| entry.version_id() == version_id)
                        })
                {
                    context = context.with_delete_marker_last_modified(entry.last_modified());
                }
                return Answer {
                    response: refusal(&violation, &context),
                    object: None,
                    ticket,
                };
            }
        };
        if let Some(extras) = state.extras.get_mut(bucket) {
            extras.record(&command, &outcome, now);
            if let (Command::UploadPartCopy(copy), Some(part)) = (&command, &part_copy) {
                extras.parts.insert(
                    (copy.upload_id.to_string(), copy.part_number),
                    Fingerprint::new(part.content.len(), part.content.crc64()),
                );
            }
        }
        if mutating {
            let content = piece.map(|piece| content_of(&piece.digests()));
            let text = match &body {
                StoredBody::Object(_, _, bytes) => {
                    Some(String::from_utf8_lossy(bytes).into_owned())
                }
                StoredBody::Document(_) => part_copy.as_ref().and_then(|part| part.text.clone()),
            };
            let content =
                content.or_else(|| part_copy.as_ref().and_then(|part| part.range_content));
            let line = record::trace_record(bucket, &command, text);
            match self.commit(&mut state, line, content, None) {
                Ok(Some(submitted)) => ticket = Some(submitted),
                Ok(None) => {}
                Err(error) => return storage_failure(context, &error, bucket),
            }
            self.count_write(&mut state);
        }
        drop(made);
        drop(part_copy);
        let view = ResponseView {
            dialect,
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
                let mut read = match response::object_read(&view, headers, meta) {
                    Ok(read) => read,
                    Err(error) => {
                        return Answer::plain(
                            ErrorResponse::from_codec_error(&error, context).into_response(context),
                        );
                    }
                };
                if let Some(model) = state.service.bucket(bucket) {
                    lock::add_read_headers(
                        read.head.headers_mut(),
                        model,
                        key,
                        meta.version_id.as_ref(),
                    );
                }
                let object = match read.span {
                    None => None,
                    Some((first, last)) => {
                        match self.store.require(Fingerprint::new(meta.size, meta.crc64)) {
                            Ok(rope) => Some((rope, first, last)),
                            Err(error) => {
                                return storage_failure(context, &error.to_string(), bucket);
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
            _ => {
                let mut response = response::to_response(&view, &outcome);
                if matches!(command, Command::InitiateBucketWorm(_)) {
                    lock::add_worm_id(response.headers_mut(), bucket, state.extras.get(bucket));
                }
                Answer {
                    response,
                    object: None,
                    ticket,
                }
            }
        }
    }

    /// Makes the rope of the object a write will create, so that its bytes are in the store
    /// before the command is applied: a put or part (the piece), an append (the head's rope
    /// and the piece), a completion (the listed parts' ropes in order). A copy, from this
    /// bucket or another (SVC-7), shares its source's bytes: the store is one for every bucket,
    /// by fingerprint. A rope the model then refuses is simply never referred to.
    fn prepare_bytes(
        &self,
        state: &State,
        bucket: &str,
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
                // APP-4: the bytes appended to are the head appendable's. One whose bytes are
                // gone takes no append (a 500, nothing applied) rather than one that would
                // leave an object without its bytes.
                let head = state
                    .service
                    .bucket(bucket)
                    .and_then(|model| model.chain(key.as_str()))
                    .and_then(|chain| chain.head())
                    .filter(|entry| entry.object_type() == Some(ObjectType::Appendable))
                    .and_then(|entry| entry.content().copied());
                match head {
                    Some(content) => {
                        let rope = self
                            .store
                            .require(Fingerprint::new(content.len(), content.crc64()))?;
                        self.store.append(&rope, piece).map(Some)
                    }
                    None => self.store.rope_from_piece(piece).map(Some),
                }
            }
            (
                Command::CompleteMultipartUpload(CompleteMultipartUpload {
                    upload_id, parts, ..
                }),
                _,
            ) => {
                let Some(extras) = state.extras.get(bucket) else {
                    return Ok(None);
                };
                let mut ropes = Vec::with_capacity(parts.len());
                for part in parts {
                    let Some(&fingerprint) =
                        extras.parts.get(&(upload_id.to_string(), part.part_number))
                    else {
                        // The model refuses the completion (MPU-5); no bytes to join.
                        return Ok(None);
                    };
                    // A part whose bytes are gone makes no object (a 500, nothing applied).
                    ropes.push(self.store.require(fingerprint)?);
                }
                self.store.concat(&ropes).map(Some)
            }
            _ => Ok(None),
        }
    }

    /// The bytes of an UploadPartCopy's part (MPU-12, SVC-7): the source version's content, as
    /// the model will select it (CPY-1..CPY-3), and for a range that is not the whole source a
    /// new rope over the range's bytes, whose fingerprint becomes the command's `body` (the
    /// model keeps no bytes, so the range's content comes with the command). `None` when the
    /// model will refuse the copy (no such source, a marker, a range outside it) or for any
    /// other command; [`StoreError::MissingBody`] when the source's bytes are gone.
    fn prepare_part_copy(
        &self,
        state: &State,
        bucket: &str,
        command: &mut Command,
    ) -> Result<Option<PartCopy>, StoreError> {
        let Command::UploadPartCopy(copy) = command else {
            return Ok(None);
        };
        let Some(content) = source_content(&state.service, bucket, copy) else {
            return Ok(None);
        };
        // A source whose bytes are gone makes no part (a 500, nothing applied).
        let rope = self
            .store
            .require(Fingerprint::new(content.len(), content.crc64()))?;
        match copy.range {
            Some((first, last))
                if first <= last
                    && last < content.len()
                    && (first, last) != (0, content.len() - 1) =>
            {
                let (range, digests) = self.store.sub_range(&rope, first..=last)?;
                let range_content = content_of(&digests);
                let mut bytes = Vec::new();
                for chunk in self.store.read(&range) {
                    bytes.extend_from_slice(&chunk?);
                }
                copy.body = Some(Body::Fingerprint(range_content));
                Ok(Some(PartCopy {
                    _rope: range,
                    content: range_content,
                    range_content: Some(range_content),
                    text: Some(String::from_utf8_lossy(&bytes).into_owned()),
                }))
            }
            _ => Ok(Some(PartCopy {
                _rope: rope,
                content,
                range_content: None,
                text: None,
            })),
        }
    }

    /// Brings the service's one clock to the endpoint's `now` with an `advance_clock` command
    /// on `bucket` (LC-0: the model's clock moves only by commands), logged like any other.
    fn advance(&self, state: &mut State, bucket: &str, now: u64) -> Result<Option<Ticket>, String> {
        let behind = now.saturating_sub(state.service.now());
        if behind == 0 {
            return Ok(None);
        }
        let command = Command::AdvanceClock(AdvanceClock::new(behind));
        state
            .service
            .apply(bucket, command.clone())
            .map_err(|violation| violation.to_string())?;
        self.commit(
            state,
            record::trace_record(bucket, &command, None),
            None,
            None,
        )
    }

    /// CreateBucket through the service (SVC-2, SVC-3), at the endpoint's `now`: the record,
    /// then the clock's advance to `now` on the new bucket.
    fn create(&self, state: &mut State, bucket: &str, now: u64) -> Result<Option<Ticket>, Refused> {
        state
            .service
            .create_bucket(bucket)
            .map_err(Refused::Violation)?;
        state.extras.insert(
            bucket.to_owned(),
            Extras {
                created: now,
                ..Extras::default()
            },
        );
        let record = record::bucket_record("create_bucket", bucket);
        let mut ticket = match self.commit(state, record, None, Some(now)) {
            Ok(ticket) => ticket,
            Err(error) => {
                // Not journaled: the new, empty bucket goes again (ERR-2).
                let _ = state.service.delete_bucket(bucket);
                state.extras.remove(bucket);
                return Err(Refused::Storage(error));
            }
        };
        if let Some(advanced) = self.advance(state, bucket, now).map_err(Refused::Storage)? {
            ticket = Some(advanced);
        }
        Ok(ticket)
    }

    /// Adds a line to the log and submits its record to the journal: with `content`, the
    /// fingerprint of the body (so that replay does not depend on the trace's text), with
    /// `time` the endpoint's clock (a creation date).
    fn commit(
        &self,
        state: &mut State,
        line: Value,
        content: Option<Content>,
        time: Option<u64>,
    ) -> Result<Option<Ticket>, String> {
        let ticket = match &self.journal {
            Some(journal) => Some(
                journal
                    .submit(&record::durable_record(&line, content, time).to_string())
                    .map_err(|error| error.to_string())?,
            ),
            None => None,
        };
        state.log.push(line.to_string());
        Ok(ticket)
    }

    // -- the control API's view ------------------------------------------------------------

    /// The endpoint's clock: `(now, pinned)`.
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
    /// bucket (trace-format.md, revision 2): a service trace (see the [module
    /// documentation](self)). With `bucket`, that bucket's trace since its creation
    /// (its `create_bucket`, the clock's advance to that moment, then its commands and every
    /// advance of the shared clock), which `cargo run --example replay -- --dialect D --seed N`
    /// replays to the bucket's state and IDs — unless it copied from another bucket (SVC-7):
    /// such a copy names its source bucket, whose state only the whole log has.
    pub fn log(&self, bucket: Option<&str>) -> String {
        let state = self.lock();
        let lines = match bucket {
            None => state.log.clone(),
            Some(name) => record::bucket_trace(&state.log, state.log_start, name),
        };
        let mut text = String::new();
        for line in lines {
            text.push_str(&line);
            text.push('\n');
        }
        text
    }

    /// Runs lifecycle once on `bucket` at the endpoint's clock (LC-5, LC-11): the service's
    /// clock is brought to the endpoint's, then `run_lifecycle` applied and logged like any
    /// accepted mutating command, and its record waited for in the journal. Returns the run's
    /// outcome (LC-13: `removed`, `delete_markers_added`, `uploads_aborted`) as the trace
    /// format writes it.
    ///
    /// # Errors
    ///
    /// The model's violation (a missing bucket, SVC-6), or the journal's failure as a message.
    pub fn run_lifecycle(&self, bucket: &str) -> Result<Value, RunError> {
        let mut state = self.lock();
        state
            .service
            .bucket_info(bucket)
            .map_err(RunError::Violation)?;
        let now = state.clock.now();
        let mut ticket = self
            .advance(&mut state, bucket, now)
            .map_err(RunError::Storage)?;
        let command = Command::RunLifecycle(RunLifecycle::new());
        let outcome = state
            .service
            .apply(bucket, command.clone())
            .map_err(RunError::Violation)?;
        if let Some(extras) = state.extras.get_mut(bucket) {
            extras.record(&command, &outcome, now);
        }
        let line = record::trace_record(bucket, &command, None);
        if let Some(submitted) = self
            .commit(&mut state, line, None, None)
            .map_err(RunError::Storage)?
        {
            ticket = Some(submitted);
        }
        self.count_write(&mut state);
        drop(state);
        if let Some(ticket) = ticket {
            self.wait(ticket)
                .map_err(|error| RunError::Storage(error.to_string()))?;
        }
        serde_json::to_value(&outcome).map_err(|error| RunError::Storage(error.to_string()))
    }

    /// Empties the service: no buckets, an empty log, the clock pinned at 0.
    ///
    /// # Errors
    ///
    /// The journal's error, when the empty state cannot be checkpointed.
    pub fn reset(&self) -> Result<(), String> {
        let mut state = self.lock();
        *state = State::new(self.config);
        state.clock.pin(0);
        self.checkpoint(&state)
    }

    /// The service snapshot, as the core crate's `Service` serializes (`{"format", "config",
    /// "now", "buckets"}`).
    pub fn snapshot(&self) -> Value {
        self.lock().snapshot()
    }

    /// Replaces the service with `snapshot` (a service snapshot of this dialect). The
    /// endpoint's clock stays as it is; a restored bucket's creation date is the snapshot's
    /// clock; the log starts afresh.
    ///
    /// # Errors
    ///
    /// A message naming what is wrong with the snapshot; the service is then unchanged.
    pub fn restore(&self, snapshot: &Value) -> Result<(), String> {
        let mut restored = State::restored(snapshot, &Map::new())?;
        if restored.service.dialect() != self.dialect() {
            return Err(format!(
                "the snapshot is of dialect {}, the endpoint speaks {}",
                restored.service.dialect(),
                self.dialect()
            ));
        }
        let mut state = self.lock();
        restored.clock = state.clock;
        *state = restored;
        self.checkpoint(&state)
    }

    /// Counts an accepted mutating command, once it is applied and its record submitted, and
    /// collects garbage every [`COLLECT_EVERY`] of them.
    fn count_write(&self, state: &mut State) {
        state.writes_since_collection += 1;
        if state.writes_since_collection >= COLLECT_EVERY {
            self.collect_garbage(state);
        }
    }

    /// Drops from the byte store every body that no entry of any bucket and no uploaded part
    /// refers to. Called under the lock, so that the live set is exact (the store keeps what a
    /// request in flight still holds a handle on).
    ///
    /// The live set must be that of a state a crash cannot go back behind: the journal is
    /// synced first, so every command applied so far is on disk. (Otherwise a `kill -9` before
    /// the journal's next sync would bring back an earlier state — an appendable's previous
    /// content, a version whose delete was not yet written — whose bytes were just dropped.)
    fn collect_garbage(&self, state: &mut State) {
        state.writes_since_collection = 0;
        if let Some(journal) = &self.journal
            && let Err(error) = journal.sync()
        {
            tracing::error!(%error, "byte store collection skipped: the journal failed");
            return;
        }
        match self.store.collect_garbage(&state.live_bodies()) {
            Ok(report) => tracing::info!(?report, "byte store collected"),
            Err(error) => tracing::error!(%error, "byte store collection failed"),
        }
    }

    fn checkpoint(&self, state: &State) -> Result<(), String> {
        match &self.journal {
            Some(journal) => journal
                .checkpoint(state.checkpoint().to_string().as_bytes())
                .map(|_| ())
                .map_err(|error| error.to_string()),
            None => Ok(()),
        }
    }
}

/// The content of the source version an UploadPartCopy names (MPU-12, SVC-7), as the model
/// selects it (CPY-1..CPY-3); `None` when there is none to copy.
fn source_content(
    service: &bucket_versioning::Service,
    bucket: &str,
    copy: &bucket_versioning::request::UploadPartCopy,
) -> Option<Content> {
    let chain = service
        .bucket(copy.source_bucket.as_deref().unwrap_or(bucket))?
        .chain(copy.source_key.as_str())?;
    let entry = match &copy.source_version_id {
        Some(version_id) => chain.iter().find(|entry| entry.version_id() == version_id),
        None => chain.head(),
    };
    entry.and_then(|entry| entry.content().copied())
}

/// Replays one journal record (start-up) as it was applied when served.
fn replay(state: &mut State, payload: &str) -> Result<(), String> {
    let record = Record::parse(payload)?;
    let bucket = record.bucket.as_str();
    let refused =
        |violation: Violation| format!("a logged command is refused on replay: {violation}");
    match record.op() {
        Some("create_bucket") => {
            state.service.create_bucket(bucket).map_err(refused)?;
            let created = record.time.unwrap_or(state.service.now());
            state.extras.insert(
                bucket.to_owned(),
                Extras {
                    created,
                    ..Extras::default()
                },
            );
        }
        Some("delete_bucket") => {
            state.service.delete_bucket(bucket).map_err(refused)?;
            state.extras.remove(bucket);
        }
        _ => {
            let command = record.command()?;
            // MPU-12: the part's content, a range's as recorded or the whole source's.
            let part = match &command {
                Command::UploadPartCopy(copy) => match &copy.body {
                    Some(body) => body.content().ok(),
                    None => source_content(&state.service, bucket, copy),
                },
                _ => None,
            };
            let outcome = state
                .service
                .apply(bucket, command.clone())
                .map_err(refused)?;
            if let Some(extras) = state.extras.get_mut(bucket) {
                extras.record(&command, &outcome, state.service.now());
                if let (Command::UploadPartCopy(copy), Some(part)) = (&command, part) {
                    extras.parts.insert(
                        (copy.upload_id.to_string(), copy.part_number),
                        Fingerprint::new(part.len(), part.crc64()),
                    );
                }
            }
        }
    }
    state.log.push(Value::Object(record.line).to_string());
    Ok(())
}

/// The error response to a violation: a bucket's (SVC) carries `<BucketName>`, the bucket the
/// violation names (for a copy, possibly the source's, SVC-7).
fn refusal(violation: &Violation, context: &ErrorContext) -> Response<Bytes> {
    let (bucket, message) = match violation {
        Violation::NoSuchBucket { bucket } => (bucket, "The specified bucket does not exist."),
        Violation::InvalidBucketName { bucket } => (bucket, "The specified bucket is not valid."),
        Violation::BucketAlreadyExists { bucket }
        | Violation::BucketAlreadyOwnedByYou { bucket } => {
            (bucket, "The requested bucket name is not available.")
        }
        Violation::BucketNotEmpty { bucket } => {
            (bucket, "The bucket you tried to delete is not empty.")
        }
        _ => return ErrorResponse::from_violation(violation, context).into_response(context),
    };
    ErrorResponse::bucket_error(violation.http_status(), violation.code(), message, bucket)
        .into_response(context)
}

fn storage_failure(context: &ErrorContext, error: &str, bucket: &str) -> Answer {
    tracing::error!(%error, "storage failure");
    Answer::plain(
        ErrorResponse::bucket_error(500, "InternalError", error, bucket).into_response(context),
    )
}

fn content_of(digests: &Digests) -> Content {
    Content::from_fingerprint(digests.len(), digests.crc64(), Some(digests.md5()))
}

fn owner() -> Owner {
    Owner {
        id: OWNER_ID.to_owned(),
        display_name: OWNER_NAME.to_owned(),
    }
}
