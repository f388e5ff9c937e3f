"""DeleteObject (DEL), delete markers and the headers oss2 exposes (RSP-2) through oss2.

oss2's RequestResult gives `versionid` (x-oss-version-id) and `delete_marker`
(`bool(x-oss-delete-marker)`: present means true, so the header must be absent when false,
http.md §2).
"""

from sdk_oss import body_of, chain, enable, oss_error, suspend


def test_unversioned_delete_removes_the_chain(bucket):
    # Rule: DEL-1 (204), DEL-2, RSP-2 (Unversioned: no version header, no marker)
    bucket.put_object("k", b"x")
    result = bucket.delete_object("k")
    assert result.status == 204
    assert (result.versionid, result.delete_marker) == (None, None)
    assert chain(bucket, "k") == []
    with oss_error("NoSuchKey", 404):
        bucket.get_object("k")


def test_deleting_what_does_not_exist_succeeds(bucket):
    # Rule: DEL-1
    assert bucket.delete_object("never").status == 204


def test_enabled_simple_delete_stacks_a_fresh_marker(versioned):
    # Rule: DEL-3, RSP-2, ID-1
    version = versioned.put_object("k", b"x").versionid
    result = versioned.delete_object("k")
    assert result.status == 204
    assert result.delete_marker is True
    assert result.versionid not in (None, "null", version)
    assert chain(versioned, "k") == [(result.versionid, True), (version, False)]


def test_markers_stack_and_are_made_for_missing_keys(versioned):
    # Rule: DEL-3 (also on a DM head, also when the key has no entries)
    first = versioned.delete_object("k").versionid
    second = versioned.delete_object("k").versionid
    assert first != second
    assert chain(versioned, "k") == [(second, True), (first, True)]


def test_suspended_simple_delete_leaves_exactly_one_null_marker(bucket):
    # Rule: DEL-4 (any null entry removed wherever it sits; repeating leaves one null DM),
    # RSP-2 (Suspended: null)
    bucket.put_object("k", b"unversioned")
    enable(bucket)
    real = bucket.put_object("k", b"real").versionid
    suspend(bucket)
    for _ in range(2):
        result = bucket.delete_object("k")
        assert (result.versionid, result.delete_marker) == ("null", True)
        assert chain(bucket, "k") == [("null", True), (real, False)]


def test_suspended_delete_of_a_missing_key_makes_a_null_marker(suspended):
    # Rule: DEL-4 (also when the key had no entries)
    result = suspended.delete_object("never")
    assert (result.versionid, result.delete_marker) == ("null", True)
    assert chain(suspended, "never") == [("null", True)]


def test_delete_by_id_removes_exactly_that_version(versioned):
    # Rule: DEL-5 (no DM; the ID given; no marker header for an object version), DEL-6
    first = versioned.put_object("k", b"v1").versionid
    second = versioned.put_object("k", b"v2").versionid
    result = versioned.delete_object("k", params={"versionId": second})
    assert result.versionid == second
    assert result.delete_marker is None
    assert "x-oss-delete-marker" not in result.headers
    assert chain(versioned, "k") == [(first, False)]
    assert body_of(versioned, "k") == b"v1"


def test_deleting_the_marker_by_id_brings_the_object_back(versioned):
    # Rule: DEL-5 (marker flag when the removed entry was a DM), DEL-6, CPY-6
    version = versioned.put_object("k", b"v1").versionid
    marker = versioned.delete_object("k").versionid
    result = versioned.delete_object("k", params={"versionId": marker})
    assert (result.versionid, result.delete_marker) == (marker, True)
    assert chain(versioned, "k") == [(version, False)]
    assert body_of(versioned, "k") == b"v1"


def test_the_next_entry_may_be_a_marker(versioned):
    # Rule: DEL-6
    versioned.put_object("k", b"v1")
    marker = versioned.delete_object("k").versionid
    top = versioned.put_object("k", b"v2").versionid
    versioned.delete_object("k", params={"versionId": top})
    with oss_error("NoSuchKey", 404) as info:
        versioned.get_object("k")
    assert info.value.headers["x-oss-version-id"] == marker


def test_deleting_the_last_entry_removes_the_key(versioned):
    # Rule: DEL-6 (a chain left empty disappears)
    version = versioned.put_object("k", b"x").versionid
    versioned.delete_object("k", params={"versionId": version})
    assert chain(versioned, "k") == []
    assert versioned.list_objects().object_list == []


def test_an_id_naming_no_entry_of_the_key_changes_nothing(versioned):
    # Rule: DEL-7 (MODEL: success, the ID echoed, no marker); the ID is a real one of another key
    other = versioned.put_object("other", b"x").versionid
    version = versioned.put_object("k", b"x").versionid
    result = versioned.delete_object("k", params={"versionId": other})
    assert (result.status, result.versionid, result.delete_marker) == (204, other, None)
    assert chain(versioned, "k") == [(version, False)]
    assert chain(versioned, "other") == [(other, False)]


def test_deleting_null_when_there_is_none_changes_nothing(versioned):
    # Rule: DEL-7 (including null when there is none)
    version = versioned.put_object("k", b"x").versionid
    result = versioned.delete_object("k", params={"versionId": "null"})
    assert (result.versionid, result.delete_marker) == ("null", None)
    assert chain(versioned, "k") == [(version, False)]


def test_an_empty_version_id_is_invalid(versioned):
    # Rule: ID-6 (empty → InvalidArgument 400)
    version = versioned.put_object("k", b"x").versionid
    with oss_error("InvalidArgument", 400):
        versioned.delete_object("k", params={"versionId": ""})
    assert chain(versioned, "k") == [(version, False)]
