"""GetObject, HeadObject and GetObjectAttributes (GET, RSP-3), Range reads, through boto3."""

import pytest
from botocore.exceptions import ClientError

from sdk_common import md5_hex, multipart_etag
from sdk_s3 import body_of, chain, headers_of, s3_error

ATTRIBUTES = ["ETag", "ObjectSize", "ObjectParts", "StorageClass"]


def test_the_head_is_read_with_its_id_and_metadata(s3, versioned):
    # Rule: GET-1, RSP-3
    version = s3.put_object(Bucket=versioned, Key="k", Body=b"hello")["VersionId"]
    got = s3.get_object(Bucket=versioned, Key="k")
    assert got["Body"].read() == b"hello"
    assert got["VersionId"] == version
    assert got["ContentLength"] == 5
    assert got["ETag"] == f'"{md5_hex(b"hello")}"'
    assert got["LastModified"] is not None
    head = s3.head_object(Bucket=versioned, Key="k")
    assert (head["VersionId"], head["ContentLength"], head["ETag"]) == (
        version,
        5,
        got["ETag"],
    )


def test_a_marker_at_the_head_is_no_such_key_with_its_id(s3, versioned):
    # Rule: GET-2 (NoSuchKey 404 carrying the DM flag and ID), RSP-3
    s3.put_object(Bucket=versioned, Key="k", Body=b"x")
    marker = s3.delete_object(Bucket=versioned, Key="k")["VersionId"]
    with s3_error("NoSuchKey", 404) as info:
        s3.get_object(Bucket=versioned, Key="k")
    headers = headers_of(info.value)
    assert headers["x-amz-delete-marker"] == "true"
    assert headers["x-amz-version-id"] == marker
    # HEAD: no body, so botocore reports the status as the code (http.md §3.1)
    with s3_error("404", 404) as info:
        s3.head_object(Bucket=versioned, Key="k")
    assert headers_of(info.value)["x-amz-delete-marker"] == "true"
    assert headers_of(info.value)["x-amz-version-id"] == marker


def test_a_key_without_entries_is_no_such_key_without_marker(s3, versioned):
    # Rule: GET-3
    with s3_error("NoSuchKey", 404) as info:
        s3.get_object(Bucket=versioned, Key="never")
    assert "x-amz-delete-marker" not in headers_of(info.value)
    with s3_error("404", 404):
        s3.head_object(Bucket=versioned, Key="never")


def test_a_noncurrent_version_is_read_by_id(s3, versioned):
    # Rule: GET-4
    first = s3.put_object(Bucket=versioned, Key="k", Body=b"one")["VersionId"]
    s3.put_object(Bucket=versioned, Key="k", Body=b"two")
    s3.delete_object(Bucket=versioned, Key="k")
    got = s3.get_object(Bucket=versioned, Key="k", VersionId=first)
    assert (got["Body"].read(), got["VersionId"]) == (b"one", first)
    assert s3.head_object(Bucket=versioned, Key="k", VersionId=first)["VersionId"] == first


def test_a_marker_by_id_is_method_not_allowed(s3, versioned):
    # Rule: GET-5 (405 with the DM flag and ID; HEAD too)
    s3.put_object(Bucket=versioned, Key="k", Body=b"x")
    marker = s3.delete_object(Bucket=versioned, Key="k")["VersionId"]
    with s3_error("MethodNotAllowed", 405) as info:
        s3.get_object(Bucket=versioned, Key="k", VersionId=marker)
    headers = headers_of(info.value)
    assert headers["x-amz-delete-marker"] == "true"
    assert headers["x-amz-version-id"] == marker
    assert headers.get("allow") == "DELETE"
    with s3_error("405", 405) as info:
        s3.head_object(Bucket=versioned, Key="k", VersionId=marker)
    assert headers_of(info.value)["x-amz-delete-marker"] == "true"


def test_an_id_naming_nothing_is_no_such_version(s3, versioned):
    # Rule: GET-6 (an issued ID of another key names nothing here)
    other = s3.put_object(Bucket=versioned, Key="other", Body=b"x")["VersionId"]
    s3.put_object(Bucket=versioned, Key="k", Body=b"x")
    with s3_error("NoSuchVersion", 404):
        s3.get_object(Bucket=versioned, Key="k", VersionId=other)
    with s3_error("404", 404):
        s3.head_object(Bucket=versioned, Key="k", VersionId=other)


def test_null_names_the_null_entry_even_unversioned(s3, bucket):
    # Rule: GET-6 (null names the null entry in every state, Unversioned included)
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    assert body_of(s3, bucket, "k", VersionId="null") == b"x"


def test_null_when_there_is_no_null_entry_is_no_such_version(s3, versioned):
    # Rule: GET-6
    s3.put_object(Bucket=versioned, Key="k", Body=b"x")
    with s3_error("NoSuchVersion", 404):
        s3.get_object(Bucket=versioned, Key="k", VersionId="null")


def test_an_empty_version_id_is_invalid(s3, versioned):
    # Rule: ID-6 (empty → InvalidArgument 400)
    s3.put_object(Bucket=versioned, Key="k", Body=b"x")
    with s3_error("InvalidArgument", 400):
        s3.get_object(Bucket=versioned, Key="k", VersionId="")


def test_reads_and_failed_reads_change_nothing(s3, versioned):
    # Rule: GET-7
    first = s3.put_object(Bucket=versioned, Key="k", Body=b"x")["VersionId"]
    marker = s3.delete_object(Bucket=versioned, Key="k")["VersionId"]
    before = chain(s3, versioned, "k")
    for call in (
        lambda: s3.get_object(Bucket=versioned, Key="k"),
        lambda: s3.get_object(Bucket=versioned, Key="k", VersionId=marker),
        lambda: s3.head_object(Bucket=versioned, Key="k"),
    ):
        with pytest.raises(ClientError):
            call()
    s3.get_object(Bucket=versioned, Key="k", VersionId=first)["Body"].read()
    assert chain(s3, versioned, "k") == before


def test_a_range_read_is_206_with_its_bytes(s3, versioned):
    # Rule: GET-1 (http.md §5.2: Range → 206 with Content-Range)
    body = bytes(range(100))
    s3.put_object(Bucket=versioned, Key="k", Body=body)
    got = s3.get_object(Bucket=versioned, Key="k", Range="bytes=10-19")
    assert got["ResponseMetadata"]["HTTPStatusCode"] == 206
    assert got["ContentRange"] == "bytes 10-19/100"
    assert got["Body"].read() == body[10:20]
    suffix = s3.get_object(Bucket=versioned, Key="k", Range="bytes=-5")
    assert suffix["Body"].read() == body[-5:]


def test_a_range_of_an_old_version(s3, versioned):
    # Rule: GET-4 with a Range
    first = s3.put_object(Bucket=versioned, Key="k", Body=b"0123456789")["VersionId"]
    s3.put_object(Bucket=versioned, Key="k", Body=b"abcdefghij")
    got = s3.get_object(Bucket=versioned, Key="k", VersionId=first, Range="bytes=2-4")
    assert got["Body"].read() == b"234"


def test_an_unsatisfiable_range_is_416(s3, versioned):
    # http.md §5.2: s3 unsatisfiable → InvalidRange 416
    s3.put_object(Bucket=versioned, Key="k", Body=b"0123456789")
    with s3_error("InvalidRange", 416):
        s3.get_object(Bucket=versioned, Key="k", Range="bytes=50-60")


def test_attributes_of_the_head_and_of_a_version(s3, versioned):
    # Rule: GET-8 (ETag unquoted, size, Last-Modified, the reported ID)
    first = s3.put_object(Bucket=versioned, Key="k", Body=b"abc")["VersionId"]
    second = s3.put_object(Bucket=versioned, Key="k", Body=b"defgh")["VersionId"]
    head = s3.get_object_attributes(Bucket=versioned, Key="k", ObjectAttributes=ATTRIBUTES)
    assert (head["VersionId"], head["ETag"], head["ObjectSize"]) == (second, md5_hex(b"defgh"), 5)
    assert head["StorageClass"] == "STANDARD"
    assert head["LastModified"] is not None
    old = s3.get_object_attributes(
        Bucket=versioned, Key="k", VersionId=first, ObjectAttributes=ATTRIBUTES
    )
    assert (old["VersionId"], old["ETag"], old["ObjectSize"]) == (first, md5_hex(b"abc"), 3)
    assert "ObjectParts" not in head


def test_attributes_of_a_multipart_object_count_its_parts(s3, versioned):
    # Rule: GET-8 (s3 adds the part count of a Multipart object), CT-4
    parts = [b"a" * (5 * 1024 * 1024), b"tail"]
    upload = s3.create_multipart_upload(Bucket=versioned, Key="k")["UploadId"]
    listed = []
    for number, part in enumerate(parts, start=1):
        etag = s3.upload_part(
            Bucket=versioned, Key="k", UploadId=upload, PartNumber=number, Body=part
        )["ETag"]
        listed.append({"PartNumber": number, "ETag": etag})
    done = s3.complete_multipart_upload(
        Bucket=versioned, Key="k", UploadId=upload, MultipartUpload={"Parts": listed}
    )
    attributes = s3.get_object_attributes(Bucket=versioned, Key="k", ObjectAttributes=ATTRIBUTES)
    assert attributes["ObjectParts"]["TotalPartsCount"] == 2
    assert attributes["ETag"] == multipart_etag(parts)
    assert attributes["VersionId"] == done["VersionId"]
    assert attributes["ObjectSize"] == sum(map(len, parts))


def test_attributes_select_entries_as_reads_do(s3, versioned):
    # Rule: GET-8 (same errors as GET-2, GET-5, GET-6)
    other = s3.put_object(Bucket=versioned, Key="other", Body=b"x")["VersionId"]
    s3.put_object(Bucket=versioned, Key="k", Body=b"x")
    marker = s3.delete_object(Bucket=versioned, Key="k")["VersionId"]
    with s3_error("NoSuchKey", 404) as info:
        s3.get_object_attributes(Bucket=versioned, Key="k", ObjectAttributes=ATTRIBUTES)
    assert headers_of(info.value)["x-amz-delete-marker"] == "true"
    with s3_error("MethodNotAllowed", 405):
        s3.get_object_attributes(
            Bucket=versioned, Key="k", VersionId=marker, ObjectAttributes=ATTRIBUTES
        )
    with s3_error("NoSuchVersion", 404):
        s3.get_object_attributes(
            Bucket=versioned, Key="k", VersionId=other, ObjectAttributes=ATTRIBUTES
        )


def test_metadata_and_content_type_per_version(s3, versioned):
    # Rule: TAG-5 (content type, user metadata and storage class per version; default
    # binary/octet-stream)
    first = s3.put_object(Bucket=versioned, Key="k", Body=b"x")["VersionId"]
    second = s3.put_object(
        Bucket=versioned,
        Key="k",
        Body=b"y",
        ContentType="text/plain",
        Metadata={"Colour": "red"},
        StorageClass="STANDARD_IA",
    )["VersionId"]
    old = s3.head_object(Bucket=versioned, Key="k", VersionId=first)
    assert old["ContentType"] == "binary/octet-stream"
    assert old["Metadata"] == {}
    new = s3.head_object(Bucket=versioned, Key="k", VersionId=second)
    assert new["ContentType"] == "text/plain"
    assert new["Metadata"] == {"colour": "red"}
    assert new["StorageClass"] == "STANDARD_IA"


def test_an_unknown_storage_class_is_refused(s3, versioned):
    # Rule: TAG-5 (InvalidStorageClass 400)
    with s3_error("InvalidStorageClass", 400):
        s3.put_object(Bucket=versioned, Key="k", Body=b"x", StorageClass="PLATINUM")
    assert chain(s3, versioned, "k") == []
