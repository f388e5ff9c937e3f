"""Conditional writes and deletes (CND) through boto3."""

from sdk_common import md5_hex
from sdk_s3 import body_of, chain, headers_of, s3_error


def test_if_none_match_star_refuses_an_existing_object(s3, versioned):
    # Rule: CND-1, CND-3 (PreconditionFailed 412), CND-7 (no ID used up)
    version = s3.put_object(Bucket=versioned, Key="k", Body=b"x")["VersionId"]
    with s3_error("PreconditionFailed", 412):
        s3.put_object(Bucket=versioned, Key="k", Body=b"y", IfNoneMatch="*")
    assert chain(s3, versioned, "k") == [(version, False)]
    assert body_of(s3, versioned, "k") == b"x"


def test_if_none_match_star_passes_on_a_new_key_or_a_marker(s3, versioned):
    # Rule: CND-3 (passes when the key has no entries or its head is a DM), CND-2
    created = s3.put_object(Bucket=versioned, Key="new", Body=b"x", IfNoneMatch="*")
    assert chain(s3, versioned, "new") == [(created["VersionId"], False)]
    s3.put_object(Bucket=versioned, Key="k", Body=b"x")
    marker = s3.delete_object(Bucket=versioned, Key="k")["VersionId"]
    again = s3.put_object(Bucket=versioned, Key="k", Body=b"y", IfNoneMatch="*")
    assert chain(s3, versioned, "k")[:2] == [(again["VersionId"], False), (marker, True)]


def test_if_none_match_with_an_etag_is_not_implemented(s3, versioned):
    # Rule: CND-1 (only `*`; any other value → NotImplemented 501)
    s3.put_object(Bucket=versioned, Key="k", Body=b"x")
    with s3_error("NotImplemented", 501):
        s3.put_object(Bucket=versioned, Key="k", Body=b"y", IfNoneMatch=f'"{md5_hex(b"z")}"')


def test_if_match_writes_only_over_the_same_etag(s3, versioned):
    # Rule: CND-4 (differing ETag → 412; equal → the write proceeds; compared without quotes,
    # case-insensitively)
    first = s3.put_object(Bucket=versioned, Key="k", Body=b"x")
    with s3_error("PreconditionFailed", 412):
        s3.put_object(Bucket=versioned, Key="k", Body=b"y", IfMatch=f'"{md5_hex(b"other")}"')
    second = s3.put_object(Bucket=versioned, Key="k", Body=b"y", IfMatch=first["ETag"])
    third = s3.put_object(
        Bucket=versioned, Key="k", Body=b"z", IfMatch=md5_hex(b"y").upper()
    )
    assert chain(s3, versioned, "k") == [
        (third["VersionId"], False),
        (second["VersionId"], False),
        (first["VersionId"], False),
    ]


def test_if_match_without_an_object_is_no_such_key(s3, versioned):
    # Rule: CND-4 (NoSuchKey 404; with the DM flag and ID when the head is a DM)
    with s3_error("NoSuchKey", 404):
        s3.put_object(Bucket=versioned, Key="k", Body=b"x", IfMatch=f'"{md5_hex(b"x")}"')
    first = s3.put_object(Bucket=versioned, Key="k", Body=b"x")
    marker = s3.delete_object(Bucket=versioned, Key="k")["VersionId"]
    with s3_error("NoSuchKey", 404) as info:
        s3.put_object(Bucket=versioned, Key="k", Body=b"y", IfMatch=first["ETag"])
    assert headers_of(info.value)["x-amz-delete-marker"] == "true"
    assert headers_of(info.value)["x-amz-version-id"] == marker
    assert chain(s3, versioned, "k") == [(marker, True), (first["VersionId"], False)]


def test_conditions_look_only_at_the_head(s3, versioned):
    # Rule: CND-2 (noncurrent entries are never looked at)
    old = s3.put_object(Bucket=versioned, Key="k", Body=b"old")
    s3.put_object(Bucket=versioned, Key="k", Body=b"new")
    with s3_error("PreconditionFailed", 412):
        s3.put_object(Bucket=versioned, Key="k", Body=b"z", IfMatch=old["ETag"])


def test_a_conditional_copy_checks_its_destination(s3, versioned):
    # Rule: CND-1 (CopyObject, on its destination), CND-3
    s3.put_object(Bucket=versioned, Key="src", Body=b"x")
    existing = s3.put_object(Bucket=versioned, Key="dst", Body=b"y")["VersionId"]
    with s3_error("PreconditionFailed", 412):
        s3.copy_object(
            Bucket=versioned, Key="dst", CopySource={"Bucket": versioned, "Key": "src"},
            IfNoneMatch="*",
        )
    assert chain(s3, versioned, "dst") == [(existing, False)]


def test_a_conditional_complete(s3, versioned):
    # Rule: CND-1 (CompleteMultipartUpload), CND-3, CND-7 (the upload is still there)
    existing = s3.put_object(Bucket=versioned, Key="k", Body=b"y")["VersionId"]
    upload = s3.create_multipart_upload(Bucket=versioned, Key="k")["UploadId"]
    etag = s3.upload_part(Bucket=versioned, Key="k", UploadId=upload, PartNumber=1, Body=b"p")["ETag"]
    parts = {"Parts": [{"PartNumber": 1, "ETag": etag}]}
    with s3_error("PreconditionFailed", 412):
        s3.complete_multipart_upload(
            Bucket=versioned, Key="k", UploadId=upload, MultipartUpload=parts, IfNoneMatch="*"
        )
    assert chain(s3, versioned, "k") == [(existing, False)]
    done = s3.complete_multipart_upload(
        Bucket=versioned, Key="k", UploadId=upload, MultipartUpload=parts
    )
    assert chain(s3, versioned, "k") == [(done["VersionId"], False), (existing, False)]


def test_a_conditional_delete(s3, versioned):
    # Rule: CND-5 (differing ETag → 412; no current object → NoSuchKey 404; else as DEL-3)
    version = s3.put_object(Bucket=versioned, Key="k", Body=b"x")
    with s3_error("PreconditionFailed", 412):
        s3.delete_object(Bucket=versioned, Key="k", IfMatch=f'"{md5_hex(b"other")}"')
    assert chain(s3, versioned, "k") == [(version["VersionId"], False)]
    marker = s3.delete_object(Bucket=versioned, Key="k", IfMatch=version["ETag"])
    assert marker["DeleteMarker"] is True
    with s3_error("NoSuchKey", 404):
        s3.delete_object(Bucket=versioned, Key="k", IfMatch="*")
    assert chain(s3, versioned, "k") == [(marker["VersionId"], True), (version["VersionId"], False)]


def test_a_conditional_batch_entry_fails_alone(s3, versioned):
    # Rule: CND-5 (DeleteObjects takes an ETag per entry), BAT-4
    a = s3.put_object(Bucket=versioned, Key="a", Body=b"a")
    b = s3.put_object(Bucket=versioned, Key="b", Body=b"b")
    result = s3.delete_objects(
        Bucket=versioned,
        Delete={
            "Objects": [
                {"Key": "a", "ETag": f'"{md5_hex(b"not-a")}"'},
                {"Key": "b", "ETag": b["ETag"]},
            ]
        },
    )
    assert [(e["Key"], e["Code"]) for e in result["Errors"]] == [("a", "PreconditionFailed")]
    assert [d["Key"] for d in result["Deleted"]] == ["b"]
    assert chain(s3, versioned, "a") == [(a["VersionId"], False)]
