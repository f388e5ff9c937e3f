//! The workloads the benchmarks time, shared by `benches/model.rs` (criterion) and
//! `examples/profile.rs` (one run under `valgrind --tool=callgrind`), so that timings and
//! instruction counts come from the same code. Each model workload has its baseline here: the
//! same work on bare ordered maps, which is what any model of it must do at the least.
#![allow(dead_code, unreachable_pub)]

use bucket_versioning::request::{
    DeleteObject, GetObject, ListObjectVersions, PutBucketVersioning, PutObject,
};
use std::collections::BTreeMap;
use std::hint::black_box;

use bucket_versioning::{
    Body, Bucket, BucketConfig, Command, Content, DEFAULT_BUCKET, Dialect, ObjectKey, Outcome,
    Service, VersionId, Violation, crc64, request::CompletedPart,
};
use md5::{Digest, Md5};

mod lifecycle;
#[allow(
    unused_imports,
    reason = "examples/profile.rs shares these workloads and runs no lifecycle"
)]
pub use lifecycle::*;

/// The put workload's size: 1,000,000 puts over 100,000 keys.
pub const PUTS: u64 = 1_000_000;
pub const KEYS: u64 = 100_000;

/// `count` distinct keys, of about the length real ones have.
pub fn keys(count: u64) -> Vec<String> {
    (0..count)
        .map(|n| format!("data/{:08x}/object-{n}.bin", n.wrapping_mul(0x9E37_79B9)))
        .collect()
}

/// The fingerprint of the `n`-th body (no bytes are ever built).
pub fn fingerprint(n: u64) -> Content {
    Content::from_fingerprint(
        1024 + n % 4096,
        n.wrapping_mul(0xD1B5_4A32_D192_ED03),
        Some([(n % 251) as u8; 16]),
    )
}

/// An empty oss bucket with versioning Enabled.
pub fn enabled() -> Bucket {
    let mut bucket = Bucket::new(BucketConfig::new(Dialect::Oss).with_seed(1));
    bucket.put_bucket_versioning("Enabled").expect("allowed");
    bucket
}

/// A xorshift64 step: the workloads' deterministic pseudo-random numbers.
pub fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// `items` in a fixed pseudo-random order (Fisher–Yates).
pub fn shuffled<T>(mut items: Vec<T>, seed: u64) -> Vec<T> {
    let mut state = seed | 1;
    for i in (1..items.len()).rev() {
        let j = (next(&mut state) % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
    items
}

// --- put ---

/// `puts` inserts over `keys` into a bare map of key → (sequence, fingerprint).
pub fn put_baseline(keys: &[String], puts: u64) -> usize {
    let mut map: BTreeMap<String, Vec<(u64, u64)>> = BTreeMap::new();
    for n in 0..puts {
        let key = &keys[(n % keys.len() as u64) as usize];
        let value = (n, fingerprint(n).crc64());
        match map.get_mut(key.as_str()) {
            Some(chain) => chain.push(value),
            None => {
                map.insert(key.clone(), vec![value]);
            }
        }
    }
    black_box(map.len())
}

/// `puts` PutObjects over `keys` into an Enabled bucket.
pub fn put_model(keys: &[String], puts: u64) -> usize {
    let mut bucket = enabled();
    for n in 0..puts {
        let key = keys[(n % keys.len() as u64) as usize].as_str();
        black_box(bucket.put_object(key, fingerprint(n)).is_ok());
    }
    black_box(bucket.len())
}

// --- mixed ---

/// One command of the mixed trace.
#[derive(Clone, Copy, Debug)]
pub enum Step {
    Put(usize),
    Delete(usize),
    /// Delete by ID the `n`-th (modulo) of the IDs seen so far.
    DeleteById(u64),
    Get(usize),
    Versioning(&'static str),
}

/// The mixed trace: `commands` commands over `keys` keys, 40% puts, 10% simple deletes, 10%
/// deletes by ID, 30% gets, 10% versioning changes (so some puts and deletes are Suspended).
pub fn mixed_trace(commands: u64, keys: u64) -> Vec<Step> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    (0..commands)
        .map(|n| {
            let roll = next(&mut state);
            let key = (roll % keys) as usize;
            match roll % 10 {
                0..=3 => Step::Put(key),
                4 => Step::Delete(key),
                5 => Step::DeleteById(roll >> 8),
                6..=8 => Step::Get(key),
                _ if n % 2 == 0 => Step::Versioning("Suspended"),
                _ => Step::Versioning("Enabled"),
            }
        })
        .collect()
}

/// A bare chain for the mixed baseline: entries by sequence number (`(fingerprint, is a
/// marker)`), and the sequence number of the null entry.
#[derive(Default)]
struct BareChain {
    entries: BTreeMap<u64, (u64, bool)>,
    null: Option<u64>,
}

/// Enters a new head; in Suspended, as the key's null entry, replacing the old one. Returns
/// the new entry's ID: its sequence number, or `None` for `null`.
fn bare_write(
    chains: &mut BTreeMap<String, BareChain>,
    sequence: &mut u64,
    key: &str,
    value: (u64, bool),
    suspended: bool,
) -> Option<u64> {
    let chain = match chains.get_mut(key) {
        Some(chain) => chain,
        None => chains.entry(key.into()).or_default(),
    };
    *sequence += 1;
    chain.entries.insert(*sequence, value);
    if suspended {
        if let Some(old) = chain.null.replace(*sequence) {
            chain.entries.remove(&old);
        }
        None
    } else {
        Some(*sequence)
    }
}

/// The mixed trace on bare maps. An ID is the entry's sequence number, or `None` for `null`.
pub fn mixed_baseline(keys: &[String], trace: &[Step]) -> usize {
    let mut chains: BTreeMap<String, BareChain> = BTreeMap::new();
    let mut seen: Vec<(usize, Option<u64>)> = Vec::new();
    let mut suspended = false;
    let mut sequence = 0u64;
    for (n, step) in trace.iter().enumerate() {
        match *step {
            Step::Put(index) => {
                let value = (fingerprint(n as u64).crc64(), false);
                let id = bare_write(&mut chains, &mut sequence, &keys[index], value, suspended);
                seen.push((index, id));
            }
            Step::Delete(index) => {
                let value = (0, true);
                let id = bare_write(&mut chains, &mut sequence, &keys[index], value, suspended);
                black_box(id);
            }
            Step::DeleteById(pick) if !seen.is_empty() => {
                let (index, id) = seen.swap_remove(pick as usize % seen.len());
                let key = keys[index].as_str();
                if let Some(chain) = chains.get_mut(key) {
                    let sequence = match id {
                        Some(sequence) => Some(sequence),
                        None => chain.null.take(),
                    };
                    if let Some(sequence) = sequence {
                        black_box(chain.entries.remove(&sequence));
                    }
                    if chain.entries.is_empty() {
                        chains.remove(key);
                    }
                }
            }
            Step::DeleteById(_) => {}
            Step::Get(index) => {
                let head = chains
                    .get(keys[index].as_str())
                    .and_then(|chain| chain.entries.last_key_value());
                black_box(head.is_some_and(|(_, (_, marker))| !marker));
            }
            Step::Versioning(status) => suspended = status == "Suspended",
        }
    }
    black_box(chains.len())
}

/// The mixed trace on the model.
pub fn mixed_model(keys: &[ObjectKey], trace: &[Step]) -> usize {
    let mut bucket = enabled();
    let mut seen: Vec<(usize, VersionId)> = Vec::new();
    for (n, step) in trace.iter().enumerate() {
        match *step {
            Step::Put(index) => {
                let body = Body::Fingerprint(fingerprint(n as u64));
                if let Ok(outcome) = bucket.put_object(&keys[index], body) {
                    seen.extend(outcome.version_id.map(|id| (index, id)));
                }
            }
            Step::Delete(index) => {
                black_box(bucket.delete_object(&keys[index]).is_ok());
            }
            Step::DeleteById(pick) if !seen.is_empty() => {
                let (index, id) = seen.swap_remove(pick as usize % seen.len());
                black_box(
                    bucket
                        .delete_object(DeleteObject::new(&keys[index]).version_id(id))
                        .is_ok(),
                );
            }
            Step::DeleteById(_) => {}
            Step::Get(index) => {
                black_box(bucket.get_object(&keys[index]).is_ok());
            }
            Step::Versioning(status) => {
                black_box(bucket.put_bucket_versioning(status).is_ok());
            }
        }
    }
    black_box(bucket.len())
}

// --- service ---

/// The mixed trace as commands through `apply`: the one path a bare bucket and a service's
/// bucket share, so the pair measures only what the service adds (finding the bucket by name).
pub fn mixed_applied(
    keys: &[ObjectKey],
    trace: &[Step],
    mut apply: impl FnMut(Command) -> Result<Outcome, Violation>,
) -> usize {
    let mut seen: Vec<(usize, VersionId)> = Vec::new();
    let mut entries = 0;
    for (n, step) in trace.iter().enumerate() {
        let command: Command = match *step {
            Step::Put(index) => PutObject::new(
                keys[index].clone(),
                Body::Fingerprint(fingerprint(n as u64)),
            )
            .into(),
            Step::Delete(index) => DeleteObject::new(keys[index].clone()).into(),
            Step::DeleteById(pick) if !seen.is_empty() => {
                let (index, id) = seen.swap_remove(pick as usize % seen.len());
                DeleteObject::new(keys[index].clone()).version_id(id).into()
            }
            Step::DeleteById(_) => continue,
            Step::Get(index) => GetObject::new(keys[index].clone()).into(),
            Step::Versioning(status) => PutBucketVersioning::new(status).into(),
        };
        if let (Step::Put(index), Ok(Outcome::PutObject(put))) = (*step, apply(command)) {
            seen.extend(put.version_id.map(|id| (index, id)));
            entries += 1;
        }
    }
    black_box(entries)
}

/// The service for the pair: the default bucket, Enabled, beside two others holding a few
/// objects each.
pub fn service() -> Service {
    let mut service = Service::with_default_bucket(BucketConfig::new(Dialect::Oss).with_seed(1));
    service
        .put_bucket_versioning(DEFAULT_BUCKET, "Enabled")
        .expect("allowed");
    for name in ["other-1", "other-2"] {
        service.create_bucket(name).expect("a valid name");
        for n in 0..100 {
            service
                .put_object(name, format!("k{n}"), fingerprint(n))
                .expect("put");
        }
    }
    service
}

// --- deep chain ---

/// The key of the deep chain.
pub const DEEP: &str = "deep";

/// One key with `depth` entries: the null entry at the bottom, then versions; and the IDs of
/// the versions, oldest first.
pub fn deep(depth: u64) -> (Bucket, Vec<VersionId>) {
    let mut bucket = Bucket::new(BucketConfig::new(Dialect::Oss).with_seed(3));
    bucket.put_object(DEEP, fingerprint(0)).expect("put");
    bucket.put_bucket_versioning("Enabled").expect("allowed");
    let ids = (1..depth)
        .map(|n| {
            bucket
                .put_object(DEEP, fingerprint(n))
                .expect("put")
                .version_id
                .expect("an ID")
        })
        .collect();
    (bucket, ids)
}

/// `ids` from the middle outwards: each next to the ones before it in the chain.
pub fn from_the_middle(ids: &[VersionId]) -> Vec<VersionId> {
    let middle = ids.len() / 2;
    let (older, newer) = ids.split_at(middle);
    let mut order = Vec::with_capacity(ids.len());
    for step in 0..ids.len() {
        let id = if step % 2 == 0 {
            newer.get(step / 2)
        } else {
            older.get(older.len().wrapping_sub(step / 2 + 1))
        };
        order.extend(id.cloned());
    }
    order
}

/// The deep chain's bucket switched to Suspended: its null entry is still at the bottom.
pub fn suspended(bucket: &Bucket) -> Bucket {
    let mut bucket = bucket.clone();
    bucket.put_bucket_versioning("Suspended").expect("allowed");
    bucket
}

/// DeleteObject by ID of the deep key's version `id`.
#[inline(never)]
pub fn delete_by_id(bucket: &mut Bucket, id: &VersionId) -> bool {
    black_box(
        bucket
            .delete_object(DeleteObject::new(DEEP).version_id(id.clone()))
            .is_ok(),
    )
}

/// A Suspended PutObject onto the deep key: removes its null entry (PUT-3).
#[inline(never)]
pub fn suspended_put(bucket: &mut Bucket) -> bool {
    black_box(bucket.put_object(DEEP, fingerprint(7)).is_ok())
}

/// GetObject of the deep key's version `id`.
#[inline(never)]
pub fn get_by_id(bucket: &Bucket, id: &VersionId) -> bool {
    black_box(
        bucket
            .get_object(GetObject::new(DEEP).version_id(id.clone()))
            .is_ok(),
    )
}

/// GetObject of the deep key's head.
#[inline(never)]
pub fn get_head(bucket: &Bucket) -> bool {
    black_box(bucket.get_object(DEEP).is_ok())
}

/// GetObject of the deep key's null entry, at the bottom of the chain.
#[inline(never)]
pub fn get_null(bucket: &Bucket) -> bool {
    black_box(
        bucket
            .get_object(GetObject::new(DEEP).version_id(VersionId::NULL))
            .is_ok(),
    )
}

// --- listing ---

/// A bucket of `entries` entries: `entries / 10` keys of 10 versions each, put in a shuffled
/// order so that the versions of one key are not neighbours in time; and its keys, sorted.
pub fn listed_bucket(entries: u64) -> (Bucket, Vec<String>) {
    let names = keys(entries / 10);
    let order: Vec<usize> = (0..entries as usize).map(|n| n % names.len()).collect();
    let mut bucket = enabled();
    for (n, index) in shuffled(order, entries).into_iter().enumerate() {
        bucket
            .put_object(names[index].as_str(), fingerprint(n as u64))
            .expect("put");
    }
    let mut sorted = names;
    sorted.sort();
    (bucket, sorted)
}

/// The listing workload's marker in a bucket from [`listed_bucket`]: the middle key and the ID
/// of its fourth-newest version, so the page resumes inside a chain (LST-3).
pub fn listing_marker(bucket: &Bucket, sorted: &[String]) -> (String, Option<VersionId>) {
    let key = sorted[sorted.len() / 2].clone();
    let id = bucket
        .chain(key.as_str())
        .and_then(|chain| chain.iter().nth(3))
        .map(|entry| entry.version_id().clone());
    (key, id)
}

/// One 1,000-entry page of ListObjectVersions after the marker; the number of entries.
#[inline(never)]
pub fn page(bucket: &Bucket, marker: &(String, Option<VersionId>)) -> usize {
    let page = bucket.list_object_versions(ListObjectVersions {
        version_id_marker: marker.1.clone(),
        ..ListObjectVersions::new()
            .key_marker(&marker.0)
            .max_keys(1000)
    });
    black_box(page.map_or(0, |page| page.entries.len()))
}

// --- append ---

/// The append workload's size: 10,000 appends to one object.
pub const APPENDS: u64 = 10_000;
const APPENDED: &str = "logs/append.log";

/// The `n`-th appended piece (lengths and CRCs only, as appends keep).
pub fn piece(n: u64) -> Content {
    Content::from_fingerprint(100 + n % 900, n.wrapping_mul(0x9E37_79B9_7F4A_7C15), None)
}

/// `appends` updates of one bare map entry: the length and the CRC-64 of the whole, combined
/// from the pieces (CT-2).
pub fn append_baseline(appends: u64) -> usize {
    let mut map: BTreeMap<String, Vec<(u64, u64)>> = BTreeMap::new();
    let first = piece(0);
    map.insert(APPENDED.into(), vec![(first.len(), first.crc64())]);
    for n in 1..appends {
        let piece = piece(n);
        if let Some((len, crc)) = map.get_mut(APPENDED).and_then(|chain| chain.last_mut()) {
            *crc = crc64::combine(*crc, piece.crc64(), piece.len());
            *len += piece.len();
        }
    }
    black_box(map.len())
}

/// `appends` AppendObjects to one object of an Enabled bucket.
pub fn append_model(appends: u64) -> usize {
    let mut bucket = enabled();
    let mut position = 0;
    for n in 0..appends {
        let outcome = bucket
            .append_object(APPENDED, position, piece(n))
            .expect("append");
        position = outcome.next_position;
    }
    black_box(bucket.len())
}

// --- multipart ---

/// The multipart workload's size: 1,000 completes of 10 parts.
pub const COMPLETES: u64 = 1_000;
pub const PARTS: u32 = 10;

/// Part `number` of upload `upload`: over the oss minimum part size, with an MD5.
pub fn part(upload: u64, number: u32) -> Content {
    let n = upload * 16 + u64::from(number);
    let mut md5 = [0u8; 16];
    md5[..8].copy_from_slice(&n.to_le_bytes());
    Content::from_fingerprint(
        200 * 1024 + n % 1024,
        n.wrapping_mul(0xD1B5_4A32_D192_ED03),
        Some(md5),
    )
}

/// A bare upload: its key and its parts by number (length, CRC-64, MD5).
type BareUpload = (String, BTreeMap<u32, (u64, u64, [u8; 16])>);

/// `completes` multipart uploads of `PARTS` parts over `keys` in bare maps: the uploads and
/// their parts, the check of each listed part's digest, the object's CRC-64 combined from the
/// parts (CT-2) and the MD5 of their digests (CT-4), and the new chain entry.
pub fn multipart_baseline(keys: &[String], completes: u64) -> usize {
    let mut uploads: BTreeMap<u64, BareUpload> = BTreeMap::new();
    let mut chains: BTreeMap<String, Vec<(u64, u64)>> = BTreeMap::new();
    for upload in 0..completes {
        let key = &keys[(upload % keys.len() as u64) as usize];
        uploads.insert(upload, (key.clone(), BTreeMap::new()));
        for number in 1..=PARTS {
            let content = part(upload, number);
            let digest = content.md5().unwrap_or_default();
            if let Some((_, parts)) = uploads.get_mut(&upload) {
                parts.insert(number, (content.len(), content.crc64(), digest));
            }
        }
        let listed: Vec<(u32, [u8; 16])> = (1..=PARTS)
            .map(|number| (number, part(upload, number).md5().unwrap_or_default()))
            .collect();
        let Some((key, parts)) = uploads.remove(&upload) else {
            continue;
        };
        let (mut len, mut crc) = (0u64, 0u64);
        let mut digests = Md5::new();
        for (number, digest) in &listed {
            if let Some((part_len, part_crc, part_digest)) = parts.get(number)
                && part_digest == digest
            {
                crc = crc64::combine(crc, *part_crc, *part_len);
                len += part_len;
                digests.update(part_digest);
            }
        }
        let digest: [u8; 16] = digests.finalize().into();
        let value = (len, crc ^ u64::from(digest[0]));
        match chains.get_mut(key.as_str()) {
            Some(chain) => chain.push(value),
            None => {
                chains.insert(key, vec![value]);
            }
        }
    }
    black_box(chains.len())
}

/// `completes` multipart uploads of `PARTS` parts over `keys` in an Enabled bucket: initiate,
/// upload the parts, complete them all.
pub fn multipart_model(keys: &[String], completes: u64) -> usize {
    let mut bucket = enabled();
    for upload in 0..completes {
        let key = keys[(upload % keys.len() as u64) as usize].as_str();
        let id = bucket
            .initiate_multipart_upload(key)
            .expect("initiate")
            .upload_id;
        let listed: Vec<CompletedPart> = (1..=PARTS)
            .map(|number| {
                let etag = bucket
                    .upload_part(key, &id, number, part(upload, number))
                    .expect("part")
                    .etag;
                CompletedPart::new(number, etag)
            })
            .collect();
        let outcome = bucket
            .complete_multipart_upload(key, &id, &listed)
            .expect("complete");
        black_box(outcome);
    }
    black_box(bucket.len())
}
