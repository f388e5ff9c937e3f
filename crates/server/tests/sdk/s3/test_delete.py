"""DeleteObject (DEL) and the IDs it reports (RSP-2) through boto3."""

from sdk_s3 import body_of, chain, headers_of, s3_error, status_of


def test_unversioned_delete_removes_the_chain(s3, bucket):
    # Rule: DEL-1, DEL-2, RSP-2 (Unversioned: no version header, no marker)
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    response = s3.delete_object(Bucket=bucket, Key="k")
    assert status_of(response) == 204
    assert "VersionId" not in response and "DeleteMarker" not in response
    assert chain(s3, bucket, "k") == []
    with s3_error("NoSuchKey", 404):
        s3.get_object(Bucket=bucket, Key="k")


def test_deleting_what_does_not_exist_succeeds(s3, bucket):
    # Rule: DEL-1
    response = s3.delete_object(Bucket=bucket, Key="never")
    assert status_of(response) == 204
    assert chain(s3, bucket, "never") == []


def test_enabled_simple_delete_stacks_a_fresh_marker(s3, versioned):
    # Rule: DEL-3, RSP-2, ID-1
    version = s3.put_object(Bucket=versioned, Key="k", Body=b"x")["VersionId"]
    response = s3.delete_object(Bucket=versioned, Key="k")
    assert status_of(response) == 204
    assert response["DeleteMarker"] is True
    marker = response["VersionId"]
    assert marker not in (version, "null")
    assert chain(s3, versioned, "k") == [(marker, True), (version, False)]


def test_markers_stack_on_markers(s3, versioned):
    # Rule: DEL-3 (also when the head is already a DM)
    version = s3.put_object(Bucket=versioned, Key="k", Body=b"x")["VersionId"]
    first = s3.delete_object(Bucket=versioned, Key="k")["VersionId"]
    second = s3.delete_object(Bucket=versioned, Key="k")["VersionId"]
    assert first != second
    assert chain(s3, versioned, "k") == [(second, True), (first, True), (version, False)]


def test_enabled_delete_of_a_missing_key_makes_a_marker(s3, versioned):
    # Rule: DEL-3 (also when the key has no entries)
    response = s3.delete_object(Bucket=versioned, Key="never")
    assert response["DeleteMarker"] is True
    assert chain(s3, versioned, "never") == [(response["VersionId"], True)]


def test_delete_by_id_removes_exactly_that_version(s3, versioned):
    # Rule: DEL-5, DEL-6, RSP-2 (by ID: the ID given, no marker flag)
    first = s3.put_object(Bucket=versioned, Key="k", Body=b"v1")["VersionId"]
    second = s3.put_object(Bucket=versioned, Key="k", Body=b"v2")["VersionId"]
    response = s3.delete_object(Bucket=versioned, Key="k", VersionId=second)
    assert response["VersionId"] == second
    assert "DeleteMarker" not in response
    assert "x-amz-delete-marker" not in headers_of(response)
    assert chain(s3, versioned, "k") == [(first, False)]
    assert body_of(s3, versioned, "k") == b"v1"


def test_deleting_a_noncurrent_version_leaves_the_head(s3, versioned):
    # Rule: DEL-5
    first = s3.put_object(Bucket=versioned, Key="k", Body=b"v1")["VersionId"]
    second = s3.put_object(Bucket=versioned, Key="k", Body=b"v2")["VersionId"]
    s3.delete_object(Bucket=versioned, Key="k", VersionId=first)
    assert chain(s3, versioned, "k") == [(second, False)]


def test_deleting_the_marker_by_id_brings_the_object_back(s3, versioned):
    # Rule: DEL-5 (flag set when the removed entry was a DM), DEL-6, CPY-6 (the other way to
    # restore)
    version = s3.put_object(Bucket=versioned, Key="k", Body=b"v1")["VersionId"]
    marker = s3.delete_object(Bucket=versioned, Key="k")["VersionId"]
    response = s3.delete_object(Bucket=versioned, Key="k", VersionId=marker)
    assert (response["VersionId"], response["DeleteMarker"]) == (marker, True)
    assert chain(s3, versioned, "k") == [(version, False)]
    assert body_of(s3, versioned, "k") == b"v1"


def test_the_next_entry_may_be_a_marker(s3, versioned):
    # Rule: DEL-6 (the new head may be a DM)
    s3.put_object(Bucket=versioned, Key="k", Body=b"v1")
    marker = s3.delete_object(Bucket=versioned, Key="k")["VersionId"]
    top = s3.put_object(Bucket=versioned, Key="k", Body=b"v2")["VersionId"]
    s3.delete_object(Bucket=versioned, Key="k", VersionId=top)
    with s3_error("NoSuchKey", 404) as info:
        s3.get_object(Bucket=versioned, Key="k")
    assert headers_of(info.value)["x-amz-version-id"] == marker


def test_deleting_the_last_entry_removes_the_key(s3, versioned):
    # Rule: DEL-6 (a chain left empty disappears)
    version = s3.put_object(Bucket=versioned, Key="k", Body=b"x")["VersionId"]
    s3.delete_object(Bucket=versioned, Key="k", VersionId=version)
    assert chain(s3, versioned, "k") == []
    assert s3.list_objects_v2(Bucket=versioned).get("KeyCount") == 0


def test_an_id_naming_no_entry_of_the_key_changes_nothing(s3, versioned):
    # Rule: DEL-7 (MODEL: success, the ID echoed, no marker). The ID is a real one, of another
    # key (the checker only sends IDs the server issued).
    other = s3.put_object(Bucket=versioned, Key="other", Body=b"x")["VersionId"]
    version = s3.put_object(Bucket=versioned, Key="k", Body=b"x")["VersionId"]
    response = s3.delete_object(Bucket=versioned, Key="k", VersionId=other)
    assert status_of(response) == 204
    assert response["VersionId"] == other
    assert "DeleteMarker" not in response
    assert chain(s3, versioned, "k") == [(version, False)]
    assert chain(s3, versioned, "other") == [(other, False)]


def test_deleting_null_when_there_is_none_changes_nothing(s3, versioned):
    # Rule: DEL-7 (including null when there is none)
    version = s3.put_object(Bucket=versioned, Key="k", Body=b"x")["VersionId"]
    response = s3.delete_object(Bucket=versioned, Key="k", VersionId="null")
    assert response["VersionId"] == "null"
    assert chain(s3, versioned, "k") == [(version, False)]


def test_null_names_the_unversioned_object_after_enabling(s3, bucket):
    # Rule: DEL-5 (null names the null entry), GET-6
    s3.put_object(Bucket=bucket, Key="k", Body=b"old")
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    fresh = s3.put_object(Bucket=bucket, Key="k", Body=b"new")["VersionId"]
    s3.delete_object(Bucket=bucket, Key="k", VersionId="null")
    assert chain(s3, bucket, "k") == [(fresh, False)]
