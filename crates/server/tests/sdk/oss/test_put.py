"""Simple upload, version IDs, `null` and the reported ID (PUT, ID, RSP, CT, KEY) through oss2.

oss2 checks every upload's `x-oss-hash-crc64ecma` against its own CRC-64 (enable_crc); the
tests also compare it with the rule's value.
"""

import pytest

from sdk_oss import body_of, chain, crc64, enable, md5_upper, oss_error, suspend


def test_unversioned_put_reports_no_version_and_replaces(bucket):
    # Rule: PUT-1, RSP-1 (Unversioned: no x-oss-version-id), LST-8
    first = bucket.put_object("k", b"one")
    assert first.versionid is None
    bucket.put_object("k", b"two")
    assert chain(bucket, "k") == [("null", False)]
    assert body_of(bucket, "k") == b"two"


@pytest.mark.parametrize("body", [b"", b"hello", bytes(range(256)) * 40])
def test_etag_and_crc64_of_a_simple_upload(bucket, body):
    # Rule: CT-3 (upper-case hex MD5), CT-1 (CRC-64/XZ), PUT-5
    result = bucket.put_object("k", body)
    assert result.etag == md5_upper(body)
    assert result.crc == crc64(body)
    head = bucket.head_object("k")
    assert (head.etag, head.server_crc, head.content_length) == (md5_upper(body), crc64(body), len(body))
    assert head.object_type == "Normal"


def test_the_crc64_check_value(bucket):
    # Rule: CT-1 ("123456789" → 0x995DC9BBDF1939FA; empty → 0)
    assert bucket.put_object("check", b"123456789").crc == 0x995DC9BBDF1939FA
    assert bucket.put_object("empty", b"").crc == 0


def test_enabled_puts_get_fresh_ids_and_stack(versioned):
    # Rule: PUT-2, ID-1, RSP-1
    first = versioned.put_object("k", b"v1").versionid
    second = versioned.put_object("k", b"v2").versionid
    assert None not in (first, second) and "null" not in (first, second)
    assert first != second
    assert chain(versioned, "k") == [(second, False), (first, False)]
    # Rule: GET-4
    assert body_of(versioned, "k", first) == b"v1"
    assert body_of(versioned, "k", second) == b"v2"


def test_ids_are_unique_across_keys_of_a_bucket(versioned):
    # Rule: ID-1
    ids = [versioned.put_object(f"k{i % 3}", b"x").versionid for i in range(9)]
    assert len(set(ids)) == 9


def test_an_id_is_never_reused_after_its_entry_is_deleted(versioned):
    # Rule: ID-1
    first = versioned.put_object("k", b"x").versionid
    versioned.delete_object("k", params={"versionId": first})
    assert chain(versioned, "k") == []
    assert versioned.put_object("k", b"x").versionid != first


def test_suspended_put_reports_null(suspended):
    # Rule: RSP-1 (oss Suspended: `null`), ID-2, RSP-3
    assert suspended.put_object("k", b"x").versionid == "null"
    assert chain(suspended, "k") == [("null", False)]
    assert suspended.head_object("k").versionid == "null"


def test_suspended_puts_replace_the_null_version_and_keep_real_ones(versioned):
    # Rule: PUT-3, ID-3
    first = versioned.put_object("k", b"v1").versionid
    suspend(versioned)
    versioned.put_object("k", b"n1")
    versioned.put_object("k", b"n2")
    assert chain(versioned, "k") == [("null", False), (first, False)]
    assert body_of(versioned, "k", "null") == b"n2"


def test_a_suspended_put_removes_a_buried_null_version(bucket):
    # Rule: PUT-3 (the null entry is removed wherever it sits)
    bucket.put_object("k", b"unversioned")
    enable(bucket)
    real = bucket.put_object("k", b"real").versionid
    assert chain(bucket, "k") == [(real, False), ("null", False)]
    suspend(bucket)
    bucket.put_object("k", b"suspended")
    assert chain(bucket, "k") == [("null", False), (real, False)]
    assert body_of(bucket, "k", "null") == b"suspended"


def test_a_suspended_put_replaces_a_null_delete_marker(suspended):
    # Rule: PUT-3 (object or DM)
    suspended.put_object("k", b"x")
    suspended.delete_object("k")
    assert chain(suspended, "k") == [("null", True)]
    suspended.put_object("k", b"y")
    assert chain(suspended, "k") == [("null", False)]


def test_a_put_over_an_appendable_seals_it(versioned):
    # Rule: PUT-4, APP-7 (the appendable stays as a noncurrent version that can never be
    # appended to again)
    appendable = versioned.append_object("k", 0, b"abc", init_crc=0)
    put = versioned.put_object("k", b"normal").versionid
    assert chain(versioned, "k") == [(put, False), (appendable.versionid, False)]
    versioned.delete_object("k", params={"versionId": put})  # the appendable is the head again
    with oss_error("ObjectNotAppendable", 409):
        versioned.append_object("k", 3, b"def")
    assert body_of(versioned, "k") == b"abc"


def test_chunked_uploads_are_stored_whole(versioned):
    # http.md §10 (oss2 sends iterables with Transfer-Encoding: chunked), CT-1, CT-3
    pieces = [bytes([i]) * 1000 for i in range(50)]
    result = versioned.put_object("k", iter(pieces))
    whole = b"".join(pieces)
    assert result.crc == crc64(whole) and result.etag == md5_upper(whole)
    assert body_of(versioned, "k") == whole


KEYS = ["a b", "a+b", "pct%41", "dir/sub/file.txt", "ü-ñ-漢字", "q?x=1&y", "#hash", "~tilde", "line\nbreak"]


def test_keys_needing_encoding_round_trip(versioned):
    # Rule: KEY-1 (1 to 1023 bytes of UTF-8), http.md §1.1 (oss2 encodes `/` as %2F; decoded
    # once)
    ids = {key: versioned.put_object(key, key.encode()).versionid for key in KEYS}
    for key in KEYS:
        assert body_of(versioned, key) == key.encode()
        assert chain(versioned, key) == [(ids[key], False)]


@pytest.mark.parametrize("key", ["/leading-slash", "\\leading-backslash", "k" * 1024])
def test_invalid_keys_are_refused(bucket, key):
    # Rule: KEY-1 (InvalidObjectName 400)
    with oss_error("InvalidObjectName", 400):
        bucket.put_object(key, b"x")


def test_a_key_of_1023_bytes_is_accepted(bucket):
    # Rule: KEY-1
    bucket.put_object("k" * 1023, b"x")
    assert chain(bucket, "k" * 1023) == [("null", False)]


def test_metadata_and_content_type_per_version(versioned):
    # Rule: TAG-5 (content type, user metadata, storage class per version; oss2 guesses the
    # content type from the key's extension, none → application/octet-stream)
    first = versioned.put_object("k", b"x").versionid
    second = versioned.put_object(
        "k", b"y",
        headers={"Content-Type": "text/plain", "x-oss-meta-colour": "red", "x-oss-storage-class": "IA"},
    ).versionid
    old = versioned.head_object("k", params={"versionId": first})
    assert old.content_type == "application/octet-stream"
    assert "x-oss-meta-colour" not in old.headers
    new = versioned.head_object("k", params={"versionId": second})
    assert new.content_type == "text/plain"
    assert new.headers["x-oss-meta-colour"] == "red"
    assert new.headers["x-oss-storage-class"] == "IA"


def test_an_unknown_storage_class_is_refused(versioned):
    # Rule: TAG-5 (InvalidStorageClass 400)
    with oss_error("InvalidStorageClass", 400):
        versioned.put_object("k", b"x", headers={"x-oss-storage-class": "Platinum"})
    assert chain(versioned, "k") == []


def test_generated_ids_do_not_sort_in_creation_order(versioned):
    # Rule: ID-4 (order is creation order, never the spelling of IDs: generated IDs must not
    # sort in creation order, so a client that sorts by ID is caught)
    ids = [versioned.put_object("k", b"x").versionid for _ in range(12)]
    assert ids != sorted(ids) and ids != sorted(ids, reverse=True)
    assert [version for version, _ in chain(versioned, "k")] == ids[::-1]
