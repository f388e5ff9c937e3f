//! Runs one benchmark workload once, for instruction counts under callgrind:
//!
//! ```sh
//! cargo build --release --example profile
//! valgrind --tool=callgrind --toggle-collect='*workloads*' \
//!     target/release/examples/profile put-model
//! ```
//!
//! `--toggle-collect` restricts the count to the workload functions, leaving out the setup
//! (building a deep chain or a listed bucket). The workloads are the benchmarks' own
//! (`benches/workloads/`); sizes default to the benchmarks' and can be given after the name.
//!
//! Workloads: `put-baseline`, `put-model` [PUTS KEYS]; `mixed-baseline`, `mixed-model`
//! [COMMANDS]; `delete-by-id`, `suspended-put`, `suspended-put-first`, `get-by-id`,
//! `get-null` [DEPTH OPS];
//! `page` [ENTRIES]; `append-baseline`, `append-model` [APPENDS]; `multipart-baseline`,
//! `multipart-model` [COMPLETES]; `lifecycle-due`, `lifecycle-naive` [DUE_KEYS] (a run over
//! 1,000,000 entries through the due index, and the naive scan, removing the same entries).

#[path = "../benches/workloads/mod.rs"]
mod workloads;

use bucket_versioning::ObjectKey;
use workloads::*;

fn main() {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_default();
    let numbers: Vec<u64> = args.map(|arg| arg.parse().expect("a number")).collect();
    let number = |index: usize, default: u64| numbers.get(index).copied().unwrap_or(default);
    let result = match name.as_str() {
        "put-baseline" => put_baseline(&keys(number(1, KEYS)), number(0, PUTS)),
        "put-model" => put_model(&keys(number(1, KEYS)), number(0, PUTS)),
        "mixed-baseline" | "mixed-model" => {
            let names = keys(1_000);
            let trace = mixed_trace(number(0, 100_000), 1_000);
            if name == "mixed-baseline" {
                mixed_baseline(&names, &trace)
            } else {
                let keys: Vec<ObjectKey> = names.iter().map(ObjectKey::new).collect();
                mixed_model(&keys, &trace)
            }
        }
        "delete-by-id" | "suspended-put" | "suspended-put-first" | "get-by-id" | "get-null" => {
            let (bucket, ids) = deep(number(0, 100_000));
            let ids = from_the_middle(&ids);
            let ops = number(1, 1_000).min(ids.len() as u64) as usize;
            let mut done = 0;
            match name.as_str() {
                "delete-by-id" => {
                    let mut bucket = bucket;
                    for id in &ids[..ops] {
                        done += usize::from(delete_by_id(&mut bucket, id));
                    }
                }
                "suspended-put" => {
                    let mut bucket = suspended(&bucket);
                    for _ in 0..ops {
                        done += usize::from(suspended_put(&mut bucket));
                    }
                }
                "suspended-put-first" => {
                    // One put per copy: each removes the null entry from the bottom.
                    let suspended = suspended(&bucket);
                    for _ in 0..ops {
                        let mut copy = suspended.clone();
                        done += usize::from(suspended_put(&mut copy));
                    }
                }
                "get-by-id" => {
                    for _ in 0..ops {
                        done += usize::from(get_by_id(&bucket, &ids[0]));
                    }
                }
                _ => {
                    for _ in 0..ops {
                        done += usize::from(get_null(&bucket));
                    }
                }
            }
            done
        }
        "page" => {
            let (bucket, sorted) = listed_bucket(number(0, 1_000_000));
            let marker = listing_marker(&bucket, &sorted);
            page(&bucket, &marker)
        }
        "append-baseline" => append_baseline(number(0, APPENDS)),
        "append-model" => append_model(number(0, APPENDS)),
        "multipart-baseline" => multipart_baseline(&keys(100), number(0, COMPLETES)),
        "multipart-model" => multipart_model(&keys(100), number(0, COMPLETES)),
        "lifecycle-due" | "lifecycle-naive" => {
            let mut bucket = lifecycle_bucket(LIFECYCLE_KEYS, LIFECYCLE_VERSIONS, number(0, 1_111));
            expire_noncurrent_after(&mut bucket, 1);
            if name == "lifecycle-due" {
                lifecycle_run(&mut bucket)
            } else {
                naive_scan_run(&mut bucket, 1)
            }
        }
        _ => {
            eprintln!("unknown workload {name:?}; see the example's doc comment");
            std::process::exit(2);
        }
    };
    println!("{name}: {result}");
}
