//! Property tests of the listing, copy and batch-delete commands.
//!
//! - Pagination: for random buckets, every `max_keys` in 1..=7 and prefix / delimiter choices,
//!   walking all pages by passing back the next markers yields exactly the full listing, each
//!   entry once, in order, `is_latest` exactly on heads (LST-1, LST-5, LST-6), for both
//!   listings (LST-7); every page equals a naive listing computed from `bucket.chains()`.
//! - Copy: a copy's head has the source's fingerprint and ETag (CT-6); restoring by copy never
//!   removes an entry in an Enabled bucket, and only the null slot in a Suspended one (CPY-4,
//!   CPY-6).
//! - Random command sequences mixing these commands with the core ones keep every invariant,
//!   leave the bucket unchanged after a rejection (ERR-2) or a listing, agree with the naive
//!   listing, and are deterministic (INV-9).
//!
//! Version IDs "taken from earlier outcomes" are generated as placeholders (`pick-N`) and
//! resolved when the step runs, against every ID the outcomes so far have shown.

use crate::reference::pages::{
    Listed, Row, naive_max_keys, naive_object_rows, naive_page, naive_version_rows, split,
};
use bucket_versioning::request::{
    CopyObject, DeleteObject, DeleteObjects, ListObjectVersions, ListObjects, ObjectIdentifier,
    PutBucketVersioning, PutObject,
};
use bucket_versioning::{
    Body, Bucket, BucketConfig, Command, Content, Dialect, ObjectKey, ObjectType, Outcome,
    VersionId, Violation, violation::InvalidRequestReason,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

/// Keys that exercise prefixes, delimiters and the ends of the code-point range.
const KEYS: &[&str] = &[
    "a",
    "a/",
    "a/b",
    "a/b/c",
    "a/c",
    "ab",
    "b",
    "b/x/y",
    "é/1",
    "\u{10FFFF}",
    "\u{10FFFF}/z",
];

const PREFIXES: &[&str] = &["", "a", "a/", "a/b", "b", "é", "\u{10FFFF}", "zz"];

const DELIMITERS: &[Option<&str>] = &[None, Some("/"), Some("b"), Some("/b"), Some("\u{10FFFF}")];

const PLACEHOLDER: &str = "pick-";

// ---------------------------------------------------------------------------------------------
// Strategies (kept free-standing so the shared property test can lift them).

fn arb_dialect() -> impl Strategy<Value = Dialect> {
    prop_oneof![Just(Dialect::Oss), Just(Dialect::S3)]
}

fn arb_key(keys: &'static [&'static str]) -> impl Strategy<Value = ObjectKey> {
    proptest::sample::select(keys).prop_map(ObjectKey::from)
}

/// A version ID for a request: mostly one seen in an earlier outcome (a placeholder resolved
/// at run time), sometimes `null`, an unknown ID or an empty (malformed) one.
fn arb_version_ref() -> impl Strategy<Value = VersionId> {
    prop_oneof![
        8 => (0..64usize).prop_map(|index| VersionId::from(format!("{PLACEHOLDER}{index}"))),
        2 => Just(VersionId::NULL),
        1 => Just(VersionId::from("unknown")),
        1 => Just(VersionId::from("")),
    ]
}

fn arb_body() -> impl Strategy<Value = Body> {
    prop_oneof![
        Just(Body::from("")),
        Just(Body::from("x")),
        Just(Body::from("hello")),
        Just(Body::from(Content::from_fingerprint(7 << 20, 42, None))),
    ]
}

/// The core commands the family's commands are mixed with.
fn arb_core_command(keys: &'static [&'static str]) -> impl Strategy<Value = Command> {
    prop_oneof![
        1 => prop_oneof![Just("Enabled"), Just("Suspended")]
            .prop_map(|status| Command::PutBucketVersioning(PutBucketVersioning::new(status))),
        4 => (arb_key(keys), arb_body()).prop_map(|(key, body)| Command::PutObject(PutObject::new(key, body))),
        3 => (arb_key(keys), option::weighted(0.5, arb_version_ref())).prop_map(
            |(key, version_id)| Command::DeleteObject(DeleteObject { version_id, ..DeleteObject::new(key) })
        ),
    ]
}

/// A listing marker: a key, a prefix (perhaps a common prefix), or nothing.
fn arb_marker(keys: &'static [&'static str]) -> impl Strategy<Value = Option<String>> {
    option::of(prop_oneof![
        proptest::sample::select(keys).prop_map(String::from),
        proptest::sample::select(PREFIXES).prop_map(String::from),
    ])
}

fn arb_prefix() -> impl Strategy<Value = Option<String>> {
    option::of(proptest::sample::select(PREFIXES).prop_map(String::from))
}

fn arb_delimiter() -> impl Strategy<Value = Option<String>> {
    proptest::sample::select(DELIMITERS).prop_map(|delimiter| delimiter.map(String::from))
}

fn arb_max_keys() -> impl Strategy<Value = Option<u64>> {
    option::weighted(
        0.8,
        prop_oneof![8 => 1..6u64, 1 => Just(0u64), 1 => Just(1000u64), 1 => Just(1001u64)],
    )
}

/// This family's commands: DeleteObjects, CopyObject, ListObjectVersions, ListObjects.
fn arb_listing_command(keys: &'static [&'static str]) -> impl Strategy<Value = Command> {
    let entry_key = prop_oneof![
        8 => arb_key(keys),
        1 => Just(ObjectKey::from("/bad")),
        1 => Just(ObjectKey::from("")),
    ];
    prop_oneof![
        (
            vec((entry_key, option::weighted(0.5, arb_version_ref())), 0..5),
            option::of(any::<bool>()),
        )
            .prop_map(|(objects, quiet)| Command::DeleteObjects(DeleteObjects {
                objects: objects
                    .into_iter()
                    .map(|(key, version_id)| ObjectIdentifier {
                        version_id,
                        ..ObjectIdentifier::new(key)
                    })
                    .collect(),
                quiet,
                bypass_governance: None,
            })),
        (
            arb_key(keys),
            option::weighted(0.5, arb_version_ref()),
            arb_key(keys)
        )
            .prop_map(|(source_key, source_version_id, key)| Command::CopyObject(
                CopyObject {
                    source_version_id,
                    ..CopyObject::new(source_key, key)
                }
            )),
        (
            arb_prefix(),
            arb_delimiter(),
            arb_marker(keys),
            option::weighted(0.3, arb_version_ref()),
            arb_max_keys(),
        )
            .prop_map(
                |(prefix, delimiter, key_marker, version_id_marker, max_keys)| {
                    Command::ListObjectVersions(ListObjectVersions {
                        prefix,
                        delimiter,
                        key_marker,
                        version_id_marker,
                        max_keys,
                    })
                }
            ),
        (
            arb_prefix(),
            arb_delimiter(),
            arb_marker(keys),
            arb_max_keys()
        )
            .prop_map(
                |(prefix, delimiter, marker, max_keys)| Command::ListObjects(ListObjects {
                    prefix,
                    delimiter,
                    marker,
                    max_keys
                })
            ),
    ]
}

// ---------------------------------------------------------------------------------------------
// Running steps.

/// The `(key, version ID)` pairs the outcomes so far have shown, in the order first seen.
#[derive(Default)]
struct Seen(Vec<(String, VersionId)>);

impl Seen {
    fn add(&mut self, key: &str, id: Option<&VersionId>) {
        if let Some(id) = id
            && !id.is_empty()
            && !self.0.iter().any(|(k, seen)| k == key && seen == id)
        {
            self.0.push((key.to_string(), id.clone()));
        }
    }

    /// The ID a placeholder stands for: the N-th ID seen for `key`, or for any key when none
    /// was seen for it. Anything else is kept as it is.
    fn pick(&self, key: &str, id: VersionId) -> VersionId {
        let text = id.to_string();
        let Some(index) = text
            .strip_prefix(PLACEHOLDER)
            .and_then(|n| n.parse::<usize>().ok())
        else {
            return id;
        };
        let own: Vec<&VersionId> = self
            .0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, id)| id)
            .collect();
        let any: Vec<&VersionId> = self.0.iter().map(|(_, id)| id).collect();
        let pool = if own.is_empty() || index % 5 == 0 {
            any
        } else {
            own
        };
        match pool.len() {
            0 => id,
            len => pool[index % len].clone(),
        }
    }
}

/// Replaces each placeholder version ID by an ID seen in an earlier outcome.
fn resolve(mut command: Command, seen: &Seen) -> Command {
    match &mut command {
        Command::DeleteObject(delete) => {
            delete.version_id = delete
                .version_id
                .take()
                .map(|id| seen.pick(delete.key.as_str(), id));
        }
        Command::DeleteObjects(batch) => {
            for object in &mut batch.objects {
                object.version_id = object
                    .version_id
                    .take()
                    .map(|id| seen.pick(object.key.as_str(), id));
            }
        }
        Command::CopyObject(copy) => {
            copy.source_version_id = copy
                .source_version_id
                .take()
                .map(|id| seen.pick(copy.source_key.as_str(), id));
        }
        Command::ListObjectVersions(list) => {
            list.version_id_marker = list
                .version_id_marker
                .take()
                .map(|id| seen.pick(list.key_marker.as_deref().unwrap_or(""), id));
        }
        _ => {}
    }
    command
}

/// Every `(key, version ID)` a command's outcome shows.
fn harvest(command: &Command, outcome: &Outcome, seen: &mut Seen) {
    match (command, outcome) {
        (Command::PutObject(PutObject { key, .. }), Outcome::PutObject(put)) => {
            seen.add(key.as_str(), put.version_id.as_ref());
        }
        (Command::DeleteObject(DeleteObject { key, .. }), Outcome::DeleteObject(deleted)) => {
            seen.add(key.as_str(), deleted.version_id.as_ref());
        }
        (
            Command::CopyObject(CopyObject {
                source_key, key, ..
            }),
            Outcome::CopyObject(copy),
        ) => {
            seen.add(key.as_str(), copy.version_id.as_ref());
            seen.add(source_key.as_str(), copy.source_version_id.as_ref());
        }
        (_, Outcome::DeleteObjects(batch)) => {
            for row in &batch.deleted {
                seen.add(row.key.as_str(), row.version_id.as_ref());
                seen.add(row.key.as_str(), row.delete_marker_version_id.as_ref());
            }
        }
        (_, Outcome::ListObjectVersions(page)) => {
            for entry in &page.entries {
                seen.add(entry.key.as_str(), Some(&entry.version_id));
            }
        }
        (_, Outcome::ListObjects(page)) => {
            for object in &page.objects {
                seen.add(object.key.as_str(), Some(&object.version_id));
            }
        }
        _ => {}
    }
}

fn is_listing(command: &Command) -> bool {
    matches!(
        command,
        Command::ListObjectVersions(_) | Command::ListObjects(_)
    )
}

/// Runs `steps` on a fresh bucket, checking after each one the invariants, ERR-2 after a
/// rejection, that a listing changes nothing and agrees with the naive listing, and the shape
/// of a batch delete's results. Returns the outcomes and the final bucket.
fn run(
    dialect: Dialect,
    steps: &[Command],
) -> Result<(Vec<Result<Outcome, Violation>>, Bucket), TestCaseError> {
    let mut bucket = Bucket::new(BucketConfig::new(dialect).with_seed(3));
    let mut seen = Seen::default();
    let mut outcomes = Vec::new();
    for step in steps {
        let command = resolve(step.clone(), &seen);
        let before = bucket.clone();
        let result = bucket.apply(command.clone());
        if let Err(failure) = bucket.check_invariants() {
            return Err(TestCaseError::fail(format!("{command:?}: {failure}")));
        }
        match &result {
            Err(_) => prop_assert_eq!(&bucket, &before, "ERR-2 after {:?}", command),
            Ok(outcome) => {
                harvest(&command, outcome, &mut seen);
                if is_listing(&command) {
                    prop_assert_eq!(&bucket, &before, "a listing changed the bucket");
                }
                check_against_naive(&before, &command, outcome)?;
            }
        }
        outcomes.push(result);
    }
    Ok((outcomes, bucket))
}

/// One page of a walk: its items, its common prefixes, and the next markers when truncated.
type Walked<T, M> = Result<(Vec<T>, Vec<String>, Option<M>), TestCaseError>;

/// Walks a listing page by page with the markers each page returns (LST-5, LST-6), at most
/// `bound + 1` pages: the items and common prefixes of all pages, in order. `fetch` lists the
/// page after the markers (`None` for the first). Each page holds at most `max_keys` rows, a
/// truncated one at least one, and the walk ends.
fn walk_pages<T, M>(
    max_keys: u64,
    bound: usize,
    mut fetch: impl FnMut(Option<&M>) -> Walked<T, M>,
) -> Result<(Vec<T>, Vec<String>), TestCaseError> {
    let mut items = Vec::new();
    let mut prefixes = Vec::new();
    let mut markers: Option<M> = None;
    for _ in 0..=bound {
        let (page_items, page_prefixes, next) = fetch(markers.as_ref())?;
        let rows = page_items.len() + page_prefixes.len();
        prop_assert!(rows as u64 <= max_keys);
        items.extend(page_items);
        prefixes.extend(page_prefixes);
        let Some(next) = next else {
            return Ok((items, prefixes));
        };
        prop_assert!(rows > 0, "a truncated page made no progress");
        markers = Some(next);
    }
    Err(TestCaseError::fail(format!(
        "paging did not end with max_keys {max_keys}"
    )))
}

/// The arguments of a listing request, as the naive page reads them.
struct Request<'a> {
    prefix: Option<&'a str>,
    delimiter: Option<&'a str>,
    marker: Option<&'a str>,
    version_id_marker: Option<&'a VersionId>,
    max_keys: Option<u64>,
}

/// Checks a listed page (items, common prefixes, truncation) against the naive page of `rows`
/// for `request` (LST-1..LST-8); returns the page's last row when it is truncated, for the
/// next markers.
fn check_page<T: Listed + Clone + PartialEq + std::fmt::Debug>(
    bucket: &Bucket,
    rows: Vec<(T, usize)>,
    request: Request<'_>,
    (listed, common_prefixes, is_truncated): (&[T], &[String], bool),
) -> Result<Option<Row<T>>, TestCaseError> {
    let max = naive_max_keys(bucket.config().dialect(), request.max_keys);
    let (mut rows, truncated) = naive_page(
        rows,
        request.prefix.unwrap_or(""),
        request.delimiter,
        request.marker,
        request.version_id_marker,
        max,
    );
    let (items, prefixes) = split(&rows);
    prop_assert_eq!(listed, &items[..]);
    prop_assert_eq!(common_prefixes, &prefixes[..]);
    prop_assert_eq!(is_truncated, truncated);
    Ok(rows.pop().filter(|_| truncated))
}

/// A listing outcome must equal the naive listing of the bucket it read; a batch delete
/// reports one row per entry (BAT-2, BAT-4).
fn check_against_naive(
    bucket: &Bucket,
    command: &Command,
    outcome: &Outcome,
) -> Result<(), TestCaseError> {
    match (command, outcome) {
        (
            Command::ListObjectVersions(ListObjectVersions {
                prefix,
                delimiter,
                key_marker,
                version_id_marker,
                max_keys,
            }),
            Outcome::ListObjectVersions(page),
        ) => {
            let last = check_page(
                bucket,
                naive_version_rows(bucket),
                Request {
                    prefix: prefix.as_deref(),
                    delimiter: delimiter.as_deref(),
                    marker: key_marker.as_deref(),
                    version_id_marker: version_id_marker.as_ref(),
                    max_keys: *max_keys,
                },
                (&page.entries, &page.common_prefixes, page.is_truncated),
            )?;
            let expected_markers = match last {
                Some(Row::Item(entry)) => {
                    (Some(entry.key.to_string()), Some(entry.version_id.clone()))
                }
                Some(Row::Prefix(prefix)) => (Some(prefix.clone()), None),
                None => (None, None),
            };
            prop_assert_eq!(
                (
                    page.next_key_marker.clone(),
                    page.next_version_id_marker.clone()
                ),
                expected_markers
            );
        }
        (
            Command::ListObjects(ListObjects {
                prefix,
                delimiter,
                marker,
                max_keys,
            }),
            Outcome::ListObjects(page),
        ) => {
            let last = check_page(
                bucket,
                naive_object_rows(bucket),
                Request {
                    prefix: prefix.as_deref(),
                    delimiter: delimiter.as_deref(),
                    marker: marker.as_deref(),
                    version_id_marker: None,
                    max_keys: *max_keys,
                },
                (&page.objects, &page.common_prefixes, page.is_truncated),
            )?;
            let expected = match last {
                Some(Row::Item(object)) => Some(object.key.to_string()),
                Some(Row::Prefix(prefix)) => Some(prefix.clone()),
                None => None,
            };
            prop_assert_eq!(page.next_marker.clone(), expected);
        }
        (
            Command::DeleteObjects(DeleteObjects { objects, quiet, .. }),
            Outcome::DeleteObjects(batch),
        ) => {
            let reported = batch.deleted.len() + batch.errors.len();
            if quiet.unwrap_or(false) {
                prop_assert!(batch.deleted.is_empty());
            } else {
                prop_assert_eq!(reported, objects.len());
            }
        }
        _ => {}
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The naive listings, written straight from LST-1..LST-8 over `bucket.chains()`.

/// A bucket made by running `steps`, ignoring their outcomes.
fn build(dialect: Dialect, steps: &[Command]) -> Bucket {
    let mut bucket = Bucket::new(BucketConfig::new(dialect).with_seed(11));
    let mut seen = Seen::default();
    for step in steps {
        let command = resolve(step.clone(), &seen);
        if let Ok(outcome) = bucket.apply(command.clone()) {
            harvest(&command, &outcome, &mut seen);
        }
        // Listings show every ID, so later steps can name any entry.
        let list = Command::ListObjectVersions(ListObjectVersions::new().max_keys(1000));
        if let Ok(outcome) = bucket.apply(list.clone()) {
            harvest(&list, &outcome, &mut seen);
        }
    }
    bucket
}

fn arb_bucket() -> impl Strategy<Value = Bucket> {
    (
        arb_dialect(),
        vec(
            prop_oneof![4 => arb_core_command(KEYS), 1 => arb_listing_command(KEYS)],
            0..40,
        ),
    )
        .prop_map(|(dialect, steps)| build(dialect, &steps))
}

// ---------------------------------------------------------------------------------------------
// The properties.

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    // Rule: LST-1, LST-5, LST-6 — walking all pages of ListObjectVersions by passing back the
    // next markers yields the full listing: each entry once, in order, `is_latest` exactly on
    // heads, for every page size 1..=7.
    #[test]
    fn version_pages_walk_the_full_listing(
        bucket in arb_bucket(),
        prefix in proptest::sample::select(PREFIXES),
        delimiter in proptest::sample::select(DELIMITERS),
    ) {
        let (full, _) = naive_page(naive_version_rows(&bucket), prefix, delimiter, None, None, usize::MAX);
        let (all_entries, all_prefixes) = split(&full);
        if delimiter.is_none() && prefix.is_empty() {
            prop_assert_eq!(all_entries.len(), bucket.len());
        }
        for max_keys in 1..=7u64 {
            let (entries, prefixes) = walk_pages(max_keys, full.len(), |markers: Option<&(Option<String>, Option<VersionId>)>| {
                let (key_marker, version_id_marker) = markers.cloned().unwrap_or_default();
                let page = bucket
                    .list_object_versions(ListObjectVersions { delimiter: delimiter.map(Into::into), key_marker, version_id_marker, ..ListObjectVersions::new().prefix(prefix).max_keys(max_keys) })
                    .map_err(|error| TestCaseError::fail(format!("{error}")))?;
                if !page.is_truncated {
                    prop_assert_eq!(&page.next_key_marker, &None);
                }
                let next = page.is_truncated.then_some((page.next_key_marker, page.next_version_id_marker));
                Ok((page.entries, page.common_prefixes, next))
            })?;
            prop_assert_eq!(&entries, &all_entries, "max_keys {}", max_keys);
            prop_assert_eq!(&prefixes, &all_prefixes, "max_keys {}", max_keys);
            // `is_latest` exactly on each key's head, wherever the page boundaries fell.
            for entry in &entries {
                let head = bucket.chain(&entry.key).and_then(|chain| chain.head());
                let is_head = head.is_some_and(|head| head.version_id() == &entry.version_id);
                prop_assert_eq!(entry.is_latest, is_head);
            }
        }
    }

    // Rule: LST-7, LST-5, LST-6 — likewise for the current view.
    #[test]
    fn object_pages_walk_the_current_view(
        bucket in arb_bucket(),
        prefix in proptest::sample::select(PREFIXES),
        delimiter in proptest::sample::select(DELIMITERS),
    ) {
        let (full, _) = naive_page(naive_object_rows(&bucket), prefix, delimiter, None, None, usize::MAX);
        let (all_objects, all_prefixes) = split(&full);
        for max_keys in 1..=7u64 {
            let (objects, prefixes) = walk_pages(max_keys, full.len(), |marker: Option<&Option<String>>| {
                let page = bucket
                    .list_objects(ListObjects { delimiter: delimiter.map(Into::into), marker: marker.cloned().flatten(), ..ListObjects::new().prefix(prefix).max_keys(max_keys) })
                    .map_err(|error| TestCaseError::fail(format!("{error}")))?;
                if !page.is_truncated {
                    prop_assert_eq!(&page.next_marker, &None);
                }
                let next = page.is_truncated.then_some(page.next_marker);
                Ok((page.objects, page.common_prefixes, next))
            })?;
            prop_assert_eq!(&objects, &all_objects, "max_keys {}", max_keys);
            prop_assert_eq!(&prefixes, &all_prefixes, "max_keys {}", max_keys);
        }
    }

    // Rule: CT-6, CPY-4, CPY-6 — a copy's new head has the source's fingerprint and ETag and
    // is Normal; restoring by copy onto the source's own key never removes an entry in an
    // Enabled bucket, and in a Suspended one removes only the key's null entry (PUT-3).
    #[test]
    fn copy_keeps_the_source_and_restoring_removes_nothing(
        bucket in arb_bucket(),
        source in proptest::sample::select(KEYS),
        pick in any::<proptest::sample::Index>(),
        by_id in any::<bool>(),
        onto_itself in any::<bool>(),
        destination in proptest::sample::select(KEYS),
    ) {
        let mut bucket = bucket;
        let destination = if onto_itself { source } else { destination };
        let source_entry = bucket.chain(source).and_then(|chain| {
            let entries: Vec<_> = chain.iter().collect();
            let entry = if by_id { pick.get(&entries).clone() } else { chain.head()? };
            Some((entry.version_id().clone(), entry.content().copied(), entry.etag(), entry.object_type()))
        });
        let version_id = if by_id { source_entry.as_ref().map(|entry| entry.0.clone()) } else { None };
        let before = bucket.clone();
        let entries_before: Vec<(String, VersionId)> = all_entries(&before);
        match bucket.copy_object(CopyObject { source_version_id: version_id, ..CopyObject::new(source, destination) }) {
            Ok(outcome) => {
                let Some((_, content, etag, _)) = source_entry else {
                    return Err(TestCaseError::fail("a copy from a key with no entries succeeded"));
                };
                let head = bucket.chain(destination).and_then(|chain| chain.head());
                prop_assert_eq!(head.as_ref().and_then(|head| head.content().copied()), content);
                prop_assert_eq!(head.as_ref().and_then(|head| head.etag()), etag.clone());
                prop_assert_eq!(head.and_then(|head| head.object_type()), Some(ObjectType::Normal));
                prop_assert_eq!(Some(outcome.etag), etag);
                let read = bucket.get_object(destination).map_err(|error| TestCaseError::fail(format!("{error}")))?;
                prop_assert_eq!(Some(read.crc64), content.map(|content| content.crc64()));
                let entries_after = all_entries(&bucket);
                match bucket.versioning().as_str() {
                    "Enabled" => {
                        for entry in &entries_before {
                            prop_assert!(entries_after.contains(entry), "{:?} was removed", entry);
                        }
                        prop_assert_eq!(bucket.len(), before.len() + 1);
                    }
                    "Suspended" => {
                        for entry in entries_before.iter().filter(|entry| !entry.1.is_null() || entry.0 != destination) {
                            prop_assert!(entries_after.contains(entry), "{:?} was removed", entry);
                        }
                    }
                    _ => prop_assert_eq!(bucket.chain(destination).map(|chain| chain.len()), Some(1)),
                }
            }
            Err(violation) => {
                prop_assert_eq!(&bucket, &before);
                // Only a missing source, a marker, (CPY-5) an appendable or (TAG-6, s3) a copy
                // of the head onto itself changing nothing is refused here.
                let onto_its_head = bucket.dialect() == Dialect::S3 && destination == source && !by_id
                    && violation == Violation::InvalidRequest(InvalidRequestReason::CopyOntoItself);
                let refused = onto_its_head || match &source_entry {
                    None => true,
                    Some((_, content, _, object_type)) => content.is_none() || *object_type == Some(ObjectType::Appendable),
                };
                prop_assert!(refused, "a copy of an object was refused: {}", violation);
            }
        }
        prop_assert!(bucket.check_invariants().is_ok());
    }

    // Rule: ERR-2, INV-9 — random sequences mixing the family's commands with the core ones
    // keep every invariant, change nothing when rejected or listing, agree with the naive
    // listings, and replay identically.
    #[test]
    fn random_sequences_keep_the_invariants(
        dialect in arb_dialect(),
        steps in vec(prop_oneof![3 => arb_core_command(KEYS), 2 => arb_listing_command(KEYS)], 1..48),
    ) {
        let (outcomes, bucket) = run(dialect, &steps)?;
        let (again, replayed) = run(dialect, &steps)?;
        prop_assert_eq!(outcomes, again);
        prop_assert_eq!(bucket, replayed);
    }
}

/// Every `(key, version ID)` of the bucket.
fn all_entries(bucket: &Bucket) -> Vec<(String, VersionId)> {
    bucket
        .chains()
        .flat_map(|chain| {
            let key = chain.key().to_string();
            chain
                .iter()
                .map(move |entry| (key.clone(), entry.version_id().clone()))
                .collect::<Vec<_>>()
        })
        .collect()
}
