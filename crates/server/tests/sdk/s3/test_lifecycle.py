"""Lifecycle (LC) through boto3: the configuration's put/get/delete, and runs through the
control API on a pinned clock."""

import datetime

import pytest

from sdk_common import DAY, MIDNIGHT
from sdk_s3 import chain, s3_error


def put(s3, bucket, *rules):
    s3.put_bucket_lifecycle_configuration(
        Bucket=bucket, LifecycleConfiguration={"Rules": list(rules)}
    )


def rule(rule_id, prefix="", **actions):
    return {"ID": rule_id, "Filter": {"Prefix": prefix}, "Status": "Enabled", **actions}


def test_no_configuration_is_no_such_lifecycle_configuration(s3, bucket):
    # Rule: LC-14 (s3: NoSuchLifecycleConfiguration 404)
    with s3_error("NoSuchLifecycleConfiguration", 404):
        s3.get_bucket_lifecycle_configuration(Bucket=bucket)


def test_put_get_replace_and_delete(s3, bucket):
    # Rule: LC-14 (Put replaces the whole configuration; Delete succeeds either way)
    put(s3, bucket, rule("one", "logs/", Expiration={"Days": 3}), rule("two", NoncurrentVersionExpiration={"NoncurrentDays": 2}))
    rules = s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
    assert [(r["ID"], r["Status"]) for r in rules] == [("one", "Enabled"), ("two", "Enabled")]
    assert rules[0]["Expiration"] == {"Days": 3}
    assert rules[0]["Filter"] == {"Prefix": "logs/"}
    assert rules[1]["NoncurrentVersionExpiration"]["NoncurrentDays"] == 2
    put(s3, bucket, rule("three", AbortIncompleteMultipartUpload={"DaysAfterInitiation": 1}))
    rules = s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
    assert [r["ID"] for r in rules] == ["three"]
    s3.delete_bucket_lifecycle(Bucket=bucket)
    with s3_error("NoSuchLifecycleConfiguration", 404):
        s3.get_bucket_lifecycle_configuration(Bucket=bucket)
    s3.delete_bucket_lifecycle(Bucket=bucket)


def test_unnamed_rules_are_numbered(s3, bucket):
    # Rule: LC-9 (unnamed rules are named rule-1, rule-2, … in order)
    s3.put_bucket_lifecycle_configuration(
        Bucket=bucket,
        LifecycleConfiguration={
            "Rules": [
                {"Filter": {"Prefix": "a/"}, "Status": "Enabled", "Expiration": {"Days": 1}},
                {"Filter": {"Prefix": "b/"}, "Status": "Enabled", "Expiration": {"Days": 2}},
            ]
        },
    )
    rules = s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
    assert [r["ID"] for r in rules] == ["rule-1", "rule-2"]


@pytest.mark.parametrize(
    "rules, code",
    [
        ([rule("zero", Expiration={"Days": 0})], "InvalidArgument"),
        ([rule("same", Expiration={"Days": 1}), rule("same", Expiration={"Days": 2})], "InvalidArgument"),
        ([rule("noon", Expiration={"Date": datetime.datetime(2030, 1, 1, 12, tzinfo=datetime.timezone.utc)})], "InvalidArgument"),
        ([rule("idle")], "MalformedXML"),
        ([rule("two", Expiration={"Days": 1, "ExpiredObjectDeleteMarker": True})], "MalformedXML"),
        ([{**rule("tagged", AbortIncompleteMultipartUpload={"DaysAfterInitiation": 1}), "Filter": {"Tag": {"Key": "a", "Value": "b"}}}], "MalformedXML"),
        ([rule("few", NoncurrentVersionExpiration={"NoncurrentDays": 1, "NewerNoncurrentVersions": 0})], "InvalidArgument"),
    ],
    ids=["days-0", "duplicate-id", "date-off-midnight", "no-action", "two-choices", "abort-with-tag", "newer-0"],
)
def test_invalid_configurations_are_refused_whole(s3, bucket, rules, code):
    # Rule: LC-9 (structure → MalformedXML 400, values → InvalidArgument 400; state unchanged),
    # LC-7 (a date off midnight), LC-8 (NewerNoncurrentVersions 1..=100)
    put(s3, bucket, rule("kept", Expiration={"Days": 5}))
    with s3_error(code, 400):
        put(s3, bucket, *rules)
    assert [r["ID"] for r in s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]] == ["kept"]


@pytest.mark.control
def test_noncurrent_versions_expire_a_day_after_their_successor(s3, versioned, control):
    # Rule: LC-2, LC-6 (due at ceil_to_midnight(successor's creation) + N days), LC-10 (prefix),
    # LC-13 (the run reports what it removed; nothing due → empty lists)
    control.pin(MIDNIGHT + 3600)
    old = s3.put_object(Bucket=versioned, Key="logs/a", Body=b"1")["VersionId"]
    new = s3.put_object(Bucket=versioned, Key="logs/a", Body=b"2")["VersionId"]
    kept_old = s3.put_object(Bucket=versioned, Key="keep/b", Body=b"1")["VersionId"]
    kept_new = s3.put_object(Bucket=versioned, Key="keep/b", Body=b"2")["VersionId"]
    put(s3, versioned, rule("noncurrent", "logs/", NoncurrentVersionExpiration={"NoncurrentDays": 1}))
    control.pin(MIDNIGHT + 2 * DAY - 1)
    outcome = control.run_lifecycle(versioned)
    assert outcome == {"removed": [], "delete_markers_added": [], "uploads_aborted": []}
    control.advance(1)
    outcome = control.run_lifecycle(versioned)
    assert outcome["removed"] == [{"key": "logs/a", "version_id": old, "delete_marker": False}]
    assert outcome["delete_markers_added"] == [] and outcome["uploads_aborted"] == []
    assert chain(s3, versioned, "logs/a") == [(new, False)]
    assert chain(s3, versioned, "keep/b") == [(kept_new, False), (kept_old, False)]


@pytest.mark.control
def test_current_expiration_adds_a_marker_in_an_enabled_bucket(s3, versioned, control):
    # Rule: LC-1 (Enabled: a DM with a fresh ID; a head that is a DM is left alone), LC-13
    control.pin(MIDNIGHT)
    version = s3.put_object(Bucket=versioned, Key="k", Body=b"x")["VersionId"]
    put(s3, versioned, rule("expire", Expiration={"Days": 1}))
    control.advance(DAY)
    outcome = control.run_lifecycle(versioned)
    [added] = outcome["delete_markers_added"]
    assert added["key"] == "k" and added["version_id"] not in (version, "null")
    assert chain(s3, versioned, "k") == [(added["version_id"], True), (version, False)]
    control.advance(DAY)
    again = control.run_lifecycle(versioned)
    assert again["delete_markers_added"] == []


@pytest.mark.control
def test_newer_noncurrent_versions_keeps_the_newest(s3, versioned, control):
    # Rule: LC-8 (the K newest noncurrent entries are kept whatever their age)
    control.pin(MIDNIGHT)
    ids = [s3.put_object(Bucket=versioned, Key="k", Body=bytes([i]))["VersionId"] for i in range(4)]
    put(s3, versioned, rule("keep-2", NoncurrentVersionExpiration={"NoncurrentDays": 1, "NewerNoncurrentVersions": 2}))
    control.advance(10 * DAY)
    outcome = control.run_lifecycle(versioned)
    assert outcome["removed"] == [{"key": "k", "version_id": ids[0], "delete_marker": False}]
    assert chain(s3, versioned, "k") == [(ids[3], False), (ids[2], False), (ids[1], False)]


@pytest.mark.control
def test_expired_delete_markers_and_stale_uploads_go(s3, versioned, control):
    # Rule: LC-3 (a lone DM removed when a rule sets ExpiredObjectDeleteMarker), LC-4, LC-11
    control.pin(MIDNIGHT)
    version = s3.put_object(Bucket=versioned, Key="k", Body=b"x")["VersionId"]
    marker = s3.delete_object(Bucket=versioned, Key="k")["VersionId"]
    upload = s3.create_multipart_upload(Bucket=versioned, Key="u")["UploadId"]
    s3.delete_object(Bucket=versioned, Key="k", VersionId=version)  # the DM is now alone
    put(
        s3, versioned,
        rule("markers", Expiration={"ExpiredObjectDeleteMarker": True}),
        rule("uploads", AbortIncompleteMultipartUpload={"DaysAfterInitiation": 1}),
    )
    control.advance(DAY)
    outcome = control.run_lifecycle(versioned)
    assert outcome["removed"] == [{"key": "k", "version_id": marker, "delete_marker": True}]
    assert outcome["uploads_aborted"] == [{"key": "u", "upload_id": upload}]
    assert chain(s3, versioned, "k") == []
    assert s3.list_multipart_uploads(Bucket=versioned).get("Uploads", []) == []


@pytest.mark.control
def test_lifecycle_spares_locked_versions(s3, versioned, control):
    # Rule: LC-12 (never removes a locked version; current expiration still adds its DM), OL-3
    control.pin(MIDNIGHT)
    s3.put_object_lock_configuration(
        Bucket=versioned, ObjectLockConfiguration={"ObjectLockEnabled": "Enabled"}
    )
    old = s3.put_object(Bucket=versioned, Key="k", Body=b"1")["VersionId"]
    s3.put_object_legal_hold(Bucket=versioned, Key="k", VersionId=old, LegalHold={"Status": "ON"})
    new = s3.put_object(Bucket=versioned, Key="k", Body=b"2")["VersionId"]
    put(s3, versioned, rule("all", Expiration={"Days": 1}, NoncurrentVersionExpiration={"NoncurrentDays": 1}))
    control.advance(3 * DAY)
    outcome = control.run_lifecycle(versioned)
    assert outcome["removed"] == []
    [added] = outcome["delete_markers_added"]
    assert chain(s3, versioned, "k") == [(added["version_id"], True), (new, False), (old, False)]


@pytest.mark.control
def test_a_disabled_rule_does_nothing(s3, versioned, control):
    # Rule: LC-5 (a rule with Status Disabled does nothing), LC-13
    control.pin(MIDNIGHT)
    version = s3.put_object(Bucket=versioned, Key="k", Body=b"x")["VersionId"]
    put(s3, versioned, {**rule("off", Expiration={"Days": 1}), "Status": "Disabled"})
    control.advance(10 * DAY)
    assert control.run_lifecycle(versioned) == {
        "removed": [], "delete_markers_added": [], "uploads_aborted": [],
    }
    assert chain(s3, versioned, "k") == [(version, False)]
