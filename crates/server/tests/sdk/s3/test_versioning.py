"""Versioning state (VS) through boto3."""

import pytest

from sdk_s3 import chain, enable_versioning, s3_error, suspend_versioning


def status(s3, bucket):
    return s3.get_bucket_versioning(Bucket=bucket).get("Status")


def test_a_new_bucket_is_unversioned(s3, bucket):
    # Rule: VS-1 (GetBucketVersioning has no Status while Unversioned, http.md §4)
    assert status(s3, bucket) is None


def test_enabled_and_suspended_alternate_and_read_back(s3, bucket):
    # Rule: VS-2
    enable_versioning(s3, bucket)
    assert status(s3, bucket) == "Enabled"
    suspend_versioning(s3, bucket)
    assert status(s3, bucket) == "Suspended"
    enable_versioning(s3, bucket)
    assert status(s3, bucket) == "Enabled"
    enable_versioning(s3, bucket)  # to itself: a no-op
    assert status(s3, bucket) == "Enabled"


def test_unversioned_may_go_straight_to_suspended(s3, bucket):
    # Rule: VS-2
    suspend_versioning(s3, bucket)
    assert status(s3, bucket) == "Suspended"


@pytest.mark.parametrize("requested", ["Disabled", "Unversioned", "enabled", "Off"])
def test_other_statuses_are_refused_and_change_nothing(s3, versioned, requested):
    # Rule: VS-2 (s3: IllegalVersioningConfigurationException 400; nothing returns to
    # Unversioned)
    with s3_error("IllegalVersioningConfigurationException", 400):
        s3.put_bucket_versioning(Bucket=versioned, VersioningConfiguration={"Status": requested})
    assert status(s3, versioned) == "Enabled"


def test_changing_the_state_leaves_existing_entries_alone(s3, versioned):
    # Rule: VS-3
    first = s3.put_object(Bucket=versioned, Key="k", Body=b"1")["VersionId"]
    second = s3.put_object(Bucket=versioned, Key="k", Body=b"2")["VersionId"]
    marker = s3.delete_object(Bucket=versioned, Key="k")["VersionId"]
    before = chain(s3, versioned, "k")
    assert before == [(marker, True), (second, False), (first, False)]
    suspend_versioning(s3, versioned)
    assert chain(s3, versioned, "k") == before
    enable_versioning(s3, versioned)
    assert chain(s3, versioned, "k") == before
