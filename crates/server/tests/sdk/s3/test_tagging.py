"""Per-version tags (TAG) through boto3."""

from sdk_s3 import chain, headers_of, s3_error


def tags(s3, bucket, key, **kwargs):
    response = s3.get_object_tagging(Bucket=bucket, Key=key, **kwargs)
    return response.get("VersionId"), {t["Key"]: t["Value"] for t in response["TagSet"]}


def tag_set(mapping):
    return {"TagSet": [{"Key": k, "Value": v} for k, v in mapping.items()]}


def test_tags_belong_to_one_version(s3, versioned):
    # Rule: TAG-1, TAG-2, TAG-4 (the outcome reports the tagged entry's ID)
    first = s3.put_object(Bucket=versioned, Key="k", Body=b"1", Tagging="a=1")["VersionId"]
    second = s3.put_object(Bucket=versioned, Key="k", Body=b"2")["VersionId"]
    assert tags(s3, versioned, "k") == (second, {})
    assert tags(s3, versioned, "k", VersionId=first) == (first, {"a": "1"})
    response = s3.put_object_tagging(Bucket=versioned, Key="k", Tagging=tag_set({"b": "2"}))
    assert response["VersionId"] == second
    assert tags(s3, versioned, "k") == (second, {"b": "2"})
    assert tags(s3, versioned, "k", VersionId=first) == (first, {"a": "1"})


def test_put_replaces_the_whole_set_and_delete_empties_it(s3, versioned):
    # Rule: TAG-2
    version = s3.put_object(Bucket=versioned, Key="k", Body=b"x", Tagging="a=1&b=2")["VersionId"]
    s3.put_object_tagging(Bucket=versioned, Key="k", VersionId=version, Tagging=tag_set({"c": "3"}))
    assert tags(s3, versioned, "k") == (version, {"c": "3"})
    deleted = s3.delete_object_tagging(Bucket=versioned, Key="k", VersionId=version)
    assert deleted["VersionId"] == version
    assert tags(s3, versioned, "k") == (version, {})


def test_tagging_changes_no_chain_and_no_last_modified(s3, versioned):
    # Rule: TAG-4
    version = s3.put_object(Bucket=versioned, Key="k", Body=b"x")["VersionId"]
    before = s3.head_object(Bucket=versioned, Key="k")["LastModified"]
    s3.put_object_tagging(Bucket=versioned, Key="k", Tagging=tag_set({"a": "1"}))
    assert chain(s3, versioned, "k") == [(version, False)]
    assert s3.head_object(Bucket=versioned, Key="k")["LastModified"] == before


def test_a_marker_is_method_not_allowed(s3, versioned):
    # Rule: TAG-2 (s3: MethodNotAllowed 405 with the DM flag and ID, head or by ID)
    s3.put_object(Bucket=versioned, Key="k", Body=b"x")
    marker = s3.delete_object(Bucket=versioned, Key="k")["VersionId"]
    with s3_error("MethodNotAllowed", 405) as info:
        s3.get_object_tagging(Bucket=versioned, Key="k")
    assert headers_of(info.value)["x-amz-delete-marker"] == "true"
    assert headers_of(info.value)["x-amz-version-id"] == marker
    with s3_error("MethodNotAllowed", 405):
        s3.put_object_tagging(
            Bucket=versioned, Key="k", VersionId=marker, Tagging=tag_set({"a": "1"})
        )


def test_nothing_there_is_no_such_key_or_no_such_version(s3, versioned):
    # Rule: TAG-2
    other = s3.put_object(Bucket=versioned, Key="other", Body=b"x")["VersionId"]
    with s3_error("NoSuchKey", 404):
        s3.get_object_tagging(Bucket=versioned, Key="never")
    s3.put_object(Bucket=versioned, Key="k", Body=b"x")
    with s3_error("NoSuchVersion", 404):
        s3.get_object_tagging(Bucket=versioned, Key="k", VersionId=other)


def test_more_than_ten_tags_are_refused(s3, versioned):
    # Rule: TAG-3 (InvalidTag 400, nothing changes)
    version = s3.put_object(Bucket=versioned, Key="k", Body=b"x", Tagging="keep=1")["VersionId"]
    with s3_error("InvalidTag", 400):
        s3.put_object_tagging(
            Bucket=versioned, Key="k", Tagging=tag_set({f"t{i}": "v" for i in range(11)})
        )
    with s3_error("InvalidTag", 400):
        s3.put_object_tagging(Bucket=versioned, Key="k", Tagging=tag_set({"k" * 129: "v"}))
    with s3_error("InvalidTag", 400):
        s3.put_object_tagging(Bucket=versioned, Key="k", Tagging=tag_set({"k": "v" * 257}))
    assert tags(s3, versioned, "k") == (version, {"keep": "1"})
    s3.put_object_tagging(
        Bucket=versioned, Key="k", Tagging=tag_set({f"t{i}": "v" * 256 for i in range(10)})
    )


def test_a_copy_keeps_or_replaces_the_source_tags(s3, versioned):
    # Rule: TAG-1 (a copy gives the source version's tags unless TaggingDirective REPLACE)
    s3.put_object(Bucket=versioned, Key="src", Body=b"x", Tagging="a=1")
    s3.copy_object(Bucket=versioned, Key="kept", CopySource={"Bucket": versioned, "Key": "src"})
    assert tags(s3, versioned, "kept")[1] == {"a": "1"}
    s3.copy_object(
        Bucket=versioned,
        Key="replaced",
        CopySource={"Bucket": versioned, "Key": "src"},
        TaggingDirective="REPLACE",
        Tagging="b=2",
    )
    assert tags(s3, versioned, "replaced")[1] == {"b": "2"}


def test_tags_given_at_initiate_go_to_the_completed_version(s3, versioned):
    # Rule: TAG-1 (CompleteMultipartUpload with tags given at Initiate)
    upload = s3.create_multipart_upload(Bucket=versioned, Key="k", Tagging="mp=yes")["UploadId"]
    etag = s3.upload_part(Bucket=versioned, Key="k", UploadId=upload, PartNumber=1, Body=b"x")["ETag"]
    done = s3.complete_multipart_upload(
        Bucket=versioned, Key="k", UploadId=upload,
        MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": etag}]},
    )
    assert tags(s3, versioned, "k") == (done["VersionId"], {"mp": "yes"})
