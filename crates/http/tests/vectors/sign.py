#!/usr/bin/env python3
"""Prints requests signed by the real SDKs' own signers, one JSON object per line.

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install boto3 oss2
    /tmp/venv/bin/python crates/http/tests/vectors/sign.py > crates/http/tests/vectors/signed.jsonl

Nothing is sent anywhere: each request is captured where the SDK hands it to its HTTP library
(botocore's `before-send` event, requests' `Session.send` for oss2) and the call is abandoned.
Credentials and signing times are fixed, so the signed part of the output only changes with the
SDKs (`User-Agent`, which no scheme signs, names the machine it ran on). The Rust
test `tests/signatures.rs` verifies every recorded signature with the codec, and checks that
the same request with one byte changed is refused.

Each line: `name`, `sdk` (name and version), `scheme` (`sigv4`, `sigv4-presigned`, `oss-v1`,
`oss-v1-presigned`, `oss-v4`, `oss-v4-presigned`), `access_key`, `secret_key`, `method`,
`target` (path and query exactly as sent), `headers` (name/value pairs as sent, `Host`
included), `body_base64`.
"""

import base64
import datetime
import io
import json
import sys
import urllib.parse

import boto3
import botocore
import botocore.auth
import botocore.config
import oss2
import oss2.auth
import oss2.utils
import requests

SIGNING_TIME = datetime.datetime(2025, 1, 2, 3, 4, 5)
S3_KEYS = ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
OSS_KEYS = ("LTAI5tExampleKeyId", "exampleSecret/Key+0123456789abcd")
FIXED_INVOCATION_ID = "00000000-0000-4000-8000-000000000000"


class Captured(Exception):
    """Raised where the SDK would send the request."""

    def __init__(self, method, url, headers, body):
        super().__init__(method)
        self.method, self.url, self.headers, self.body = method, url, headers, body


def record(name, sdk, scheme, keys, captured):
    split = urllib.parse.urlsplit(captured.url)
    target = split.path + ("?" + split.query if split.query else "")
    headers = [[k, v if isinstance(v, str) else v.decode()] for k, v in captured.headers.items()]
    # botocore's per-call UUID is not signed; a fixed one keeps the output stable.
    headers = [[k, FIXED_INVOCATION_ID if k.lower() == "amz-sdk-invocation-id" else v]
               for k, v in headers]
    if not any(k.lower() == "host" for k, _ in headers):
        headers.insert(0, ["Host", split.netloc])
    body = captured.body
    if body is None:
        body = b""
    elif hasattr(body, "read"):
        body = body.read()
    elif isinstance(body, str):
        body = body.encode()
    print(json.dumps({
        "name": name,
        "sdk": sdk,
        "scheme": scheme,
        "access_key": keys[0],
        "secret_key": keys[1],
        "method": captured.method,
        "target": target,
        "headers": headers,
        "body_base64": base64.b64encode(body).decode(),
    }, sort_keys=True))


# botocore ---------------------------------------------------------------------------------

botocore.auth.get_current_datetime = lambda remove_tzinfo=True: SIGNING_TIME
BOTOCORE = "botocore " + botocore.__version__


def s3_client(endpoint, addressing):
    client = boto3.session.Session().client(
        "s3",
        region_name="us-east-1",
        endpoint_url=endpoint,
        aws_access_key_id=S3_KEYS[0],
        aws_secret_access_key=S3_KEYS[1],
        config=botocore.config.Config(
            signature_version="s3v4",
            s3={"addressing_style": addressing},
            retries={"max_attempts": 0},
        ),
    )

    def capture(request, **_):
        raise Captured(request.method, request.url, request.headers, request.body)

    client.meta.events.register("before-send", capture)
    return client


def s3_calls(client, prefix):
    yield prefix + "put-object", lambda: client.put_object(
        Bucket="bucket", Key="dir/a b+ü~!.txt", Body=b"hello, world")
    yield prefix + "get-object-version", lambda: client.get_object(
        Bucket="bucket", Key="report.txt", VersionId="3c46670209694cf69727edafbc81ea37",
        Range="bytes=0-9")
    yield prefix + "list-object-versions", lambda: client.list_object_versions(
        Bucket="bucket", Prefix="a/", KeyMarker="a/b", MaxKeys=2)
    yield prefix + "delete-objects", lambda: client.delete_objects(
        Bucket="bucket", Delete={"Objects": [{"Key": "a"}, {"Key": "b", "VersionId": "null"}],
                                 "Quiet": True})
    yield prefix + "put-bucket-versioning", lambda: client.put_bucket_versioning(
        Bucket="bucket", VersioningConfiguration={"Status": "Enabled"})
    yield prefix + "create-multipart-upload", lambda: client.create_multipart_upload(
        Bucket="bucket", Key="big.bin")
    yield prefix + "upload-part", lambda: client.upload_part(
        Bucket="bucket", Key="big.bin", UploadId="u-1", PartNumber=2, Body=b"x" * 100)
    yield prefix + "complete-multipart-upload", lambda: client.complete_multipart_upload(
        Bucket="bucket", Key="big.bin", UploadId="u-1",
        MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": '"abc"'}]})
    yield prefix + "copy-object", lambda: client.copy_object(
        Bucket="bucket", Key="copy.txt",
        CopySource={"Bucket": "bucket", "Key": "dir/a b.txt", "VersionId": "v1"})
    yield prefix + "put-object-tagging", lambda: client.put_object_tagging(
        Bucket="bucket", Key="report.txt", Tagging={"TagSet": [{"Key": "k", "Value": "v"}]})
    yield prefix + "get-object-attributes", lambda: client.get_object_attributes(
        Bucket="bucket", Key="report.txt", ObjectAttributes=["ETag", "ObjectSize"])
    yield prefix + "head-object", lambda: client.head_object(Bucket="bucket", Key="report.txt")
    yield prefix + "list-buckets", lambda: client.list_buckets()
    yield prefix + "delete-object", lambda: client.delete_object(
        Bucket="bucket", Key="a//b/../c", VersionId="null")


def botocore_vectors():
    for endpoint, addressing, prefix in [
        ("http://127.0.0.1:9000", "path", "s3-path-"),
        ("https://localhost:9443", "virtual", "s3-https-virtual-"),
    ]:
        client = s3_client(endpoint, addressing)
        for name, call in s3_calls(client, prefix):
            try:
                call()
            except Captured as captured:
                record(name, BOTOCORE, "sigv4", S3_KEYS, captured)
    client = s3_client("http://127.0.0.1:9000", "path")
    for name, method, params in [
        ("s3-presigned-get", "get_object", {"Bucket": "bucket", "Key": "dir/a b.txt"}),
        ("s3-presigned-put", "put_object", {"Bucket": "bucket", "Key": "up.txt"}),
        ("s3-presigned-list", "list_objects_v2", {"Bucket": "bucket", "Prefix": "p/"}),
    ]:
        url = client.generate_presigned_url(method, Params=params, ExpiresIn=3600)
        http_method = "PUT" if method.startswith("put") else "GET"
        record(name, BOTOCORE, "sigv4-presigned", S3_KEYS,
               Captured(http_method, url, {}, b""))


# oss2 -------------------------------------------------------------------------------------

OSS2 = "oss2 " + oss2.__version__


class FixedDatetime(datetime.datetime):
    @classmethod
    def utcnow(cls):
        return SIGNING_TIME


oss2.auth.datetime = FixedDatetime
oss2.utils.http_date = lambda timeval=None: "Thu, 02 Jan 2025 03:04:05 GMT"
oss2.auth.time.time = lambda: SIGNING_TIME.replace(tzinfo=datetime.timezone.utc).timestamp()


def capture_send(self, request, **_):
    raise Captured(request.method, request.url, request.headers, request.body)


requests.Session.send = capture_send


def oss_calls(bucket, prefix):
    yield prefix + "put-object", lambda: bucket.put_object("dir/a b+ü~!.txt", b"hello, world")
    yield prefix + "get-object-version", lambda: bucket.get_object(
        "report.txt", params={"versionId": "CAEQNhiBgMDJgZCA0BYiIDc4MGZjZGI2OTBjOTRmNTE5NmU5NmFmZjBmODE2****"})
    yield prefix + "list-object-versions", lambda: bucket.list_object_versions(
        prefix="a/", key_marker="a/b", max_keys=2)
    yield prefix + "append-object", lambda: bucket.append_object("log.txt", 5, b"more")
    yield prefix + "batch-delete", lambda: bucket.delete_object_versions(
        oss2.models.BatchDeleteObjectVersionList(
            [oss2.models.BatchDeleteObjectVersion("a"),
             oss2.models.BatchDeleteObjectVersion("b", "null")]))
    yield prefix + "put-bucket-versioning", lambda: bucket.put_bucket_versioning(
        oss2.models.BucketVersioningConfig("Enabled"))
    yield prefix + "init-multipart-upload", lambda: bucket.init_multipart_upload("big.bin")
    yield prefix + "upload-part", lambda: bucket.upload_part("big.bin", "u-1", 2, b"x" * 100)
    yield prefix + "complete-multipart-upload", lambda: bucket.complete_multipart_upload(
        "big.bin", "u-1", [oss2.models.PartInfo(1, "ABC")])
    yield prefix + "copy-object", lambda: bucket.copy_object(
        "bucket", "dir/a b.txt", "copy.txt", params={"versionId": "v1"})
    yield prefix + "put-symlink", lambda: bucket.put_symlink("target key", "link")
    yield prefix + "get-object-meta", lambda: bucket.get_object_meta("report.txt")
    yield prefix + "get-bucket-info", lambda: bucket.get_bucket_info()
    yield prefix + "delete-object", lambda: bucket.delete_object("a//b/../c")


def oss2_vectors():
    for auth, scheme in [
        (oss2.Auth(*OSS_KEYS), "oss-v1"),
        (oss2.AuthV4(*OSS_KEYS), "oss-v4"),
    ]:
        for endpoint, style in [("http://127.0.0.1:9000", "path"),
                                ("http://oss.example:9000", "virtual")]:
            bucket = oss2.Bucket(auth, endpoint, "bucket", region="cn-hangzhou")
            for name, call in oss_calls(bucket, f"{scheme}-{style}-"):
                try:
                    call()
                except Captured as captured:
                    record(name, OSS2, scheme, OSS_KEYS, captured)
            try:
                oss2.Service(auth, endpoint, region="cn-hangzhou").list_buckets()
            except Captured as captured:
                record(f"{scheme}-{style}-list-buckets", OSS2, scheme, OSS_KEYS, captured)
        bucket = oss2.Bucket(auth, "http://127.0.0.1:9000", "bucket", region="cn-hangzhou")
        for name, method, key, params in [
            ("presigned-get", "GET", "dir/a b+ü.txt", None),
            ("presigned-get-version", "GET", "report.txt", {"versionId": "v1"}),
            ("presigned-put", "PUT", "up.txt", None),
        ]:
            url = bucket.sign_url(method, key, 3600, params=params)
            record(f"{scheme}-{name}", OSS2, scheme + "-presigned", OSS_KEYS,
                   Captured(method, url, {}, b""))


if __name__ == "__main__":
    botocore_vectors()
    oss2_vectors()
    sys.stdout.flush()
