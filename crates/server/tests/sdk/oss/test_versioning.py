"""Versioning state (VS) through oss2."""

import pytest
from oss2.models import BucketVersioningConfig

from sdk_oss import chain, enable, oss_error, suspend


def status(bucket):
    return bucket.get_bucket_versioning().status


def test_a_new_bucket_is_unversioned(bucket):
    # Rule: VS-1 (no Status while Unversioned, http.md §4; GetBucketInfo omits Versioning)
    assert status(bucket) is None
    assert bucket.get_bucket_info().versioning_status is None


def test_enabled_and_suspended_alternate_and_read_back(bucket):
    # Rule: VS-2, SVC-6 (GetBucketInfo reports the status)
    enable(bucket)
    assert status(bucket) == "Enabled"
    assert bucket.get_bucket_info().versioning_status == "Enabled"
    suspend(bucket)
    assert status(bucket) == "Suspended"
    assert bucket.get_bucket_info().versioning_status == "Suspended"
    enable(bucket)
    enable(bucket)  # to itself: a no-op
    assert status(bucket) == "Enabled"


def test_unversioned_may_go_straight_to_suspended(bucket):
    # Rule: VS-2
    suspend(bucket)
    assert status(bucket) == "Suspended"


@pytest.mark.parametrize("requested", ["Disabled", "Unversioned", "enabled", None])
def test_other_statuses_are_refused_and_change_nothing(versioned, requested):
    # Rule: VS-2 (oss: MalformedXML 400; oss2 sends the literal `None` for an unset status)
    with oss_error("MalformedXML", 400):
        versioned.put_bucket_versioning(BucketVersioningConfig(requested))
    assert status(versioned) == "Enabled"


def test_a_never_versioned_bucket_refuses_disabled_too(bucket):
    # Rule: VS-2 (a request for Unversioned/Disabled is rejected in every state)
    with oss_error("MalformedXML", 400):
        bucket.put_bucket_versioning(BucketVersioningConfig("Disabled"))
    assert status(bucket) is None


def test_changing_the_state_leaves_existing_entries_alone(versioned):
    # Rule: VS-3
    first = versioned.put_object("k", b"1").versionid
    second = versioned.put_object("k", b"2").versionid
    marker = versioned.delete_object("k").versionid
    before = chain(versioned, "k")
    assert before == [(marker, True), (second, False), (first, False)]
    suspend(versioned)
    assert chain(versioned, "k") == before
    enable(versioned)
    assert chain(versioned, "k") == before

