"""DeleteMultipleObjects, the batch delete (BAT) through oss2: `batch_delete_objects` (keys)
and `delete_object_versions` (keys with version IDs). oss2 always sends Quiet=false and reads
only the `Deleted` entries (http.md §5.4)."""

from oss2.models import BatchDeleteObjectVersion, BatchDeleteObjectVersionList

from sdk_oss import chain, oss_error


def versions(*pairs):
    listed = BatchDeleteObjectVersionList()
    for key, version in pairs:
        listed.append(BatchDeleteObjectVersion(key, version))
    return listed


def test_simple_entries_make_markers_and_report_them(versioned):
    # Rule: BAT-2, BAT-3 (DeleteMarker true, DeleteMarkerVersionId the new DM's ID)
    first = versioned.put_object("a", b"x").versionid
    second = versioned.put_object("b", b"x").versionid
    result = versioned.batch_delete_objects(["a", "b"])
    assert result.deleted_keys == ["a", "b"]  # MODEL: request order
    for deleted, version in zip(result.delete_versions, (first, second)):
        assert deleted.delete_marker is True
        assert chain(versioned, deleted.key) == [(deleted.delete_marker_versionid, True), (version, False)]


def test_entries_by_id_report_what_they_removed(versioned):
    # Rule: BAT-3 (an object version by ID: its ID; a DM by ID: VersionId = DeleteMarkerVersionId,
    # DeleteMarker true)
    first = versioned.put_object("k", b"v1").versionid
    second = versioned.put_object("k", b"v2").versionid
    marker = versioned.delete_object("k").versionid
    result = versioned.delete_object_versions(versions(("k", marker), ("k", first)))
    by_id = {d.versionid: d for d in result.delete_versions}
    assert (by_id[marker].delete_marker, by_id[marker].delete_marker_versionid) == (True, marker)
    assert (by_id[first].delete_marker, by_id[first].delete_marker_versionid) == (False, "")
    assert chain(versioned, "k") == [(second, False)]


def test_entries_apply_in_order(versioned):
    # Rule: BAT-2 (in the order given: two simple deletes of one key stack two markers)
    version = versioned.put_object("k", b"x").versionid
    result = versioned.batch_delete_objects(["k", "k"])
    markers = [d.delete_marker_versionid for d in result.delete_versions]
    assert len(set(markers)) == 2
    assert chain(versioned, "k") == [(markers[1], True), (markers[0], True), (version, False)]


def test_unversioned_entries_remove_the_keys(bucket):
    # Rule: BAT-3 (simple delete, Unversioned: no marker fields), DEL-2
    bucket.put_object("a", b"x")
    result = bucket.batch_delete_objects(["a", "never"])
    assert result.deleted_keys == ["a", "never"]
    assert [(d.delete_marker, d.delete_marker_versionid) for d in result.delete_versions] == [(False, "")] * 2
    assert bucket.list_objects().object_list == []


def test_mixed_ids_and_simple_deletes_in_one_batch(versioned):
    # Rule: BAT-2, BAT-3
    first = versioned.put_object("a", b"1").versionid
    second = versioned.put_object("a", b"2").versionid
    result = versioned.delete_object_versions(versions(("a", first), ("a", "")))
    assert result.delete_versions[0].versionid == first
    assert result.delete_versions[1].delete_marker is True
    marker = result.delete_versions[1].delete_marker_versionid
    assert chain(versioned, "a") == [(marker, True), (second, False)]


def test_an_invalid_key_fails_alone(versioned):
    # Rule: BAT-4 (an invalid key fails that entry alone; the others still run), KEY-1
    version = versioned.put_object("good", b"x").versionid
    result = versioned.batch_delete_objects(["/bad", "good"])
    assert "good" in result.deleted_keys and "/bad" not in result.deleted_keys
    assert chain(versioned, "good")[1:] == [(version, False)]


def test_more_than_1000_entries_are_refused_whole(versioned):
    # Rule: BAT-1 (MalformedXML 400, nothing deleted; oss2 itself refuses 0 entries)
    version = versioned.put_object("k0", b"x").versionid
    with oss_error("MalformedXML", 400):
        versioned.batch_delete_objects([f"k{i}" for i in range(1001)])
    assert chain(versioned, "k0") == [(version, False)]


def test_keys_needing_encoding_are_reported_decoded(versioned):
    # Rule: BAT-3; http.md §2 (oss2 always asks encoding-type=url)
    keys = ["a b", "ü", "x+y", "q?z", "line\nbreak"]
    for key in keys:
        versioned.put_object(key, b"x")
    assert versioned.batch_delete_objects(keys).deleted_keys == keys
