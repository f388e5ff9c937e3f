//! Benchmarks, each paired with its baseline in the same run (see `docs/performance.md`).
//!
//! - `put`: 1,000,000 puts over 100,000 keys, Enabled, against the same inserts into a bare
//!   `BTreeMap<String, Vec<(u64, u64)>>` (key → (sequence, fingerprint)).
//! - `mixed`: a seeded trace of puts, simple deletes, deletes by ID, gets and Suspended puts,
//!   against the same trace on bare ordered maps.
//! - `service`: the mixed trace as commands through `apply` on the default bucket of a service
//!   of three buckets, against the same commands on a bare `Bucket` (SVC).
//! - `deep_chain`: delete-by-ID, Suspended put and gets on a key with 10, 1,000 and 100,000
//!   entries; each operation's baseline is its time at depth 10.
//! - `listing`: a 1,000-entry `list_object_versions` page after a marker in buckets of 10,000
//!   and 1,000,000 entries; the baseline is the small bucket.
//! - `append`: 10,000 appends to one object, against the same updates of a bare map entry with
//!   the CRC-64 combination CT-2 needs.
//! - `lifecycle`: one `run_lifecycle` over 1,000,000 entries (100,000 keys × 10 versions) where
//!   1% of the entries are due (noncurrent versions of 1,111 keys), against the same run where
//!   nothing is due and against the same removals found by a naive scan of every entry.
//! - `multipart`: 1,000 completes of 10 parts (initiate, 10 parts, complete), against bare maps
//!   doing the same bookkeeping with the CRC-64 combination and the MD5 of the part digests
//!   CT-2 and CT-4 need.
//!
//! The workloads live in `benches/workloads/`, shared with `examples/profile.rs`, which runs
//! one of them under callgrind. `cargo bench --bench model` runs them all; `cargo bench
//! --bench model -- put` one group; `benches/report.sh` runs them with the memory measurement
//! and prints the table of ratios.

#[path = "workloads/mod.rs"]
mod workloads;

use std::hint::black_box;
use std::time::{Duration, Instant};

use bucket_versioning::{Bucket, DEFAULT_BUCKET, ObjectKey};
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use workloads::*;

fn put(c: &mut Criterion) {
    let keys = keys(KEYS);
    let mut group = c.benchmark_group("put");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(15));
    group.bench_function("baseline", |b| b.iter(|| put_baseline(&keys, PUTS)));
    group.bench_function("model", |b| b.iter(|| put_model(&keys, PUTS)));
    group.finish();
}

/// The mixed trace through `apply` on a bare bucket and on the default bucket of a service
/// holding two more buckets: the service's cost per command is finding the bucket by name.
fn service(c: &mut Criterion) {
    let keys: Vec<ObjectKey> = keys(1_000).iter().map(ObjectKey::new).collect();
    let trace = mixed_trace(100_000, 1_000);
    let mut group = c.benchmark_group("service");
    group
        .sample_size(20)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(5));
    group.bench_function("bucket", |b| {
        b.iter(|| {
            let mut bucket = enabled();
            mixed_applied(&keys, &trace, |command| bucket.apply(command))
        })
    });
    group.bench_function("service", |b| {
        b.iter(|| {
            let mut service = workloads::service();
            mixed_applied(&keys, &trace, |command| {
                service.apply(DEFAULT_BUCKET, command)
            })
        })
    });
    group.finish();
}

fn mixed(c: &mut Criterion) {
    let names = keys(1_000);
    let keys: Vec<ObjectKey> = names.iter().map(ObjectKey::new).collect();
    let trace = mixed_trace(100_000, 1_000);
    let mut group = c.benchmark_group("mixed");
    group
        .sample_size(20)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(5));
    group.bench_function("baseline", |b| b.iter(|| mixed_baseline(&names, &trace)));
    group.bench_function("model", |b| b.iter(|| mixed_model(&keys, &trace)));
    group.finish();
}

/// Times `iters` runs of `op`, each on a bucket that `op` may change: `op` runs up to
/// `per_copy` times on each fresh copy of `bucket` (given its run index), after `prepare` has
/// looked at the copy, and only those runs are timed; making, preparing and dropping the
/// copies is not.
#[allow(
    clippy::disallowed_methods,
    reason = "a benchmark reads the wall clock"
)]
fn timed_on_copies(
    iters: u64,
    bucket: &Bucket,
    per_copy: u64,
    mut prepare: impl FnMut(&Bucket),
    mut op: impl FnMut(&mut Bucket, u64),
) -> Duration {
    let mut total = Duration::ZERO;
    let mut done = 0;
    while done < iters {
        let mut copy = bucket.clone();
        prepare(&copy);
        let runs = per_copy.min(iters - done);
        let start = Instant::now();
        for run in 0..runs {
            op(&mut copy, run);
        }
        total += start.elapsed();
        done += runs;
        drop(copy);
    }
    total
}

/// Delete-by-ID, Suspended put and gets on a key with 10, 1,000 and 100,000 entries.
///
/// Each operation's cost is measured where it works on an entry a recent command touched (the
/// chain in use), and for deletes and gets also on entries all over the chain in a random
/// order (`_random`), where every operation also pays the cache misses of a structure too big
/// for the caches, a cost of the machine that grows with the data whatever the algorithm.
///
/// - `delete_by_id`: versions from the middle of the chain outwards, each next to the one
///   deleted before; `delete_by_id_random`: in a fixed random order. Each copy of the chain
///   loses up to half its versions, so every delete is on a chain of at least half the depth.
/// - `suspended_put`: put after put on one Suspended chain, each removing the key's null entry
///   (PUT-3). The chain keeps its null entry in a slot of its own, so where that entry sits
///   does not change the work. `suspended_put_first`: one put per copy of the chain, so every
///   put removes the null entry from the bottom of the chain, the case a scan from the head
///   would pay for; the copy's null entry and head are read first (untimed). This one also
///   pays for memory the copy left cold (see `docs/performance.md`).
/// - `get_by_id`: the middle version, again and again; `get_by_id_random`: the versions in a
///   fixed random order; `get_null`: the bottom entry.
fn deep_chain(c: &mut Criterion) {
    let mut group = c.benchmark_group("deep_chain");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for depth in [10u64, 1_000, 100_000] {
        let (bucket, ids) = deep(depth);
        let near = from_the_middle(&ids);
        let random = shuffled(ids, depth);
        let half = (near.len() / 2).max(1) as u64;
        for (name, order) in [("delete_by_id", &near), ("delete_by_id_random", &random)] {
            group.bench_function(format!("{name}/{depth}"), |b| {
                b.iter_custom(|iters| {
                    timed_on_copies(
                        iters,
                        &bucket,
                        half,
                        |_| {},
                        |bucket, run| {
                            delete_by_id(bucket, &order[run as usize]);
                        },
                    )
                })
            });
        }
        let suspended = suspended(&bucket);
        let mut in_use = suspended.clone();
        group.bench_function(format!("suspended_put/{depth}"), |b| {
            b.iter(|| suspended_put(&mut in_use))
        });
        group.bench_function(format!("suspended_put_first/{depth}"), |b| {
            b.iter_custom(|iters| {
                timed_on_copies(
                    iters,
                    &suspended,
                    1,
                    |bucket| {
                        get_null(bucket);
                        get_head(bucket);
                    },
                    |bucket, _| {
                        suspended_put(bucket);
                    },
                )
            })
        });
        group.bench_function(format!("get_by_id/{depth}"), |b| {
            b.iter(|| get_by_id(&bucket, &near[0]))
        });
        let mut cursor = 0usize;
        group.bench_function(format!("get_by_id_random/{depth}"), |b| {
            b.iter(|| {
                cursor = (cursor + 1) % random.len();
                get_by_id(&bucket, &random[cursor])
            })
        });
        group.bench_function(format!("get_null/{depth}"), |b| {
            b.iter(|| get_null(&bucket))
        });
    }
    group.finish();
}

fn listing(c: &mut Criterion) {
    let mut group = c.benchmark_group("listing");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    for entries in [10_000u64, 1_000_000] {
        let (bucket, sorted) = listed_bucket(entries);
        let marker = listing_marker(&bucket, &sorted);
        assert_eq!(page(&bucket, &marker), 1000, "a full page");
        group.bench_function(format!("page/{entries}"), |b| {
            b.iter(|| page(&bucket, &marker))
        });
    }
    group.finish();
}

fn append(c: &mut Criterion) {
    let mut group = c.benchmark_group("append");
    group
        .sample_size(20)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    group.bench_function("baseline", |b| b.iter(|| append_baseline(APPENDS)));
    group.bench_function("model", |b| b.iter(|| append_model(APPENDS)));
    group.finish();
}

fn multipart(c: &mut Criterion) {
    let keys = keys(100);
    let mut group = c.benchmark_group("multipart");
    group
        .sample_size(20)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    group.bench_function("baseline", |b| {
        b.iter(|| multipart_baseline(&keys, COMPLETES))
    });
    group.bench_function("model", |b| b.iter(|| multipart_model(&keys, COMPLETES)));
    group.finish();
}

/// A lifecycle run over 1,000,000 entries: 1% due (removed on a fresh copy each time), nothing
/// due (the same bucket, a rule whose days have not passed), and the naive full scan that
/// finds and removes the same 1%.
fn lifecycle(c: &mut Criterion) {
    let due_keys = 1_111; // × 9 noncurrent versions: 9,999 entries, 1% of 1,000,000
    let mut bucket = lifecycle_bucket(LIFECYCLE_KEYS, LIFECYCLE_VERSIONS, due_keys);
    let mut idle = bucket.clone();
    expire_noncurrent_after(&mut bucket, 1);
    expire_noncurrent_after(&mut idle, 30);
    assert_eq!(lifecycle_run(&mut bucket.clone()), 9_999, "1% is due");
    assert_eq!(
        naive_scan_run(&mut bucket.clone(), 1),
        9_999,
        "the scan finds the same"
    );
    assert_eq!(lifecycle_run(&mut idle), 0, "nothing is due");
    let mut group = c.benchmark_group("lifecycle");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    // Each copy is made (and the last one freed) untimed; a large allocation then has the
    // allocator consolidate the freed memory before the clock starts, so that neither run pays
    // for freeing the previous copy.
    let settle = |_: &Bucket| drop(black_box(Vec::<u8>::with_capacity(64 << 20)));
    group.bench_function("due_1_percent", |b| {
        b.iter_custom(|iters| {
            timed_on_copies(iters, &bucket, 1, settle, |bucket, _| {
                lifecycle_run(bucket);
            })
        })
    });
    group.bench_function("nothing_due", |b| b.iter(|| lifecycle_run(&mut idle)));
    group.bench_function("naive_scan", |b| {
        b.iter_custom(|iters| {
            timed_on_copies(iters, &bucket, 1, settle, |bucket, _| {
                naive_scan_run(bucket, 1);
            })
        })
    });
    group.finish();
}

criterion_group!(
    benches, put, mixed, service, deep_chain, listing, append, multipart, lifecycle
);
criterion_main!(benches);
