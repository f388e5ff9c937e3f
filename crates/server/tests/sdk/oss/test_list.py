"""Listings (LST) through oss2: versions with paging and delimiters, the current view (v1 and
v2), `encoding-type=url` (oss2 always asks for it) with keys that need it."""

import pytest

from sdk_oss import all_versions, list_versions_page, oss_error


@pytest.fixture
def history(versioned):
    """Three keys with versions and markers interleaved; the expected listing as
    `(key, version_id, is_latest, delete_marker)`, keys ascending, newest first (LST-1)."""
    put = lambda key, body: versioned.put_object(key, body).versionid  # noqa: E731
    b1 = put("b", b"1")
    a1 = put("a", b"1")
    bdm = versioned.delete_object("b").versionid
    a2 = put("a", b"22")
    b2 = put("b", b"333")
    c1 = put("c", b"4444")
    cdm = versioned.delete_object("c").versionid
    return [
        ("a", a2, True, False), ("a", a1, False, False),
        ("b", b2, True, False), ("b", bdm, False, True), ("b", b1, False, False),
        ("c", cdm, True, True), ("c", c1, False, False),
    ]


def flat(entries):
    return [(e.key, e.version_id, e.is_latest, e.delete_marker) for e in entries]


def test_versions_and_markers_interleave_in_one_order(versioned, history):
    # Rule: LST-1, KEY-3
    assert flat(all_versions(versioned)) == history


def test_version_entries_carry_type_size_and_etag(versioned, history):
    # Rule: LST-1 (versions carry type, length, ETag)
    entries = {e.version_id: e for e in all_versions(versioned)}
    assert (entries[history[0][1]].size, entries[history[0][1]].type) == (2, "Normal")
    assert entries[history[2][1]].size == 3


@pytest.mark.parametrize("max_keys", [1, 2, 3, 5])
def test_paging_returns_every_entry_exactly_once(versioned, history, max_keys):
    # Rule: LST-5, LST-3
    seen, key_marker, versionid_marker = [], "", ""
    while True:
        parsed, page = list_versions_page(
            versioned, key_marker=key_marker, versionid_marker=versionid_marker, max_keys=max_keys
        )
        assert len(page) <= max_keys
        seen.extend(flat(page))
        if not parsed.is_truncated:
            break
        assert (parsed.next_key_marker, parsed.next_versionid_marker) == (page[-1].key, page[-1].version_id)
        key_marker, versionid_marker = parsed.next_key_marker, parsed.next_versionid_marker
    assert seen == history


def test_key_marker_alone_starts_after_that_key(versioned, history):
    # Rule: LST-3
    _, page = list_versions_page(versioned, key_marker="a")
    assert flat(page) == [entry for entry in history if entry[0] > "a"]


def test_key_and_version_markers_resume_inside_a_chain(versioned, history):
    # Rule: LST-3
    _, page = list_versions_page(versioned, key_marker="b", versionid_marker=history[2][1])
    assert flat(page) == history[3:]


def test_a_version_marker_without_key_marker_is_invalid(versioned, history):
    # Rule: LST-4
    with oss_error("InvalidArgument", 400):
        versioned.list_object_versions(versionid_marker=history[0][1])


@pytest.mark.parametrize("max_keys", [0, 1001])
def test_max_keys_outside_1_to_1000_is_invalid(versioned, max_keys):
    # Rule: LST-2 (oss: 1..=1000)
    with oss_error("InvalidArgument", 400):
        versioned.list_object_versions(max_keys=max_keys)


@pytest.mark.parametrize("max_keys", [1, 1000])
def test_max_keys_at_the_bounds_is_accepted(versioned, history, max_keys):
    # Rule: LST-2 (oss: 1..=1000; oss2 always sends max-keys, 100 unless told, so the
    # server's own default is not observable through it)
    parsed = versioned.list_object_versions(max_keys=max_keys)
    assert len(parsed.versions) + len(parsed.delete_marker) == min(max_keys, len(history))
    assert parsed.max_keys == max_keys


def test_delimiter_rolls_keys_into_common_prefixes(versioned):
    # Rule: LST-6
    for key in ("dir/a", "dir/b", "dir/sub/c", "top", "zz/x"):
        versioned.put_object(key, b"x")
    parsed = versioned.list_object_versions(delimiter="/")
    assert [v.key for v in parsed.versions] == ["top"]
    assert parsed.common_prefix == ["dir/", "zz/"]
    nested = versioned.list_object_versions(delimiter="/", prefix="dir/")
    assert [v.key for v in nested.versions] == ["dir/a", "dir/b"]
    assert nested.common_prefix == ["dir/sub/"]


def test_a_common_prefix_counts_once_and_a_marker_on_it_skips_it(versioned):
    # Rule: LST-6, LST-5 (for a common prefix the next marker is the prefix)
    for key in ("dir/a", "dir/b", "dir/c", "top"):
        versioned.put_object(key, b"x")
    first = versioned.list_object_versions(delimiter="/", max_keys=1)
    assert first.common_prefix == ["dir/"]
    assert first.is_truncated and first.next_key_marker == "dir/"
    rest = versioned.list_object_versions(delimiter="/", key_marker="dir/")
    assert [v.key for v in rest.versions] == ["top"] and rest.common_prefix == []


def test_unversioned_entries_list_as_null_and_latest(bucket):
    # Rule: LST-8
    for key in ("x", "y"):
        bucket.put_object(key, b"v")
    assert flat(all_versions(bucket)) == [("x", "null", True, False), ("y", "null", True, False)]


def test_the_current_view_hides_keys_under_a_marker(versioned, history):
    # Rule: LST-7
    listed = versioned.list_objects()
    assert [(o.key, o.size, o.type) for o in listed.object_list] == [("a", 2, "Normal"), ("b", 3, "Normal")]
    assert [o.key for o in versioned.list_objects_v2().object_list] == ["a", "b"]


def test_the_current_view_pages_with_markers_and_tokens(versioned):
    # Rule: LST-7 (continuation after the last key returned)
    keys = [f"k{i:02d}" for i in range(7)]
    for key in keys:
        versioned.put_object(key, b"x")
    seen, marker = [], ""
    while True:
        page = versioned.list_objects(marker=marker, max_keys=3)
        seen += [o.key for o in page.object_list]
        if not page.is_truncated:
            break
        marker = page.next_marker
    assert seen == keys
    seen, token = [], ""
    while True:
        page = versioned.list_objects_v2(continuation_token=token, max_keys=2)
        seen += [o.key for o in page.object_list]
        if not page.is_truncated:
            break
        token = page.next_continuation_token
    assert seen == keys


def test_delimiter_in_the_current_view(versioned):
    # Rule: LST-7 with LST-6
    for key in ("dir/a", "dir/b", "top"):
        versioned.put_object(key, b"x")
    listed = versioned.list_objects(delimiter="/")
    assert [o.key for o in listed.object_list] == ["top"] and listed.prefix_list == ["dir/"]


KEYS_NEEDING_ENCODING = ["a b", "a+b", "pct%20", "ü/ñ", "line\nbreak", "tab\tkey", "x&y<z>", "\x01ctl"]


def test_keys_needing_encoding_list_decoded(versioned):
    # Rule: LST-1, KEY-3 (byte order of UTF-8); http.md §2 (encoding-type=url)
    for key in KEYS_NEEDING_ENCODING:
        versioned.put_object(key, b"x")
        versioned.init_multipart_upload(key)
    expected = sorted(KEYS_NEEDING_ENCODING, key=lambda k: k.encode())
    assert [e.key for e in all_versions(versioned)] == expected
    assert [o.key for o in versioned.list_objects().object_list] == expected
    assert [o.key for o in versioned.list_objects_v2().object_list] == expected
    assert [u.key for u in versioned.list_multipart_uploads().upload_list] == expected
    prefixed = versioned.list_object_versions(prefix="a ")
    assert [v.key for v in prefixed.versions] == ["a b"] and prefixed.prefix == "a "
