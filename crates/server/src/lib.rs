//! The storage of the bucket-versioning server: where the bytes and the history live.
//!
//! The model (`bucket-versioning`) is pure: it keeps a fingerprint of each object's content,
//! never the bytes, and its state is whatever its commands made it. A server that speaks the
//! OSS and S3 protocols needs two things the model leaves out, and this crate provides both:
//!
//! - [`store`]: a **content-addressed byte store**. Bodies are kept as immutable *pieces*
//!   named by their SHA-256, and objects as *ropes* of slices of pieces, so appends, multipart
//!   completions and range copies share bytes instead of copying them. It is indexed by the
//!   model's fingerprint (length, CRC-64), in memory or under a directory.
//! - [`journal`]: a **durable command log** of one-line records with group commit and
//!   snapshots: an accepted request is synced to it before the response, and replaying it on
//!   start rebuilds the state. A `kill -9` at any moment loses no acknowledged record.
//!
//! With `--data-dir DIR`, the server keeps the journal in `DIR/commands` and the store in
//! `DIR/bytes` (its own rope log included); each takes a lock, so a second server on the same
//! directory fails with a clear error. A request that writes is handled in this order, so that
//! every acknowledged command finds its bytes after a crash:
//!
//! 1. store the body ([`store::ByteStore::writer`], then a rope): durable on return;
//! 2. apply the command to the model and [`submit`](journal::Journal::submit) it to the
//!    journal, under the model's lock;
//! 3. [`wait`](journal::Journal::wait) for the journal, outside the lock, and respond.
//!
//! The storage is blocking `std` I/O with no clock and no global state; the server calls it
//! from blocking tasks.
//!
//! The server itself (the binary `bucket-versioning serve`, startable in-process with
//! [`serve::Server`]) is built from:
//!
//! | module | concern |
//! |---|---|
//! | [`serve`] | options, binding, the accept loop (tokio, hyper 1), graceful shutdown |
//! | [`handler`] | one request: codec, signature, body decoding and checksums, response |
//! | [`registry`] | the buckets: the model's `Service`, their bytes, the clock, the log and journal |
//! | [`control`] | the test control API under `/_bv/` |
//! | [`clock`] | the logical clock: the wall clock unless pinned |

pub mod clock;
pub mod control;
pub mod handler;
pub mod journal;
pub mod registry;
pub mod response_body;
pub mod serve;
pub mod store;

mod fsync;
