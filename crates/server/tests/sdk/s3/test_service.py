"""Buckets and the service (SVC) through boto3, addressing styles, and what the model does not
have (NotImplemented 501)."""

import pytest

import sdk_common
import sdk_s3
from sdk_s3 import chain, s3_error, status_of


def test_a_new_bucket_is_empty_and_unversioned(s3, bucket):
    # Rule: SVC-3, SVC-6 (HeadBucket 200)
    assert status_of(s3.head_bucket(Bucket=bucket)) == 200
    assert "Status" not in s3.get_bucket_versioning(Bucket=bucket)
    assert s3.list_objects_v2(Bucket=bucket)["KeyCount"] == 0


def test_creating_an_existing_bucket_is_refused(s3, bucket):
    # Rule: SVC-3 (s3: BucketAlreadyOwnedByYou 409)
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    with s3_error("BucketAlreadyOwnedByYou", 409):
        s3.create_bucket(Bucket=bucket)
    assert chain(s3, bucket, "k") == [("null", False)]


def test_buckets_list_ascending(s3, s3_endpoint, new_bucket):
    # Rule: SVC-1 (listed ascending)
    names = [new_bucket(label) for label in ("-c", "-a", "-b")]
    listed = [b["Name"] for b in s3.list_buckets()["Buckets"]]
    assert listed == sorted(listed)
    if s3_endpoint.control is not None:  # a reset service holds exactly these
        assert listed == sorted(names)
    else:
        assert set(names) <= set(listed)


def test_a_missing_bucket_is_no_such_bucket(s3, bucket):
    # Rule: SVC-1, SVC-6 (HEAD: no body, so botocore reports "404")
    missing = bucket + "-missing"
    with s3_error("NoSuchBucket", 404):
        s3.put_object(Bucket=missing, Key="k", Body=b"x")
    with s3_error("NoSuchBucket", 404):
        s3.list_object_versions(Bucket=missing)
    with s3_error("404", 404):
        s3.head_bucket(Bucket=missing)


def test_deleting_an_empty_bucket_and_making_it_again_starts_fresh(s3, bucket):
    # Rule: SVC-4
    sdk_s3.enable_versioning(s3, bucket)
    version = s3.put_object(Bucket=bucket, Key="k", Body=b"x")["VersionId"]
    s3.delete_object(Bucket=bucket, Key="k", VersionId=version)
    assert status_of(s3.delete_bucket(Bucket=bucket)) == 204
    with s3_error("404", 404):
        s3.head_bucket(Bucket=bucket)
    s3.create_bucket(Bucket=bucket)
    assert "Status" not in s3.get_bucket_versioning(Bucket=bucket)


def test_a_bucket_holding_only_a_marker_is_not_empty(s3, versioned):
    # Rule: SVC-4 (any entry, DMs included)
    s3.delete_object(Bucket=versioned, Key="k")
    with s3_error("BucketNotEmpty", 409):
        s3.delete_bucket(Bucket=versioned)


def test_a_bucket_holding_only_an_upload_is_not_empty(s3, bucket):
    # Rule: SVC-4 (MODEL: an upload in progress counts)
    upload = s3.create_multipart_upload(Bucket=bucket, Key="k")["UploadId"]
    with s3_error("BucketNotEmpty", 409):
        s3.delete_bucket(Bucket=bucket)
    s3.abort_multipart_upload(Bucket=bucket, Key="k", UploadId=upload)
    s3.delete_bucket(Bucket=bucket)


@pytest.mark.parametrize(
    "name",
    ["ab", "a" * 64, "Upper-case", "under_score", "192.168.5.4", "xn--punycode", "dots..twice",
     "name-s3alias", "sthree-name", "-leading-dash", "trailing-dash-"],
)
def test_invalid_bucket_names_are_refused(s3, bucket, name):
    # Rule: SVC-2 (InvalidBucketName 400); `bucket` only resets the service first
    with s3_error("InvalidBucketName", 400):
        s3.create_bucket(Bucket=name)


def test_bucket_ids_do_not_depend_on_other_buckets(s3, control):
    # Rule: SVC-5, ID-5 (each bucket's IDs derive from the service seed and its name)
    name = sdk_common.bucket_name_for("svc-5-probe", unique=False)
    control.reset()
    s3.create_bucket(Bucket=name)
    sdk_s3.enable_versioning(s3, name)
    alone = [s3.put_object(Bucket=name, Key="k", Body=b"x")["VersionId"] for _ in range(3)]
    control.reset()
    s3.create_bucket(Bucket=name + "-other")
    sdk_s3.enable_versioning(s3, name + "-other")
    s3.put_object(Bucket=name + "-other", Key="k", Body=b"x")
    s3.create_bucket(Bucket=name)
    sdk_s3.enable_versioning(s3, name)
    beside = [s3.put_object(Bucket=name, Key="k", Body=b"x")["VersionId"] for _ in range(3)]
    assert alone == beside


def test_virtual_host_addressing(s3_endpoint, bucket, localhost_subdomains):
    # http.md §1.1: `{bucket}.localhost` virtual-host style, as botocore sends it
    port = s3_endpoint.url.rsplit(":", 1)[1]
    virtual = sdk_s3.make_client(f"http://localhost:{port}", addressing_style="virtual")
    sdk_s3.enable_versioning(virtual, bucket)
    version = virtual.put_object(Bucket=bucket, Key="dir/k", Body=b"vh")["VersionId"]
    got = virtual.get_object(Bucket=bucket, Key="dir/k")
    assert (got["Body"].read(), got["VersionId"]) == (b"vh", version)
    assert chain(virtual, bucket, "dir/k") == [(version, False)]


def test_features_outside_the_model_are_not_implemented(s3, bucket):
    # issue 17: APIs outside the model get NotImplemented 501, never a wrong success
    with s3_error("NotImplemented", 501):
        s3.put_bucket_acl(Bucket=bucket, ACL="public-read")
    with s3_error("NotImplemented", 501):
        s3.get_bucket_cors(Bucket=bucket)


def test_an_append_style_write_is_not_implemented(s3, versioned):
    # Rule: APP-1 (s3: every append → NotImplemented 501). botocore's append-style request is
    # PutObject with WriteOffsetBytes (x-amz-write-offset-bytes): it must not overwrite.
    version = s3.put_object(Bucket=versioned, Key="k", Body=b"abc")["VersionId"]
    with s3_error("NotImplemented", 501):
        s3.put_object(Bucket=versioned, Key="k", Body=b"def", WriteOffsetBytes=3)
    assert chain(s3, versioned, "k") == [(version, False)]
    assert s3.get_object(Bucket=versioned, Key="k")["Body"].read() == b"abc"


def test_an_oss_append_or_symlink_request_is_not_implemented(s3, versioned):
    # Rule: APP-1, SYM-1 (the oss-only sub-resources are recognised and refused in s3).
    # boto3 has no call for them, so a PutObject is turned into one through botocore's own
    # before-sign event: the request is still signed and sent by boto3.
    def to(method, query):
        def rewrite(request, **_):
            request.method = method
            request.url += ("&" if "?" in request.url else "?") + query

        return rewrite

    for method, query in (("POST", "append&position=0"), ("PUT", "symlink")):
        handler = to(method, query)
        s3.meta.events.register_first("before-sign.s3.PutObject", handler)
        try:
            with s3_error("NotImplemented", 501):
                s3.put_object(Bucket=versioned, Key="k", Body=b"x")
        finally:
            s3.meta.events.unregister("before-sign.s3.PutObject", handler)
    assert chain(s3, versioned, "k") == []
