//! Benchmarks, each paired with its baseline in the same run (see `docs/performance.md`).
//!
//! `cargo bench --bench model` runs them all; `cargo bench --bench model -- put` one group.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Duration;

use bucket_versioning::{Body, Bucket, BucketConfig, Content, Dialect, ObjectKey, VersionId};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

const PUTS: u64 = 1_000_000;
const KEYS: u64 = 100_000;

fn keys(count: u64) -> Vec<String> {
    (0..count)
        .map(|n| format!("data/{:08x}/object-{n}.bin", n.wrapping_mul(0x9E37_79B9)))
        .collect()
}

fn fingerprint(n: u64) -> Content {
    Content::from_fingerprint(
        1024 + n % 4096,
        n.wrapping_mul(0xD1B5_4A32_D192_ED03),
        Some([(n % 251) as u8; 16]),
    )
}

fn enabled() -> Bucket {
    let mut bucket = Bucket::new(BucketConfig::new(Dialect::Oss).with_seed(1));
    bucket.put_bucket_versioning("Enabled").expect("allowed");
    bucket
}

/// 1,000,000 puts over 100,000 keys, Enabled, against the same inserts into a bare map of
/// key → (sequence, fingerprint).
fn put(c: &mut Criterion) {
    let keys = keys(KEYS);
    let mut group = c.benchmark_group("put");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("baseline_btreemap", |b| {
        b.iter(|| {
            let mut map: BTreeMap<String, Vec<(u64, u64)>> = BTreeMap::new();
            for n in 0..PUTS {
                let key = &keys[(n % KEYS) as usize];
                let value = (n, fingerprint(n).crc64());
                match map.get_mut(key.as_str()) {
                    Some(chain) => chain.push(value),
                    None => {
                        map.insert(key.clone(), vec![value]);
                    }
                }
            }
            black_box(map.len())
        })
    });
    group.bench_function("model", |b| {
        b.iter(|| {
            let mut bucket = enabled();
            for n in 0..PUTS {
                let key = keys[(n % KEYS) as usize].as_str();
                black_box(bucket.put_object(key, fingerprint(n)).is_ok());
            }
            black_box(bucket.len())
        })
    });
    group.finish();
}

/// One key with `depth` entries: the null entry at the bottom, then versions.
fn deep(depth: u64) -> (Bucket, Vec<VersionId>) {
    let mut bucket = Bucket::new(BucketConfig::new(Dialect::Oss).with_seed(3));
    bucket.put_object("deep", fingerprint(0)).expect("put");
    bucket.put_bucket_versioning("Enabled").expect("allowed");
    let ids = (1..depth)
        .map(|n| {
            bucket
                .put_object("deep", fingerprint(n))
                .expect("put")
                .version_id
                .expect("an ID")
        })
        .collect();
    (bucket, ids)
}

/// Delete-by-ID, Suspended put and get on a key with 10, 1,000 and 100,000 entries.
fn deep_chain(c: &mut Criterion) {
    let mut group = c.benchmark_group("deep_chain");
    group.sample_size(20);
    for depth in [10u64, 1_000, 100_000] {
        let (bucket, ids) = deep(depth);
        let middle = ids[ids.len() / 2].clone();
        group.bench_function(format!("delete_by_id/{depth}"), |b| {
            b.iter_batched_ref(
                || bucket.clone(),
                |bucket| black_box(bucket.delete_object("deep", Some(middle.clone())).is_ok()),
                BatchSize::LargeInput,
            )
        });
        let mut suspended = bucket.clone();
        suspended
            .put_bucket_versioning("Suspended")
            .expect("allowed");
        group.bench_function(format!("suspended_put/{depth}"), |b| {
            b.iter_batched_ref(
                || suspended.clone(),
                |bucket| black_box(bucket.put_object("deep", fingerprint(7)).is_ok()),
                BatchSize::LargeInput,
            )
        });
        group.bench_function(format!("get_by_id/{depth}"), |b| {
            b.iter(|| black_box(bucket.get_object("deep", Some(middle.clone())).is_ok()))
        });
        group.bench_function(format!("get_null/{depth}"), |b| {
            b.iter(|| black_box(bucket.get_object("deep", Some(VersionId::NULL)).is_ok()))
        });
    }
    group.finish();
}

/// A seeded trace of puts, simple deletes, deletes by ID, gets and Suspended puts.
fn mixed(c: &mut Criterion) {
    let keys: Vec<ObjectKey> = keys(1_000).into_iter().map(ObjectKey::new).collect();
    let mut group = c.benchmark_group("mixed");
    group.sample_size(10);
    group.bench_function("model/100k_commands", |b| {
        b.iter(|| {
            let mut bucket = enabled();
            let mut seen: Vec<(usize, VersionId)> = Vec::new();
            let mut state = 0x2545_F491_4F6C_DD1Du64;
            for n in 0..100_000u64 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let key_index = (state % keys.len() as u64) as usize;
                let key = &keys[key_index];
                match state % 10 {
                    0..=3 => {
                        if let Ok(outcome) =
                            bucket.put_object(key, Body::Fingerprint(fingerprint(n)))
                        {
                            seen.extend(outcome.version_id.map(|id| (key_index, id)));
                        }
                    }
                    4 => {
                        black_box(bucket.delete_object(key, None).is_ok());
                    }
                    5 if !seen.is_empty() => {
                        let (index, id) = seen.swap_remove((state >> 8) as usize % seen.len());
                        black_box(bucket.delete_object(&keys[index], Some(id)).is_ok());
                    }
                    6..=8 => {
                        black_box(bucket.get_object(key, None).is_ok());
                    }
                    _ => {
                        let status = if n % 2 == 0 { "Suspended" } else { "Enabled" };
                        black_box(bucket.put_bucket_versioning(status).is_ok());
                    }
                }
            }
            black_box(bucket.len())
        })
    });
    group.finish();
}

criterion_group!(benches, put, deep_chain, mixed);
criterion_main!(benches);
