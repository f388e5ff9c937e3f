"""CopyObject and restoring a version (CPY, RSP-5, TAG-6, SVC-7) through boto3."""

from sdk_s3 import body_of, chain, s3_error


def copy(s3, bucket, key, source_key, version=None, source_bucket=None, **kwargs):
    source = {"Bucket": source_bucket or bucket, "Key": source_key}
    if version is not None:
        source["VersionId"] = version
    return s3.copy_object(Bucket=bucket, Key=key, CopySource=source, **kwargs)


def test_copying_the_head_writes_a_new_version(s3, versioned):
    # Rule: CPY-1, CPY-4, RSP-5, CT-6
    source = s3.put_object(Bucket=versioned, Key="src", Body=b"payload")
    result = copy(s3, versioned, "dst", "src")
    assert result["CopySourceVersionId"] == source["VersionId"]
    assert result["VersionId"] not in (source["VersionId"], "null")
    assert result["CopyObjectResult"]["ETag"] == source["ETag"]
    assert chain(s3, versioned, "dst") == [(result["VersionId"], False)]
    assert body_of(s3, versioned, "dst") == b"payload"


def test_copying_a_named_old_version(s3, versioned):
    # Rule: CPY-1 (the version a source versionId names), RSP-5
    first = s3.put_object(Bucket=versioned, Key="src", Body=b"old")["VersionId"]
    s3.put_object(Bucket=versioned, Key="src", Body=b"new")
    result = copy(s3, versioned, "dst", "src", version=first)
    assert result["CopySourceVersionId"] == first
    assert body_of(s3, versioned, "dst") == b"old"


def test_restoring_an_old_version_copies_it_onto_its_key(s3, versioned):
    # Rule: CPY-6 (a new head; the old version stays)
    first = s3.put_object(Bucket=versioned, Key="k", Body=b"v1")["VersionId"]
    second = s3.put_object(Bucket=versioned, Key="k", Body=b"v2")["VersionId"]
    restored = copy(s3, versioned, "k", "k", version=first)["VersionId"]
    assert chain(s3, versioned, "k") == [(restored, False), (second, False), (first, False)]
    assert body_of(s3, versioned, "k") == b"v1"


def test_restoring_from_under_a_delete_marker(s3, versioned):
    # Rule: CPY-6, CPY-1 (a named version under a DM is still a source)
    first = s3.put_object(Bucket=versioned, Key="k", Body=b"v1")["VersionId"]
    marker = s3.delete_object(Bucket=versioned, Key="k")["VersionId"]
    restored = copy(s3, versioned, "k", "k", version=first)["VersionId"]
    assert chain(s3, versioned, "k") == [(restored, False), (marker, True), (first, False)]


def test_a_source_whose_head_is_a_marker_is_no_such_key(s3, versioned):
    # Rule: CPY-2
    s3.put_object(Bucket=versioned, Key="src", Body=b"x")
    s3.delete_object(Bucket=versioned, Key="src")
    with s3_error("NoSuchKey", 404):
        copy(s3, versioned, "dst", "src")
    with s3_error("NoSuchKey", 404):
        copy(s3, versioned, "dst", "never")
    assert chain(s3, versioned, "dst") == []


def test_a_source_version_that_is_a_marker_is_invalid_request(s3, versioned):
    # Rule: CPY-3 (s3: InvalidRequest 400)
    s3.put_object(Bucket=versioned, Key="src", Body=b"x")
    marker = s3.delete_object(Bucket=versioned, Key="src")["VersionId"]
    with s3_error("InvalidRequest", 400):
        copy(s3, versioned, "dst", "src", version=marker)


def test_a_source_version_naming_nothing_is_no_such_version(s3, versioned):
    # Rule: CPY-3 (names nothing → NoSuchVersion 404)
    other = s3.put_object(Bucket=versioned, Key="other", Body=b"x")["VersionId"]
    s3.put_object(Bucket=versioned, Key="src", Body=b"x")
    with s3_error("NoSuchVersion", 404):
        copy(s3, versioned, "dst", "src", version=other)


def test_unversioned_copy_reports_no_ids(s3, bucket):
    # Rule: RSP-1, RSP-5 (none in an Unversioned bucket), CPY-4 (as PUT-1)
    s3.put_object(Bucket=bucket, Key="src", Body=b"x")
    result = copy(s3, bucket, "dst", "src")
    assert "VersionId" not in result and "CopySourceVersionId" not in result
    assert chain(s3, bucket, "dst") == [("null", False)]


def test_copy_from_another_bucket(s3, versioned, new_bucket):
    # Rule: SVC-7 (the source is selected in its own bucket, RSP-5 under its state; the
    # destination is written under the destination's state)
    other = new_bucket("-src")
    s3.put_object(Bucket=other, Key="src", Body=b"elsewhere")
    result = copy(s3, versioned, "dst", "src", source_bucket=other)
    assert "CopySourceVersionId" not in result  # the source bucket is Unversioned
    assert chain(s3, versioned, "dst") == [(result["VersionId"], False)]
    assert body_of(s3, versioned, "dst") == b"elsewhere"


def test_metadata_directive_copy_keeps_and_replace_takes_the_request(s3, versioned):
    # Rule: TAG-6
    s3.put_object(
        Bucket=versioned, Key="src", Body=b"x", ContentType="text/plain", Metadata={"a": "1"}
    )
    copy(s3, versioned, "kept", "src")
    kept = s3.head_object(Bucket=versioned, Key="kept")
    assert (kept["ContentType"], kept["Metadata"]) == ("text/plain", {"a": "1"})
    copy(
        s3,
        versioned,
        "replaced",
        "src",
        MetadataDirective="REPLACE",
        ContentType="application/json",
        Metadata={"b": "2"},
    )
    replaced = s3.head_object(Bucket=versioned, Key="replaced")
    assert (replaced["ContentType"], replaced["Metadata"]) == ("application/json", {"b": "2"})


def test_a_copy_onto_itself_that_changes_nothing_is_refused(s3, versioned):
    # Rule: TAG-6 (s3: InvalidRequest 400 for a self-copy with COPY and no change)
    version = s3.put_object(Bucket=versioned, Key="k", Body=b"x")["VersionId"]
    with s3_error("InvalidRequest", 400):
        copy(s3, versioned, "k", "k")
    assert chain(s3, versioned, "k") == [(version, False)]
    # with REPLACE it is a write like any other
    changed = copy(s3, versioned, "k", "k", MetadataDirective="REPLACE", Metadata={"c": "3"})
    assert chain(s3, versioned, "k") == [(changed["VersionId"], False), (version, False)]
