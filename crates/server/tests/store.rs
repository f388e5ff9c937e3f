//! The byte store, in memory and on real files: puts, appends, completions, range copies and
//! range reads share pieces and give back the right bytes; garbage collection removes only the
//! unreferenced; a reopened store has every rope; damaged files are typed errors.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use bucket_versioning_server::journal::JournalError;
use bucket_versioning_server::store::{
    ByteStore, Digests, Fingerprint, Rope, RopeReader, StoreError, StoreOptions,
};
use proptest::prelude::*;

/// Small chunks, so that reads cross chunk and slice boundaries in every test.
fn options() -> StoreOptions {
    StoreOptions::default().chunk_size(7)
}

#[track_caller]
fn open(dir: &Path) -> ByteStore {
    ByteStore::open(dir, options()).expect("the store opens").0
}

/// Every store kind a test runs against: in memory, and in a fresh directory.
fn stores() -> Vec<(ByteStore, Option<tempfile::TempDir>)> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    vec![
        (ByteStore::in_memory(options()), None),
        (open(dir.path()), Some(dir)),
    ]
}

#[track_caller]
fn collect(reader: RopeReader) -> Vec<u8> {
    let mut bytes = Vec::new();
    for chunk in reader {
        let chunk = chunk.expect("a chunk");
        assert!(
            !chunk.is_empty() && chunk.len() <= 7,
            "chunk of {}",
            chunk.len()
        );
        bytes.extend_from_slice(&chunk);
    }
    bytes
}

#[track_caller]
fn bytes_of(store: &ByteStore, rope: &Rope) -> Vec<u8> {
    let reader = store.read(rope);
    assert_eq!(reader.remaining(), rope.len());
    collect(reader)
}

#[track_caller]
fn put(store: &ByteStore, bytes: &[u8]) -> Rope {
    let (rope, digests) = store.put(bytes).expect("put");
    assert_eq!(digests, Digests::of(bytes));
    assert_eq!(rope.fingerprint(), Fingerprint::of(bytes));
    rope
}

fn piece_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for fan_out in fs::read_dir(dir.join("pieces")).expect("list pieces") {
        for file in fs::read_dir(fan_out.expect("entry").path()).expect("list a fan-out dir") {
            files.push(file.expect("entry").path());
        }
    }
    files.sort();
    files
}

#[test]
fn a_put_body_reads_back_and_is_found_by_its_fingerprint() {
    for (store, _dir) in stores() {
        let body = b"hello, versioned world".repeat(3);
        let rope = put(&store, &body);
        assert_eq!(bytes_of(&store, &rope), body);
        let found = store.get(Fingerprint::of(&body)).expect("indexed");
        assert_eq!(bytes_of(&store, &found), body);
        assert!(store.get(Fingerprint::of(b"never stored")).is_none());
    }
}

#[test]
fn the_empty_body_is_always_there() {
    for (store, _dir) in stores() {
        let empty = store.get(Fingerprint::EMPTY).expect("the empty body");
        assert!(empty.is_empty());
        assert_eq!(bytes_of(&store, &empty), b"");
        let rope = put(&store, b"");
        assert_eq!((rope.len(), rope.slice_count()), (0, 0));
        assert_eq!(store.stats().ropes, 0);
    }
}

#[test]
fn a_streamed_piece_has_the_digests_of_its_bytes_and_is_stored_once() {
    for (store, dir) in stores() {
        let body: Vec<u8> = (0..100_000u32).map(|i| (i % 253) as u8).collect();
        let mut writer = store.writer().expect("a writer");
        for chunk in body.chunks(4096) {
            writer.write_chunk(chunk).expect("write a chunk");
        }
        let piece = writer.finish().expect("finish");
        assert_eq!(piece.digests(), Digests::of(&body));
        let rope = store.rope_from_piece(&piece).expect("rope");
        assert_eq!(bytes_of(&store, &rope), body);

        // The same bytes again, streamed or put whole: the same piece, the same rope.
        let mut again = store.writer().expect("a writer");
        again.write_chunk(&body).expect("write");
        let again = again.finish().expect("finish");
        assert_eq!(again.id(), piece.id());
        let (same, _) = store.put(&body).expect("put");
        assert_eq!(same.fingerprint(), rope.fingerprint());
        assert_eq!(store.stats().pieces, 1);
        assert_eq!(store.stats().piece_bytes, body.len() as u64);
        if let Some(dir) = dir {
            let files = piece_files(dir.path());
            assert_eq!(files.len(), 1);
            assert_eq!(fs::read(&files[0]).expect("read the piece"), body);
            assert!(files[0].ends_with(piece.id().to_string()));
            assert_eq!(
                fs::read_dir(dir.path().join("tmp"))
                    .expect("list tmp")
                    .count(),
                0
            );
        }
    }
}

#[test]
fn a_writer_dropped_unfinished_leaves_nothing() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let store = open(dir.path());
    let mut writer = store.writer().expect("a writer");
    writer.write_chunk(b"half a body").expect("write");
    assert_eq!(
        fs::read_dir(dir.path().join("tmp")).expect("list").count(),
        1
    );
    drop(writer);
    assert_eq!(
        fs::read_dir(dir.path().join("tmp")).expect("list").count(),
        0
    );
    assert_eq!(store.stats().pieces, 0);
}

#[test]
fn appends_share_the_earlier_pieces() {
    for (store, _dir) in stores() {
        let mut expected = Vec::new();
        let mut rope = store.get(Fingerprint::EMPTY).expect("empty");
        for n in 0..20u8 {
            let chunk = vec![n; usize::from(n) * 3 + 1];
            let mut writer = store.writer().expect("writer");
            writer.write_chunk(&chunk).expect("write");
            let piece = writer.finish().expect("finish");
            rope = store.append(&rope, &piece).expect("append");
            expected.extend_from_slice(&chunk);
            assert_eq!(rope.fingerprint(), Fingerprint::of(&expected));
        }
        assert_eq!(bytes_of(&store, &rope), expected);
        assert_eq!(rope.slice_count(), 20);
        // Each byte is stored once: the pieces are the appended chunks, nothing more.
        assert_eq!(store.stats().piece_bytes, expected.len() as u64);
        assert_eq!(store.stats().pieces, 20);
    }
}

#[test]
fn a_completion_is_its_parts_in_order_and_copies_nothing() {
    for (store, _dir) in stores() {
        let parts: Vec<Vec<u8>> = (0..5u8)
            .map(|n| vec![b'a' + n; 1000 + usize::from(n)])
            .collect();
        let ropes: Vec<Rope> = parts.iter().map(|part| put(&store, part)).collect();
        let stored = store.stats().piece_bytes;
        // Parts in another order than uploaded, one used twice.
        let order = [3usize, 0, 4, 1, 1];
        let chosen: Vec<Rope> = order.iter().map(|&i| ropes[i].clone()).collect();
        let object = store.concat(&chosen).expect("complete");
        let expected: Vec<u8> = order.iter().flat_map(|&i| parts[i].clone()).collect();
        assert_eq!(object.fingerprint(), Fingerprint::of(&expected));
        assert_eq!(bytes_of(&store, &object), expected);
        assert_eq!(store.stats().piece_bytes, stored);
        assert_eq!(
            store.get(object.fingerprint()).map(|r| r.fingerprint()),
            Some(object.fingerprint())
        );
    }
}

#[test]
fn a_range_copy_has_the_range_bytes_and_digests() {
    for (store, _dir) in stores() {
        let parts = [
            b"0123456789".to_vec(),
            b"abcdefghij".to_vec(),
            b"KLMNOPQRST".to_vec(),
        ];
        let ropes: Vec<Rope> = parts.iter().map(|p| put(&store, p)).collect();
        let object = store.concat(&ropes).expect("complete");
        let whole: Vec<u8> = parts.concat();
        for (first, last) in [
            (0u64, 29u64),
            (0, 0),
            (29, 29),
            (5, 14),
            (10, 19),
            (9, 20),
            (3, 25),
        ] {
            let (range, digests) = store.sub_range(&object, first..=last).expect("range");
            let expected = &whole[first as usize..=last as usize];
            assert_eq!(digests, Digests::of(expected), "{first}..={last}");
            assert_eq!(bytes_of(&store, &range), expected);
            let read = collect(store.read_range(&object, first..=last).expect("read range"));
            assert_eq!(read, expected);
        }
        // A range that is exactly one part is that part's rope.
        let (middle, _) = store.sub_range(&object, 10..=19).expect("range");
        assert_eq!(middle.fingerprint(), ropes[1].fingerprint());
        assert_eq!(store.stats().piece_bytes, 30);
    }
}

#[test]
fn ranges_outside_the_body_are_refused() {
    for (store, _dir) in stores() {
        let rope = put(&store, b"0123456789");
        for (first, last) in [(0u64, 10u64), (10, 10), (5, 4), (11, 20)] {
            assert!(matches!(
                store.read_range(&rope, first..=last),
                Err(StoreError::RangeOutOfBounds { len: 10, .. })
            ));
            assert!(matches!(
                store.sub_range(&rope, first..=last),
                Err(StoreError::RangeOutOfBounds { len: 10, .. })
            ));
        }
    }
}

#[test]
fn garbage_collection_removes_only_what_nothing_refers_to() {
    for (store, dir) in stores() {
        let kept = put(&store, b"live object");
        let kept_fp = kept.fingerprint();
        drop(kept);
        let held = put(&store, b"held by a request in flight");
        let dead = put(&store, b"deleted object").fingerprint();
        // An appended object shares its first piece with the (dead) original.
        let base = put(&store, b"base ");
        let mut writer = store.writer().expect("writer");
        writer.write_chunk(b"and more").expect("write");
        let appended = store
            .append(&base, &writer.finish().expect("finish"))
            .expect("append");
        let appended_fp = appended.fingerprint();
        drop((base, appended));
        // A piece written by a request the model then rejected.
        let mut writer = store.writer().expect("writer");
        writer.write_chunk(b"rejected").expect("write");
        drop(writer.finish().expect("finish"));

        let live = BTreeSet::from([kept_fp, appended_fp]);
        let report = store.collect_garbage(&live).expect("collect");
        assert_eq!(
            report.ropes_removed, 2,
            "the dead object and the append's base"
        );
        assert_eq!(
            report.pieces_removed, 2,
            "the dead object's piece and the rejected one"
        );
        assert_eq!(
            report.bytes_removed,
            (b"deleted object".len() + b"rejected".len()) as u64
        );
        assert!(store.get(dead).is_none());
        assert!(store.get(Fingerprint::of(b"base ")).is_none());
        assert_eq!(
            bytes_of(&store, &store.get(kept_fp).expect("live")),
            b"live object"
        );
        assert_eq!(
            bytes_of(&store, &store.get(appended_fp).expect("live")),
            b"base and more"
        );
        // The handle in flight kept its rope indexed; dropped and not live, it goes next time.
        assert!(store.get(held.fingerprint()).is_some());
        drop(held);
        let report = store.collect_garbage(&live).expect("collect");
        assert_eq!((report.ropes_removed, report.pieces_removed), (1, 1));
        assert_eq!(store.stats().pieces, 3);
        if let Some(dir) = dir {
            assert_eq!(piece_files(dir.path()).len(), 3);
            // And the pruned index is what a reopened store has.
            drop(store);
            let reopened = open(dir.path());
            assert_eq!(reopened.stats().ropes, 2);
            assert_eq!(
                bytes_of(&reopened, &reopened.get(appended_fp).expect("live")),
                b"base and more"
            );
        }
    }
}

#[test]
fn a_reader_keeps_its_pieces_through_a_collection() {
    for (store, _dir) in stores() {
        let rope = put(&store, b"being downloaded while deleted");
        let reader = store.read(&rope);
        drop(rope);
        store.collect_garbage(&BTreeSet::new()).expect("collect");
        assert_eq!(collect(reader), b"being downloaded while deleted");
        store.collect_garbage(&BTreeSet::new()).expect("collect");
        assert_eq!(store.stats().pieces, 0);
    }
}

#[test]
fn a_reopened_store_has_every_rope_with_its_bytes() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut expected: Vec<(Fingerprint, Vec<u8>)> = Vec::new();
    {
        let store = open(dir.path());
        let a = put(&store, b"first part of the object ");
        let b = put(&store, b"second part");
        let whole = store.concat(&[a.clone(), b.clone()]).expect("complete");
        let (range, _) = store.sub_range(&whole, 6..=30).expect("range");
        let mut writer = store.writer().expect("writer");
        writer.write_chunk(b" appended").expect("write");
        let appended = store
            .append(&range, &writer.finish().expect("finish"))
            .expect("append");
        let all = b"first part of the object second part".to_vec();
        expected.push((a.fingerprint(), b"first part of the object ".to_vec()));
        expected.push((b.fingerprint(), b"second part".to_vec()));
        expected.push((whole.fingerprint(), all.clone()));
        expected.push((range.fingerprint(), all[6..=30].to_vec()));
        let mut with_tail = all[6..=30].to_vec();
        with_tail.extend_from_slice(b" appended");
        expected.push((appended.fingerprint(), with_tail));
        // A checkpoint in the middle: the rest is replayed from records after it.
        store
            .collect_garbage(&expected.iter().map(|(fp, _)| *fp).collect())
            .expect("collect");
        let c = put(&store, b"after the checkpoint");
        let again = store.concat(&[whole, c.clone()]).expect("complete");
        expected.push((c.fingerprint(), b"after the checkpoint".to_vec()));
        let mut again_bytes = all.clone();
        again_bytes.extend_from_slice(b"after the checkpoint");
        expected.push((again.fingerprint(), again_bytes));
    }
    let (store, recovery) = ByteStore::open(dir.path(), options()).expect("reopen");
    assert_eq!(recovery.ropes, expected.len());
    assert_eq!((recovery.orphans_removed, recovery.torn_tail), (0, None));
    for (fingerprint, bytes) in &expected {
        let rope = store.get(*fingerprint).expect("recovered");
        assert_eq!(&bytes_of(&store, &rope), bytes);
    }
    assert_eq!(store.verify().expect("every piece intact"), 4);
}

#[test]
fn pieces_no_rope_uses_and_temporary_files_are_removed_on_open() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    {
        let store = open(dir.path());
        put(&store, b"kept");
        let mut writer = store.writer().expect("writer");
        writer
            .write_chunk(b"written, never made a rope")
            .expect("write");
        drop(writer.finish().expect("finish"));
        // A crash mid-write leaves a temporary file (a dropped writer would remove it).
        fs::write(dir.path().join("tmp").join("1-0.tmp"), b"partial").expect("write");
    }
    let (store, recovery) = ByteStore::open(dir.path(), options()).expect("reopen");
    assert_eq!(
        (recovery.ropes, recovery.pieces, recovery.orphans_removed),
        (1, 1, 1)
    );
    assert_eq!(piece_files(dir.path()).len(), 1);
    assert_eq!(
        fs::read_dir(dir.path().join("tmp")).expect("list").count(),
        0
    );
    assert_eq!(
        bytes_of(&store, &store.get(Fingerprint::of(b"kept")).expect("kept")),
        b"kept"
    );
}

/// Puts one body in a fresh store directory and returns the directory and its piece file.
fn store_with_one_piece(body: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    put(&open(dir.path()), body);
    let files = piece_files(dir.path());
    assert_eq!(files.len(), 1);
    (dir, files[0].clone())
}

#[test]
fn a_missing_piece_file_is_a_typed_error_on_open() {
    let (dir, piece) = store_with_one_piece(b"soon gone");
    fs::remove_file(&piece).expect("remove");
    assert!(matches!(
        ByteStore::open(dir.path(), options()),
        Err(StoreError::MissingPiece { path, .. }) if path == piece
    ));
}

#[test]
fn a_cut_piece_file_is_a_typed_error_on_open() {
    let (dir, piece) = store_with_one_piece(b"soon shorter");
    fs::write(&piece, b"soon").expect("cut");
    assert!(matches!(
        ByteStore::open(dir.path(), options()),
        Err(StoreError::PieceLength {
            expected: 12,
            found: 4,
            ..
        })
    ));
}

#[test]
fn a_changed_piece_byte_is_found_by_verify() {
    let (dir, piece) = store_with_one_piece(b"soon different");
    let mut bytes = fs::read(&piece).expect("read");
    bytes[3] ^= 0x40;
    fs::write(&piece, &bytes).expect("write");
    let store = open(dir.path());
    assert!(matches!(
        store.verify(),
        Err(StoreError::CorruptPiece { .. })
    ));
}

#[test]
fn a_corrupt_rope_log_is_a_typed_error() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    {
        let store = open(dir.path());
        put(&store, b"one");
        put(&store, b"two");
    }
    let segment = dir
        .path()
        .join("ropes")
        .join(format!("segment-{:020}.log", 0));
    let mut bytes = fs::read(&segment).expect("read");
    bytes[5] ^= 0x01;
    fs::write(&segment, &bytes).expect("write");
    assert!(matches!(
        ByteStore::open(dir.path(), options()),
        Err(StoreError::Log(JournalError::Corrupt { .. }))
    ));
}

#[test]
fn a_definition_that_refers_to_an_unknown_rope_is_a_typed_error() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    // A well-framed record whose rope refers to a rope never defined.
    let line = "5 42 r:5:43:0:5";
    let crc = crc::Crc::<u32>::new(&crc::CRC_32_ISCSI).checksum(line.as_bytes());
    fs::create_dir_all(dir.path().join("ropes")).expect("create");
    fs::write(
        dir.path()
            .join("ropes")
            .join(format!("segment-{:020}.log", 0)),
        format!("{} {crc:08x} {line}\n", line.len()),
    )
    .expect("write");
    assert!(matches!(
        ByteStore::open(dir.path(), options()),
        Err(StoreError::CorruptCatalog {
            reason: "refers to a rope not defined before",
            ..
        })
    ));
}

#[test]
fn a_second_opener_of_the_directory_is_refused() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let store = open(dir.path());
    assert!(matches!(
        ByteStore::open(dir.path(), options()),
        Err(StoreError::Log(JournalError::Locked { .. }))
    ));
    drop(store);
    open(dir.path());
}

#[test]
fn an_unusable_directory_is_a_typed_error() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("a-file");
    fs::write(&file, b"x").expect("write");
    assert!(matches!(
        ByteStore::open(&file.join("below"), options()),
        Err(StoreError::Unusable { .. })
    ));
}

#[test]
fn concurrent_puts_of_the_same_and_different_bodies_with_collections() {
    for (store, dir) in stores() {
        let threads: Vec<_> = (0..4u8)
            .map(|thread| {
                let store = store.clone();
                std::thread::spawn(move || {
                    let mut kept = Vec::new();
                    for n in 0..50u8 {
                        // Every thread puts the shared bodies; each also its own.
                        let shared = vec![n; 100];
                        let own = vec![thread, n, 1, 2, 3];
                        kept.push(put(&store, &shared));
                        kept.push(put(&store, &own));
                        if n % 10 == 0 {
                            store.collect_garbage(&BTreeSet::new()).expect("collect");
                        }
                    }
                    kept
                })
            })
            .collect();
        let kept: Vec<Rope> = threads
            .into_iter()
            .flat_map(|handle| handle.join().expect("no thread panicked"))
            .collect();
        // Every rope a thread still holds survived every collection, bytes intact.
        for rope in &kept {
            assert_eq!(Fingerprint::of(&bytes_of(&store, rope)), rope.fingerprint());
        }
        assert_eq!(store.stats().pieces, 50 + 4 * 50);
        let live: BTreeSet<Fingerprint> = kept.iter().map(Rope::fingerprint).collect();
        drop(kept);
        store.collect_garbage(&live).expect("collect");
        assert_eq!(store.stats().ropes, 250);
        if let Some(dir) = dir {
            drop(store);
            let (store, recovery) = ByteStore::open(dir.path(), options()).expect("reopen");
            assert_eq!((recovery.ropes, recovery.orphans_removed), (250, 0));
            assert_eq!(store.verify().expect("intact"), 250);
        }
    }
}

/// One operation of the store's property test. Indices pick among the ropes made so far.
#[derive(Clone, Debug)]
enum Op {
    Put(Vec<u8>),
    Append(usize, Vec<u8>),
    Concat(Vec<usize>),
    SubRange(usize, u64, u64),
    Forget(usize),
    Collect,
    Reopen,
}

fn op() -> impl Strategy<Value = Op> {
    let body = proptest::collection::vec(0u8..4, 0..24);
    prop_oneof![
        4 => body.clone().prop_map(Op::Put),
        3 => (any::<usize>(), body).prop_map(|(i, b)| Op::Append(i, b)),
        2 => proptest::collection::vec(any::<usize>(), 1..4).prop_map(Op::Concat),
        2 => (any::<usize>(), any::<u64>(), any::<u64>()).prop_map(|(i, a, b)| Op::SubRange(i, a, b)),
        2 => any::<usize>().prop_map(Op::Forget),
        1 => Just(Op::Collect),
        1 => Just(Op::Reopen),
    ]
}

/// Runs `ops` against `store` (reopening from `dir` when given) and a list of expected bodies;
/// after every step every held rope reads back its bytes.
fn run_ops(mut store: ByteStore, dir: Option<&Path>, ops: Vec<Op>) -> Result<(), TestCaseError> {
    // The ropes the "server" holds, with the bytes each must read back as.
    let mut held: Vec<(Rope, Vec<u8>)> = Vec::new();
    // The fingerprints the "model" refers to, with their bytes.
    let mut live: Vec<(Fingerprint, Vec<u8>)> = Vec::new();
    for op in ops {
        match op {
            Op::Put(body) => {
                let rope = put(&store, &body);
                live.push((rope.fingerprint(), body.clone()));
                held.push((rope, body));
            }
            Op::Append(i, tail) if !held.is_empty() => {
                let (rope, bytes) = held[i % held.len()].clone();
                let mut writer = store.writer().expect("writer");
                writer.write_chunk(&tail).expect("write");
                let appended = store
                    .append(&rope, &writer.finish().expect("finish"))
                    .expect("append");
                let bytes = [bytes, tail].concat();
                live.push((appended.fingerprint(), bytes.clone()));
                held.push((appended, bytes));
            }
            Op::Concat(picks) if !held.is_empty() => {
                let chosen: Vec<(Rope, Vec<u8>)> =
                    picks.iter().map(|i| held[i % held.len()].clone()).collect();
                let ropes: Vec<Rope> = chosen.iter().map(|(rope, _)| rope.clone()).collect();
                let rope = store.concat(&ropes).expect("concat");
                let bytes: Vec<u8> = chosen.into_iter().flat_map(|(_, bytes)| bytes).collect();
                live.push((rope.fingerprint(), bytes.clone()));
                held.push((rope, bytes));
            }
            Op::SubRange(i, a, b) if !held.is_empty() => {
                let (rope, bytes) = held[i % held.len()].clone();
                if rope.is_empty() {
                    continue;
                }
                let (first, last) = (a % rope.len(), b % rope.len());
                let (first, last) = (first.min(last), first.max(last));
                let (range, digests) = store.sub_range(&rope, first..=last).expect("range");
                let expected = bytes[first as usize..=last as usize].to_vec();
                prop_assert_eq!(digests, Digests::of(&expected));
                live.push((range.fingerprint(), expected.clone()));
                held.push((range, expected));
            }
            Op::Forget(i) if !held.is_empty() => {
                // The server drops its handle, and the model deletes the object.
                let (rope, _) = held.swap_remove(i % held.len());
                live.retain(|(fingerprint, _)| *fingerprint != rope.fingerprint());
            }
            Op::Collect => {
                let fingerprints = live.iter().map(|(fp, _)| *fp).collect();
                store.collect_garbage(&fingerprints).expect("collect");
            }
            Op::Reopen => {
                if let Some(dir) = dir {
                    // A restart: the server's handles are gone; the model's fingerprints stay.
                    held.clear();
                    drop(store);
                    store = open(dir);
                    for (fingerprint, bytes) in &live {
                        let rope = store
                            .get(*fingerprint)
                            .expect("a live rope survives a restart");
                        held.push((rope, bytes.clone()));
                    }
                }
            }
            _ => {}
        }
        for (rope, bytes) in &held {
            prop_assert_eq!(&bytes_of(&store, rope), bytes);
        }
        for (fingerprint, bytes) in &live {
            let rope = store
                .get(*fingerprint)
                .expect("a live fingerprint is indexed");
            prop_assert_eq!(&bytes_of(&store, &rope), bytes);
        }
    }
    store.verify().expect("every piece intact");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any sequence of puts, appends, completions, range copies, deletions, collections (and,
    /// on disk, restarts): every rope held and every live fingerprint reads back its bytes.
    #[test]
    fn every_live_body_reads_back_in_memory(ops in proptest::collection::vec(op(), 1..30)) {
        run_ops(ByteStore::in_memory(options()), None, ops)?;
    }

    #[test]
    fn every_live_body_reads_back_on_disk(ops in proptest::collection::vec(op(), 1..30)) {
        let dir = tempfile::tempdir().expect("a temporary directory");
        run_ops(open(dir.path()), Some(dir.path()), ops)?;
    }
}
