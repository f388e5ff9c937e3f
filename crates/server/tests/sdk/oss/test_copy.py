"""CopyObject and restoring a version (CPY, RSP-5, TAG-6, SVC-7) through oss2.

oss2's copy_object returns a PutObjectResult; the copied source version is the
`x-oss-copy-source-version-id` header (RSP-5).
"""

from sdk_oss import body_of, chain, crc64, oss_error

SOURCE_VERSION = "x-oss-copy-source-version-id"


def copy(bucket, key, source_key, version=None, source_bucket=None, headers=None):
    params = {"versionId": version} if version is not None else None
    return bucket.copy_object(source_bucket or bucket.bucket_name, source_key, key, headers=headers, params=params)


def test_copying_the_head_writes_a_new_version(versioned):
    # Rule: CPY-1, CPY-4, RSP-5, CT-6 (the source's ETag and fingerprint)
    source = versioned.put_object("src", b"payload")
    result = copy(versioned, "dst", "src")
    assert result.headers[SOURCE_VERSION] == source.versionid
    assert result.versionid not in (None, "null", source.versionid)
    assert result.etag == source.etag
    assert chain(versioned, "dst") == [(result.versionid, False)]
    assert body_of(versioned, "dst") == b"payload"
    assert versioned.head_object("dst").server_crc == crc64(b"payload")


def test_copying_a_named_old_version(versioned):
    # Rule: CPY-1, RSP-5
    first = versioned.put_object("src", b"old").versionid
    versioned.put_object("src", b"new")
    result = copy(versioned, "dst", "src", version=first)
    assert result.headers[SOURCE_VERSION] == first
    assert body_of(versioned, "dst") == b"old"


def test_restoring_an_old_version_copies_it_onto_its_key(versioned):
    # Rule: CPY-6 (a new head; the old version stays)
    first = versioned.put_object("k", b"v1").versionid
    second = versioned.put_object("k", b"v2").versionid
    restored = copy(versioned, "k", "k", version=first).versionid
    assert chain(versioned, "k") == [(restored, False), (second, False), (first, False)]
    assert body_of(versioned, "k") == b"v1"


def test_restoring_from_under_a_delete_marker(versioned):
    # Rule: CPY-6, CPY-1
    first = versioned.put_object("k", b"v1").versionid
    marker = versioned.delete_object("k").versionid
    restored = copy(versioned, "k", "k", version=first).versionid
    assert chain(versioned, "k") == [(restored, False), (marker, True), (first, False)]


def test_a_source_without_a_current_object_is_no_such_key(versioned):
    # Rule: CPY-2
    versioned.put_object("src", b"x")
    versioned.delete_object("src")
    with oss_error("NoSuchKey", 404):
        copy(versioned, "dst", "src")
    with oss_error("NoSuchKey", 404):
        copy(versioned, "dst", "never")
    assert chain(versioned, "dst") == []


def test_a_source_version_that_is_a_marker_is_no_such_key(versioned):
    # Rule: CPY-3 (oss: NoSuchKey 404, MODEL for the code)
    versioned.put_object("src", b"x")
    marker = versioned.delete_object("src").versionid
    with oss_error("NoSuchKey", 404):
        copy(versioned, "dst", "src", version=marker)


def test_a_source_version_naming_nothing_is_no_such_version(versioned):
    # Rule: CPY-3 (names nothing → NoSuchVersion 404)
    other = versioned.put_object("other", b"x").versionid
    versioned.put_object("src", b"x")
    with oss_error("NoSuchVersion", 404):
        copy(versioned, "dst", "src", version=other)


def test_an_appendable_source_is_refused_in_a_versioned_bucket(versioned):
    # Rule: CPY-5 (oss, Enabled or Suspended bucket, Appendable source → InvalidRequest 400)
    versioned.append_object("src", 0, b"app", init_crc=0)
    with oss_error("InvalidRequest", 400):
        copy(versioned, "dst", "src")
    assert chain(versioned, "dst") == []


def test_unversioned_copy_reports_no_ids(bucket):
    # Rule: RSP-1, RSP-5 (none in an Unversioned bucket), CPY-4 (as PUT-1)
    bucket.put_object("src", b"x")
    result = copy(bucket, "dst", "src")
    assert result.versionid is None and SOURCE_VERSION not in result.headers
    assert chain(bucket, "dst") == [("null", False)]


def test_copy_from_another_bucket(versioned, new_bucket):
    # Rule: SVC-7 (the source selected in its own bucket, RSP-5 under its state; the
    # destination written under the destination's state)
    other = new_bucket("-src")
    other.put_object("src", b"elsewhere")
    result = copy(versioned, "dst", "src", source_bucket=other.bucket_name)
    assert SOURCE_VERSION not in result.headers  # the source bucket is Unversioned
    assert chain(versioned, "dst") == [(result.versionid, False)]
    assert body_of(versioned, "dst") == b"elsewhere"


def test_metadata_directive_copy_keeps_and_replace_takes_the_request(versioned):
    # Rule: TAG-6
    versioned.put_object("src", b"x", headers={"Content-Type": "text/plain", "x-oss-meta-a": "1"})
    copy(versioned, "kept", "src")
    kept = versioned.head_object("kept")
    assert (kept.content_type, kept.headers.get("x-oss-meta-a")) == ("text/plain", "1")
    copy(
        versioned, "replaced", "src",
        headers={"x-oss-metadata-directive": "REPLACE", "Content-Type": "application/json", "x-oss-meta-b": "2"},
    )
    replaced = versioned.head_object("replaced")
    assert replaced.content_type == "application/json"
    assert (replaced.headers.get("x-oss-meta-a"), replaced.headers.get("x-oss-meta-b")) == (None, "2")


def test_a_copy_onto_itself_is_a_write_like_any_other(versioned):
    # Rule: TAG-6 (oss allows a copy onto itself), CPY-4; oss2's update_object_meta is one
    version = versioned.put_object("k", b"x").versionid
    same = copy(versioned, "k", "k").versionid
    updated = versioned.update_object_meta("k", {"x-oss-meta-c": "3"}).versionid
    assert chain(versioned, "k") == [(updated, False), (same, False), (version, False)]
    assert versioned.head_object("k").headers["x-oss-meta-c"] == "3"
