"""Simple upload, version IDs and the reported ID (PUT, ID, RSP, CT) through boto3."""

from sdk_common import md5_hex
from sdk_s3 import body_of, chain, enable_versioning, headers_of, s3_error


def test_unversioned_put_reports_no_version_and_replaces(s3, bucket):
    # Rule: PUT-1, RSP-1 (Unversioned: no x-amz-version-id), LST-8
    first = s3.put_object(Bucket=bucket, Key="k", Body=b"one")
    assert "VersionId" not in first
    assert "x-amz-version-id" not in headers_of(first)
    s3.put_object(Bucket=bucket, Key="k", Body=b"two")
    assert chain(s3, bucket, "k") == [("null", False)]
    assert body_of(s3, bucket, "k") == b"two"


def test_etag_is_the_lowercase_md5_of_the_body(s3, bucket):
    # Rule: CT-3, PUT-5
    for body in (b"", b"hello", bytes(range(256)) * 10):
        response = s3.put_object(Bucket=bucket, Key="k", Body=body)
        assert response["ETag"] == f'"{md5_hex(body)}"'
        assert s3.head_object(Bucket=bucket, Key="k")["ETag"] == f'"{md5_hex(body)}"'


def test_enabled_puts_get_fresh_ids_and_stack(s3, versioned):
    # Rule: PUT-2, ID-1, RSP-1
    first = s3.put_object(Bucket=versioned, Key="k", Body=b"v1")["VersionId"]
    second = s3.put_object(Bucket=versioned, Key="k", Body=b"v2")["VersionId"]
    assert first and second and "null" not in (first, second)
    assert first != second
    assert chain(s3, versioned, "k") == [(second, False), (first, False)]
    # Rule: GET-4 (each version reads back by its ID)
    assert body_of(s3, versioned, "k", VersionId=first) == b"v1"
    assert body_of(s3, versioned, "k", VersionId=second) == b"v2"
    assert body_of(s3, versioned, "k") == b"v2"


def test_ids_are_unique_across_keys_of_a_bucket(s3, versioned):
    # Rule: ID-1
    ids = [
        s3.put_object(Bucket=versioned, Key=f"k{i % 3}", Body=b"x")["VersionId"] for i in range(9)
    ]
    assert len(set(ids)) == 9


def test_an_id_is_never_reused_after_its_entry_is_deleted(s3, versioned):
    # Rule: ID-1
    first = s3.put_object(Bucket=versioned, Key="k", Body=b"x")["VersionId"]
    s3.delete_object(Bucket=versioned, Key="k", VersionId=first)
    assert chain(s3, versioned, "k") == []
    again = s3.put_object(Bucket=versioned, Key="k", Body=b"x")["VersionId"]
    assert again != first


def test_suspended_put_reports_no_version_header_but_lists_null(s3, suspended):
    # Rule: RSP-1 (s3 Suspended: no header), ID-2
    response = s3.put_object(Bucket=suspended, Key="k", Body=b"x")
    assert "VersionId" not in response
    assert chain(s3, suspended, "k") == [("null", False)]
    # Rule: RSP-3 (reads of the null entry report "null" in a Suspended bucket)
    assert s3.head_object(Bucket=suspended, Key="k")["VersionId"] == "null"


def test_enabling_after_unversioned_keeps_the_null_version_below(s3, bucket):
    # Rule: PUT-2, VS-3 (the Unversioned object keeps its null ID)
    s3.put_object(Bucket=bucket, Key="k", Body=b"old")
    enable_versioning(s3, bucket)
    fresh = s3.put_object(Bucket=bucket, Key="k", Body=b"new")["VersionId"]
    assert chain(s3, bucket, "k") == [(fresh, False), ("null", False)]
    assert body_of(s3, bucket, "k", VersionId="null") == b"old"


def test_unversioned_get_reports_no_version(s3, bucket):
    # Rule: RSP-3 (none in an Unversioned bucket)
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    response = s3.get_object(Bucket=bucket, Key="k")
    assert "VersionId" not in response


def test_keys_needing_encoding_round_trip(s3, versioned):
    # Rule: KEY-2, KEY-3 (any UTF-8 key; http.md §1.1: decoded exactly once)
    keys = ["a b", "a+b", "pct%41", "dir/sub/file.txt", "ü-ñ-漢字", "q?x=1&y", "#hash", "~tilde"]
    ids = {key: s3.put_object(Bucket=versioned, Key=key, Body=key.encode())["VersionId"] for key in keys}
    for key in keys:
        assert body_of(s3, versioned, key) == key.encode()
        assert chain(s3, versioned, key) == [(ids[key], False)]


def test_a_key_over_1024_bytes_is_refused(s3, bucket):
    # Rule: KEY-2 (KeyTooLongError 400)
    with s3_error("KeyTooLongError", 400):
        s3.put_object(Bucket=bucket, Key="k" * 1025, Body=b"x")
    s3.put_object(Bucket=bucket, Key="k" * 1024, Body=b"x")



def test_generated_ids_do_not_sort_in_creation_order(s3, versioned):
    # Rule: ID-4 (generated IDs must not sort in creation order; the chain is creation order)
    ids = [s3.put_object(Bucket=versioned, Key="k", Body=b"x")["VersionId"] for _ in range(12)]
    assert ids != sorted(ids) and ids != sorted(ids, reverse=True)
    assert [version for version, _ in chain(s3, versioned, "k")] == ids[::-1]
