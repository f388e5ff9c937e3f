//! Measures the storage on this machine: journal records per second with and without group
//! commit, and byte-store piece writes, dedup hits, appends and reads.
//!
//! ```sh
//! cargo run --release -p bucket-versioning-server --example store_bench -- [DIR]
//! ```
//!
//! DIR (default: a fresh temporary directory) should be on the disk a server's `--data-dir`
//! would use: every figure includes real `fsync`s. Prints one line per measurement.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bucket_versioning_server::journal::{Journal, JournalOptions};
use bucket_versioning_server::store::{ByteStore, Fingerprint, StoreOptions};

/// A typical journal record: a put_object command in the trace format, with time and bucket.
const RECORD: &str = r#"{"time":1700000000,"bucket":"bench","command":{"op":"put_object","key":"photos/2024/img-000123.jpg","body":{"fingerprint":{"len":2400000,"crc64":"1234567890123456789","md5":"0123456789abcdef0123456789abcdef"}}}}"#;

fn main() {
    let arg = std::env::args().nth(1);
    let temp = tempfile::tempdir_in(arg.as_deref().unwrap_or(".")).expect("a scratch directory");
    let root = temp.path();
    println!("scratch directory: {}", root.display());
    println!("journal record: {} bytes", RECORD.len());

    for (group_commit, threads, per_thread) in [
        (false, 1, 4000),
        (false, 16, 250),
        (true, 1, 4000),
        (true, 4, 2000),
        (true, 16, 1000),
        (true, 64, 250),
    ] {
        // Three runs, each on a fresh journal: the disk is shared, so report the spread.
        let mut rates: Vec<f64> = (0..3)
            .map(|run| {
                let dir = root.join(format!("journal-{group_commit}-{threads}-{run}"));
                journal_rate(&dir, group_commit, threads, per_thread)
            })
            .collect();
        rates.sort_by(f64::total_cmp);
        println!(
            "journal  group_commit={group_commit:<5} threads={threads:<3} records={:<6} {:>9.0} records/s (median of 3; min {:.0}, max {:.0})",
            threads * per_thread,
            rates[1],
            rates[0],
            rates[2]
        );
    }

    for (piece_size, count, threads) in [
        (4 << 10, 2000, 1),
        (4 << 10, 2000, 4),
        (64 << 10, 1000, 1),
        (1 << 20, 200, 1),
        (1 << 20, 200, 4),
        (16 << 20, 16, 1),
    ] {
        let dir = root.join(format!("pieces-{piece_size}-{threads}"));
        let (store, _) = ByteStore::open(&dir, StoreOptions::default()).expect("open the store");
        let elapsed = put_pieces(&store, piece_size, count, threads, 0);
        let mib = (piece_size * count) as f64 / f64::from(1 << 20);
        println!(
            "pieces   disk   size={:<8} threads={threads} count={count:<5} {:>8.1} MiB/s {:>8.0} pieces/s",
            human(piece_size),
            mib / elapsed.as_secs_f64(),
            count as f64 / elapsed.as_secs_f64()
        );
        // The same bodies again through a writer: streamed to a temporary file and synced
        // (the name is known only at the end), then found stored and discarded.
        let elapsed = put_pieces(&store, piece_size, count, threads, 0);
        println!(
            "pieces   disk   size={:<8} threads={threads} count={count:<5} {:>8.1} MiB/s {:>8.0} pieces/s  (again, streamed: found stored at the end)",
            human(piece_size),
            mib / elapsed.as_secs_f64(),
            count as f64 / elapsed.as_secs_f64()
        );
        // And through `put`, which names the bytes first and writes nothing.
        let bodies: Vec<Vec<u8>> = (0..count as u64).map(|n| body(piece_size, n)).collect();
        let started = now();
        for body in &bodies {
            store.put(body).expect("put");
        }
        let elapsed = started.elapsed();
        println!(
            "pieces   disk   size={:<8} threads=1 count={count:<5} {:>8.1} MiB/s {:>8.0} pieces/s  (again, put whole: named first, nothing written)",
            human(piece_size),
            mib / elapsed.as_secs_f64(),
            count as f64 / elapsed.as_secs_f64()
        );
    }

    let memory = ByteStore::in_memory(StoreOptions::default());
    let elapsed = put_pieces(&memory, 1 << 20, 200, 1, 0);
    println!(
        "pieces   memory size=1 MiB    threads=1 count=200   {:>8.1} MiB/s",
        200.0 / elapsed.as_secs_f64()
    );

    // Appends: 2000 appends of 4 KiB to one object (each a piece, a rope definition, its sync).
    let (store, _) = ByteStore::open(&root.join("appends"), StoreOptions::default()).expect("open");
    let started = now();
    let mut object = store.get(Fingerprint::EMPTY).expect("the empty body");
    for n in 0..2000u32 {
        let mut writer = store.writer().expect("writer");
        writer
            .write_chunk(&body(4 << 10, u64::from(n) + 1_000_000))
            .expect("write");
        object = store
            .append(&object, &writer.finish().expect("finish"))
            .expect("append");
    }
    let elapsed = started.elapsed();
    println!(
        "appends  disk   size=4 KiB    2000 to one object   {:>8.0} appends/s",
        2000.0 / elapsed.as_secs_f64()
    );

    // Reads: a 256 MiB multipart object (64 parts of 4 MiB), streamed whole, twice (the second
    // from the page cache, as a hot object would be).
    let (store, _) = ByteStore::open(&root.join("reads"), StoreOptions::default()).expect("open");
    let parts: Vec<_> = (0..64u64)
        .map(|n| {
            store
                .put(&body(4 << 20, n + 2_000_000))
                .expect("put a part")
                .0
        })
        .collect();
    let object = store.concat(&parts).expect("complete");
    for pass in ["first", "second"] {
        let started = now();
        let mut total = 0u64;
        for chunk in store.read(&object) {
            total += chunk.expect("a chunk").len() as u64;
        }
        let elapsed = started.elapsed();
        assert_eq!(total, object.len(), "the whole object was read");
        println!(
            "read     disk   {} MiB object of 64 parts, 256 KiB chunks ({pass} pass, page cache warm) {:>8.1} MiB/s",
            total >> 20,
            total as f64 / f64::from(1 << 20) / elapsed.as_secs_f64()
        );
    }
}

/// Appends `per_thread` records from each of `threads` threads; returns records per second.
fn journal_rate(dir: &Path, group_commit: bool, threads: usize, per_thread: usize) -> f64 {
    let options = JournalOptions::default().group_commit(group_commit);
    let (journal, _) = Journal::open(dir, options).expect("open the journal");
    let journal = Arc::new(journal);
    let started = now();
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let journal = Arc::clone(&journal);
            std::thread::spawn(move || {
                for _ in 0..per_thread {
                    journal.append(RECORD).expect("append");
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().expect("an appender");
    }
    (threads * per_thread) as f64 / started.elapsed().as_secs_f64()
}

/// Puts `count` distinct pieces of `size` bytes from `threads` threads, streamed in 64 KiB
/// chunks as a request body arrives; returns the time taken (bodies are made beforehand).
fn put_pieces(store: &ByteStore, size: usize, count: usize, threads: usize, seed: u64) -> Duration {
    let bodies: Vec<Vec<u8>> = (0..count as u64).map(|n| body(size, seed + n)).collect();
    let bodies = Arc::new(bodies);
    let started = now();
    let handles: Vec<_> = (0..threads)
        .map(|thread| {
            let (store, bodies) = (store.clone(), Arc::clone(&bodies));
            std::thread::spawn(move || {
                for body in bodies.iter().skip(thread).step_by(threads) {
                    let mut writer = store.writer().expect("writer");
                    for chunk in body.chunks(64 << 10) {
                        writer.write_chunk(chunk).expect("write");
                    }
                    let piece = writer.finish().expect("finish");
                    store.rope_from_piece(&piece).expect("rope");
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().expect("a writer");
    }
    started.elapsed()
}

fn body(size: usize, seed: u64) -> Vec<u8> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..size)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect()
}

fn human(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{} KiB", bytes >> 10)
    }
}

#[expect(
    clippy::disallowed_methods,
    reason = "a benchmark measures wall-clock time; the model's purity rule is about the model"
)]
fn now() -> Instant {
    Instant::now()
}
