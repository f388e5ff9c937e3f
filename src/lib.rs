//! A pure, deterministic model of an object-storage bucket's object-version chains, with
//! Alibaba Cloud OSS semantics by default and Amazon S3 as a second dialect.
//!
//! Commands go in, version IDs, outcomes or typed rule violations come out. The model does no
//! I/O, reads no clock and draws no OS randomness: time moves only when the caller advances it,
//! and generated IDs come from a seeded source, so the same seed and commands always give the
//! same outcomes. Every rule it implements has an ID in the specification (`VS-2`, `PUT-3`,
//! `DEL-4`, …), and the docs, tests and violations cite them.
//!
//! # A tour
//!
//! A new bucket is Unversioned. Writes there get the version ID `null` and replace what was
//! there (PUT-1); responses report no version ID (RSP-1).
//!
//! ```
//! use bucket_versioning::request::DeleteObject;
//! use bucket_versioning::{Bucket, BucketConfig, Dialect, VersionId, Violation};
//!
//! let mut bucket = Bucket::new(BucketConfig::new(Dialect::Oss).with_seed(1));
//! let put = bucket.put_object("report.txt", "v0")?;
//! assert_eq!(put.version_id, None);
//!
//! // Enable versioning (VS-2): existing entries are untouched (VS-3).
//! bucket.put_bucket_versioning("Enabled")?;
//!
//! // Each upload of the same key adds a version with a fresh ID (PUT-2).
//! let v1 = bucket.put_object("report.txt", "v1")?.version_id.expect("Enabled reports IDs");
//! let v2 = bucket.put_object("report.txt", "v2")?.version_id.expect("Enabled reports IDs");
//! assert_ne!(v1, v2);
//! assert_eq!(bucket.chain("report.txt").map(|chain| chain.len()), Some(3));
//!
//! // A simple delete stacks a delete marker (DEL-3); a read then gets 404 (GET-2).
//! let marker = bucket.delete_object("report.txt")?;
//! assert!(marker.delete_marker);
//! let marker_id = marker.version_id.expect("the marker's ID");
//! assert_eq!(
//!     bucket.get_object("report.txt"),
//!     Err(Violation::NoSuchKey { delete_marker: true, version_id: Some(marker_id.clone()) })
//! );
//!
//! // Deleting the marker by its ID restores the previous version (DEL-5, DEL-6).
//! bucket.delete_object(DeleteObject::new("report.txt").version_id(marker_id))?;
//! assert_eq!(bucket.get_object("report.txt")?.version_id, Some(v2));
//!
//! // Suspended: writes get `null` and replace the null entry wherever it sits (PUT-3).
//! bucket.put_bucket_versioning("Suspended")?;
//! let put = bucket.put_object("report.txt", "v3")?;
//! assert_eq!(put.version_id, Some(VersionId::NULL));
//! assert_eq!(bucket.chain("report.txt").map(|chain| chain.len()), Some(3));
//!
//! // Rejections are typed, carry the service's code and status, and change nothing (ERR-2).
//! let before = bucket.clone();
//! let error = bucket.put_bucket_versioning("Disabled").unwrap_err();
//! assert_eq!((error.code(), error.http_status()), ("MalformedXML", 400));
//! assert_eq!(bucket, before);
//! bucket.check_invariants()?;
//!
//! // A chain draws itself, head first.
//! println!("{}", bucket.chain("report.txt").expect("the key exists"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Append upload (OSS)
//!
//! An append at position 0 creates an appendable object; each later append must name its
//! length, grows it in place (same version ID), and reports the CRC-64 of the whole object
//! (APP-3, APP-4, APP-9, CT-2). A later put seals it for good (APP-7).
//!
//! ```
//! use bucket_versioning::{Bucket, Violation};
//!
//! let mut bucket = Bucket::default();
//! bucket.put_bucket_versioning("Enabled")?;
//! let first = bucket.append_object("events.log", 0, "boot\n")?;
//! let second = bucket.append_object("events.log", first.next_position, "ready\n")?;
//! assert_eq!(second.version_id, first.version_id);
//! assert_eq!(second.crc64, bucket_versioning::crc64::checksum(b"boot\nready\n"));
//! assert_eq!(
//!     bucket.append_object("events.log", 0, "late"),
//!     Err(Violation::PositionNotEqualToLength { next_position: 11 })
//! );
//! bucket.put_object("events.log", "rotated")?;
//! assert_eq!(bucket.append_object("events.log", 7, "x"), Err(Violation::ObjectNotAppendable));
//! # Ok::<(), Violation>(())
//! ```
//!
//! ## Multipart upload
//!
//! Complete is the write: the object enters the chain under the versioning state in force at
//! Complete, with the ETag `…-N` (MPU-7, CT-4). [`determine_part_size`] is the OSS SDK's helper.
//!
//! ```
//! use bucket_versioning::request::CompletedPart;
//! use bucket_versioning::{Body, Bucket, determine_part_size};
//!
//! let mut bucket = Bucket::default();
//! bucket.put_bucket_versioning("Enabled")?;
//! let part_size = determine_part_size(250_000, 102_400);
//! assert_eq!(part_size, 102_400);
//! let upload = bucket.initiate_multipart_upload("video.mp4")?.upload_id;
//! let mut parts = Vec::new();
//! for (number, size) in [(1, part_size), (2, part_size), (3, 250_000 - 2 * part_size)] {
//!     let body = Body::Repeat { repeat: "v".into(), times: size };
//!     let etag = bucket.upload_part("video.mp4", &upload, number, body)?.etag;
//!     parts.push(CompletedPart::new(number, etag));
//! }
//! let done = bucket.complete_multipart_upload("video.mp4", &upload, &parts)?;
//! assert!(done.etag.as_str().ends_with("-3"));
//! assert_eq!(bucket.head_object("video.mp4")?.size, 250_000);
//! # Ok::<(), bucket_versioning::Violation>(())
//! ```
//!
//! ## Copy, restore and list
//!
//! Restoring a previous version is a copy of it onto its own key (CPY-6); the listings page
//! through every version, or through the current view (LST).
//!
//! ```
//! use bucket_versioning::Bucket;
//! use bucket_versioning::request::{CopyObject, ListObjectVersions, ListObjects};
//!
//! let mut bucket = Bucket::default();
//! bucket.put_bucket_versioning("Enabled")?;
//! let draft = bucket.put_object("budget.xlsx", "draft")?.version_id.expect("Enabled reports IDs");
//! bucket.put_object("budget.xlsx", "final")?;
//! bucket.delete_object("budget.xlsx")?;
//! let restore = CopyObject::new("budget.xlsx", "budget.xlsx").source_version_id(draft.clone());
//! let restored = bucket.copy_object(restore)?;
//! assert_eq!(restored.source_version_id, Some(draft));
//! let page = bucket.list_object_versions(ListObjectVersions::new().max_keys(2))?;
//! assert_eq!(page.entries.len(), 2);
//! assert!(page.is_truncated && page.entries[0].is_latest);
//! let current = bucket.list_objects(ListObjects::new())?;
//! assert_eq!(current.objects.len(), 1);
//! # Ok::<(), bucket_versioning::Violation>(())
//! ```
//!
//! Every command is also a [`Command`] value for [`Bucket::apply`], which is what property
//! tests, fuzzers and the trace replayer use. Each variant carries its operation's
//! [`request`] type (required fields as constructor arguments, optional ones set by name);
//! each outcome type is in [`outcome`].
//!
//! # Cost
//!
//! A command costs O(log n) in the number of entries, whatever the chain length, plus hashing
//! its body's bytes once (MD5 and CRC-64; a body given by repetition or fingerprint is never
//! built). A listing page costs O(log n) plus its size.
//!
//! # Layers
//!
//! The modules import only downward: the vocabulary (keys, IDs, [`Body`], [`Content`],
//! [`Dialect`], [`VersioningState`], [`ObjectType`], [`Violation`]), the [`request`]s and the
//! arguments parsed from them once, in ERR-4's order (private `checked`);
//! storage (packed entries, the store with its ID registry owning the ID source, uploads,
//! paging; private); the [`view`]s; the machine ([`Bucket`], the shared write mechanics, one
//! file per operation family); and the oracle and I/O on top (`check_invariants`, snapshots,
//! `wire`).
//!
//! # Features
//!
//! - `std` (default): `std::error::Error` for the error types. Without it the crate is
//!   `#![no_std]` and needs only `alloc`.
//! - `serde`: the trace format — [`Command`] deserializes from a trace line and
//!   [`Reply`](wire::Reply) serializes the outcome line; configuration and the bucket itself
//!   serialize too.
//! - `proptest`: the `strategies` module, proptest strategies for commands and command
//!   sequences that reach the interesting states (real versions and uploads, right and wrong
//!   append positions, parts around the minimum size, continued listings). The crate's own property tests use
//!   them; a server team can drive its system and the model with the same sequences and
//!   compare (the repository's `tests/rules/oracle.rs` shows how).
//! - `quickcheck`: `quickcheck::Arbitrary` for [`Command`] and the types it carries
//!   ([`ObjectKey`], [`VersionId`], [`UploadId`], [`Body`], [`Dialect`], [`BucketConfig`]), a
//!   second generator independent of the first.
//!
//! # Where the rules live
//!
//! The specification ships with the crate: `docs/spec/rules.md` (every rule with its ID) and
//! `docs/spec/trace-format.md` (the trace interface) in the repository.
//! The `docs/` folder of the repository teaches it chapter by chapter.
#![no_std]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod body;
mod bucket;
mod checked;
mod command;
mod conditions;
pub mod config;
mod content;
pub mod crc64;
pub mod dialect;
mod invariants;
mod key;
pub mod lifecycle;
pub mod lock;
pub mod metadata;
mod object_type;
mod ops;
pub mod outcome;
mod pairs;
pub mod part_size;
#[cfg(feature = "quickcheck")]
mod quickcheck_arbitrary;
pub mod request;
mod service;
#[cfg(feature = "serde")]
mod snapshot;
mod storage;
#[cfg(feature = "proptest")]
pub mod strategies;
pub mod tags;
mod upload_id;
pub mod version_id;
pub mod versioning;
pub mod view;
pub mod violation;
#[cfg(feature = "serde")]
pub mod wire;
mod write;

/// The README's examples, compiled and run as doctests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// The Buckets chapter's Rust example, compiled and run as a doctest so it stays true.
#[cfg(doctest)]
#[doc = include_str!("../docs/buckets.md")]
pub struct BucketsChapterDoctests;

/// The Tags and metadata chapter's Rust example, compiled and run as a doctest so it stays
/// true.
#[cfg(doctest)]
#[doc = include_str!("../docs/tags.md")]
pub struct TagsChapterDoctests;

/// The Symlinks chapter's Rust example, compiled and run as a doctest so it stays true.
#[cfg(doctest)]
#[doc = include_str!("../docs/symlinks.md")]
pub struct SymlinksChapterDoctests;

/// The Lifecycle chapter's Rust example, compiled and run as a doctest so it stays true.
#[cfg(doctest)]
#[doc = include_str!("../docs/lifecycle.md")]
pub struct LifecycleChapterDoctests;

pub use body::Body;
pub use bucket::Bucket;
pub use command::Command;
pub use config::BucketConfig;
pub use content::{Content, ETag};
pub use dialect::Dialect;
pub use key::ObjectKey;
pub use metadata::Metadata;
pub use object_type::ObjectType;
pub use outcome::Outcome;
pub use part_size::determine_part_size;
pub use service::{DEFAULT_BUCKET, Service};
pub use tags::Tags;
pub use upload_id::UploadId;
pub use version_id::VersionId;
pub use versioning::VersioningState;
pub use view::ChainView;
pub use violation::Violation;
