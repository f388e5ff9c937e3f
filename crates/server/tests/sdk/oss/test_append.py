"""Append upload (APP) through oss2.

Every append passes `init_crc` (the CRC-64 of the object so far) so that oss2 checks the
whole-object `x-oss-hash-crc64ecma` of each answer (CT-2). oss2 has no call for
SealAppendObject (APP-10) and cannot put a versionId on an append (APP-2); those rules are
left to the codec's tests.
"""

from oss2.models import PartInfo

from sdk_oss import body_of, chain, crc64, enable, oss_error, suspend


def append_all(bucket, key, pieces):
    """Appends `pieces` from position 0, checking each answer (APP-9); returns the results."""
    results, position, crc, whole = [], 0, 0, b""
    for piece in pieces:
        result = bucket.append_object(key, position, piece, init_crc=crc)
        whole += piece
        assert result.next_position == len(whole)
        assert result.crc == crc64(whole)
        results.append(result)
        position, crc = result.next_position, result.crc
    return results


def test_appends_grow_one_entry_in_place(versioned):
    # Rule: APP-3, APP-4 (no entry created, ID unchanged), APP-9, APP-11 (a fresh ID),
    # RSP-1 / RSP-4
    results = append_all(versioned, "k", [b"abc", b"defg", b"h"])
    version = results[0].versionid
    assert version not in (None, "null")
    assert [r.versionid for r in results] == [version] * 3
    assert chain(versioned, "k") == [(version, False)]
    assert body_of(versioned, "k") == b"abcdefgh"
    head = versioned.head_object("k")
    assert (head.object_type, head.content_length, head.versionid) == ("Appendable", 8, version)
    assert head.headers["x-oss-next-append-position"] == "8"


def test_a_wrong_position_reports_the_next_one(versioned):
    # Rule: APP-5 (PositionNotEqualToLength 409 carrying the correct next position, as oss2's
    # `next_position`), ERR-2
    append_all(versioned, "k", [b"abcde"])
    for wrong in (0, 4, 6, 100):
        with oss_error("PositionNotEqualToLength", 409) as info:
            versioned.append_object("k", wrong, b"x")
        assert info.value.next_position == 5
    assert body_of(versioned, "k") == b"abcde"


def test_a_position_on_a_missing_key_counts_length_zero(versioned):
    # Rule: APP-5 (the length counts as 0 when there is no object)
    with oss_error("PositionNotEqualToLength", 409) as info:
        versioned.append_object("k", 3, b"x")
    assert info.value.next_position == 0
    assert chain(versioned, "k") == []


def test_a_normal_object_is_not_appendable_whatever_the_position(versioned):
    # Rule: APP-6 (checked before APP-5)
    versioned.put_object("k", b"normal")
    for position in (0, 6, 99):
        with oss_error("ObjectNotAppendable", 409):
            versioned.append_object("k", position, b"x")


def test_a_multipart_object_is_not_appendable(versioned):
    # Rule: APP-6
    upload = versioned.init_multipart_upload("k").upload_id
    part = versioned.upload_part("k", upload, 1, b"p")
    versioned.complete_multipart_upload("k", upload, [PartInfo(1, part.etag)])
    with oss_error("ObjectNotAppendable", 409):
        versioned.append_object("k", 1, b"x")


def test_a_zero_byte_append_changes_nothing_but_time(versioned):
    # Rule: APP-9 (a zero-byte append at the right position succeeds)
    first = append_all(versioned, "k", [b"abc"])[0]
    empty = versioned.append_object("k", 3, b"", init_crc=first.crc)
    assert (empty.next_position, empty.crc, empty.versionid) == (3, first.crc, first.versionid)
    assert body_of(versioned, "k") == b"abc"


def test_unversioned_append_reports_no_version(bucket):
    # Rule: APP-3 (Unversioned: the chain becomes this one entry), RSP-1 (none)
    bucket.put_object("other", b"x")
    results = append_all(bucket, "k", [b"ab", b"cd"])
    assert [r.versionid for r in results] == [None, None]
    assert chain(bucket, "k") == [("null", False)]


def test_suspended_append_creates_null_and_replaces_the_null_entry(bucket):
    # Rule: APP-3 (in Suspended, PUT-3's null removal applies), RSP-1 (oss Suspended: null)
    bucket.put_object("k", b"unversioned")  # null
    enable(bucket)
    real = bucket.put_object("k", b"real").versionid
    bucket.delete_object("k")  # a DM head, so an append may create
    suspend(bucket)
    created = bucket.append_object("k", 0, b"app", init_crc=0)
    assert created.versionid == "null"
    entries = chain(bucket, "k")
    assert entries[0] == ("null", False)
    assert ("null", True) not in entries and (real, False) in entries
    assert body_of(bucket, "k") == b"app"


def test_an_append_creates_above_a_delete_marker(versioned):
    # Rule: APP-3 (a DM below stays as a noncurrent entry)
    old = versioned.put_object("k", b"old").versionid
    marker = versioned.delete_object("k").versionid
    created = append_all(versioned, "k", [b"new"])[0]
    assert chain(versioned, "k") == [(created.versionid, False), (marker, True), (old, False)]


def test_a_simple_delete_seals_the_appendable(versioned):
    # Rule: APP-7 (a simple DeleteObject seals the head appendable)
    created = append_all(versioned, "k", [b"abc"])[0]
    marker = versioned.delete_object("k").versionid
    versioned.delete_object("k", params={"versionId": marker})
    assert chain(versioned, "k") == [(created.versionid, False)]
    with oss_error("ObjectNotAppendable", 409):
        versioned.append_object("k", 3, b"def")


def test_a_copy_onto_the_key_seals_the_appendable(versioned):
    # Rule: APP-7 (a CopyObject onto the key)
    created = append_all(versioned, "k", [b"abc"])[0]
    versioned.put_object("src", b"source")
    copied = versioned.copy_object(versioned.bucket_name, "src", "k").versionid
    versioned.delete_object("k", params={"versionId": copied})
    assert chain(versioned, "k") == [(created.versionid, False)]
    with oss_error("ObjectNotAppendable", 409):
        versioned.append_object("k", 3, b"def")


def test_object_meta_of_an_appendable_has_the_next_position(versioned):
    # Rule: GET-8 (oss GetObjectMeta on an Appendable adds the next append position)
    created = append_all(versioned, "k", [b"abcd"])[0]
    meta = versioned.get_object_meta("k")
    assert (meta.versionid, meta.content_length) == (created.versionid, 4)
    assert meta.headers["x-oss-next-append-position"] == "4"


def test_the_appendable_etag_changes_with_every_non_empty_append(versioned):
    # Rule: CT-5 (opaque, deterministic, 32 upper-case hex digits; changes with every non-empty
    # append)
    first, second = append_all(versioned, "k", [b"abc", b"def"])
    for result in (first, second):
        assert len(result.etag) == 32 and result.etag == result.etag.upper()
        int(result.etag, 16)
    assert first.etag != second.etag
    empty = versioned.append_object("k", 6, b"", init_crc=second.crc)
    assert empty.etag == second.etag
