"""GetObject, HeadObject, GetObjectMeta (GET, RSP-3), Range reads and CRC-64 checks through
oss2. HEAD errors have no body; oss2 reads their code from `x-oss-err` (http.md §3.1)."""

import oss2
import pytest

from sdk_oss import body_of, chain, crc64, md5_upper, oss_error, read_checked


def test_the_head_is_read_with_its_id_and_metadata(versioned):
    # Rule: GET-1, RSP-3, CT-1, CT-3
    version = versioned.put_object("k", b"hello").versionid
    got = versioned.get_object("k")
    assert read_checked(got) == b"hello"
    assert (got.versionid, got.object_type, got.content_length) == (version, "Normal", 5)
    assert (got.etag, got.server_crc) == (md5_upper(b"hello"), crc64(b"hello"))
    assert got.last_modified is not None
    head = versioned.head_object("k")
    assert (head.versionid, head.etag, head.server_crc, head.content_length) == (
        version, md5_upper(b"hello"), crc64(b"hello"), 5,
    )


def test_unversioned_reads_report_no_version(bucket):
    # Rule: RSP-3 (none in an Unversioned bucket)
    bucket.put_object("k", b"x")
    assert bucket.get_object("k").versionid is None
    assert bucket.head_object("k").versionid is None


def test_suspended_reads_of_the_null_entry_report_null(suspended):
    # Rule: RSP-3 (the entry's ID, null included, in Suspended buckets)
    suspended.put_object("k", b"x")
    assert suspended.get_object("k").versionid == "null"


def test_a_marker_at_the_head_is_no_such_key_with_its_id(versioned):
    # Rule: GET-2 (NoSuchKey 404 carrying the DM flag and ID; HEAD too)
    versioned.put_object("k", b"x")
    marker = versioned.delete_object("k").versionid
    for read in (versioned.get_object, versioned.head_object, versioned.get_object_meta):
        with oss_error("NoSuchKey", 404) as info:
            read("k")
        assert info.value.headers["x-oss-delete-marker"] == "true"
        assert info.value.headers["x-oss-version-id"] == marker


def test_a_key_without_entries_is_no_such_key_without_marker(versioned):
    # Rule: GET-3
    for read in (versioned.get_object, versioned.head_object):
        with oss_error("NoSuchKey", 404) as info:
            read("never")
        assert "x-oss-delete-marker" not in info.value.headers
    assert versioned.object_exists("never") is False


def test_a_noncurrent_version_is_read_by_id(versioned):
    # Rule: GET-4
    first = versioned.put_object("k", b"one").versionid
    versioned.put_object("k", b"two")
    versioned.delete_object("k")
    assert body_of(versioned, "k", first) == b"one"
    assert versioned.head_object("k", params={"versionId": first}).versionid == first


def test_a_marker_by_id_is_method_not_allowed(versioned):
    # Rule: GET-5 (405 carrying the DM flag and ID, HEAD too)
    versioned.put_object("k", b"x")
    marker = versioned.delete_object("k").versionid
    for read in (versioned.get_object, versioned.head_object):
        with oss_error("MethodNotAllowed", 405) as info:
            read("k", params={"versionId": marker})
        assert info.value.headers["x-oss-delete-marker"] == "true"
        assert info.value.headers["x-oss-version-id"] == marker


def test_an_id_naming_nothing_is_no_such_version(versioned):
    # Rule: GET-6 (an issued ID of another key names nothing here)
    other = versioned.put_object("other", b"x").versionid
    versioned.put_object("k", b"x")
    for read in (versioned.get_object, versioned.head_object):
        with oss_error("NoSuchVersion", 404):
            read("k", params={"versionId": other})


def test_null_names_the_null_entry_even_unversioned(bucket):
    # Rule: GET-6 (null names the null entry in every state, Unversioned included)
    bucket.put_object("k", b"x")
    assert body_of(bucket, "k", "null") == b"x"


def test_null_when_there_is_no_null_entry_is_no_such_version(versioned):
    # Rule: GET-6
    versioned.put_object("k", b"x")
    with oss_error("NoSuchVersion", 404):
        versioned.get_object("k", params={"versionId": "null"})


def test_an_empty_version_id_is_invalid(versioned):
    # Rule: ID-6 (empty → InvalidArgument 400)
    versioned.put_object("k", b"x")
    with oss_error("InvalidArgument", 400):
        versioned.get_object("k", params={"versionId": ""})


def test_reads_and_failed_reads_change_nothing(versioned):
    # Rule: GET-7
    first = versioned.put_object("k", b"x").versionid
    marker = versioned.delete_object("k").versionid
    before = chain(versioned, "k")
    with pytest.raises(oss2.exceptions.ServerError):
        versioned.get_object("k")
    with pytest.raises(oss2.exceptions.ServerError):
        versioned.head_object("k", params={"versionId": marker})
    body_of(versioned, "k", first)
    versioned.get_object_meta("k", params={"versionId": first})
    assert chain(versioned, "k") == before


def test_object_meta_selects_like_a_read(versioned):
    # Rule: GET-8 (version ID, ETag, size and Last-Modified; same errors as GET-2..GET-6)
    first = versioned.put_object("k", b"abc").versionid
    second = versioned.put_object("k", b"defgh").versionid
    meta = versioned.get_object_meta("k")
    assert (meta.versionid, meta.etag, meta.content_length) == (second, md5_upper(b"defgh"), 5)
    assert meta.last_modified is not None
    old = versioned.get_object_meta("k", params={"versionId": first})
    assert (old.versionid, old.etag, old.content_length) == (first, md5_upper(b"abc"), 3)
    marker = versioned.delete_object("k").versionid
    with oss_error("MethodNotAllowed", 405):
        versioned.get_object_meta("k", params={"versionId": marker})


def test_a_range_read_is_206_with_its_bytes_and_the_whole_crc(versioned):
    # http.md §5.2 (Range → 206 with Content-Range; the CRC header is the whole object's)
    body = bytes(range(100))
    versioned.put_object("k", body)
    got = versioned.get_object("k", byte_range=(10, 19))
    assert got.status == 206
    assert got.content_range == "bytes 10-19/100"
    assert got.read() == body[10:20]
    assert got.server_crc == crc64(body)
    assert versioned.get_object("k", byte_range=(None, 5)).read() == body[-5:]
    assert versioned.get_object("k", byte_range=(95, None)).read() == body[95:]


def test_an_invalid_range_reads_the_whole_object(versioned):
    # http.md §5.2 (oss: an invalid range → 200 with the whole object, no Content-Range)
    versioned.put_object("k", b"0123456789")
    got = versioned.get_object("k", byte_range=(50, 60))
    assert got.status == 200 and got.content_range is None
    assert read_checked(got) == b"0123456789"


def test_a_range_of_an_old_version(versioned):
    # Rule: GET-4 with a Range
    first = versioned.put_object("k", b"0123456789").versionid
    versioned.put_object("k", b"abcdefghij")
    assert versioned.get_object("k", byte_range=(2, 4), params={"versionId": first}).read() == b"234"


def test_downloads_to_a_file_are_crc_checked(versioned, tmp_path):
    # CT-1, CT-2: oss2's get_object_to_file checks the body's CRC-64 against the header
    data = bytes(range(256)) * 1000
    versioned.put_object("normal", data)
    versioned.append_object("appendable", 0, data[:1000], init_crc=0)
    versioned.append_object("appendable", 1000, data[1000:], init_crc=crc64(data[:1000]))
    for key in ("normal", "appendable"):
        target = tmp_path / key
        result = versioned.get_object_to_file(key, str(target))
        assert result.server_crc == crc64(data)
        assert target.read_bytes() == data
