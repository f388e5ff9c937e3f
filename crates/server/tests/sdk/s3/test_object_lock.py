"""Object Lock and retention (OL-1..OL-6) through boto3.

Times: retention dates are set relative to the server's clock (the control API's `now` where
there is one, the wall clock otherwise), so the tests hold whether or not the clock is pinned.
"""

import datetime
import time

import pytest

from sdk_s3 import chain, s3_error, suspend_versioning

GOVERNANCE, COMPLIANCE = "GOVERNANCE", "COMPLIANCE"


@pytest.fixture
def server_now(s3_endpoint):
    """The endpoint's current time in seconds (LC-0)."""

    def now() -> int:
        if s3_endpoint.control is not None:
            return s3_endpoint.control.now()
        return int(time.time())

    return now


def at(seconds: int) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(seconds, tz=datetime.timezone.utc)


def lock(s3, bucket, mode=None, days=None):
    configuration = {"ObjectLockEnabled": "Enabled"}
    if mode is not None:
        configuration["Rule"] = {"DefaultRetention": {"Mode": mode, "Days": days}}
    s3.put_object_lock_configuration(Bucket=bucket, ObjectLockConfiguration=configuration)


@pytest.fixture
def locked(s3, versioned) -> str:
    """An Enabled bucket with Object Lock on and no default retention."""
    lock(s3, versioned)
    return versioned


def retain(s3, bucket, key, version, mode, until, bypass=False):
    return s3.put_object_retention(
        Bucket=bucket,
        Key=key,
        VersionId=version,
        Retention={"Mode": mode, "RetainUntilDate": at(until)},
        BypassGovernanceRetention=bypass,
    )


def test_lock_needs_an_enabled_bucket(s3, bucket):
    # Rule: OL-1 (InvalidBucketState 409 unless versioning is Enabled)
    with s3_error("InvalidBucketState", 409):
        lock(s3, bucket)
    suspend_versioning(s3, bucket)
    with s3_error("InvalidBucketState", 409):
        lock(s3, bucket)


def test_a_locked_bucket_cannot_be_suspended(s3, locked):
    # Rule: OL-1 (never turned off; Suspended → InvalidBucketState 409)
    with s3_error("InvalidBucketState", 409):
        suspend_versioning(s3, locked)
    assert s3.get_bucket_versioning(Bucket=locked)["Status"] == "Enabled"
    configuration = s3.get_object_lock_configuration(Bucket=locked)["ObjectLockConfiguration"]
    assert configuration["ObjectLockEnabled"] == "Enabled"


def test_the_default_retention_goes_to_new_versions(s3, versioned, server_now):
    # Rule: OL-2 (else the default: creation time + period)
    lock(s3, versioned, GOVERNANCE, days=1)
    before = server_now()
    version = s3.put_object(Bucket=versioned, Key="k", Body=b"x")["VersionId"]
    retention = s3.get_object_retention(Bucket=versioned, Key="k", VersionId=version)["Retention"]
    assert retention["Mode"] == GOVERNANCE
    until = retention["RetainUntilDate"].timestamp()
    assert before + 86_400 <= until <= server_now() + 86_400


def test_a_request_retention_wins_over_the_default(s3, versioned, server_now):
    # Rule: OL-2 (the request's retention if it gives one)
    lock(s3, versioned, GOVERNANCE, days=1)
    until = server_now() + 3 * 86_400
    version = s3.put_object(
        Bucket=versioned, Key="k", Body=b"x",
        ObjectLockMode=COMPLIANCE, ObjectLockRetainUntilDate=at(until),
    )["VersionId"]
    retention = s3.get_object_retention(Bucket=versioned, Key="k", VersionId=version)["Retention"]
    assert (retention["Mode"], int(retention["RetainUntilDate"].timestamp())) == (COMPLIANCE, until)


def test_an_upload_takes_the_lock_asked_for_at_create(s3, versioned, server_now):
    # Rule: OL-2 (an upload's lock is asked for at CreateMultipartUpload; it wins over the
    # default and goes to the completed object)
    lock(s3, versioned, GOVERNANCE, days=1)
    until = server_now() + 3 * 86_400
    upload = s3.create_multipart_upload(
        Bucket=versioned, Key="k", ObjectLockMode=COMPLIANCE,
        ObjectLockRetainUntilDate=at(until), ObjectLockLegalHoldStatus="ON",
    )["UploadId"]
    etag = s3.upload_part(
        Bucket=versioned, Key="k", UploadId=upload, PartNumber=1, Body=b"part")["ETag"]
    version = s3.complete_multipart_upload(
        Bucket=versioned, Key="k", UploadId=upload,
        MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": etag}]},
    )["VersionId"]
    retention = s3.get_object_retention(Bucket=versioned, Key="k", VersionId=version)["Retention"]
    assert (retention["Mode"], int(retention["RetainUntilDate"].timestamp())) == (COMPLIANCE, until)
    held = s3.get_object_legal_hold(Bucket=versioned, Key="k", VersionId=version)
    assert held["LegalHold"]["Status"] == "ON"


def test_deleting_a_governed_version_needs_the_bypass(s3, locked, server_now):
    # Rule: OL-3, OL-4 (AccessDenied 403; GOVERNANCE gives way to bypass_governance)
    version = s3.put_object(Bucket=locked, Key="k", Body=b"x")["VersionId"]
    retain(s3, locked, "k", version, GOVERNANCE, server_now() + 86_400)
    with s3_error("AccessDenied", 403):
        s3.delete_object(Bucket=locked, Key="k", VersionId=version)
    assert chain(s3, locked, "k") == [(version, False)]
    s3.delete_object(Bucket=locked, Key="k", VersionId=version, BypassGovernanceRetention=True)
    assert chain(s3, locked, "k") == []


def test_a_batch_delete_bypasses_governance_for_every_entry(s3, locked, server_now):
    # Rule: OL-4 (DeleteObjects fails a locked entry alone; the bypass header applies to each
    # entry deleted by ID), BAT-4
    governed = s3.put_object(Bucket=locked, Key="g", Body=b"x")["VersionId"]
    complied = s3.put_object(Bucket=locked, Key="c", Body=b"y")["VersionId"]
    retain(s3, locked, "g", governed, GOVERNANCE, server_now() + 86_400)
    retain(s3, locked, "c", complied, COMPLIANCE, server_now() + 86_400)
    objects = [{"Key": "g", "VersionId": governed}, {"Key": "c", "VersionId": complied}]
    refused = s3.delete_objects(Bucket=locked, Delete={"Objects": objects})
    assert [(e["Key"], e["Code"]) for e in refused["Errors"]] == [
        ("g", "AccessDenied"), ("c", "AccessDenied")]
    assert "Deleted" not in refused
    bypassed = s3.delete_objects(
        Bucket=locked, Delete={"Objects": objects}, BypassGovernanceRetention=True)
    assert [(d["Key"], d["VersionId"]) for d in bypassed["Deleted"]] == [("g", governed)]
    assert [(e["Key"], e["Code"]) for e in bypassed["Errors"]] == [("c", "AccessDenied")]
    assert chain(s3, locked, "g") == []
    assert chain(s3, locked, "c") == [(complied, False)]


def test_compliance_never_gives_way(s3, locked, server_now):
    # Rule: OL-4 (COMPLIANCE never gives way)
    version = s3.put_object(Bucket=locked, Key="k", Body=b"x")["VersionId"]
    retain(s3, locked, "k", version, COMPLIANCE, server_now() + 86_400)
    with s3_error("AccessDenied", 403):
        s3.delete_object(Bucket=locked, Key="k", VersionId=version, BypassGovernanceRetention=True)
    assert chain(s3, locked, "k") == [(version, False)]


def test_a_legal_hold_blocks_until_released(s3, locked):
    # Rule: OL-2, OL-3 (locked while the legal hold is on), OL-4 (holds never give way)
    version = s3.put_object(Bucket=locked, Key="k", Body=b"x")["VersionId"]
    s3.put_object_legal_hold(Bucket=locked, Key="k", VersionId=version, LegalHold={"Status": "ON"})
    held = s3.get_object_legal_hold(Bucket=locked, Key="k", VersionId=version)
    assert held["LegalHold"]["Status"] == "ON"
    with s3_error("AccessDenied", 403):
        s3.delete_object(Bucket=locked, Key="k", VersionId=version, BypassGovernanceRetention=True)
    s3.put_object_legal_hold(Bucket=locked, Key="k", VersionId=version, LegalHold={"Status": "OFF"})
    s3.delete_object(Bucket=locked, Key="k", VersionId=version)
    assert chain(s3, locked, "k") == []


def test_a_lock_never_blocks_simple_deletes_overwrites_or_markers(s3, locked, server_now):
    # Rule: OL-5
    version = s3.put_object(Bucket=locked, Key="k", Body=b"x")["VersionId"]
    retain(s3, locked, "k", version, COMPLIANCE, server_now() + 86_400)
    newer = s3.put_object(Bucket=locked, Key="k", Body=b"y")["VersionId"]
    marker = s3.delete_object(Bucket=locked, Key="k")["VersionId"]
    assert chain(s3, locked, "k") == [(marker, True), (newer, False), (version, False)]
    s3.delete_object(Bucket=locked, Key="k", VersionId=marker)
    assert chain(s3, locked, "k") == [(newer, False), (version, False)]


def test_retention_can_lengthen_but_not_shorten(s3, locked, server_now):
    # Rule: OL-6
    version = s3.put_object(Bucket=locked, Key="k", Body=b"x")["VersionId"]
    now = server_now()
    retain(s3, locked, "k", version, GOVERNANCE, now + 2 * 86_400)
    retain(s3, locked, "k", version, GOVERNANCE, now + 3 * 86_400)  # lengthen: always
    with s3_error("AccessDenied", 403):
        retain(s3, locked, "k", version, GOVERNANCE, now + 86_400)
    retain(s3, locked, "k", version, GOVERNANCE, now + 86_400, bypass=True)
    # OL-6: a GOVERNANCE retention changes mode only with the bypass, even to a later date.
    with s3_error("AccessDenied", 403):
        retain(s3, locked, "k", version, COMPLIANCE, now + 2 * 86_400)
    retain(s3, locked, "k", version, COMPLIANCE, now + 2 * 86_400, bypass=True)
    for mode, until in ((COMPLIANCE, now + 86_400), (GOVERNANCE, now + 5 * 86_400)):
        with s3_error("AccessDenied", 403):
            retain(s3, locked, "k", version, mode, until, bypass=True)
    retention = s3.get_object_retention(Bucket=locked, Key="k", VersionId=version)["Retention"]
    assert (retention["Mode"], int(retention["RetainUntilDate"].timestamp())) == (
        COMPLIANCE,
        now + 2 * 86_400,
    )


def test_retention_on_a_marker_is_method_not_allowed(s3, locked, server_now):
    # Rule: OL-2 (DMs never carry retention or holds)
    s3.put_object(Bucket=locked, Key="k", Body=b"x")
    marker = s3.delete_object(Bucket=locked, Key="k")["VersionId"]
    with s3_error("MethodNotAllowed", 405):
        retain(s3, locked, "k", marker, GOVERNANCE, server_now() + 86_400)
    with s3_error("MethodNotAllowed", 405):
        s3.put_object_legal_hold(Bucket=locked, Key="k", VersionId=marker, LegalHold={"Status": "ON"})


def test_retention_without_object_lock_is_invalid_request(s3, versioned, server_now):
    # Rule: OL-2 (InvalidRequest 400 on a bucket without Object Lock)
    version = s3.put_object(Bucket=versioned, Key="k", Body=b"x")["VersionId"]
    with s3_error("InvalidRequest", 400):
        retain(s3, versioned, "k", version, GOVERNANCE, server_now() + 86_400)
    with s3_error("InvalidRequest", 400):
        s3.put_object_legal_hold(Bucket=versioned, Key="k", VersionId=version, LegalHold={"Status": "ON"})
    with s3_error("InvalidRequest", 400):
        s3.create_multipart_upload(Bucket=versioned, Key="k", ObjectLockLegalHoldStatus="ON")
    assert s3.list_multipart_uploads(Bucket=versioned).get("Uploads", []) == []


@pytest.mark.control
def test_a_retention_ends_when_the_clock_passes_it(s3, locked, control):
    # Rule: OL-3 (locked while t < retain_until), LC-0 (the pinned clock)
    control.pin(1_800_000_000)
    version = s3.put_object(Bucket=locked, Key="k", Body=b"x")["VersionId"]
    retain(s3, locked, "k", version, COMPLIANCE, 1_800_000_000 + 100)
    control.advance(99)
    with s3_error("AccessDenied", 403):
        s3.delete_object(Bucket=locked, Key="k", VersionId=version)
    control.advance(1)
    s3.delete_object(Bucket=locked, Key="k", VersionId=version)
    assert chain(s3, locked, "k") == []
