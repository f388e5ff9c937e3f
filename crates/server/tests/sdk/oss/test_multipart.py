"""Multipart upload (MPU) through oss2, `determine_part_size` and UploadPartCopy included.

Parts are listed for Complete with their size and CRC-64, so that oss2 recomputes the
object's CRC-64 from them and checks the server's (CT-2).
"""

import oss2
import pytest
from oss2.models import PartInfo

from sdk_common import md5_hex, multipart_etag
from sdk_oss import body_of, chain, crc64, oss_error, suspend

MIN_PART = 100 * 1024  # MPU-6, oss


def upload(bucket, upload_id, number, body, key="k"):
    result = bucket.upload_part(key, upload_id, number, body)
    assert result.crc == crc64(body)  # oss2 checked it too
    return PartInfo(number, result.etag, size=len(body), part_crc=result.crc)


def uploads_of(bucket, **kwargs):
    return [(u.key, u.upload_id) for u in bucket.list_multipart_uploads(**kwargs).upload_list]


@pytest.mark.parametrize(
    "total, preferred, expected",
    [
        (5 * 1024 * 1024, 0, 5 * 1024 * 1024),  # 0 means 10 MiB; total < preferred → total
        (40 * 1024, 50 * 1024, 40 * 1024),  # total < preferred → total
        (200 * 1024, 50 * 1024, 100 * 1024),  # doubled up to 100 KiB
        (10 * 1024 * 1024 * 10_000 + 1, 10 * 1024 * 1024, 20 * 1024 * 1024),  # at most 10000 parts
        (300 * 1024, 100 * 1024, 100 * 1024),
    ],
)
def test_determine_part_size_is_the_rule(total, preferred, expected):
    # Rule: MPU-11 (the oss SDK's function, which the model mirrors)
    assert oss2.determine_part_size(total, preferred_size=preferred) == expected


def test_a_whole_upload_becomes_one_new_version(versioned):
    # Rule: MPU-1, MPU-7, RSP-1, CT-4 (upper-case for oss), CT-2
    old = versioned.put_object("k", b"old").versionid
    upload_id = versioned.init_multipart_upload("k").upload_id
    assert chain(versioned, "k") == [(old, False)]  # MPU-1
    bodies = [b"a" * MIN_PART, b"b" * 1000]
    parts = [upload(versioned, upload_id, n, body) for n, body in enumerate(bodies, start=1)]
    assert [p.etag for p in parts] == [md5_hex(b).upper() for b in bodies]
    done = versioned.complete_multipart_upload("k", upload_id, parts)
    assert done.etag == multipart_etag(bodies).upper()
    assert done.crc == crc64(b"".join(bodies))
    assert done.versionid not in (None, "null", old)
    assert chain(versioned, "k") == [(done.versionid, False), (old, False)]
    assert body_of(versioned, "k") == b"".join(bodies)
    assert versioned.head_object("k").object_type == "Multipart"
    assert uploads_of(versioned) == []


def test_several_uploads_of_one_key_list_by_key_then_upload_id(versioned):
    # Rule: MPU-1 (several uploads per key), MPU-10 (oss: key ascending, then upload ID)
    b_ids = sorted(versioned.init_multipart_upload("b").upload_id for _ in range(2))
    a_id = versioned.init_multipart_upload("a").upload_id
    assert len(set(b_ids + [a_id])) == 3
    assert uploads_of(versioned) == [("a", a_id)] + [("b", u) for u in b_ids]


def test_list_uploads_with_prefix_delimiter_and_markers(versioned):
    # Rule: MPU-10
    ids = {key: versioned.init_multipart_upload(key).upload_id for key in ("dir/a", "dir/b", "top")}
    listed = versioned.list_multipart_uploads(delimiter="/")
    assert [u.key for u in listed.upload_list] == ["top"]
    assert listed.prefix_list == ["dir/"]
    assert uploads_of(versioned, prefix="dir/") == [("dir/a", ids["dir/a"]), ("dir/b", ids["dir/b"])]
    assert uploads_of(versioned, key_marker="dir/a") == [("dir/b", ids["dir/b"]), ("top", ids["top"])]
    page = versioned.list_multipart_uploads(max_uploads=1)
    assert page.is_truncated and [u.key for u in page.upload_list] == ["dir/a"]
    rest = versioned.list_multipart_uploads(
        key_marker=page.next_key_marker, upload_id_marker=page.next_upload_id_marker
    )
    assert [u.key for u in rest.upload_list] == ["dir/b", "top"]


def test_list_parts_pages_by_part_number(versioned):
    # Rule: MPU-9
    upload_id = versioned.init_multipart_upload("k").upload_id
    for number in (3, 1, 2):
        upload(versioned, upload_id, number, bytes([number]) * 10)
    listed = versioned.list_parts("k", upload_id)
    assert [(p.part_number, p.size) for p in listed.parts] == [(1, 10), (2, 10), (3, 10)]
    assert listed.is_truncated is False
    page = versioned.list_parts("k", upload_id, max_parts=2)
    assert [p.part_number for p in page.parts] == [1, 2]
    assert page.is_truncated and page.next_marker == "2"
    rest = versioned.list_parts("k", upload_id, marker=page.next_marker)
    assert [p.part_number for p in rest.parts] == [3]


def test_uploading_a_part_again_replaces_it(versioned):
    # Rule: MPU-2
    upload_id = versioned.init_multipart_upload("k").upload_id
    upload(versioned, upload_id, 1, b"first")
    again = upload(versioned, upload_id, 1, b"second")
    assert [(p.part_number, p.etag) for p in versioned.list_parts("k", upload_id).parts] == [(1, again.etag)]
    versioned.complete_multipart_upload("k", upload_id, [again])
    assert body_of(versioned, "k") == b"second"


@pytest.mark.parametrize("number", [0, 10001])
def test_part_numbers_outside_1_to_10000_are_refused(versioned, number):
    # Rule: MPU-2 (InvalidArgument 400)
    upload_id = versioned.init_multipart_upload("k").upload_id
    with oss_error("InvalidArgument", 400):
        versioned.upload_part("k", upload_id, number, b"x")


def test_an_aborted_upload_is_gone(versioned):
    # Rule: MPU-8, MPU-3
    upload_id = versioned.init_multipart_upload("k").upload_id
    part = upload(versioned, upload_id, 1, b"x")
    versioned.abort_multipart_upload("k", upload_id)
    assert uploads_of(versioned) == []
    with oss_error("NoSuchUpload", 404):
        versioned.upload_part("k", upload_id, 2, b"y")
    with oss_error("NoSuchUpload", 404):
        versioned.list_parts("k", upload_id)
    with oss_error("NoSuchUpload", 404):
        versioned.complete_multipart_upload("k", upload_id, [part])
    with oss_error("NoSuchUpload", 404):
        versioned.abort_multipart_upload("k", upload_id)
    assert chain(versioned, "k") == []


def test_a_second_complete_fails_and_changes_nothing(versioned):
    # Rule: MPU-3
    upload_id = versioned.init_multipart_upload("k").upload_id
    part = upload(versioned, upload_id, 1, b"x")
    done = versioned.complete_multipart_upload("k", upload_id, [part])
    with oss_error("NoSuchUpload", 404):
        versioned.complete_multipart_upload("k", upload_id, [part])
    assert chain(versioned, "k") == [(done.versionid, False)]


def test_a_repeated_part_number_is_invalid_part_order(versioned):
    # Rule: MPU-4 (strictly ascending; oss2 sorts the list itself, so a repeat is the way to
    # break the order)
    upload_id = versioned.init_multipart_upload("k").upload_id
    part = upload(versioned, upload_id, 1, b"x")
    with oss_error("InvalidPartOrder", 400):
        versioned.complete_multipart_upload("k", upload_id, [part, part])
    assert chain(versioned, "k") == []


def test_an_empty_part_list_is_malformed(versioned):
    # Rule: MPU-4 (MalformedXML 400)
    upload_id = versioned.init_multipart_upload("k").upload_id
    upload(versioned, upload_id, 1, b"x")
    with oss_error("MalformedXML", 400):
        versioned.complete_multipart_upload("k", upload_id, [])


def test_a_part_with_the_wrong_etag_is_invalid(versioned):
    # Rule: MPU-5 (InvalidPart 400)
    upload_id = versioned.init_multipart_upload("k").upload_id
    upload(versioned, upload_id, 1, b"x")
    with oss_error("InvalidPart", 400):
        versioned.complete_multipart_upload("k", upload_id, [PartInfo(1, md5_hex(b"y").upper())])
    with oss_error("InvalidPart", 400):
        versioned.complete_multipart_upload("k", upload_id, [PartInfo(2, md5_hex(b"x").upper())])


def test_a_small_part_before_the_last_is_entity_too_small(versioned):
    # Rule: MPU-6 (oss: 102400 bytes except for the last part)
    upload_id = versioned.init_multipart_upload("k").upload_id
    small = upload(versioned, upload_id, 1, b"a" * (MIN_PART - 1))
    last = upload(versioned, upload_id, 2, b"b")
    with oss_error("EntityTooSmall", 400):
        versioned.complete_multipart_upload("k", upload_id, [small, last])
    assert chain(versioned, "k") == []


def test_gaps_are_allowed_and_unlisted_parts_dropped(versioned):
    # Rule: MPU-4, MPU-7, CT-2, CT-4
    upload_id = versioned.init_multipart_upload("k").upload_id
    one = upload(versioned, upload_id, 1, b"1" * MIN_PART)
    upload(versioned, upload_id, 2, b"2" * MIN_PART)
    three = upload(versioned, upload_id, 3, b"3")
    done = versioned.complete_multipart_upload("k", upload_id, [one, three])
    assert done.etag == multipart_etag([b"1" * MIN_PART, b"3"]).upper()
    assert body_of(versioned, "k") == b"1" * MIN_PART + b"3"


def test_suspended_complete_gives_null(versioned):
    # Rule: MPU-7 (the state at Complete decides), RSP-1 (oss Suspended: null), PUT-3
    real = versioned.put_object("k", b"real").versionid
    upload_id = versioned.init_multipart_upload("k").upload_id
    part = upload(versioned, upload_id, 1, b"p")
    suspend(versioned)
    versioned.put_object("k", b"null-before")
    done = versioned.complete_multipart_upload("k", upload_id, [part])
    assert done.versionid == "null"
    assert chain(versioned, "k") == [("null", False), (real, False)]


def test_upload_part_copy_of_a_range_of_an_old_version(versioned):
    # Rule: MPU-12 (a source version, a byte range first..=last), RSP-5
    source = bytes(range(256)) * 64
    first = versioned.put_object("src", source).versionid
    versioned.put_object("src", b"newer")
    upload_id = versioned.init_multipart_upload("k").upload_id
    copied = versioned.upload_part_copy(
        versioned.bucket_name, "src", (100, 1123), "k", upload_id, 1, params={"versionId": first}
    )
    assert copied.headers["x-oss-copy-source-version-id"] == first
    assert copied.etag == md5_hex(source[100:1124]).upper()
    done = versioned.complete_multipart_upload("k", upload_id, [PartInfo(1, copied.etag)])
    assert body_of(versioned, "k") == source[100:1124]
    assert chain(versioned, "k") == [(done.versionid, False)]


def test_upload_part_copy_outside_the_source_is_invalid_argument(versioned):
    # Rule: MPU-12 (last >= size or first > last → oss InvalidArgument 400)
    versioned.put_object("src", b"0123456789")
    upload_id = versioned.init_multipart_upload("k").upload_id
    for byte_range in ((0, 10), (5, 4)):
        with oss_error("InvalidArgument", 400):
            versioned.upload_part_copy(versioned.bucket_name, "src", byte_range, "k", upload_id, 1)
    assert versioned.list_parts("k", upload_id).parts == []


def test_upload_part_copy_of_a_marker_version_is_invalid_request(versioned):
    # Rule: MPU-12 (oss: a source version that is a DM → InvalidRequest 400)
    versioned.put_object("src", b"x")
    marker = versioned.delete_object("src").versionid
    upload_id = versioned.init_multipart_upload("k").upload_id
    with oss_error("InvalidRequest", 400):
        versioned.upload_part_copy(
            versioned.bucket_name, "src", None, "k", upload_id, 1, params={"versionId": marker}
        )
