//! Measures the model's memory per stored version with a counting global allocator: bytes
//! allocated for 1,000,000 versions, beyond the bytes of the keys themselves.
//!
//! `cargo run --release --example memory [-- VERSIONS KEYS]`
//!
//! The library forbids `unsafe`; this example needs it for the allocator hook alone.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use bucket_versioning::{Bucket, BucketConfig, Content, Dialect};

/// The system allocator, counting the bytes live at any moment.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; only a counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract for `alloc` is passed on as is.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract for `dealloc` is passed on as is.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract for `realloc` is passed on as is.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    let mut args = std::env::args()
        .skip(1)
        .map(|arg| arg.parse::<u64>().expect("a number"));
    let versions = args.next().unwrap_or(1_000_000);
    let key_count = args.next().unwrap_or(100_000).max(1);
    let keys: Vec<String> = (0..key_count)
        .map(|n| format!("data/object-{n:08}.bin"))
        .collect();
    let key_bytes: usize = keys.iter().map(String::len).sum();

    let before = LIVE.load(Ordering::Relaxed);
    let mut bucket = Bucket::new(BucketConfig::new(Dialect::Oss).with_seed(1));
    bucket.put_bucket_versioning("Enabled").expect("allowed");
    for n in 0..versions {
        let key = keys[(n % key_count) as usize].as_str();
        let content = Content::from_fingerprint(
            n % 65536,
            n.wrapping_mul(0x9E37_79B9_7F4A_7C15),
            Some([n as u8; 16]),
        );
        bucket.put_object(key, content).expect("put");
    }
    let used = LIVE.load(Ordering::Relaxed) - before;
    let per_version = (used - key_bytes.min(used)) as f64 / versions as f64;
    println!("versions: {versions}, keys: {key_count}");
    println!("bytes allocated: {used} (keys' own bytes: {key_bytes})");
    println!("bytes per version beyond the key bytes: {per_version:.1}");
    drop(bucket);
}
