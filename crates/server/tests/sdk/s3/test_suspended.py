"""Suspended buckets through boto3: the null version is replaced, never stacked (PUT-3,
DEL-4, ID-3), and entries with real IDs stay.

moto gets these wrong (issue 17: "moto destroys history in Suspended buckets"); they are the
divergences the conformance checker must report.
"""

from sdk_s3 import body_of, chain, enable_versioning, suspend_versioning


def test_puts_replace_the_null_version_and_keep_the_real_ones(s3, versioned):
    # Rule: PUT-3, ID-3
    first = s3.put_object(Bucket=versioned, Key="k", Body=b"v1")["VersionId"]
    suspend_versioning(s3, versioned)
    s3.put_object(Bucket=versioned, Key="k", Body=b"n1")
    s3.put_object(Bucket=versioned, Key="k", Body=b"n2")
    assert chain(s3, versioned, "k") == [("null", False), (first, False)]
    assert body_of(s3, versioned, "k", VersionId="null") == b"n2"
    assert body_of(s3, versioned, "k", VersionId=first) == b"v1"


def test_a_put_removes_a_null_version_buried_below_real_ones(s3, bucket):
    # Rule: PUT-3 (the null entry is removed wherever it sits)
    s3.put_object(Bucket=bucket, Key="k", Body=b"unversioned")  # null
    enable_versioning(s3, bucket)
    real = s3.put_object(Bucket=bucket, Key="k", Body=b"real")["VersionId"]
    assert chain(s3, bucket, "k") == [(real, False), ("null", False)]
    suspend_versioning(s3, bucket)
    s3.put_object(Bucket=bucket, Key="k", Body=b"suspended")
    assert chain(s3, bucket, "k") == [("null", False), (real, False)]
    assert body_of(s3, bucket, "k", VersionId="null") == b"suspended"


def test_a_put_replaces_a_null_delete_marker(s3, suspended):
    # Rule: PUT-3 (object or DM), DEL-4
    s3.put_object(Bucket=suspended, Key="k", Body=b"x")
    deleted = s3.delete_object(Bucket=suspended, Key="k")
    assert (deleted["DeleteMarker"], deleted["VersionId"]) == (True, "null")
    assert chain(s3, suspended, "k") == [("null", True)]
    s3.put_object(Bucket=suspended, Key="k", Body=b"y")
    assert chain(s3, suspended, "k") == [("null", False)]
    assert body_of(s3, suspended, "k") == b"y"


def test_simple_deletes_leave_exactly_one_null_marker(s3, versioned):
    # Rule: DEL-4 (repeating it leaves exactly one null DM), RSP-2
    first = s3.put_object(Bucket=versioned, Key="k", Body=b"v1")["VersionId"]
    suspend_versioning(s3, versioned)
    for _ in range(3):
        response = s3.delete_object(Bucket=versioned, Key="k")
        assert (response["DeleteMarker"], response["VersionId"]) == (True, "null")
    assert chain(s3, versioned, "k") == [("null", True), (first, False)]


def test_a_simple_delete_removes_the_null_object_it_hides(s3, bucket):
    # Rule: DEL-4 (any null entry is removed wherever it sits)
    s3.put_object(Bucket=bucket, Key="k", Body=b"unversioned")
    enable_versioning(s3, bucket)
    real = s3.put_object(Bucket=bucket, Key="k", Body=b"real")["VersionId"]
    suspend_versioning(s3, bucket)
    s3.delete_object(Bucket=bucket, Key="k")
    assert chain(s3, bucket, "k") == [("null", True), (real, False)]


def test_a_delete_of_a_missing_key_makes_a_null_marker(s3, suspended):
    # Rule: DEL-4 (also when the key had no entries)
    response = s3.delete_object(Bucket=suspended, Key="never")
    assert (response["DeleteMarker"], response["VersionId"]) == (True, "null")
    assert chain(s3, suspended, "never") == [("null", True)]


def test_multipart_complete_in_a_suspended_bucket_replaces_null(s3, versioned):
    # Rule: MPU-7 (the state at Complete decides: Suspended gives null), PUT-3
    real = s3.put_object(Bucket=versioned, Key="k", Body=b"real")["VersionId"]
    upload = s3.create_multipart_upload(Bucket=versioned, Key="k")["UploadId"]
    part = s3.upload_part(Bucket=versioned, Key="k", UploadId=upload, PartNumber=1, Body=b"p")
    suspend_versioning(s3, versioned)
    s3.put_object(Bucket=versioned, Key="k", Body=b"null-before")
    done = s3.complete_multipart_upload(
        Bucket=versioned,
        Key="k",
        UploadId=upload,
        MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]},
    )
    assert "VersionId" not in done  # RSP-1: s3 Suspended writes carry no version header
    assert chain(s3, versioned, "k") == [("null", False), (real, False)]
    assert body_of(s3, versioned, "k") == b"p"


def test_copy_in_a_suspended_bucket_replaces_null(s3, versioned):
    # Rule: CPY-4 (a copy enters the chain as a PutObject would), PUT-3
    source = s3.put_object(Bucket=versioned, Key="src", Body=b"source")["VersionId"]
    suspend_versioning(s3, versioned)
    s3.put_object(Bucket=versioned, Key="k", Body=b"null-before")
    copied = s3.copy_object(Bucket=versioned, Key="k", CopySource={"Bucket": versioned, "Key": "src"})
    assert "VersionId" not in copied
    assert copied["CopySourceVersionId"] == source  # RSP-5: the source's own ID
    assert chain(s3, versioned, "k") == [("null", False)]
    assert body_of(s3, versioned, "k") == b"source"


def test_reenabling_keeps_the_null_version_as_noncurrent(s3, suspended):
    # Rule: VS-3, PUT-2
    s3.put_object(Bucket=suspended, Key="k", Body=b"null")
    enable_versioning(s3, suspended)
    real = s3.put_object(Bucket=suspended, Key="k", Body=b"real")["VersionId"]
    assert chain(s3, suspended, "k") == [(real, False), ("null", False)]
    assert body_of(s3, suspended, "k", VersionId="null") == b"null"
