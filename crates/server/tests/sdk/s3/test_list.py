"""Listings (LST) through boto3: versions with paging and delimiters, the current view,
URL-encoded keys."""

import pytest

from sdk_s3 import all_versions, list_versions_page, s3_error


@pytest.fixture
def history(s3, versioned):
    """Three keys with interleaved versions and markers; returns the expected listing as
    `(key, version_id, is_latest, delete_marker)`, keys ascending, newest first (LST-1)."""
    ids = {}
    ids["b1"] = s3.put_object(Bucket=versioned, Key="b", Body=b"1")["VersionId"]
    ids["a1"] = s3.put_object(Bucket=versioned, Key="a", Body=b"1")["VersionId"]
    ids["bdm"] = s3.delete_object(Bucket=versioned, Key="b")["VersionId"]
    ids["a2"] = s3.put_object(Bucket=versioned, Key="a", Body=b"22")["VersionId"]
    ids["b2"] = s3.put_object(Bucket=versioned, Key="b", Body=b"333")["VersionId"]
    ids["c1"] = s3.put_object(Bucket=versioned, Key="c", Body=b"4444")["VersionId"]
    ids["cdm"] = s3.delete_object(Bucket=versioned, Key="c")["VersionId"]
    return [
        ("a", ids["a2"], True, False),
        ("a", ids["a1"], False, False),
        ("b", ids["b2"], True, False),
        ("b", ids["bdm"], False, True),
        ("b", ids["b1"], False, False),
        ("c", ids["cdm"], True, True),
        ("c", ids["c1"], False, False),
    ]


def flat(entries):
    return [(e.key, e.version_id, e.is_latest, e.delete_marker) for e in entries]


def test_versions_and_markers_interleave_in_one_order(s3, versioned, history):
    # Rule: LST-1 (keys ascending, each key newest first, DMs interleaved), KEY-3
    assert flat(all_versions(s3, versioned)) == history


def test_version_entries_carry_size_and_etag(s3, versioned, history):
    # Rule: LST-1 (versions carry length and ETag; DMs have none)
    entries = {e.version_id: e for e in all_versions(s3, versioned)}
    assert entries[history[0][1]].size == 2
    assert entries[history[2][1]].size == 3
    assert entries[history[3][1]].size is None


@pytest.mark.parametrize("max_keys", [1, 2, 3, 5])
def test_paging_returns_every_entry_exactly_once(s3, versioned, history, max_keys):
    # Rule: LST-5 (next markers name the last item; walking all pages returns each once),
    # LST-3 (resuming within a key with version_id_marker)
    seen = []
    kwargs = {"MaxKeys": max_keys}
    while True:
        parsed, page = list_versions_page(s3, versioned, **kwargs)
        assert len(page) <= max_keys
        seen.extend(flat(page))
        if not parsed["IsTruncated"]:
            break
        assert parsed["NextKeyMarker"] == page[-1].key
        assert parsed["NextVersionIdMarker"] == page[-1].version_id
        kwargs.update(KeyMarker=parsed["NextKeyMarker"], VersionIdMarker=parsed["NextVersionIdMarker"])
    assert seen == history


def test_the_paginator_walks_every_page(s3, versioned, history):
    # Rule: LST-5 (boto3's own paginator follows the markers)
    pages = s3.get_paginator("list_object_versions").paginate(
        Bucket=versioned, PaginationConfig={"PageSize": 2}
    )
    seen = set()
    for page in pages:
        seen |= {(v["Key"], v["VersionId"]) for v in page.get("Versions", [])}
        seen |= {(d["Key"], d["VersionId"]) for d in page.get("DeleteMarkers", [])}
    assert seen == {(key, version) for key, version, _, _ in history}


def test_key_marker_alone_starts_after_that_key(s3, versioned, history):
    # Rule: LST-3
    _, page = list_versions_page(s3, versioned, KeyMarker="a")
    assert flat(page) == [entry for entry in history if entry[0] > "a"]


def test_key_and_version_markers_resume_inside_a_chain(s3, versioned, history):
    # Rule: LST-3 (that key's entries older than the named one, then later keys)
    _, page = list_versions_page(s3, versioned, KeyMarker="b", VersionIdMarker=history[2][1])
    assert flat(page) == history[3:]


def test_a_version_marker_without_key_marker_is_invalid(s3, versioned, history):
    # Rule: LST-4
    with s3_error("InvalidArgument", 400):
        s3.list_object_versions(Bucket=versioned, VersionIdMarker=history[0][1])


def test_prefix_selects_keys(s3, versioned, history):
    # Rule: LST-1 (the keys that match prefix)
    assert flat(all_versions(s3, versioned, prefix="b")) == history[2:5]


def test_delimiter_rolls_keys_into_common_prefixes(s3, versioned):
    # Rule: LST-6
    for key in ("dir/a", "dir/b", "dir/sub/c", "top", "zz/x"):
        s3.put_object(Bucket=versioned, Key=key, Body=b"x")
    parsed = s3.list_object_versions(Bucket=versioned, Delimiter="/")
    assert [v["Key"] for v in parsed.get("Versions", [])] == ["top"]
    assert [p["Prefix"] for p in parsed["CommonPrefixes"]] == ["dir/", "zz/"]
    nested = s3.list_object_versions(Bucket=versioned, Delimiter="/", Prefix="dir/")
    assert [v["Key"] for v in nested["Versions"]] == ["dir/a", "dir/b"]
    assert [p["Prefix"] for p in nested["CommonPrefixes"]] == ["dir/sub/"]


def test_a_common_prefix_counts_once_and_a_marker_on_it_skips_it(s3, versioned):
    # Rule: LST-6 (counts once toward max_keys; a key_marker equal to a common prefix skips
    # every key under it), LST-5 (for a common prefix the next marker is the prefix)
    for key in ("dir/a", "dir/b", "dir/c", "top"):
        s3.put_object(Bucket=versioned, Key=key, Body=b"x")
    first = s3.list_object_versions(Bucket=versioned, Delimiter="/", MaxKeys=1)
    assert [p["Prefix"] for p in first["CommonPrefixes"]] == ["dir/"]
    assert first["IsTruncated"] is True and first["NextKeyMarker"] == "dir/"
    rest = s3.list_object_versions(Bucket=versioned, Delimiter="/", KeyMarker="dir/")
    assert [v["Key"] for v in rest["Versions"]] == ["top"]
    assert rest.get("CommonPrefixes", []) == []


def test_max_keys_over_1000_is_capped(s3, versioned, history):
    # Rule: LST-2 (s3: 0..=1000, more is capped to 1000)
    parsed = s3.list_object_versions(Bucket=versioned, MaxKeys=5000)
    assert parsed["MaxKeys"] == 1000
    assert parsed["IsTruncated"] is False


def test_max_keys_zero_returns_nothing(s3, versioned, history):
    # Rule: LST-2 (s3 accepts 0)
    parsed = s3.list_object_versions(Bucket=versioned, MaxKeys=0)
    assert parsed.get("Versions", []) == [] and parsed.get("DeleteMarkers", []) == []


def test_unversioned_entries_list_as_null_and_latest(s3, bucket):
    # Rule: LST-8
    for key in ("x", "y"):
        s3.put_object(Bucket=bucket, Key=key, Body=b"v")
    assert flat(all_versions(s3, bucket)) == [("x", "null", True, False), ("y", "null", True, False)]


def test_the_current_view_hides_keys_under_a_marker(s3, versioned, history):
    # Rule: LST-7 (keys whose head is an object version, ascending)
    listed = s3.list_objects(Bucket=versioned)
    assert [o["Key"] for o in listed["Contents"]] == ["a", "b"]
    assert [o["Size"] for o in listed["Contents"]] == [2, 3]
    v2 = s3.list_objects_v2(Bucket=versioned)
    assert [o["Key"] for o in v2["Contents"]] == ["a", "b"]


def test_the_current_view_pages_with_markers_and_tokens(s3, versioned):
    # Rule: LST-7 (continuation after the last key returned), LST-5
    keys = [f"k{i:02d}" for i in range(7)]
    for key in keys:
        s3.put_object(Bucket=versioned, Key=key, Body=b"x")
    seen, marker = [], ""
    while True:
        page = s3.list_objects(Bucket=versioned, MaxKeys=3, Marker=marker)
        seen += [o["Key"] for o in page.get("Contents", [])]
        if not page["IsTruncated"]:
            break
        marker = page["NextMarker"]
    assert seen == keys
    pages = s3.get_paginator("list_objects_v2").paginate(
        Bucket=versioned, PaginationConfig={"PageSize": 2}
    )
    assert [o["Key"] for page in pages for o in page.get("Contents", [])] == keys


KEYS_NEEDING_ENCODING = ["a b", "a+b", "pct%20", "ü/ñ", "line\nbreak", "tab\tkey", "x&y<z>", "\x01ctl"]


def test_keys_needing_encoding_list_decoded(s3, versioned):
    # Rule: LST-1, KEY-3 (byte order of UTF-8); http.md §2 (encoding-type=url, never `+`)
    for key in KEYS_NEEDING_ENCODING:
        s3.put_object(Bucket=versioned, Key=key, Body=b"x")
    expected = sorted(KEYS_NEEDING_ENCODING, key=lambda k: k.encode())
    assert [e.key for e in all_versions(s3, versioned)] == expected
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=versioned)["Contents"]] == expected
    assert [o["Key"] for o in s3.list_objects(Bucket=versioned)["Contents"]] == expected
    for key in KEYS_NEEDING_ENCODING:
        assert s3.get_object(Bucket=versioned, Key=key)["Body"].read() == b"x"
