//! The journal on real files: appends and recovery, group commit, checkpoints, torn tails at
//! every byte offset, corruption in the middle, locking and unusable directories.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bucket_versioning_server::journal::{
    Corruption, InvalidRecord, Journal, JournalError, JournalOptions, MAX_RECORD_LEN, Position,
    Recovered,
};
use proptest::prelude::*;

#[track_caller]
fn open(dir: &Path) -> (Journal, Recovered) {
    Journal::open(dir, JournalOptions::default()).expect("the journal opens")
}

#[track_caller]
fn payloads(recovered: &Recovered) -> Vec<&str> {
    recovered
        .records
        .iter()
        .map(|record| record.payload.as_str())
        .collect()
}

/// The journal's files in `dir`, sorted (the lock file left out).
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("list the directory")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .into_string()
                .expect("UTF-8")
        })
        .filter(|name| name != "LOCK")
        .collect();
    names.sort();
    names
}

fn segment(dir: &Path, first: u64) -> PathBuf {
    dir.join(format!("segment-{first:020}.log"))
}

fn snapshot(dir: &Path, position: u64) -> PathBuf {
    dir.join(format!("snapshot-{position:020}.snap"))
}

#[test]
fn appended_records_come_back_in_order_with_their_positions() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    {
        let (journal, recovered) = open(dir.path());
        assert_eq!(recovered, Recovered::default());
        for (n, record) in ["{\"op\":\"a\"}", "", "third — ünïcode"].iter().enumerate() {
            assert_eq!(
                journal.append(record).expect("append"),
                Position::new(n as u64)
            );
        }
        assert_eq!(journal.next_position(), Position::new(3));
    }
    let (journal, recovered) = open(dir.path());
    assert_eq!(
        payloads(&recovered),
        ["{\"op\":\"a\"}", "", "third — ünïcode"]
    );
    let positions: Vec<u64> = recovered
        .records
        .iter()
        .map(|r| r.position.value())
        .collect();
    assert_eq!(positions, [0, 1, 2]);
    assert_eq!(recovered.torn_tail, None);
    // Appending goes on after the recovered records.
    assert_eq!(journal.append("fourth").expect("append"), Position::new(3));
    drop(journal);
    assert_eq!(payloads(&open(dir.path()).1).len(), 4);
}

#[test]
fn a_record_is_framed_as_length_checksum_payload() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (journal, _) = open(dir.path());
    journal.append("123456789").expect("append");
    drop(journal);
    assert_eq!(
        fs::read(segment(dir.path(), 0)).expect("read the segment"),
        b"9 e3069283 123456789\n"
    );
}

#[test]
fn records_that_cannot_be_one_line_are_refused() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (journal, _) = open(dir.path());
    assert!(matches!(
        journal.append("two\nlines"),
        Err(JournalError::InvalidRecord(InvalidRecord::Newline))
    ));
    let long = "x".repeat(MAX_RECORD_LEN + 1);
    assert!(matches!(
        journal.append(&long),
        Err(JournalError::InvalidRecord(InvalidRecord::TooLong { .. }))
    ));
    // Nothing was written, and the journal still works.
    assert_eq!(journal.append("fine").expect("append"), Position::new(0));
}

/// Several threads append at once; every acknowledged record is there afterwards, each thread's
/// in the order it appended them, and positions are those the appends returned.
fn concurrent_appends(options: JournalOptions) {
    const THREADS: usize = 4;
    const PER_THREAD: usize = 200;
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (journal, _) = Journal::open(dir.path(), options).expect("open");
    let journal = Arc::new(journal);
    let handles: Vec<_> = (0..THREADS)
        .map(|thread| {
            let journal = Arc::clone(&journal);
            std::thread::spawn(move || {
                (0..PER_THREAD)
                    .map(|n| {
                        let record = format!("t{thread} n{n}");
                        (journal.append(&record).expect("append"), record)
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut acknowledged: Vec<(Position, String)> = handles
        .into_iter()
        .flat_map(|handle| handle.join().expect("no appender panicked"))
        .collect();
    acknowledged.sort();
    drop(journal);

    let (_, recovered) = Journal::open(dir.path(), options).expect("reopen");
    let recovered: Vec<(Position, String)> = recovered
        .records
        .into_iter()
        .map(|record| (record.position, record.payload))
        .collect();
    assert_eq!(recovered, acknowledged);
    for thread in 0..THREADS {
        let mine: Vec<&str> = recovered
            .iter()
            .map(|(_, record)| record.as_str())
            .filter(|record| record.starts_with(&format!("t{thread} ")))
            .collect();
        let expected: Vec<String> = (0..PER_THREAD).map(|n| format!("t{thread} n{n}")).collect();
        assert_eq!(mine, expected);
    }
}

#[test]
fn concurrent_appends_with_group_commit_are_all_recovered_in_order() {
    concurrent_appends(JournalOptions::default());
}

#[test]
fn concurrent_appends_without_group_commit_are_all_recovered_in_order() {
    concurrent_appends(JournalOptions::default().group_commit(false));
}

#[test]
fn submitted_records_are_durable_once_waited_for_and_sync_waits_for_all() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (journal, _) = open(dir.path());
    let first = journal.submit("one").expect("submit");
    let second = journal.submit("two").expect("submit");
    assert_eq!(
        (first.position(), second.position()),
        (Position::new(0), Position::new(1))
    );
    // Waiting for the second writes both in one batch.
    assert_eq!(journal.wait(second).expect("wait"), Position::new(1));
    assert_eq!(journal.wait(first).expect("wait"), Position::new(0));
    let _third = journal.submit("three").expect("submit");
    assert_eq!(journal.sync().expect("sync"), Position::new(3));
    assert_eq!(journal.sync().expect("nothing pending"), Position::new(3));
    drop(journal);
    assert_eq!(payloads(&open(dir.path()).1), ["one", "two", "three"]);
}

#[test]
fn a_checkpoint_replaces_what_it_covers() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    {
        let (journal, _) = open(dir.path());
        journal.append("a").expect("append");
        let pending = journal.submit("b").expect("submit");
        // The checkpoint covers the pending record too, and makes it durable.
        assert_eq!(
            journal.checkpoint(b"state after a, b").expect("checkpoint"),
            Position::new(2)
        );
        assert_eq!(journal.wait(pending).expect("durable"), Position::new(1));
        journal.append("c").expect("append");
        assert_eq!(
            files(dir.path()),
            [
                "segment-00000000000000000002.log",
                "snapshot-00000000000000000002.snap"
            ]
        );
    }
    let (journal, recovered) = open(dir.path());
    let snapshot = recovered.snapshot.as_ref().expect("a snapshot");
    assert_eq!(snapshot.position, Position::new(2));
    assert_eq!(snapshot.contents, b"state after a, b");
    assert_eq!(payloads(&recovered), ["c"]);
    assert_eq!(recovered.records[0].position, Position::new(2));
    // A second checkpoint with nothing appended since keeps the segment, replaces the snapshot.
    assert_eq!(
        journal.checkpoint(b"v2").expect("checkpoint"),
        Position::new(3)
    );
    assert_eq!(
        journal.checkpoint(b"v3").expect("checkpoint"),
        Position::new(3)
    );
    assert_eq!(
        files(dir.path()),
        [
            "segment-00000000000000000003.log",
            "snapshot-00000000000000000003.snap"
        ]
    );
    drop(journal);
    let (_, recovered) = open(dir.path());
    assert_eq!(
        recovered.snapshot.map(|s| (s.position, s.contents)),
        Some((Position::new(3), b"v3".to_vec()))
    );
    assert!(recovered.records.is_empty());
}

#[test]
fn an_empty_snapshot_is_a_snapshot() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (journal, _) = open(dir.path());
    journal.checkpoint(b"").expect("checkpoint");
    drop(journal);
    let (_, recovered) = open(dir.path());
    assert_eq!(
        recovered.snapshot.map(|s| (s.position, s.contents)),
        Some((Position::new(0), Vec::new()))
    );
}

/// Writes records "record 0".. "record {n-1}" and returns the offset where the last starts.
fn write_records(dir: &Path, n: usize) -> u64 {
    let (journal, _) = open(dir);
    for i in 0..n - 1 {
        journal.append(&format!("record {i}")).expect("append");
    }
    let last_start = fs::metadata(segment(dir, 0)).expect("stat").len();
    journal
        .append(&format!("record {}", n - 1))
        .expect("append");
    last_start
}

#[test]
fn truncating_the_last_record_at_every_byte_loses_only_that_record() {
    let reference = tempfile::tempdir().expect("a temporary directory");
    let last_start = write_records(reference.path(), 3);
    let whole = fs::read(segment(reference.path(), 0)).expect("read");
    for cut in last_start..whole.len() as u64 {
        let dir = tempfile::tempdir().expect("a temporary directory");
        fs::write(segment(dir.path(), 0), &whole[..cut as usize]).expect("write the cut file");
        let (journal, recovered) = open(dir.path());
        assert_eq!(
            payloads(&recovered),
            ["record 0", "record 1"],
            "cut at {cut}"
        );
        let expected_tail = (cut > last_start).then_some((cut, last_start));
        assert_eq!(
            recovered
                .torn_tail
                .as_ref()
                .map(|tail| (tail.offset + tail.dropped_bytes, tail.offset)),
            expected_tail,
            "cut at {cut}"
        );
        // The torn bytes are gone from the file, and appending carries on cleanly.
        assert_eq!(
            fs::metadata(segment(dir.path(), 0)).expect("stat").len(),
            last_start
        );
        assert_eq!(journal.append("after").expect("append"), Position::new(2));
        drop(journal);
        let (_, recovered) = open(dir.path());
        assert_eq!(payloads(&recovered), ["record 0", "record 1", "after"]);
        assert_eq!(recovered.torn_tail, None);
    }
}

#[test]
fn a_changed_byte_in_the_last_record_is_a_torn_tail() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let last_start = write_records(dir.path(), 3) as usize;
    let path = segment(dir.path(), 0);
    let mut bytes = fs::read(&path).expect("read");
    for at in last_start..bytes.len() {
        let original = bytes[at];
        bytes[at] = original ^ 0x04;
        fs::write(&path, &bytes).expect("write");
        let (journal, recovered) = open(dir.path());
        assert_eq!(payloads(&recovered), ["record 0", "record 1"], "byte {at}");
        assert_eq!(
            recovered.torn_tail.map(|tail| tail.offset),
            Some(last_start as u64)
        );
        drop(journal);
        // Put the record back for the next round.
        bytes[at] = original;
        fs::write(&path, &bytes).expect("write");
    }
}

#[test]
fn a_changed_byte_in_an_earlier_record_is_corruption_not_skipped() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write_records(dir.path(), 3);
    let path = segment(dir.path(), 0);
    let bytes = fs::read(&path).expect("read");
    let second_start = bytes.iter().position(|&b| b == b'\n').expect("a newline") + 1;
    let second_end = second_start
        + bytes[second_start..]
            .iter()
            .position(|&b| b == b'\n')
            .expect("a newline");
    for at in 0..second_end {
        let mut changed = bytes.clone();
        changed[at] ^= 0x01;
        fs::write(&path, &changed).expect("write");
        let expected_offset = if at < second_start {
            0
        } else {
            second_start as u64
        };
        match Journal::open(dir.path(), JournalOptions::default()) {
            Err(JournalError::Corrupt {
                path: at_path,
                offset,
                ..
            }) => {
                assert_eq!(
                    (at_path, offset),
                    (path.clone(), expected_offset),
                    "byte {at}"
                );
            }
            other => panic!("byte {at}: expected corruption, got {other:?}"),
        }
    }
    // Left corrupt, the file is not touched by a failed open.
    assert_eq!(fs::read(&path).expect("read").len(), bytes.len());
}

#[test]
fn a_damaged_snapshot_is_corruption() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (journal, _) = open(dir.path());
    journal.append("a").expect("append");
    journal.checkpoint(b"the state").expect("checkpoint");
    drop(journal);
    let path = snapshot(dir.path(), 1);
    let mut bytes = fs::read(&path).expect("read");
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    fs::write(&path, &bytes).expect("write");
    assert!(matches!(
        Journal::open(dir.path(), JournalOptions::default()),
        Err(JournalError::Corrupt {
            reason: Corruption::SnapshotChecksum,
            ..
        })
    ));
}

#[test]
fn missing_records_between_segments_are_corruption() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (journal, _) = open(dir.path());
    journal.append("a").expect("append");
    journal.checkpoint(b"s").expect("checkpoint");
    journal.append("b").expect("append");
    drop(journal);
    // Without the snapshot, the records before position 1 are missing.
    fs::remove_file(snapshot(dir.path(), 1)).expect("remove the snapshot");
    match Journal::open(dir.path(), JournalOptions::default()) {
        Err(JournalError::Corrupt {
            reason: Corruption::Gap { expected, found },
            ..
        }) => assert_eq!((expected, found), (Position::new(0), Position::new(1))),
        other => panic!("expected a gap, got {other:?}"),
    }
}

#[test]
fn a_torn_tail_in_an_earlier_segment_is_corruption() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    fs::write(segment(dir.path(), 0), b"1 00000000 a\n3 000").expect("write");
    fs::write(segment(dir.path(), 1), b"").expect("write");
    match Journal::open(dir.path(), JournalOptions::default()) {
        Err(JournalError::Corrupt { reason, .. }) => {
            // The first record's checksum is wrong, and nothing valid follows: in the last
            // segment that would be a torn tail; here it is not.
            assert_eq!(reason, Corruption::TornEarlierSegment);
        }
        other => panic!("expected corruption, got {other:?}"),
    }
}

#[test]
fn leftover_temporary_and_stale_files_are_removed_on_open() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (journal, _) = open(dir.path());
    journal.append("a").expect("append");
    journal.checkpoint(b"s").expect("checkpoint");
    drop(journal);
    // A crash during a later checkpoint's snapshot write, and an old segment a crash kept.
    fs::write(
        dir.path().join("snapshot-00000000000000000001.snap.tmp"),
        b"half",
    )
    .expect("write");
    fs::write(segment(dir.path(), 0), b"").expect("write");
    fs::write(dir.path().join("notes.txt"), b"not the journal's").expect("write");
    let (_, recovered) = open(dir.path());
    assert_eq!(recovered.snapshot.map(|s| s.contents), Some(b"s".to_vec()));
    assert_eq!(
        files(dir.path()),
        [
            "notes.txt",
            "segment-00000000000000000001.log",
            "snapshot-00000000000000000001.snap"
        ]
    );
}

#[test]
fn a_second_opener_is_refused_while_the_first_is_open() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (journal, _) = open(dir.path());
    assert!(matches!(
        Journal::open(dir.path(), JournalOptions::default()),
        Err(JournalError::Locked { .. })
    ));
    drop(journal);
    open(dir.path());
}

#[test]
fn an_unusable_directory_is_a_typed_error() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("a-file");
    fs::write(&file, b"x").expect("write");
    for path in [file.clone(), file.join("below")] {
        match Journal::open(&path, JournalOptions::default()) {
            Err(error @ JournalError::Unusable { .. }) => {
                assert!(error.to_string().contains("unusable"), "{error}");
            }
            other => panic!("{}: expected Unusable, got {other:?}", path.display()),
        }
    }
}

/// One step of a journal's life in the property test.
#[derive(Clone, Debug)]
enum Step {
    Append(String),
    /// Submit without waiting: not acknowledged, so recovery may or may not have it — unless a
    /// later wait, sync or checkpoint made it durable.
    Submit(String),
    Sync,
    Checkpoint(Vec<u8>),
    Reopen,
}

fn step() -> impl Strategy<Value = Step> {
    let record = "[a-z0-9 {}:\"é]{0,40}";
    prop_oneof![
        6 => record.prop_map(Step::Append),
        2 => record.prop_map(Step::Submit),
        1 => Just(Step::Sync),
        2 => proptest::collection::vec(any::<u8>(), 0..64).prop_map(Step::Checkpoint),
        2 => Just(Step::Reopen),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any sequence of appends, checkpoints and reopenings: after reopening, the snapshot is the
    /// last checkpoint's and the records are exactly those acknowledged after it.
    #[test]
    fn reopening_gives_exactly_the_acknowledged_records(steps in proptest::collection::vec(step(), 1..40)) {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let (mut journal, _) = open(dir.path());
        // What recovery must give: the last snapshot (with its position) and the records since.
        let mut snapshot: Option<(u64, Vec<u8>)> = None;
        let mut durable: Vec<String> = Vec::new();
        // Submitted, not yet known durable.
        let mut pending: Vec<String> = Vec::new();
        let mut next = 0u64;
        for step in steps {
            match step {
                Step::Append(record) => {
                    prop_assert_eq!(journal.append(&record).expect("append"), Position::new(next));
                    next += 1;
                    // A wait writes every record submitted before it.
                    durable.append(&mut pending);
                    durable.push(record);
                }
                Step::Submit(record) => {
                    let _ticket = journal.submit(&record).expect("submit");
                    next += 1;
                    pending.push(record);
                }
                Step::Sync => {
                    prop_assert_eq!(journal.sync().expect("sync"), Position::new(next));
                    durable.append(&mut pending);
                }
                Step::Checkpoint(contents) => {
                    prop_assert_eq!(journal.checkpoint(&contents).expect("checkpoint"), Position::new(next));
                    snapshot = Some((next, contents));
                    durable.clear();
                    pending.clear();
                }
                Step::Reopen => {
                    // Unwaited records were never acknowledged: dropping the journal does not
                    // write them.
                    drop(journal);
                    let (reopened, recovered) = open(dir.path());
                    journal = reopened;
                    next -= pending.len() as u64;
                    pending.clear();
                    prop_assert_eq!(
                        recovered.snapshot.map(|s| (s.position.value(), s.contents)),
                        snapshot.clone()
                    );
                    let first = snapshot.as_ref().map_or(0, |(position, _)| *position);
                    let expected: Vec<(u64, String)> =
                        durable.iter().cloned().enumerate().map(|(i, r)| (first + i as u64, r)).collect();
                    let got: Vec<(u64, String)> =
                        recovered.records.into_iter().map(|r| (r.position.value(), r.payload)).collect();
                    prop_assert_eq!(got, expected);
                    prop_assert_eq!(recovered.torn_tail, None);
                    prop_assert_eq!(journal.next_position(), Position::new(next));
                }
            }
        }
    }
}
