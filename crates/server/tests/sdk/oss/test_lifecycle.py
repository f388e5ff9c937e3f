"""Lifecycle (LC) through oss2: the configuration's put/get/delete, and runs through the
control API on a pinned clock."""

import datetime

import pytest
from oss2.models import (
    AbortMultipartUpload,
    BucketLifecycle,
    LifecycleExpiration,
    LifecycleRule,
    NoncurrentVersionExpiration,
)

from sdk_common import DAY, MIDNIGHT
from sdk_oss import chain, oss_error


def rule(rule_id, prefix="", **actions):
    return LifecycleRule(rule_id, prefix, status=LifecycleRule.ENABLED, **actions)


def put(bucket, *rules):
    bucket.put_bucket_lifecycle(BucketLifecycle(list(rules)))


def rule_ids(bucket):
    return [r.id for r in bucket.get_bucket_lifecycle().rules]


def test_no_configuration_is_no_such_lifecycle(bucket):
    # Rule: LC-14 (oss: NoSuchLifecycle 404)
    with oss_error("NoSuchLifecycle", 404):
        bucket.get_bucket_lifecycle()


def test_put_get_replace_and_delete(bucket):
    # Rule: LC-14 (Put replaces the whole configuration; Delete succeeds either way)
    put(
        bucket,
        rule("one", "logs/", expiration=LifecycleExpiration(days=3)),
        rule("two", noncurrent_version_expiration=NoncurrentVersionExpiration(2)),
    )
    rules = bucket.get_bucket_lifecycle().rules
    assert [(r.id, r.prefix, r.status) for r in rules] == [("one", "logs/", "Enabled"), ("two", "", "Enabled")]
    assert rules[0].expiration.days == 3
    assert rules[1].noncurrent_version_expiration.noncurrent_days == 2
    put(bucket, rule("three", abort_multipart_upload=AbortMultipartUpload(days=1)))
    assert rule_ids(bucket) == ["three"]
    bucket.delete_bucket_lifecycle()
    with oss_error("NoSuchLifecycle", 404):
        bucket.get_bucket_lifecycle()
    bucket.delete_bucket_lifecycle()


def test_created_before_date_round_trips(bucket):
    # Rule: LC-7 (oss CreatedBeforeDate, a midnight)
    put(bucket, rule("old", expiration=LifecycleExpiration(created_before_date=datetime.date(2030, 1, 1))))
    [stored] = bucket.get_bucket_lifecycle().rules
    assert stored.expiration.created_before_date == datetime.date(2030, 1, 1)


def test_unnamed_rules_are_numbered(bucket):
    # Rule: LC-9 (unnamed rules are named rule-1, rule-2, … in order; oss2 sends an empty ID)
    put(bucket, rule("", "a/", expiration=LifecycleExpiration(days=1)), rule("", "b/", expiration=LifecycleExpiration(days=2)))
    assert rule_ids(bucket) == ["rule-1", "rule-2"]


@pytest.mark.parametrize(
    "rules, code",
    [
        ([rule("zero", expiration=LifecycleExpiration(days=0))], "InvalidArgument"),
        ([rule("same", expiration=LifecycleExpiration(days=1)), rule("same", expiration=LifecycleExpiration(days=2))], "InvalidArgument"),
        ([rule("nonc", noncurrent_version_expiration=NoncurrentVersionExpiration(0))], "InvalidArgument"),
        ([rule("idle")], "MalformedXML"),
    ],
    ids=["days-0", "duplicate-id", "noncurrent-0", "no-action"],
)
def test_invalid_configurations_are_refused_whole(bucket, rules, code):
    # Rule: LC-9 (structure → MalformedXML 400, values → InvalidArgument 400; state unchanged)
    put(bucket, rule("kept", expiration=LifecycleExpiration(days=5)))
    with oss_error(code, 400):
        put(bucket, *rules)
    assert rule_ids(bucket) == ["kept"]


@pytest.mark.control
def test_noncurrent_versions_expire_a_day_after_their_successor(versioned, control):
    # Rule: LC-2, LC-6, LC-10 (prefix), LC-13 (nothing due → empty lists)
    control.pin(MIDNIGHT + 3600)
    old = versioned.put_object("logs/a", b"1").versionid
    new = versioned.put_object("logs/a", b"2").versionid
    kept_old = versioned.put_object("keep/b", b"1").versionid
    kept_new = versioned.put_object("keep/b", b"2").versionid
    put(versioned, rule("noncurrent", "logs/", noncurrent_version_expiration=NoncurrentVersionExpiration(1)))
    control.pin(MIDNIGHT + 2 * DAY - 1)
    assert control.run_lifecycle(versioned.bucket_name) == {
        "removed": [], "delete_markers_added": [], "uploads_aborted": [],
    }
    control.advance(1)
    outcome = control.run_lifecycle(versioned.bucket_name)
    assert outcome["removed"] == [{"key": "logs/a", "version_id": old, "delete_marker": False}]
    assert chain(versioned, "logs/a") == [(new, False)]
    assert chain(versioned, "keep/b") == [(kept_new, False), (kept_old, False)]


@pytest.mark.control
def test_current_expiration_in_enabled_and_unversioned_buckets(versioned, new_bucket, control):
    # Rule: LC-1 (Enabled: a DM with a fresh ID; Unversioned: the chain is removed)
    control.pin(MIDNIGHT)
    version = versioned.put_object("k", b"x").versionid
    plain = new_bucket("-plain")
    plain.put_object("k", b"x")
    for bucket in (versioned, plain):
        put(bucket, rule("expire", expiration=LifecycleExpiration(days=1)))
    control.advance(DAY)
    outcome = control.run_lifecycle(versioned.bucket_name)
    [added] = outcome["delete_markers_added"]
    assert added["key"] == "k" and added["version_id"] not in (version, "null")
    assert chain(versioned, "k") == [(added["version_id"], True), (version, False)]
    outcome = control.run_lifecycle(plain.bucket_name)
    assert outcome["removed"] == [{"key": "k", "version_id": "null", "delete_marker": False}]
    assert chain(plain, "k") == []


@pytest.mark.control
def test_created_before_date_expires_older_heads_at_any_time(versioned, control):
    # Rule: LC-7 (oss CreatedBeforeDate: due for heads whose Last-Modified is before the date)
    control.pin(MIDNIGHT)
    old = versioned.put_object("old", b"x").versionid
    control.advance(2 * DAY)
    young = versioned.put_object("young", b"x").versionid
    cutoff = datetime.datetime.fromtimestamp(MIDNIGHT + DAY, tz=datetime.timezone.utc).date()
    put(versioned, rule("cutoff", expiration=LifecycleExpiration(created_before_date=cutoff)))
    outcome = control.run_lifecycle(versioned.bucket_name)
    assert [a["key"] for a in outcome["delete_markers_added"]] == ["old"]
    assert chain(versioned, "young") == [(young, False)]
    assert chain(versioned, "old")[1:] == [(old, False)]


@pytest.mark.control
def test_expired_delete_markers_and_stale_uploads_go(versioned, control):
    # Rule: LC-3 (oss: only with ExpiredObjectDeleteMarker), LC-4 (oss AbortMultipartUpload
    # Days)
    control.pin(MIDNIGHT)
    version = versioned.put_object("k", b"x").versionid
    marker = versioned.delete_object("k").versionid
    versioned.delete_object("k", params={"versionId": version})  # the DM is now alone
    upload = versioned.init_multipart_upload("u").upload_id
    put(
        versioned,
        rule("markers", expiration=LifecycleExpiration(expired_detete_marker=True)),
        rule("uploads", abort_multipart_upload=AbortMultipartUpload(days=1)),
    )
    control.advance(DAY)
    outcome = control.run_lifecycle(versioned.bucket_name)
    assert outcome["removed"] == [{"key": "k", "version_id": marker, "delete_marker": True}]
    assert outcome["uploads_aborted"] == [{"key": "u", "upload_id": upload}]
    assert chain(versioned, "k") == []
    assert versioned.list_multipart_uploads().upload_list == []
