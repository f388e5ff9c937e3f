"""DeleteObjects, the batch delete (BAT) through boto3."""

from sdk_s3 import chain, s3_error


def delete(s3, bucket, objects, quiet=False):
    return s3.delete_objects(Bucket=bucket, Delete={"Objects": objects, "Quiet": quiet})


def test_simple_entries_make_markers_and_report_them(s3, versioned):
    # Rule: BAT-2, BAT-3 (simple delete that made a DM: DeleteMarker and its ID)
    first = s3.put_object(Bucket=versioned, Key="a", Body=b"x")["VersionId"]
    second = s3.put_object(Bucket=versioned, Key="b", Body=b"x")["VersionId"]
    result = delete(s3, versioned, [{"Key": "a"}, {"Key": "b"}])
    assert result.get("Errors", []) == []
    deleted = {d["Key"]: d for d in result["Deleted"]}
    assert set(deleted) == {"a", "b"}
    for key, version in (("a", first), ("b", second)):
        assert deleted[key]["DeleteMarker"] is True
        marker = deleted[key]["DeleteMarkerVersionId"]
        assert chain(s3, versioned, key) == [(marker, True), (version, False)]


def test_entries_by_id_report_what_they_removed(s3, versioned):
    # Rule: BAT-3 (object version by ID: VersionId; DM by ID: VersionId = DeleteMarkerVersionId,
    # DeleteMarker true)
    first = s3.put_object(Bucket=versioned, Key="k", Body=b"v1")["VersionId"]
    second = s3.put_object(Bucket=versioned, Key="k", Body=b"v2")["VersionId"]
    marker = s3.delete_object(Bucket=versioned, Key="k")["VersionId"]
    result = delete(
        s3, versioned, [{"Key": "k", "VersionId": marker}, {"Key": "k", "VersionId": first}]
    )
    deleted = {d["VersionId"]: d for d in result["Deleted"]}
    assert deleted[marker]["DeleteMarker"] is True
    assert deleted[marker]["DeleteMarkerVersionId"] == marker
    assert deleted[first]["VersionId"] == first
    assert not deleted[first].get("DeleteMarker", False)
    assert chain(s3, versioned, "k") == [(second, False)]


def test_entries_apply_in_order(s3, versioned):
    # Rule: BAT-2 (each entry as DeleteObject, in the order given: two simple deletes stack two
    # markers)
    version = s3.put_object(Bucket=versioned, Key="k", Body=b"x")["VersionId"]
    result = delete(s3, versioned, [{"Key": "k"}, {"Key": "k"}])
    markers = [d["DeleteMarkerVersionId"] for d in result["Deleted"]]
    assert len(set(markers)) == 2
    assert [entry for entry, _ in chain(s3, versioned, "k")[2:]] == [version]
    assert {entry for entry, is_marker in chain(s3, versioned, "k") if is_marker} == set(markers)


def test_unversioned_entries_remove_the_keys(s3, bucket):
    # Rule: BAT-2, BAT-3 (simple delete, Unversioned: no marker fields), DEL-2
    for key in ("a", "b"):
        s3.put_object(Bucket=bucket, Key=key, Body=b"x")
    result = delete(s3, bucket, [{"Key": "a"}, {"Key": "b"}, {"Key": "never"}])
    assert sorted(d["Key"] for d in result["Deleted"]) == ["a", "b", "never"]
    for d in result["Deleted"]:
        assert not d.get("DeleteMarker") and "DeleteMarkerVersionId" not in d
    assert s3.list_objects_v2(Bucket=bucket).get("KeyCount") == 0


def test_quiet_mode_reports_only_errors(s3, versioned):
    # Rule: BAT-4 (quiet reports only the errors)
    s3.put_object(Bucket=versioned, Key="a", Body=b"x")
    result = delete(s3, versioned, [{"Key": "a"}], quiet=True)
    assert result.get("Deleted", []) == []
    assert result.get("Errors", []) == []
    assert chain(s3, versioned, "a")[0][1] is True


def test_an_entry_with_an_empty_version_id_fails_alone(s3, versioned):
    # Rule: BAT-4 (an empty versionId fails that entry alone; ID-6: InvalidArgument)
    version = s3.put_object(Bucket=versioned, Key="a", Body=b"x")["VersionId"]
    s3.put_object(Bucket=versioned, Key="b", Body=b"x")
    result = delete(s3, versioned, [{"Key": "a", "VersionId": ""}, {"Key": "b"}])
    assert [(e["Key"], e["Code"]) for e in result["Errors"]] == [("a", "InvalidArgument")]
    assert [d["Key"] for d in result["Deleted"]] == ["b"]
    assert chain(s3, versioned, "a") == [(version, False)]
    assert chain(s3, versioned, "b")[0][1] is True


def test_quiet_mode_still_reports_failed_entries(s3, versioned):
    # Rule: BAT-4
    result = delete(s3, versioned, [{"Key": "a", "VersionId": ""}, {"Key": "b"}], quiet=True)
    assert [(e["Key"], e["Code"]) for e in result["Errors"]] == [("a", "InvalidArgument")]
    assert result.get("Deleted", []) == []


def test_more_than_1000_entries_are_refused_whole(s3, versioned):
    # Rule: BAT-1 (MalformedXML 400, nothing deleted)
    version = s3.put_object(Bucket=versioned, Key="k0", Body=b"x")["VersionId"]
    with s3_error("MalformedXML", 400):
        delete(s3, versioned, [{"Key": f"k{i}"} for i in range(1001)])
    assert chain(s3, versioned, "k0") == [(version, False)]


def test_exactly_1000_entries_are_accepted(s3, versioned):
    # Rule: BAT-1 (1 to 1000)
    result = delete(s3, versioned, [{"Key": f"k{i}"} for i in range(1000)], quiet=True)
    assert result.get("Errors", []) == []
    assert len(chain(s3, versioned, "k999")) == 1


def test_keys_needing_encoding_are_reported_decoded(s3, versioned):
    # Rule: BAT-3 (each result reports its key; http.md §2 encoding-type=url)
    keys = ["a b", "ü", "x+y", "q?z"]
    for key in keys:
        s3.put_object(Bucket=versioned, Key=key, Body=b"x")
    result = delete(s3, versioned, [{"Key": key} for key in keys])
    assert sorted(d["Key"] for d in result["Deleted"]) == sorted(keys)
