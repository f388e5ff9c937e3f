"""`x-oss-forbid-overwrite` (CND-6) through oss2."""

from oss2.models import PartInfo

from sdk_oss import body_of, chain, oss_error, suspend

FORBID = {"x-oss-forbid-overwrite": "true"}


def test_forbid_overwrite_refuses_an_existing_key_when_unversioned(bucket):
    # Rule: CND-6 (Unversioned, the key has an entry → FileAlreadyExists 409), CND-7
    bucket.put_object("k", b"first")
    with oss_error("FileAlreadyExists", 409):
        bucket.put_object("k", b"second", headers=FORBID)
    assert body_of(bucket, "k") == b"first"
    bucket.put_object("new", b"x", headers=FORBID)
    assert body_of(bucket, "new") == b"x"


def test_forbid_overwrite_false_is_ignored(bucket):
    # Rule: CND-6
    bucket.put_object("k", b"first")
    bucket.put_object("k", b"second", headers={"x-oss-forbid-overwrite": "false"})
    assert body_of(bucket, "k") == b"second"


def test_forbid_overwrite_is_ignored_in_versioned_buckets(versioned, new_bucket):
    # Rule: CND-6 (Enabled or Suspended: the flag is ignored)
    first = versioned.put_object("k", b"1").versionid
    second = versioned.put_object("k", b"2", headers=FORBID).versionid
    assert chain(versioned, "k") == [(second, False), (first, False)]
    suspended = new_bucket("-suspended")
    suspend(suspended)
    suspended.put_object("k", b"1")
    suspended.put_object("k", b"2", headers=FORBID)
    assert body_of(suspended, "k") == b"2"


def test_forbid_overwrite_on_copy_and_complete(bucket):
    # Rule: CND-6 (CopyObject and CompleteMultipartUpload)
    bucket.put_object("src", b"source")
    bucket.put_object("dst", b"kept")
    with oss_error("FileAlreadyExists", 409):
        bucket.copy_object(bucket.bucket_name, "src", "dst", headers=FORBID)
    upload = bucket.init_multipart_upload("dst").upload_id
    part = bucket.upload_part("dst", upload, 1, b"part")
    with oss_error("FileAlreadyExists", 409):
        bucket.complete_multipart_upload("dst", upload, [PartInfo(1, part.etag)], headers=FORBID)
    assert body_of(bucket, "dst") == b"kept"
    assert [u.upload_id for u in bucket.list_multipart_uploads().upload_list] == [upload]


def test_s3_style_conditions_are_not_implemented(versioned):
    # Rule: CND-6 (oss refuses If-None-Match / If-Match on writes with NotImplemented 400, which
    # oss2 maps to its NotImplemented exception)
    version = versioned.put_object("k", b"x").versionid
    with oss_error("NotImplemented", 400):
        versioned.put_object("k", b"y", headers={"If-None-Match": "*"})
    with oss_error("NotImplemented", 400):
        versioned.put_object("k", b"y", headers={"If-Match": '"0"'})
    assert chain(versioned, "k") == [(version, False)]
