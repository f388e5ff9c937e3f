"""Multipart upload (MPU) through boto3, UploadPartCopy with ranges included."""

import pytest

from sdk_common import md5_hex, multipart_etag
from sdk_s3 import body_of, chain, s3_error

MIN_PART = 5 * 1024 * 1024  # MPU-6, s3


def initiate(s3, bucket, key="k", **kwargs):
    return s3.create_multipart_upload(Bucket=bucket, Key=key, **kwargs)["UploadId"]


def upload(s3, bucket, upload_id, number, body, key="k"):
    etag = s3.upload_part(
        Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=number, Body=body
    )["ETag"]
    return {"PartNumber": number, "ETag": etag}


def complete(s3, bucket, upload_id, parts, key="k", **kwargs):
    return s3.complete_multipart_upload(
        Bucket=bucket, Key=key, UploadId=upload_id, MultipartUpload={"Parts": parts}, **kwargs
    )


def uploads_of(s3, bucket, **kwargs):
    return [(u["Key"], u["UploadId"]) for u in s3.list_multipart_uploads(Bucket=bucket, **kwargs).get("Uploads", [])]


def test_a_whole_upload_becomes_one_new_version(s3, versioned):
    # Rule: MPU-1, MPU-7, RSP-1, CT-4
    old = s3.put_object(Bucket=versioned, Key="k", Body=b"old")["VersionId"]
    upload_id = initiate(s3, versioned)
    assert chain(s3, versioned, "k") == [(old, False)]  # MPU-1: no chain changes
    bodies = [b"a" * MIN_PART, b"b" * 1000]
    parts = [upload(s3, versioned, upload_id, n, body) for n, body in enumerate(bodies, start=1)]
    assert [p["ETag"] for p in parts] == [f'"{md5_hex(b)}"' for b in bodies]
    done = complete(s3, versioned, upload_id, parts)
    assert done["ETag"] == f'"{multipart_etag(bodies)}"'
    assert done["VersionId"] not in (old, "null")
    assert chain(s3, versioned, "k") == [(done["VersionId"], False), (old, False)]
    assert body_of(s3, versioned, "k") == b"".join(bodies)
    assert uploads_of(s3, versioned) == []


def test_several_uploads_of_one_key_list_in_initiation_order(s3, versioned):
    # Rule: MPU-1 (several uploads per key), MPU-10 (s3: key, then initiation order)
    first = initiate(s3, versioned, "b")
    second = initiate(s3, versioned, "b")
    third = initiate(s3, versioned, "a")
    assert len({first, second, third}) == 3
    assert uploads_of(s3, versioned) == [("a", third), ("b", first), ("b", second)]


def test_list_uploads_with_prefix_delimiter_and_markers(s3, versioned):
    # Rule: MPU-10 (prefix, delimiter, key_marker, max_uploads as in LST)
    ids = {key: initiate(s3, versioned, key) for key in ("dir/a", "dir/b", "top")}
    listed = s3.list_multipart_uploads(Bucket=versioned, Delimiter="/")
    assert [u["Key"] for u in listed.get("Uploads", [])] == ["top"]
    assert [p["Prefix"] for p in listed.get("CommonPrefixes", [])] == ["dir/"]
    assert uploads_of(s3, versioned, Prefix="dir/") == [("dir/a", ids["dir/a"]), ("dir/b", ids["dir/b"])]
    assert uploads_of(s3, versioned, KeyMarker="dir/a") == [("dir/b", ids["dir/b"]), ("top", ids["top"])]
    page = s3.list_multipart_uploads(Bucket=versioned, MaxUploads=1)
    assert page["IsTruncated"] is True
    assert [u["Key"] for u in page["Uploads"]] == ["dir/a"]
    rest = s3.list_multipart_uploads(
        Bucket=versioned,
        KeyMarker=page["NextKeyMarker"],
        UploadIdMarker=page["NextUploadIdMarker"],
    )
    assert [u["Key"] for u in rest["Uploads"]] == ["dir/b", "top"]


def test_list_parts_pages_by_part_number(s3, versioned):
    # Rule: MPU-9
    upload_id = initiate(s3, versioned)
    for number in (3, 1, 2):
        upload(s3, versioned, upload_id, number, bytes([number]) * 10)
    listed = s3.list_parts(Bucket=versioned, Key="k", UploadId=upload_id)
    assert [(p["PartNumber"], p["Size"]) for p in listed["Parts"]] == [(1, 10), (2, 10), (3, 10)]
    page = s3.list_parts(Bucket=versioned, Key="k", UploadId=upload_id, MaxParts=2)
    assert [p["PartNumber"] for p in page["Parts"]] == [1, 2]
    assert page["IsTruncated"] is True and page["NextPartNumberMarker"] == 2
    rest = s3.list_parts(
        Bucket=versioned, Key="k", UploadId=upload_id, PartNumberMarker=page["NextPartNumberMarker"]
    )
    assert [p["PartNumber"] for p in rest["Parts"]] == [3]
    assert rest["IsTruncated"] is False


def test_uploading_a_part_again_replaces_it(s3, versioned):
    # Rule: MPU-2
    upload_id = initiate(s3, versioned)
    upload(s3, versioned, upload_id, 1, b"first")
    again = upload(s3, versioned, upload_id, 1, b"second")
    listed = s3.list_parts(Bucket=versioned, Key="k", UploadId=upload_id)["Parts"]
    assert [(p["PartNumber"], p["ETag"]) for p in listed] == [(1, again["ETag"])]
    complete(s3, versioned, upload_id, [again])
    assert body_of(s3, versioned, "k") == b"second"


@pytest.mark.parametrize("number", [0, 10001])
def test_part_numbers_outside_1_to_10000_are_refused(s3, versioned, number):
    # Rule: MPU-2 (InvalidArgument 400)
    upload_id = initiate(s3, versioned)
    with s3_error("InvalidArgument", 400):
        s3.upload_part(Bucket=versioned, Key="k", UploadId=upload_id, PartNumber=number, Body=b"x")


def test_an_aborted_upload_is_gone(s3, versioned):
    # Rule: MPU-8, MPU-3
    upload_id = initiate(s3, versioned)
    part = upload(s3, versioned, upload_id, 1, b"x")
    s3.abort_multipart_upload(Bucket=versioned, Key="k", UploadId=upload_id)
    assert uploads_of(s3, versioned) == []
    with s3_error("NoSuchUpload", 404):
        upload(s3, versioned, upload_id, 2, b"y")
    with s3_error("NoSuchUpload", 404):
        s3.list_parts(Bucket=versioned, Key="k", UploadId=upload_id)
    with s3_error("NoSuchUpload", 404):
        complete(s3, versioned, upload_id, [part])
    with s3_error("NoSuchUpload", 404):
        s3.abort_multipart_upload(Bucket=versioned, Key="k", UploadId=upload_id)
    assert chain(s3, versioned, "k") == []


def test_a_second_complete_fails_and_changes_nothing(s3, versioned):
    # Rule: MPU-3
    upload_id = initiate(s3, versioned)
    part = upload(s3, versioned, upload_id, 1, b"x")
    done = complete(s3, versioned, upload_id, [part])
    with s3_error("NoSuchUpload", 404):
        complete(s3, versioned, upload_id, [part])
    assert chain(s3, versioned, "k") == [(done["VersionId"], False)]


def test_an_unknown_upload_id_is_no_such_upload(s3, versioned, new_bucket):
    # Rule: MPU-3 (an upload ID of another bucket is unknown here)
    elsewhere = new_bucket("-other")
    foreign = initiate(s3, elsewhere)
    with s3_error("NoSuchUpload", 404):
        upload(s3, versioned, foreign, 1, b"x")


def test_parts_must_be_listed_in_ascending_order(s3, versioned):
    # Rule: MPU-4 (InvalidPartOrder 400), ERR-2. Both parts are full-size, so that the order is
    # the only thing wrong (MPU-6 does not apply).
    upload_id = initiate(s3, versioned)
    first = upload(s3, versioned, upload_id, 1, b"a" * MIN_PART)
    second = upload(s3, versioned, upload_id, 2, b"b" * MIN_PART)
    with s3_error("InvalidPartOrder", 400):
        complete(s3, versioned, upload_id, [second, first])
    assert chain(s3, versioned, "k") == []
    complete(s3, versioned, upload_id, [first, second])  # the upload is still there


def test_an_empty_part_list_is_malformed(s3, versioned):
    # Rule: MPU-4 (MalformedXML 400)
    upload_id = initiate(s3, versioned)
    upload(s3, versioned, upload_id, 1, b"x")
    with s3_error("MalformedXML", 400):
        complete(s3, versioned, upload_id, [])


def test_a_part_with_the_wrong_etag_is_invalid(s3, versioned):
    # Rule: MPU-5 (InvalidPart 400)
    upload_id = initiate(s3, versioned)
    upload(s3, versioned, upload_id, 1, b"x")
    with s3_error("InvalidPart", 400):
        complete(s3, versioned, upload_id, [{"PartNumber": 1, "ETag": f'"{md5_hex(b"y")}"'}])
    with s3_error("InvalidPart", 400):
        complete(s3, versioned, upload_id, [{"PartNumber": 2, "ETag": f'"{md5_hex(b"x")}"'}])


def test_a_small_part_before_the_last_is_entity_too_small(s3, versioned):
    # Rule: MPU-6 (s3: 5 MiB minimum except for the last part)
    upload_id = initiate(s3, versioned)
    small = upload(s3, versioned, upload_id, 1, b"a" * (MIN_PART - 1))
    last = upload(s3, versioned, upload_id, 2, b"b")
    with s3_error("EntityTooSmall", 400):
        complete(s3, versioned, upload_id, [small, last])
    assert chain(s3, versioned, "k") == []


def test_gaps_are_allowed_and_unlisted_parts_dropped(s3, versioned):
    # Rule: MPU-4 (gaps allowed), MPU-7 (unlisted parts are dropped), CT-4
    upload_id = initiate(s3, versioned)
    one = upload(s3, versioned, upload_id, 1, b"1" * MIN_PART)
    upload(s3, versioned, upload_id, 2, b"2" * MIN_PART)
    three = upload(s3, versioned, upload_id, 3, b"3")
    done = complete(s3, versioned, upload_id, [one, three])
    assert done["ETag"] == f'"{multipart_etag([b"1" * MIN_PART, b"3"])}"'
    assert body_of(s3, versioned, "k") == b"1" * MIN_PART + b"3"


def test_unversioned_complete_replaces_the_object(s3, bucket):
    # Rule: MPU-7 (as a PutObject: PUT-1), RSP-1 (none)
    s3.put_object(Bucket=bucket, Key="k", Body=b"old")
    upload_id = initiate(s3, bucket)
    part = upload(s3, bucket, upload_id, 1, b"new")
    done = complete(s3, bucket, upload_id, [part])
    assert "VersionId" not in done
    assert chain(s3, bucket, "k") == [("null", False)]
    assert body_of(s3, bucket, "k") == b"new"


def test_upload_part_copy_of_a_range_of_an_old_version(s3, versioned):
    # Rule: MPU-12 (a source version selected as CPY-1, a byte range first..=last), RSP-5
    source = bytes(range(256)) * 64
    first = s3.put_object(Bucket=versioned, Key="src", Body=source)["VersionId"]
    s3.put_object(Bucket=versioned, Key="src", Body=b"newer")
    upload_id = initiate(s3, versioned)
    copied = s3.upload_part_copy(
        Bucket=versioned,
        Key="k",
        UploadId=upload_id,
        PartNumber=1,
        CopySource={"Bucket": versioned, "Key": "src", "VersionId": first},
        CopySourceRange="bytes=100-1123",
    )
    assert copied["CopySourceVersionId"] == first
    assert copied["CopyPartResult"]["ETag"] == f'"{md5_hex(source[100:1124])}"'
    done = complete(
        s3, versioned, upload_id, [{"PartNumber": 1, "ETag": copied["CopyPartResult"]["ETag"]}]
    )
    assert body_of(s3, versioned, "k") == source[100:1124]
    assert chain(s3, versioned, "k") == [(done["VersionId"], False)]


def test_upload_part_copy_of_a_whole_head(s3, versioned):
    # Rule: MPU-12 (whole source), CPY-1
    head = s3.put_object(Bucket=versioned, Key="src", Body=b"whole")
    upload_id = initiate(s3, versioned)
    copied = s3.upload_part_copy(
        Bucket=versioned, Key="k", UploadId=upload_id, PartNumber=1,
        CopySource={"Bucket": versioned, "Key": "src"},
    )
    assert copied["CopySourceVersionId"] == head["VersionId"]
    assert copied["CopyPartResult"]["ETag"] == head["ETag"]


@pytest.mark.parametrize("byte_range", ["bytes=0-10", "bytes=5-4"])
def test_upload_part_copy_outside_the_source_is_invalid_range(s3, versioned, byte_range):
    # Rule: MPU-12 (last >= size or first > last → s3 InvalidRange 416)
    s3.put_object(Bucket=versioned, Key="src", Body=b"0123456789")
    upload_id = initiate(s3, versioned)
    with s3_error("InvalidRange", 416):
        s3.upload_part_copy(
            Bucket=versioned, Key="k", UploadId=upload_id, PartNumber=1,
            CopySource={"Bucket": versioned, "Key": "src"}, CopySourceRange=byte_range,
        )
    assert s3.list_parts(Bucket=versioned, Key="k", UploadId=upload_id).get("Parts", []) == []


def test_upload_part_copy_of_a_marker_version_is_invalid_request(s3, versioned):
    # Rule: MPU-12 (source selected as CPY-3: s3 InvalidRequest 400 for a DM version)
    s3.put_object(Bucket=versioned, Key="src", Body=b"x")
    marker = s3.delete_object(Bucket=versioned, Key="src")["VersionId"]
    upload_id = initiate(s3, versioned)
    with s3_error("InvalidRequest", 400):
        s3.upload_part_copy(
            Bucket=versioned, Key="k", UploadId=upload_id, PartNumber=1,
            CopySource={"Bucket": versioned, "Key": "src", "VersionId": marker},
        )
    with s3_error("NoSuchKey", 404):
        s3.upload_part_copy(
            Bucket=versioned, Key="k", UploadId=upload_id, PartNumber=1,
            CopySource={"Bucket": versioned, "Key": "src"},
        )
