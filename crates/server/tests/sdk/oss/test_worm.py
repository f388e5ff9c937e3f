"""The bucket retention policy, WORM (OL-7, OL-8), through oss2.

A version is protected while `now < Last-Modified + days × 86400` once a policy exists (in
progress or locked). Tests that let the protection run out pin the clock.
"""

import pytest
from oss2.models import BucketLifecycle, LifecycleRule, NoncurrentVersionExpiration

from sdk_common import DAY, MIDNIGHT
from sdk_oss import chain, enable, oss_error, suspend


def test_a_policy_goes_from_in_progress_to_locked_and_only_lengthens(bucket):
    # Rule: OL-7 (Initiate, Complete, Extend only lengthens a locked one; MODEL InvalidArgument
    # for an extend that does not lengthen)
    worm_id = bucket.init_bucket_worm(1).worm_id
    assert worm_id
    policy = bucket.get_bucket_worm()
    assert (policy.worm_id, policy.state, policy.retention_period_days) == (worm_id, "InProgress", 1)
    bucket.complete_bucket_worm(worm_id)
    assert bucket.get_bucket_worm().state == "Locked"
    bucket.extend_bucket_worm(worm_id, 2)
    assert bucket.get_bucket_worm().retention_period_days == 2
    with oss_error("InvalidArgument", 400):
        bucket.extend_bucket_worm(worm_id, 2)
    with oss_error("WORMConfigurationLocked", 409):
        bucket.abort_bucket_worm()
    assert bucket.get_bucket_worm().state == "Locked"


def test_an_unversioned_bucket_refuses_overwrites_and_deletes(bucket):
    # Rule: OL-7 (Unversioned: overwriting or deleting a protected object → FileImmutable 409;
    # a policy in progress protects too)
    bucket.put_object("k", b"kept")
    bucket.init_bucket_worm(1)
    with oss_error("FileImmutable", 409):
        bucket.put_object("k", b"other")
    with oss_error("FileImmutable", 409):
        bucket.delete_object("k")
    assert bucket.get_object("k").read() == b"kept"
    bucket.put_object("new-key", b"x")  # nothing to overwrite


def test_aborting_an_in_progress_policy_lifts_the_protection(bucket):
    # Rule: OL-7 (Abort removes a policy still in progress)
    bucket.put_object("k", b"x")
    bucket.init_bucket_worm(1)
    bucket.abort_bucket_worm()
    bucket.delete_object("k")
    assert chain(bucket, "k") == []


def test_an_enabled_bucket_adds_entries_but_keeps_protected_versions(versioned):
    # Rule: OL-7 (Enabled: writes and simple deletes still add entries; deleting a protected
    # version by ID → FileImmutable 409), OL-5
    first = versioned.put_object("k", b"1").versionid
    versioned.complete_bucket_worm(versioned.init_bucket_worm(1).worm_id)
    second = versioned.put_object("k", b"2").versionid
    marker = versioned.delete_object("k").versionid
    assert chain(versioned, "k") == [(marker, True), (second, False), (first, False)]
    with oss_error("FileImmutable", 409):
        versioned.delete_object("k", params={"versionId": first})
    versioned.delete_object("k", params={"versionId": marker})  # a DM is not protected
    assert chain(versioned, "k") == [(second, False), (first, False)]


def test_an_append_to_a_protected_appendable_is_refused(versioned):
    # Rule: OL-8 (FileImmutable 409)
    created = versioned.append_object("k", 0, b"abc", init_crc=0)
    versioned.init_bucket_worm(1)
    with oss_error("FileImmutable", 409):
        versioned.append_object("k", 3, b"def", init_crc=created.crc)
    assert versioned.get_object("k").read() == b"abc"


def test_a_policy_and_suspension_exclude_each_other(bucket, new_bucket):
    # Rule: OL-7 (a policy needs versioning Enabled or never configured; a bucket with one
    # cannot be Suspended: InvalidBucketState 409, MODEL for the code)
    suspend(bucket)
    with oss_error("InvalidBucketState", 409):
        bucket.init_bucket_worm(1)
    other = new_bucket("-worm")
    enable(other)
    other.init_bucket_worm(1)
    with oss_error("InvalidBucketState", 409):
        suspend(other)
    assert other.get_bucket_versioning().status == "Enabled"


@pytest.mark.control
def test_protection_ends_with_the_retention_period(versioned, control):
    # Rule: OL-7 (protected while now < Last-Modified + days × 86400), LC-0
    control.pin(MIDNIGHT)
    version = versioned.put_object("k", b"x").versionid
    versioned.put_object("k", b"y")
    versioned.complete_bucket_worm(versioned.init_bucket_worm(1).worm_id)
    control.advance(DAY - 1)
    with oss_error("FileImmutable", 409):
        versioned.delete_object("k", params={"versionId": version})
    control.advance(1)
    versioned.delete_object("k", params={"versionId": version})
    assert len(chain(versioned, "k")) == 1


@pytest.mark.control
def test_lifecycle_spares_protected_versions(versioned, control):
    # Rule: LC-12 (never removes a version protected by an oss retention policy)
    control.pin(MIDNIGHT)
    old = versioned.put_object("k", b"1").versionid
    new = versioned.put_object("k", b"2").versionid
    versioned.init_bucket_worm(30)
    versioned.put_bucket_lifecycle(
        BucketLifecycle([LifecycleRule("nc", "", noncurrent_version_expiration=NoncurrentVersionExpiration(1))])
    )
    control.advance(3 * DAY)
    assert control.run_lifecycle(versioned.bucket_name)["removed"] == []
    assert chain(versioned, "k") == [(new, False), (old, False)]
