"""Presigned URLs: made by boto3, fetched with urllib (http.md §6: presign parameters are
removed before dispatch; `--auth none` accepts any signature)."""

import urllib.error
import urllib.request

from sdk_s3 import chain


def fetch(url, method="GET", data=None):
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:  # urllib would otherwise send a form content type
        request.add_header("Content-Type", "application/octet-stream")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_a_presigned_get_reads_the_head_and_a_named_version(s3, versioned):
    # Rule: GET-1, GET-4, RSP-3
    first = s3.put_object(Bucket=versioned, Key="dir/k", Body=b"one")["VersionId"]
    second = s3.put_object(Bucket=versioned, Key="dir/k", Body=b"two")["VersionId"]
    url = s3.generate_presigned_url("get_object", Params={"Bucket": versioned, "Key": "dir/k"})
    status, headers, body = fetch(url)
    assert (status, body) == (200, b"two")
    assert headers["x-amz-version-id"] == second
    url = s3.generate_presigned_url(
        "get_object", Params={"Bucket": versioned, "Key": "dir/k", "VersionId": first}
    )
    status, headers, body = fetch(url)
    assert (status, body, headers["x-amz-version-id"]) == (200, b"one", first)


def test_a_presigned_put_writes_a_new_version(s3, versioned):
    # Rule: PUT-2, RSP-1
    old = s3.put_object(Bucket=versioned, Key="k", Body=b"old")["VersionId"]
    url = s3.generate_presigned_url("put_object", Params={"Bucket": versioned, "Key": "k"})
    status, headers, _ = fetch(url, "PUT", b"uploaded")
    assert status == 200
    new = headers["x-amz-version-id"]
    assert chain(s3, versioned, "k") == [(new, False), (old, False)]
    assert s3.get_object(Bucket=versioned, Key="k")["Body"].read() == b"uploaded"


def test_a_presigned_get_of_a_marker_is_404_with_its_headers(s3, versioned):
    # Rule: GET-2 (the error as a plain HTTP client sees it)
    s3.put_object(Bucket=versioned, Key="k", Body=b"x")
    marker = s3.delete_object(Bucket=versioned, Key="k")["VersionId"]
    url = s3.generate_presigned_url("get_object", Params={"Bucket": versioned, "Key": "k"})
    status, headers, body = fetch(url)
    assert status == 404
    assert b"<Code>NoSuchKey</Code>" in body
    assert (headers["x-amz-delete-marker"], headers["x-amz-version-id"]) == ("true", marker)


def test_a_presigned_delete_makes_a_marker(s3, versioned):
    # Rule: DEL-3, RSP-2
    version = s3.put_object(Bucket=versioned, Key="k", Body=b"x")["VersionId"]
    url = s3.generate_presigned_url("delete_object", Params={"Bucket": versioned, "Key": "k"})
    status, headers, _ = fetch(url, "DELETE")
    assert (status, headers["x-amz-delete-marker"]) == (204, "true")
    assert chain(s3, versioned, "k") == [(headers["x-amz-version-id"], True), (version, False)]
