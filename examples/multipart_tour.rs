//! The multipart section of the tour: the OSS SDK's multipart flow under versioning.
//!
//! `cargo run --example multipart_tour`
//!
//! Choose a part size with `determine_part_size` (MPU-11), split a synthetic body into parts,
//! upload them (MPU-2), list them (MPU-9, MPU-10), complete (MPU-4..MPU-7) and look at the new
//! version: its fresh ID, its ETag `…-N` (CT-4), its CRC-64 combined from the parts (CT-2), and
//! the chain it heads. An upload that is aborted changes no chain (MPU-8).

use bucket_versioning::{
    Body, Bucket, BucketConfig, CompletedPart, Dialect, ListMultipartUploadsRequest,
    determine_part_size,
};

fn main() {
    let mut bucket = Bucket::new(BucketConfig::new(Dialect::Oss).with_seed(7));
    tour_multipart(&mut bucket);
}

/// The multipart flow on `bucket`, printing each outcome and the chain after each step.
fn tour_multipart(bucket: &mut Bucket) {
    const KEY: &str = "video.mp4";
    // A synthetic body: a 16-byte piece repeated 160,000 times (2,560,000 bytes). The model
    // keeps fingerprints, never bytes (CT-1), so a body is described, not built.
    const PIECE: &str = "0123456789abcdef";
    let total = 16 * 160_000u64;

    println!("== Multipart upload under versioning ==");
    let outcome = bucket
        .put_bucket_versioning("Enabled")
        .expect("Enabled is valid");
    println!("put_bucket_versioning Enabled -> {outcome:?}");
    let outcome = bucket
        .put_object(KEY, "the first cut")
        .expect("a small put succeeds");
    println!("put_object {KEY} -> {outcome:?}");
    show(bucket, KEY);

    // MPU-11: the SDK's choice. With the default preference (10 MiB) a body smaller than that
    // is one part of its own size; with a 1 MiB preference it splits in three.
    let one_part = determine_part_size(total, 0);
    let part_size = determine_part_size(total, 1024 * 1024);
    println!(
        "determine_part_size({total}, default) = {one_part}; determine_part_size({total}, 1 MiB) = {part_size}"
    );
    let part_count = total.div_ceil(part_size);
    println!("{part_count} parts: part i covers [i*{part_size}, min((i+1)*{part_size}, {total}))");

    // MPU-1: a new upload changes no chain.
    let upload = bucket
        .initiate_multipart_upload(KEY)
        .expect("initiate succeeds")
        .upload_id;
    println!("initiate_multipart_upload {KEY} -> upload_id {upload}");
    show(bucket, KEY);

    // MPU-2: each part's ETag is its MD5; keep them for Complete (MPU-5).
    let mut listed = Vec::new();
    for index in 0..part_count {
        let start = index * part_size;
        let len = part_size.min(total - start);
        let number = u32::try_from(index + 1).expect("at most 10,000 parts");
        let body = Body::Repeat {
            repeat: PIECE.into(),
            times: len / 16,
        };
        let outcome = bucket
            .upload_part(KEY, &upload, number, body)
            .expect("upload part succeeds");
        println!("upload_part {number} ({len} bytes) -> {outcome:?}");
        listed.push(CompletedPart::new(number, outcome.etag));
        show(bucket, KEY);
    }

    let parts = bucket
        .list_parts(KEY, &upload, None, None)
        .expect("the upload is in progress");
    println!(
        "list_parts -> {} parts, is_truncated {}",
        parts.parts.len(),
        parts.is_truncated
    );
    for part in &parts.parts {
        println!(
            "  part {}: {} B, ETag {}",
            part.part_number, part.size, part.etag
        );
    }
    let uploads = bucket
        .list_multipart_uploads(&ListMultipartUploadsRequest::default())
        .expect("the default page size is valid");
    println!(
        "list_multipart_uploads -> {} in progress, is_truncated {}",
        uploads.uploads.len(),
        uploads.is_truncated
    );
    for upload in &uploads.uploads {
        println!("  {} {}", upload.key, upload.upload_id);
    }
    show(bucket, KEY);

    // MPU-7: Complete is the write. In an Enabled bucket the object gets a fresh version ID and
    // heads the chain; the earlier version stays below it.
    let done = bucket
        .complete_multipart_upload(KEY, &upload, &listed)
        .expect("every part but the last is at least 100 KiB");
    println!("complete_multipart_upload -> {done:?}");
    println!(
        "new version {}, ETag {} ({} parts, CT-4)",
        done.version_id
            .as_ref()
            .map_or_else(|| "(none)".into(), ToString::to_string),
        done.etag,
        part_count
    );
    let whole = Body::Repeat {
        repeat: PIECE.into(),
        times: total / 16,
    }
    .content()
    .expect("the body's length fits");
    assert_eq!(done.crc64, whole.crc64());
    println!(
        "CRC-64 {} equals the CRC-64 of the whole body, combined from the parts (CT-2)",
        done.crc64
    );
    show(bucket, KEY);

    // MPU-3: the upload has ended; a second Complete is NoSuchUpload and changes nothing.
    let again = bucket
        .complete_multipart_upload(KEY, &upload, &listed)
        .expect_err("the upload has ended");
    println!(
        "complete_multipart_upload again -> {} {}",
        again.code(),
        again.http_status()
    );

    // MPU-8: an aborted upload leaves no trace in the chain.
    let spare = bucket
        .initiate_multipart_upload(KEY)
        .expect("initiate succeeds")
        .upload_id;
    bucket
        .upload_part(KEY, &spare, 1, "draft")
        .expect("upload part succeeds");
    let outcome = bucket
        .abort_multipart_upload(KEY, &spare)
        .expect("the upload is in progress");
    println!("abort_multipart_upload {spare} -> {outcome:?}");
    show(bucket, KEY);
    bucket
        .check_invariants()
        .expect("the invariants hold after the tour");
}

/// Prints the chain of `key`, head first.
fn show(bucket: &Bucket, key: &str) {
    match bucket.chain(key) {
        Some(chain) => println!("{chain}"),
        None => println!("{key}: no entries\n"),
    }
}
