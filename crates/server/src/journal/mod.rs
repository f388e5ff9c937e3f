//! A durable, append-only log of text records, with group commit and snapshots.
//!
//! The server writes one record per accepted mutating request (the command in the trace format
//! with its time and bucket) and acknowledges the request only once the record is on disk; on
//! start it replays the records to rebuild the state. The journal treats a record as opaque:
//! one line of UTF-8 without a newline.
//!
//! # Guarantees
//!
//! - **Durable before acknowledged.** [`Journal::append`] (and [`Journal::wait`]) returns only
//!   after the record has been written and `fsync`ed (`File::sync_data`). Records submitted
//!   together may share one sync (*group commit*), but none is acknowledged before its sync.
//! - **Recovery gives exactly the acknowledged records**, in order: [`Journal::open`] reads the
//!   latest snapshot and every complete, checksum-valid record after it. A torn tail — a write
//!   a crash cut short, none of it acknowledged — is truncated away and reported in
//!   [`Recovered::torn_tail`]. Bad bytes *followed* by valid records cannot come from a crash:
//!   they are [`JournalError::Corrupt`], never silently skipped.
//! - **Snapshots are atomic.** [`Journal::checkpoint`] writes the snapshot to a temporary file,
//!   syncs it, renames it into place and syncs the directory, then starts a new segment; the
//!   older files go only once the snapshot is durable.
//! - **One writer.** The directory's `LOCK` file is locked (an advisory `flock`) for as long as
//!   the journal is open; a second opener gets [`JournalError::Locked`].
//! - **After a failed write or sync, nothing more.** The journal is then *poisoned*
//!   ([`JournalError::Poisoned`]): the process should exit and recover on restart.
//!
//! # Using it from a server
//!
//! The journal's order must be the order in which commands were applied to the model, while
//! the slow part, the sync, should not hold the model's lock. So the server submits under its
//! lock and waits outside it:
//!
//! ```no_run
//! # use std::sync::Mutex;
//! # use bucket_versioning_server::journal::{Journal, JournalOptions};
//! # fn apply(_: &mut Vec<String>, _: &str) {}
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let (journal, recovered) = Journal::open("data/commands".as_ref(), JournalOptions::default())?;
//! let mut state = Vec::new(); // the model, rebuilt from the snapshot and the records
//! for record in &recovered.records {
//!     apply(&mut state, &record.payload);
//! }
//! let model = Mutex::new(state);
//!
//! // For each mutating request:
//! let line = r#"{"time":12,"bucket":"b","command":{"op":"put_object","key":"k","body":"v"}}"#;
//! let ticket = {
//!     let mut model = model.lock().expect("not poisoned");
//!     apply(&mut model, line);
//!     journal.submit(line)?
//! };
//! journal.wait(ticket)?; // durable: now the response may be sent
//! # Ok(()) }
//! ```

mod error;
mod files;
mod frame;
mod recovery;

use std::fmt;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

pub use error::{Corruption, InvalidRecord, JournalError};
pub use frame::MAX_RECORD_LEN;
pub use recovery::{Record, Recovered, Snapshot, TornTail};

use crate::fsync;

/// A record's place in the journal: 0 for the first record ever appended, then one more for each.
///
/// Positions keep counting across checkpoints, so a snapshot names the position it covers up
/// to and the records after it continue from there.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position(u64);

impl Position {
    /// The position with the given number.
    pub const fn new(value: u64) -> Self {
        Position(value)
    }

    /// The position's number.
    pub const fn value(self) -> u64 {
        self.0
    }

    /// The position after this one.
    const fn next(self) -> Self {
        Position(self.0 + 1)
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A record submitted to the journal, not yet known to be durable: give it to
/// [`Journal::wait`] before acknowledging anything that depends on the record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[must_use = "a submitted record is not durable until `Journal::wait` returns for its ticket"]
pub struct Ticket(Position);

impl Ticket {
    /// The position the record will have.
    pub const fn position(self) -> Position {
        self.0
    }
}

/// How a [`Journal`] syncs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JournalOptions {
    group_commit: bool,
}

impl Default for JournalOptions {
    /// Group commit on.
    fn default() -> Self {
        JournalOptions { group_commit: true }
    }
}

impl JournalOptions {
    /// With group commit (the default), records submitted while a sync is running are written
    /// and synced together by the next waiter, so concurrent writers share syncs. Without it,
    /// [`Journal::submit`] writes and syncs each record on its own before returning: the
    /// baseline the benchmark compares against.
    pub const fn group_commit(mut self, on: bool) -> Self {
        self.group_commit = on;
        self
    }
}

/// An append-only, durable log of one-line text records in a directory (see the
/// [module documentation](self) for the guarantees and the layout).
///
/// Methods, by role:
/// - open and recover: [`open`](Self::open);
/// - write: [`append`](Self::append), or [`submit`](Self::submit) then [`wait`](Self::wait);
///   [`sync`](Self::sync) waits for everything submitted;
/// - compact: [`checkpoint`](Self::checkpoint);
/// - queries: [`dir`](Self::dir), [`next_position`](Self::next_position).
///
/// The journal is `Sync`: share it (in an `Arc`) between the threads that write to it.
#[derive(Debug)]
pub struct Journal {
    dir: PathBuf,
    options: JournalOptions,
    state: Mutex<State>,
    /// Signalled whenever a sync ends (successfully or not) or a checkpoint finishes.
    synced: Condvar,
    /// The open lock file: the advisory lock lasts as long as this handle.
    _lock: File,
}

#[derive(Debug)]
struct State {
    /// The segment records are appended to (opened in append mode).
    segment: Arc<File>,
    segment_path: PathBuf,
    /// The position of the current segment's first record.
    segment_first: Position,
    /// The position the next submitted record gets.
    next: Position,
    /// Records submitted but not yet written, framed.
    pending: Vec<u8>,
    /// Every record before this position is durable.
    durable: Position,
    /// Whether a waiter is writing and syncing a batch outside the lock.
    flushing: bool,
    /// The first write or sync failure; once set, the journal accepts nothing more.
    failure: Option<String>,
}

impl Journal {
    /// Opens the journal in `dir`, creating the directory if needed, and recovers it.
    ///
    /// Returns the journal, ready to append after the last recovered record, and what was
    /// recovered (see [`Recovered`]).
    ///
    /// # Errors
    ///
    /// [`JournalError::Unusable`] or [`JournalError::Locked`] when the directory cannot be used;
    /// [`JournalError::Corrupt`] when its files hold anything but the journal's records with at
    /// most a torn tail; [`JournalError::Io`] when reading fails.
    pub fn open(dir: &Path, options: JournalOptions) -> Result<(Journal, Recovered), JournalError> {
        let opened = recovery::open(dir)?;
        let journal = Journal {
            dir: dir.to_path_buf(),
            options,
            state: Mutex::new(State {
                segment: Arc::new(opened.segment),
                segment_path: opened.segment_path,
                segment_first: opened.segment_first,
                next: opened.next,
                pending: Vec::new(),
                durable: opened.next,
                flushing: false,
                failure: None,
            }),
            synced: Condvar::new(),
            _lock: opened.lock,
        };
        Ok((journal, opened.recovered))
    }

    /// Appends `record` and returns its position once it is durable.
    ///
    /// The same as [`submit`](Self::submit) then [`wait`](Self::wait).
    ///
    /// # Errors
    ///
    /// [`JournalError::InvalidRecord`] for a record with a newline or longer than
    /// [`MAX_RECORD_LEN`]; [`JournalError::Io`] when the write or sync fails (the journal is
    /// poisoned from then on); [`JournalError::Poisoned`] after an earlier failure.
    pub fn append(&self, record: &str) -> Result<Position, JournalError> {
        let ticket = self.submit(record)?;
        self.wait(ticket)
    }

    /// Gives `record` its position, without waiting for it to be durable.
    ///
    /// Records get positions in the order of `submit` calls; call it while holding whatever lock
    /// orders the changes the records describe. With group commit off, this writes and syncs
    /// the record before returning.
    ///
    /// # Errors
    ///
    /// As for [`append`](Self::append).
    pub fn submit(&self, record: &str) -> Result<Ticket, JournalError> {
        if record.contains('\n') {
            return Err(JournalError::InvalidRecord(InvalidRecord::Newline));
        }
        if record.len() > MAX_RECORD_LEN {
            return Err(JournalError::InvalidRecord(InvalidRecord::TooLong {
                len: record.len(),
                max: MAX_RECORD_LEN,
            }));
        }
        let mut state = self.lock();
        state.check_healthy()?;
        let ticket = Ticket(state.next);
        if self.options.group_commit {
            frame::encode(record, &mut state.pending);
            state.next = state.next.next();
        } else {
            let mut framed = Vec::with_capacity(record.len() + 20);
            frame::encode(record, &mut framed);
            let segment = Arc::clone(&state.segment);
            write_and_sync(&segment, &framed)
                .map_err(|source| state.fail(source, "appending a record"))?;
            state.next = state.next.next();
            state.durable = state.next;
        }
        Ok(ticket)
    }

    /// Returns once the ticket's record is durable.
    ///
    /// If no other thread is syncing, this one writes every record submitted so far and syncs
    /// them together; otherwise it waits for the running sync and, if that did not cover its
    /// record, leads the next one.
    ///
    /// # Errors
    ///
    /// [`JournalError::Io`] when this thread's write or sync fails, [`JournalError::Poisoned`]
    /// when another's did before the record was durable.
    ///
    /// # Panics
    ///
    /// If the ticket was not given by this journal's [`submit`](Self::submit) (its position is
    /// beyond any submitted): waiting for it could never end.
    pub fn wait(&self, ticket: Ticket) -> Result<Position, JournalError> {
        let mut state = self.lock();
        assert!(
            ticket.0 < state.next,
            "ticket {} was not given by this journal (next position {})",
            ticket.0,
            state.next
        );
        loop {
            if ticket.0 < state.durable {
                return Ok(ticket.0);
            }
            state.check_healthy()?;
            if state.flushing {
                state = self
                    .synced
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
                continue;
            }
            // Lead: write the whole pending batch and sync it, outside the lock.
            let batch = std::mem::take(&mut state.pending);
            let end = state.next;
            let segment = Arc::clone(&state.segment);
            state.flushing = true;
            drop(state);
            let result = write_and_sync(&segment, &batch);
            state = self.lock();
            state.flushing = false;
            let outcome = match result {
                Ok(()) => {
                    state.durable = end;
                    Ok(())
                }
                Err(source) => Err(state.fail(source, "writing a batch of records")),
            };
            self.synced.notify_all();
            outcome?;
        }
    }

    /// Returns once every record submitted so far is durable, with the position after the last.
    ///
    /// # Errors
    ///
    /// As for [`wait`](Self::wait).
    pub fn sync(&self) -> Result<Position, JournalError> {
        let last = {
            let state = self.lock();
            if state.durable == state.next {
                return Ok(state.next);
            }
            Ticket(Position(state.next.0 - 1))
        };
        self.wait(last).map(Position::next)
    }

    /// Records `snapshot` as the state after every record submitted so far, and starts a new
    /// segment; returns the position the snapshot covers up to.
    ///
    /// The caller must make sure `snapshot` reflects every submitted record and no other change,
    /// typically by taking it under the same lock as [`submit`](Self::submit). Pending records are
    /// made durable first (their waiters are released). Recovery then starts from this snapshot;
    /// older segments and snapshots are removed.
    ///
    /// # Errors
    ///
    /// [`JournalError::Io`] when a write fails. A failure before the snapshot is in place leaves
    /// the journal as it was (a retry may succeed); a failure after it poisons the journal.
    pub fn checkpoint(&self, snapshot: &[u8]) -> Result<Position, JournalError> {
        let mut state = self.lock();
        while state.flushing {
            state = self
                .synced
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        state.check_healthy()?;
        if !state.pending.is_empty() {
            let batch = std::mem::take(&mut state.pending);
            let segment = Arc::clone(&state.segment);
            let result = write_and_sync(&segment, &batch);
            if let Err(source) = result {
                let error = state.fail(source, "writing records before a checkpoint");
                self.synced.notify_all();
                return Err(error);
            }
            state.durable = state.next;
            self.synced.notify_all();
        }
        let position = state.next;

        let snapshot_name = files::snapshot_name(position);
        fsync::write_atomically(
            &self.dir,
            &snapshot_name,
            &files::encode_snapshot(position, snapshot),
        )
        .map_err(|source| JournalError::Io {
            path: self.dir.join(&snapshot_name),
            action: "writing a snapshot",
            source,
        })?;

        // From here on the snapshot is what recovery starts from: records must go to the
        // segment that starts at `position`, or the journal must stop.
        if state.segment_first != position {
            let path = self.dir.join(files::segment_name(position));
            let created = File::create(&path)
                .and_then(|_| fsync::sync_dir(&self.dir))
                .and_then(|()| std::fs::OpenOptions::new().append(true).open(&path));
            match created {
                Ok(segment) => {
                    let old = std::mem::replace(&mut state.segment_path, path);
                    state.segment = Arc::new(segment);
                    state.segment_first = position;
                    // Best effort: recovery ignores and removes what is left.
                    let _ = fsync::remove_file_if_present(&old);
                }
                Err(source) => return Err(state.fail(source, "starting a new segment")),
            }
        }
        drop(state);
        self.remove_files_before(position);
        Ok(position)
    }

    /// The directory the journal lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The position the next submitted record will get.
    pub fn next_position(&self) -> Position {
        self.lock().next
    }

    /// Removes the segments and snapshots a checkpoint at `position` made obsolete.
    ///
    /// Best effort: a file left behind is removed by the next [`open`](Self::open), and
    /// ignored until then.
    fn remove_files_before(&self, position: Position) {
        let Ok(listing) = files::list(&self.dir) else {
            return;
        };
        let segments = listing
            .segments
            .into_iter()
            .filter(|&first| first < position);
        let snapshots = listing.snapshots.into_iter().filter(|&at| at < position);
        for name in segments
            .map(files::segment_name)
            .chain(snapshots.map(files::snapshot_name))
        {
            let _ = fsync::remove_file_if_present(&self.dir.join(name));
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // No code panics while holding the lock, so a poisoned lock still guards a consistent
        // state.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl State {
    /// `Poisoned` if a write or sync has failed.
    fn check_healthy(&self) -> Result<(), JournalError> {
        match &self.failure {
            Some(cause) => Err(JournalError::Poisoned {
                cause: cause.clone(),
            }),
            None => Ok(()),
        }
    }

    /// Records the first failure and returns the error for the caller that met it.
    fn fail(&mut self, source: std::io::Error, action: &'static str) -> JournalError {
        if self.failure.is_none() {
            self.failure = Some(format!(
                "{action} in {}: {source}",
                self.segment_path.display()
            ));
        }
        JournalError::Io {
            path: self.segment_path.clone(),
            action,
            source,
        }
    }
}

/// Appends `bytes` to the segment and syncs its data.
fn write_and_sync(mut segment: &File, bytes: &[u8]) -> std::io::Result<()> {
    if bytes.is_empty() {
        return Ok(());
    }
    segment.write_all(bytes)?;
    segment.sync_data()
}
