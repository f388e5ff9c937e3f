//! `kill -9` at a random moment loses no acknowledged write.
//!
//! This test binary is its own child: run normally, it is the parent; with
//! `BV_KILL9_CHILD=journal` or `=store` in its environment, it is a child that writes as fast as
//! it can and prints a line for each write *after* the write call returned (the moment a server
//! would answer). The parent reads those lines, sends `SIGKILL` at a random moment, reopens the
//! directory and checks that every acknowledged write is there, intact and in order, and that
//! nothing appears that was never written. Several rounds run on the same directory, each child
//! carrying on where the recovered state ends.
//!
//! Its own `main` (`harness = false`), since the child is not a test. Arguments naming a test
//! filter the two tests as libtest would; `--list` lists them. `BV_KILL9_SEED` fixes the random
//! kill moments (the seed is printed).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bucket_versioning_server::journal::{Journal, JournalOptions};
use bucket_versioning_server::store::{ByteStore, Fingerprint, Rope, StoreOptions};

const CHILD_ENV: &str = "BV_KILL9_CHILD";
const ROUNDS: usize = 5;
/// Writer threads in the journal child.
const JOURNAL_THREADS: usize = 4;
/// Put threads in the store child (one more thread appends).
const PUT_THREADS: u64 = 2;
/// The padding of the journal child's long records (every 25th of thread 1): a write long
/// enough for a kill to land in the middle of it.
const LONG_PADDING: usize = 8 << 20;
/// A child stops by itself after this many writes per thread, if no kill came first.
const MAX_WRITES: u64 = 200_000;

fn main() {
    match std::env::var(CHILD_ENV).as_deref() {
        Ok("journal") => journal_child(),
        Ok("store") => store_child(),
        _ => parent(),
    }
}

// ---------------------------------------------------------------------------------------------
// The parent

fn parent() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let tests: [Test; 2] = [
        ("journal_survives_kill_9", journal_rounds),
        ("byte_store_survives_kill_9", store_rounds),
    ];
    if args.iter().any(|arg| arg == "--list") {
        for (name, _) in tests {
            println!("{name}: test");
        }
        return;
    }
    let filters: Vec<&String> = args.iter().filter(|arg| !arg.starts_with('-')).collect();
    let seed = std::env::var("BV_KILL9_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or_else(|| u64::from(std::process::id()));
    let mut random = Random(seed.max(1));
    let mut passed = 0;
    for (name, test) in tests {
        if !filters.is_empty() && !filters.iter().any(|filter| name.contains(filter.as_str())) {
            continue;
        }
        println!("test {name} (BV_KILL9_SEED={seed}) ...");
        test(&mut random);
        println!("test {name} ... ok");
        passed += 1;
    }
    println!("\ntest result: ok. {passed} passed; 0 failed");
}

/// A test: its name and its body.
type Test = (&'static str, fn(&mut Random));

/// A small deterministic generator for the kill moments and the bodies.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// Runs the child of `kind` on `dir` with `args`, kills it at a random moment after its first
/// acknowledgement, and returns the lines it printed in full (a line cut by the kill is not an
/// acknowledgement: the write returned, but the "response" never went out whole).
fn run_child_and_kill(kind: &str, dir: &Path, args: &[String], random: &mut Random) -> Vec<String> {
    let mut child = Command::new(std::env::current_exe().expect("the test binary's path"))
        .env(CHILD_ENV, kind)
        .arg(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn the child");
    let mut stdout = child.stdout.take().expect("the child's stdout");
    // Wait for the first acknowledgement: the child is then writing flat out.
    let mut output = Vec::new();
    let mut byte = [0u8; 1];
    while !output.ends_with(b"\n") {
        match stdout.read(&mut byte).expect("read the child's output") {
            0 => break,
            _ => output.push(byte[0]),
        }
    }
    let reader = std::thread::spawn(move || {
        let mut rest = Vec::new();
        stdout
            .read_to_end(&mut rest)
            .expect("read the child's output");
        rest
    });
    std::thread::sleep(Duration::from_millis(20 + random.next() % 300));
    child.kill().expect("send SIGKILL");
    let status = child.wait().expect("reap the child");
    // Killed, or (if it ran out of writes first) finished cleanly; anything else is a failure
    // of the child, such as a panic on a recovered state it found wrong.
    assert!(
        status.signal() == Some(9) || status.success(),
        "the child failed before it was killed: {status}"
    );
    output.extend(reader.join().expect("the reader thread"));
    let complete = match output.iter().rposition(|&b| b == b'\n') {
        Some(end) => &output[..=end],
        None => &[][..],
    };
    String::from_utf8(complete.to_vec())
        .expect("the child prints UTF-8")
        .lines()
        .map(str::to_owned)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The journal

/// The journal child: `JOURNAL_THREADS` threads append `t{thread} n{number}` records, numbering
/// on from what recovery gives, the way the server does (submit under the state's lock, wait
/// outside it); one of them takes a checkpoint (the state so far) every 300 of its records.
fn journal_child() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("the directory argument"));
    let (journal, recovered) =
        Journal::open(&dir, JournalOptions::default()).expect("the child opens the journal");
    let mut state: Vec<String> = Vec::new();
    if let Some(snapshot) = recovered.snapshot {
        let text = String::from_utf8(snapshot.contents).expect("the snapshot is text");
        state.extend(text.lines().map(str::to_owned));
    }
    state.extend(recovered.records.into_iter().map(|record| record.payload));
    let counts = per_thread_counts(&state);
    let state = Arc::new(Mutex::new(state));
    let journal = Arc::new(journal);
    let threads: Vec<_> = (0..JOURNAL_THREADS)
        .map(|thread| {
            let (state, journal) = (Arc::clone(&state), Arc::clone(&journal));
            let first = counts.get(&thread).copied().unwrap_or(0);
            std::thread::spawn(move || {
                for n in first..first + MAX_WRITES {
                    let record = format!("t{thread} n{n}");
                    // Now and then a long record, whose write a kill can cut in the middle.
                    let written = if thread == 1 && n % 25 == 0 {
                        format!("{record} {}", "x".repeat(LONG_PADDING))
                    } else {
                        record.clone()
                    };
                    let ticket = {
                        let mut state = state.lock().expect("state lock");
                        let ticket = journal.submit(&written).expect("submit");
                        state.push(record.clone());
                        ticket
                    };
                    journal.wait(ticket).expect("wait");
                    acknowledge(&record);
                    if thread == 0 && n % 300 == 299 {
                        let state = state.lock().expect("state lock");
                        journal
                            .checkpoint(state.join("\n").as_bytes())
                            .expect("checkpoint");
                    }
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("a writer thread");
    }
}

/// Prints one acknowledgement line, whole.
fn acknowledge(line: &str) {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{line}").expect("print");
    stdout.flush().expect("flush");
}

/// How many records each thread has in `records`, checking they are `n0, n1, …` in order.
fn per_thread_counts(records: &[String]) -> BTreeMap<usize, u64> {
    let mut counts: BTreeMap<usize, u64> = BTreeMap::new();
    for record in records {
        let (thread, n) = parse_journal_record(record)
            .unwrap_or_else(|| panic!("a record that was never written: {record:?}"));
        let count = counts.entry(thread).or_default();
        assert_eq!(
            n, *count,
            "thread {thread}'s records out of order or with a gap"
        );
        *count += 1;
    }
    counts
}

/// The thread and number of a record `t{thread} n{n}`, possibly followed by exactly
/// `LONG_PADDING` x's.
fn parse_journal_record(record: &str) -> Option<(usize, u64)> {
    let (thread, rest) = record.strip_prefix('t')?.split_once(" n")?;
    let n = match rest.split_once(' ') {
        Some((n, padding))
            if padding.len() == LONG_PADDING && padding.bytes().all(|b| b == b'x') =>
        {
            n
        }
        Some(_) => return None,
        None => rest,
    };
    Some((thread.parse().ok()?, n.parse().ok()?))
}

fn journal_rounds(random: &mut Random) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    // The highest count of acknowledged records of each thread, over all rounds.
    let mut acknowledged: BTreeMap<usize, u64> = BTreeMap::new();
    let mut torn_tails = 0;
    for round in 0..ROUNDS {
        let lines = run_child_and_kill("journal", dir.path(), &[], random);
        for line in &lines {
            let (thread, n) = parse_journal_record(line).expect("an acknowledgement line");
            let count = acknowledged.entry(thread).or_default();
            *count = (*count).max(n + 1);
        }

        let (journal, recovered) =
            Journal::open(dir.path(), JournalOptions::default()).expect("reopen after the kill");
        let mut records: Vec<String> = Vec::new();
        if let Some(snapshot) = &recovered.snapshot {
            let text = std::str::from_utf8(&snapshot.contents).expect("text");
            records.extend(text.lines().map(str::to_owned));
        }
        let replayed_from = records.len() as u64;
        records.extend(
            recovered
                .records
                .iter()
                .map(|record| record.payload.clone()),
        );
        // Positions continue the snapshot's.
        for (offset, record) in recovered.records.iter().enumerate() {
            assert_eq!(
                record.position.value(),
                replayed_from + offset as u64,
                "positions are consecutive after the snapshot"
            );
        }
        torn_tails += usize::from(recovered.torn_tail.is_some());
        // In order, no gap, nothing never written; every acknowledged record; at most the one
        // record in flight per thread beyond them.
        let recovered_counts = per_thread_counts(&records);
        for (&thread, &count) in &acknowledged {
            let got = recovered_counts.get(&thread).copied().unwrap_or(0);
            assert!(
                got == count || got == count + 1,
                "round {round}, thread {thread}: {count} acknowledged, {got} recovered"
            );
        }
        // A record in flight that recovery kept is durable now: the next child carries on after
        // it, so the next round's bound starts from it (else a thread with nothing acknowledged
        // next round could show two records beyond its acknowledgements, both legitimate).
        for (&thread, &got) in &recovered_counts {
            let count = acknowledged.entry(thread).or_default();
            *count = (*count).max(got);
        }
        println!(
            "  round {round}: {} acknowledged this round, {} records recovered (snapshot {}, torn tail {:?})",
            lines.len(),
            records.len(),
            replayed_from,
            recovered.torn_tail.as_ref().map(|tail| tail.dropped_bytes)
        );
        drop(journal);
    }
    println!("  {torn_tails} of {ROUNDS} kills cut a write short (a torn tail recovery removed)");
}

// ---------------------------------------------------------------------------------------------
// The byte store

/// The body of put `n` of thread `thread`: 1 byte to 16 KiB; every seventh shared by all
/// threads (the same bytes put concurrently).
fn put_body(thread: u64, n: u64) -> Vec<u8> {
    let seed = if n.is_multiple_of(7) {
        n
    } else {
        n * 31 + thread + 1
    };
    body(seed, 1 + (seed.wrapping_mul(2_654_435_761) % (16 << 10)))
}

/// Piece `k` of the appended object.
fn append_body(k: u64) -> Vec<u8> {
    body(k ^ 0xA5A5_0000, 1 + (k * 37) % 3000)
}

fn body(seed: u64, len: u64) -> Vec<u8> {
    let mut random = Random(seed.wrapping_add(0x9E37_79B9_7F4A_7C15) | 1);
    (0..len).map(|_| random.next() as u8).collect()
}

/// Whether the "model" keeps put `n`: every fifth put is deleted (or rejected) at once, and is
/// left to garbage collection.
fn kept(n: u64) -> bool {
    n % 5 != 4
}

/// The fingerprint of the appended object after pieces `0..k`.
fn chain_fingerprint(k: u64) -> Fingerprint {
    (0..k).fold(Fingerprint::EMPTY, |fp, i| {
        fp.concat(Fingerprint::of(&append_body(i)))
            .expect("the chain is far below u64::MAX bytes")
    })
}

/// The store child. Arguments: the directory, then the first put number of each put thread,
/// then the number of pieces the appended object has at least.
///
/// The put threads put their bodies; the append thread appends pieces to one object; the live
/// set (the "model") is updated after each write returns and before it is acknowledged, under
/// its lock, which garbage collection (every 50 puts of thread 0) also holds — the protocol the
/// store's documentation asks of the server.
fn store_child() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(&args[0]);
    let numbers: Vec<u64> = args[1..]
        .iter()
        .map(|arg| arg.parse().expect("a number argument"))
        .collect();
    let (store, _) =
        ByteStore::open(&dir, StoreOptions::default()).expect("the child opens the store");

    // The live set the model would give: the kept puts so far and the appended object.
    let mut live: BTreeSet<Fingerprint> = BTreeSet::new();
    for thread in 0..PUT_THREADS {
        for n in (0..numbers[thread as usize]).filter(|&n| kept(n)) {
            live.insert(Fingerprint::of(&put_body(thread, n)));
        }
    }
    // The append in flight at the kill may have been applied: carry on from it if it is there.
    let acknowledged_pieces = numbers[PUT_THREADS as usize];
    let (mut pieces, mut object) = match store.get(chain_fingerprint(acknowledged_pieces + 1)) {
        Some(rope) => (acknowledged_pieces + 1, rope),
        None => (
            acknowledged_pieces,
            store
                .get(chain_fingerprint(acknowledged_pieces))
                .expect("the acknowledged appended object is in the store"),
        ),
    };
    live.insert(object.fingerprint());
    let live = Arc::new(Mutex::new(live));

    let mut threads: Vec<std::thread::JoinHandle<()>> = (0..PUT_THREADS)
        .map(|thread| {
            let (store, live) = (store.clone(), Arc::clone(&live));
            let first = numbers[thread as usize];
            std::thread::spawn(move || {
                for n in first..first + MAX_WRITES {
                    let (rope, _) = store.put(&put_body(thread, n)).expect("put");
                    if kept(n) {
                        live.lock().expect("live lock").insert(rope.fingerprint());
                    }
                    drop(rope);
                    acknowledge(&format!("p {thread} {n}"));
                    if thread == 0 && n % 50 == 49 {
                        let live = live.lock().expect("live lock");
                        store.collect_garbage(&live).expect("collect garbage");
                    }
                }
            })
        })
        .collect();
    let (append_store, append_live) = (store.clone(), Arc::clone(&live));
    threads.push(std::thread::spawn(move || {
        for _ in 0..MAX_WRITES {
            let mut writer = append_store.writer().expect("writer");
            writer.write_chunk(&append_body(pieces)).expect("write");
            let piece = writer.finish().expect("finish");
            let appended = append_store.append(&object, &piece).expect("append");
            {
                let mut live = append_live.lock().expect("live lock");
                live.remove(&object.fingerprint());
                live.insert(appended.fingerprint());
            }
            object = appended;
            pieces += 1;
            acknowledge(&format!("a {pieces}"));
        }
    }));
    for thread in threads {
        thread.join().expect("a store thread");
    }
}

fn store_rounds(random: &mut Random) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    {
        // Round 0 starts with an appended object of one piece.
        let (store, _) = ByteStore::open(dir.path(), StoreOptions::default()).expect("open");
        let mut writer = store.writer().expect("writer");
        writer.write_chunk(&append_body(0)).expect("write");
        store
            .append(
                &store.get(Fingerprint::EMPTY).expect("empty"),
                &writer.finish().expect("finish"),
            )
            .expect("append");
    }
    // Acknowledged puts per thread (every number below the count was acknowledged, in order of
    // each thread) and the pieces of the appended object.
    let mut put_counts = [0u64; PUT_THREADS as usize];
    let mut pieces = 1u64;
    for round in 0..ROUNDS {
        let mut args: Vec<String> = put_counts.iter().map(u64::to_string).collect();
        args.push(pieces.to_string());
        let lines = run_child_and_kill("store", dir.path(), &args, random);
        for line in &lines {
            let fields: Vec<&str> = line.split(' ').collect();
            match fields.as_slice() {
                ["p", thread, n] => {
                    let thread: usize = thread.parse().expect("a thread");
                    let n: u64 = n.parse().expect("a number");
                    assert_eq!(
                        n, put_counts[thread],
                        "thread {thread} acknowledged in order"
                    );
                    put_counts[thread] = n + 1;
                }
                ["a", k] => pieces = pieces.max(k.parse().expect("a count")),
                _ => panic!("an unexpected line from the child: {line:?}"),
            }
        }

        let (store, recovery) =
            ByteStore::open(dir.path(), StoreOptions::default()).expect("reopen after the kill");
        let mut checked = 0;
        for (thread, &count) in put_counts.iter().enumerate() {
            for n in (0..count).filter(|&n| kept(n)) {
                let bytes = put_body(thread as u64, n);
                let rope = store
                    .get(Fingerprint::of(&bytes))
                    .unwrap_or_else(|| panic!("round {round}: acknowledged put {thread}/{n} lost"));
                assert_eq!(read(&store, &rope), bytes, "put {thread}/{n}");
                checked += 1;
            }
        }
        // The acknowledged appended object, or the one after it if the append in flight was
        // applied (and the acknowledged one then collected).
        let object = store
            .get(chain_fingerprint(pieces))
            .or_else(|| store.get(chain_fingerprint(pieces + 1)))
            .unwrap_or_else(|| {
                panic!("round {round}: the appended object with {pieces} pieces lost")
            });
        let expected: Vec<u8> = (0..=pieces)
            .flat_map(append_body)
            .take(object.len() as usize)
            .collect();
        assert_eq!(
            read(&store, &object),
            expected,
            "the appended object's bytes"
        );
        let verified = store.verify().expect("every piece matches its name");
        println!(
            "  round {round}: {} acknowledged this round; {checked} puts and an object of {} pieces checked; {verified} pieces verified, {} orphans removed, torn tail {:?}",
            lines.len(),
            object.slice_count(),
            recovery.orphans_removed,
            recovery.torn_tail.as_ref().map(|tail| tail.dropped_bytes)
        );
    }
}

fn read(store: &ByteStore, rope: &Rope) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(rope.len() as usize);
    for chunk in store.read(rope) {
        bytes.extend_from_slice(&chunk.expect("a chunk"));
    }
    bytes
}
