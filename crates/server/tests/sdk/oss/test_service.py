"""Buckets and the service (SVC) through oss2: create, delete, list, GetBucketInfo; addressing
styles; what the model does not have (NotImplemented 501).

oss2 checks bucket names itself (`is_valid_bucket_name`, the same rule as SVC-2 for oss), so
invalid names never reach the server through it.
"""

import oss2

import sdk_common
import sdk_oss
from sdk_oss import chain, enable, oss_error


def test_a_new_bucket_is_empty_and_unversioned(bucket):
    # Rule: SVC-3, SVC-6 (GetBucketInfo: name and status; every element oss2 requires)
    info = bucket.get_bucket_info()
    assert info.name == bucket.bucket_name
    assert info.versioning_status is None
    assert info.creation_date and info.storage_class and info.location is not None
    assert bucket.list_objects().object_list == []


def test_creating_an_existing_bucket_is_refused(bucket):
    # Rule: SVC-3 (oss: BucketAlreadyExists 409)
    bucket.put_object("k", b"x")
    with oss_error("BucketAlreadyExists", 409):
        bucket.create_bucket()
    assert chain(bucket, "k") == [("null", False)]


def test_buckets_list_ascending(service, oss_endpoint, new_bucket):
    # Rule: SVC-1
    names = [new_bucket(label).bucket_name for label in ("-c", "-a", "-b")]
    listed = [b.name for b in service.list_buckets(max_keys=1000).buckets]
    assert listed == sorted(listed)
    if oss_endpoint.control is not None:
        assert listed == sorted(names)
    else:
        assert set(names) <= set(listed)


def test_a_missing_bucket_is_no_such_bucket(oss_endpoint, bucket):
    # Rule: SVC-1, SVC-6
    missing = sdk_oss.bucket_client(oss_endpoint.url, bucket.bucket_name + "-missing")
    with oss_error("NoSuchBucket", 404):
        missing.put_object("k", b"x")
    with oss_error("NoSuchBucket", 404):
        missing.get_bucket_info()
    with oss_error("NoSuchBucket", 404):
        missing.list_object_versions()


def test_deleting_an_empty_bucket_and_making_it_again_starts_fresh(bucket):
    # Rule: SVC-4
    enable(bucket)
    version = bucket.put_object("k", b"x").versionid
    bucket.delete_object("k", params={"versionId": version})
    assert bucket.delete_bucket().status == 204
    with oss_error("NoSuchBucket", 404):
        bucket.get_bucket_info()
    bucket.create_bucket()
    assert bucket.get_bucket_versioning().status is None
    assert chain(bucket, "k") == []


def test_a_bucket_holding_only_a_marker_is_not_empty(versioned):
    # Rule: SVC-4 (any entry, DMs included)
    versioned.delete_object("k")
    with oss_error("BucketNotEmpty", 409):
        versioned.delete_bucket()


def test_a_bucket_holding_only_an_upload_is_not_empty(bucket):
    # Rule: SVC-4 (MODEL: an upload in progress counts)
    upload = bucket.init_multipart_upload("k").upload_id
    with oss_error("BucketNotEmpty", 409):
        bucket.delete_bucket()
    bucket.abort_multipart_upload("k", upload)
    bucket.delete_bucket()


def test_the_location_is_answered(bucket):
    # http.md §4 (a bucket read SDKs call routinely)
    assert bucket.get_bucket_location().location


def test_bucket_ids_do_not_depend_on_other_buckets(oss_endpoint, control):
    # Rule: SVC-5, ID-5 (each bucket's IDs derive from the service seed and its name)
    name = sdk_common.bucket_name_for("svc-5-probe", unique=False)
    probe = sdk_oss.bucket_client(oss_endpoint.url, name)
    other = sdk_oss.bucket_client(oss_endpoint.url, name + "-other")
    control.reset()
    probe.create_bucket()
    enable(probe)
    alone = [probe.put_object("k", b"x").versionid for _ in range(3)]
    control.reset()
    other.create_bucket()
    enable(other)
    other.put_object("k", b"x")
    probe.create_bucket()
    enable(probe)
    beside = [probe.put_object("k", b"x").versionid for _ in range(3)]
    assert alone == beside


def test_virtual_host_addressing(oss_endpoint, bucket, localhost_subdomains):
    # http.md §1.1 (`{bucket}.localhost`): oss2 with the bucket's own host as a CNAME
    port = oss_endpoint.url.rsplit(":", 1)[1]
    virtual = oss2.Bucket(
        sdk_oss.auth(), f"http://{bucket.bucket_name}.localhost:{port}", bucket.bucket_name, is_cname=True
    )
    enable(virtual)
    version = virtual.put_object("dir/k", b"vh").versionid
    got = virtual.get_object("dir/k")
    assert (got.read(), got.versionid) == (b"vh", version)
    assert chain(bucket, "dir/k") == [(version, False)]


def test_the_v4_signer_is_accepted(oss_endpoint, versioned):
    # http.md §6 (OSS V4 headers; `--auth none` accepts any signature)
    v4 = oss2.Bucket(
        oss2.AuthV4(sdk_oss.ACCESS_KEY, sdk_oss.SECRET_KEY), oss_endpoint.url,
        versioned.bucket_name, region="cn-hangzhou",
    )
    version = v4.put_object("k", b"v4").versionid
    assert chain(versioned, "k") == [(version, False)]


def test_a_signed_url_reads_a_version(versioned):
    # http.md §1.2 (presign parameters are removed before dispatch), GET-4
    first = versioned.put_object("k", b"one").versionid
    versioned.put_object("k", b"two")
    url = versioned.sign_url("GET", "k", 600, params={"versionId": first})
    got = versioned.get_object_with_url(url)
    assert (got.read(), got.versionid) == (b"one", first)


def test_features_outside_the_model_are_not_implemented(bucket):
    # issue 17: APIs outside the model get NotImplemented 501, never a wrong success
    bucket.put_object("k", b"x")
    for call in (
        lambda: bucket.put_bucket_acl(oss2.BUCKET_ACL_PUBLIC_READ),
        lambda: bucket.get_bucket_cors(),
        lambda: bucket.restore_object("k"),
    ):
        with oss_error("NotImplemented", 501):
            call()
