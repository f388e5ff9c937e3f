use super::*;
use crate::reference::upload_rules::naive_listing;

// ---------------------------------------------------------------------------------------------
// MPU-9

// Rule: MPU-9 — ListParts: ascending part numbers, exclusive marker, max_parts, truncation and
// the next marker; walking the pages returns every part once.
#[test]
fn list_parts_pages() {
    let mut bucket = bucket(Dialect::Oss);
    let upload = initiate(&mut bucket, "k");
    let numbers = [9, 2, 5, 1, 10_000, 7];
    for number in numbers {
        part(
            &mut bucket,
            "k",
            &upload,
            number,
            bytes("p", u64::from(number)),
        );
    }
    let mut sorted = numbers.to_vec();
    sorted.sort_unstable();

    let all = bucket
        .list_parts(ListParts::new("k", &upload))
        .expect("list");
    let listed: Vec<u32> = all.parts.iter().map(|p| p.part_number).collect();
    assert_eq!(listed, sorted);
    assert!(!all.is_truncated);
    assert_eq!(all.next_part_number_marker, None);
    assert!(all.parts.iter().all(|p| p.size == u64::from(p.part_number)));

    let page = bucket
        .list_parts(
            ListParts::new("k", &upload)
                .max_parts(2)
                .part_number_marker(2),
        )
        .expect("list");
    let listed: Vec<u32> = page.parts.iter().map(|p| p.part_number).collect();
    assert_eq!(listed, [5, 7]);
    assert!(page.is_truncated);
    assert_eq!(page.next_part_number_marker, Some(7));

    for max in 1..=7 {
        let mut walked = Vec::new();
        let mut marker = None;
        for pages in 1.. {
            assert!(pages <= sorted.len() + 1, "the walk ends");
            let page = bucket
                .list_parts(ListParts {
                    part_number_marker: marker,
                    ..ListParts::new("k", &upload).max_parts(max)
                })
                .expect("list");
            assert!(page.parts.len() as u64 <= max);
            walked.extend(page.parts.iter().map(|p| p.part_number));
            if !page.is_truncated {
                assert_eq!(page.next_part_number_marker, None);
                break;
            }
            marker = page.next_part_number_marker;
        }
        assert_eq!(walked, sorted, "max_parts {max}");
    }

    let past = bucket
        .list_parts(ListParts::new("k", &upload).part_number_marker(u32::MAX))
        .expect("list");
    assert!(past.parts.is_empty() && !past.is_truncated);
}

// Rule: MPU-9 — max_parts must be 1..=1000 (InvalidArgument 400), default 1000.
#[test]
fn list_parts_max_parts_range() {
    let mut bucket = bucket(Dialect::Oss);
    let upload = initiate(&mut bucket, "k");
    for number in 1..=1001 {
        bucket
            .upload_part("k", &upload, number, "")
            .expect("upload");
    }
    checked(&bucket);
    for max in [0, 1001, u64::MAX] {
        let violation = rejected(&mut bucket, |b| {
            b.list_parts(ListParts::new("k", &upload).max_parts(max))
        });
        assert_eq!(
            violation,
            Violation::InvalidArgument(ArgumentError::LimitOutOfRange {
                name: "max-parts",
                value: max
            })
        );
    }
    let page = bucket
        .list_parts(ListParts::new("k", &upload))
        .expect("list");
    assert_eq!(page.parts.len(), 1000);
    assert!(page.is_truncated);
    assert_eq!(page.next_part_number_marker, Some(1000));
    let page = bucket
        .list_parts(
            ListParts::new("k", &upload)
                .max_parts(1000)
                .part_number_marker(1000),
        )
        .expect("list");
    assert_eq!(page.parts.len(), 1);
    assert!(!page.is_truncated);
}

// ---------------------------------------------------------------------------------------------
// MPU-10

fn request() -> ListMultipartUploads {
    ListMultipartUploads::new()
}

fn uploads_of(page: &ListMultipartUploadsOutcome) -> Vec<(String, UploadId)> {
    page.uploads
        .iter()
        .map(|upload| (upload.key.to_string(), upload.upload_id.clone()))
        .collect()
}

// Rule: MPU-10 — only uploads in progress are listed, keys ascending, a key's uploads by
// upload ID (oss) or in initiation order (s3).
#[test]
fn list_uploads_order_by_dialect() {
    // A seed whose three uploads' IDs do not sort in initiation order, so the two orders
    // differ.
    let (seed, initiated) = (0..)
        .find_map(|seed| {
            let mut bucket = Bucket::new(BucketConfig::new(Dialect::S3).with_seed(seed));
            let ids: Vec<UploadId> = (0..3).map(|_| initiate(&mut bucket, "same")).collect();
            let mut sorted = ids.clone();
            sorted.sort();
            (sorted != ids).then_some((seed, ids))
        })
        .expect("some seed");
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = Bucket::new(BucketConfig::new(dialect).with_seed(seed));
        let ids: Vec<UploadId> = (0..3).map(|_| initiate(&mut bucket, "same")).collect();
        assert_eq!(
            ids, initiated,
            "the ID source does not depend on the dialect"
        );
        let z = initiate(&mut bucket, "z-last");
        let a = initiate(&mut bucket, "a-first");
        let done = initiate(&mut bucket, "a-first");
        let etag = part(&mut bucket, "a-first", &done, 1, "x".into());
        complete(&mut bucket, "a-first", &done, &[(1, &etag)]);
        let aborted = initiate(&mut bucket, "m");
        bucket.abort_multipart_upload("m", &aborted).expect("abort");

        let mut same = ids.clone();
        if dialect == Dialect::Oss {
            same.sort();
        }
        let mut expected = vec![("a-first".to_string(), a)];
        expected.extend(same.into_iter().map(|id| ("same".to_string(), id)));
        expected.push(("z-last".to_string(), z));
        let page = bucket.list_multipart_uploads(request()).expect("listing");
        assert_eq!(uploads_of(&page), expected, "{dialect}");
        assert!(!page.is_truncated);
        assert_eq!(page.next_key_marker, None);
        assert_eq!(page.next_upload_id_marker, None);
    }
}

// Rule: MPU-10, LST-6 — prefix and delimiter: keys rolled into common prefixes, each listed
// once and counted once.
#[test]
fn list_uploads_prefix_and_delimiter() {
    let mut bucket = bucket(Dialect::Oss);
    for key in [
        "logs/2024/a",
        "logs/2024/b",
        "logs/2025/a",
        "logs/top",
        "other",
    ] {
        initiate(&mut bucket, key);
    }
    let page = bucket
        .list_multipart_uploads(ListMultipartUploads {
            prefix: Some("logs/".into()),
            delimiter: Some("/".into()),
            ..request()
        })
        .expect("listing");
    assert_eq!(page.common_prefixes, ["logs/2024/", "logs/2025/"]);
    let keys: Vec<String> = uploads_of(&page).into_iter().map(|(key, _)| key).collect();
    assert_eq!(keys, ["logs/top"]);

    let page = bucket
        .list_multipart_uploads(ListMultipartUploads {
            prefix: Some("logs/".into()),
            delimiter: Some("/".into()),
            max_uploads: Some(1),
            ..request()
        })
        .expect("listing");
    assert_eq!(page.common_prefixes, ["logs/2024/"]);
    assert!(page.uploads.is_empty());
    assert!(page.is_truncated);
    assert_eq!(
        page.next_key_marker.as_ref().map(|key| key.as_str()),
        Some("logs/2024/")
    );
    assert_eq!(page.next_upload_id_marker, None);

    // LST-6: a key marker equal to a common prefix skips every key under it.
    let page = bucket
        .list_multipart_uploads(ListMultipartUploads {
            prefix: Some("logs/".into()),
            delimiter: Some("/".into()),
            key_marker: page.next_key_marker,
            ..request()
        })
        .expect("listing");
    assert_eq!(page.common_prefixes, ["logs/2025/"]);
    assert_eq!(page.uploads.len(), 1);
}

// Rule: MPU-10 — key_marker alone starts after that key; with upload_id_marker, that key's
// uploads after the named one come first (oss: greater IDs; s3: initiated later);
// upload_id_marker without key_marker is ignored.
#[test]
fn list_uploads_markers() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = bucket(dialect);
        let a = initiate(&mut bucket, "a");
        let b: Vec<UploadId> = (0..3).map(|_| initiate(&mut bucket, "b")).collect();
        let c = initiate(&mut bucket, "c");
        let full = uploads_of(&bucket.list_multipart_uploads(request()).expect("listing"));
        assert_eq!(full.len(), 5);

        let after_a = bucket
            .list_multipart_uploads(ListMultipartUploads {
                key_marker: Some("a".into()),
                ..request()
            })
            .expect("listing");
        assert_eq!(uploads_of(&after_a), full[1..]);

        let (_, middle) = full[2].clone();
        let after_middle = bucket
            .list_multipart_uploads(ListMultipartUploads {
                key_marker: Some("b".into()),
                upload_id_marker: Some(middle),
                ..request()
            })
            .expect("listing");
        assert_eq!(uploads_of(&after_middle), full[3..], "{dialect}");

        let ignored = bucket
            .list_multipart_uploads(ListMultipartUploads {
                upload_id_marker: Some(c.clone()),
                ..request()
            })
            .expect("listing");
        assert_eq!(uploads_of(&ignored), full, "{dialect}");

        // A marker naming no upload of the key: oss compares IDs; s3 (MODEL) moves past the key.
        let unknown = bucket
            .list_multipart_uploads(ListMultipartUploads {
                key_marker: Some("b".into()),
                upload_id_marker: Some(UploadId::new("0")),
                ..request()
            })
            .expect("listing");
        let expected = match dialect {
            Dialect::Oss => &full[1..],
            _ => &full[4..],
        };
        assert_eq!(uploads_of(&unknown), expected, "{dialect}");
        let _ = (a, b);
    }
}

// Rule: MPU-10 — max_uploads must be 1..=1000 (InvalidArgument 400).
#[test]
fn list_uploads_max_uploads_range() {
    let mut bucket = bucket(Dialect::Oss);
    initiate(&mut bucket, "k");
    for max in [0, 1001, u64::MAX] {
        let violation = rejected(&mut bucket, |b| {
            b.list_multipart_uploads(ListMultipartUploads {
                max_uploads: Some(max),
                ..request()
            })
        });
        assert_eq!(
            violation,
            Violation::InvalidArgument(ArgumentError::LimitOutOfRange {
                name: "max-uploads",
                value: max
            })
        );
    }
}

// Rule: MPU-10, LST-5 — walking the pages with the returned markers lists every upload and
// common prefix exactly once, in order, for every page size, prefix and delimiter.
#[test]
fn list_uploads_walk_every_page_size() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = bucket(dialect);
        let keys = [
            "a", "a/1", "a/2/x", "a/2/y", "a/2/y", "a/3", "ab", "b", "b", "b", "b/", "b//c",
            "c/d/e", "é", "é/x",
        ];
        let mut uploads = Vec::new();
        for (order, key) in keys.iter().enumerate() {
            uploads.push((key.to_string(), initiate(&mut bucket, key), order));
        }
        for (prefix, delimiter) in [
            ("", None),
            ("", Some("/")),
            ("a/", Some("/")),
            ("b", Some("/")),
        ] {
            let expected = naive_listing(&uploads, dialect, prefix, delimiter);
            for max in 1..=(expected.len() as u64 + 1) {
                let mut walked = Vec::new();
                let mut markers: (Option<bucket_versioning::ObjectKey>, Option<UploadId>) =
                    (None, None);
                for pages in 1.. {
                    assert!(pages <= expected.len() + 1, "the walk ends");
                    let page = bucket
                        .list_multipart_uploads(ListMultipartUploads {
                            prefix: Some(prefix.into()),
                            delimiter: delimiter.map(Into::into),
                            key_marker: markers.0.clone(),
                            upload_id_marker: markers.1.clone(),
                            max_uploads: Some(max),
                        })
                        .expect("listing");
                    let count = page.uploads.len() + page.common_prefixes.len();
                    assert!(count as u64 <= max);
                    // Merge the page's two lists back into listing order.
                    let mut items: Vec<(String, Option<UploadId>)> = page
                        .uploads
                        .iter()
                        .map(|u| (u.key.to_string(), Some(u.upload_id.clone())))
                        .chain(page.common_prefixes.iter().map(|p| (p.clone(), None)))
                        .collect();
                    items.sort_by(|x, y| {
                        let position = |item: &(String, Option<UploadId>)| {
                            expected.iter().position(|e| e == item)
                        };
                        position(x).cmp(&position(y))
                    });
                    walked.extend(items);
                    if !page.is_truncated {
                        break;
                    }
                    assert_eq!(count as u64, max, "a truncated page is full");
                    markers = (page.next_key_marker, page.next_upload_id_marker);
                }
                assert_eq!(
                    walked, expected,
                    "{dialect} prefix {prefix:?} delimiter {delimiter:?} max {max}"
                );
            }
        }
    }
}
