"""boto3 helpers: the client, chains in listing order, error assertions."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Optional
from urllib.parse import unquote_plus

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

#: Dummy credentials: the endpoint runs with `--auth none`.
ACCESS_KEY = "bv-test-access-key"
SECRET_KEY = "bv-test-secret-key"
REGION = "us-east-1"


def make_client(endpoint_url: str, addressing_style: str = "path"):
    """A boto3 S3 client for `endpoint_url` that retries nothing (a failure is the server's
    first answer) and keeps botocore's default checksum behaviour (CRC32 on uploads)."""
    return boto3.client(
        "s3",
        endpoint_url=endpoint_url,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name=REGION,
        config=Config(
            s3={"addressing_style": addressing_style},
            retries={"total_max_attempts": 1},
            connect_timeout=10,
            read_timeout=60,
            signature_version="s3v4",
        ),
    )


@dataclass(frozen=True)
class Entry:
    """One entry of a ListObjectVersions page, as the XML had it."""

    key: str
    version_id: str
    is_latest: bool
    delete_marker: bool
    size: Optional[int] = None
    etag: Optional[str] = None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(node, name: str) -> Optional[str]:
    for child in node:
        if _local(child.tag) == name:
            return child.text or ""
    return None


def list_versions_page(s3, bucket: str, **kwargs):
    """One ListObjectVersions call: boto3's parsed response, and the page's entries in document
    order (botocore splits Version and DeleteMarker into two lists, losing LST-1's single
    order, so the raw body is read through the client's own `after-call` event)."""
    captured = {}

    def capture(http_response, **_):
        captured["body"] = http_response.content

    event = "after-call.s3.ListObjectVersions"
    s3.meta.events.register(event, capture)
    try:
        parsed = s3.list_object_versions(Bucket=bucket, **kwargs)
    finally:
        s3.meta.events.unregister(event, capture)
    root = ElementTree.fromstring(captured["body"])
    url_encoded = (_text(root, "EncodingType") or "") == "url"
    entries = []
    for node in root:
        kind = _local(node.tag)
        if kind not in ("Version", "DeleteMarker"):
            continue
        key = _text(node, "Key")
        if url_encoded:
            key = unquote_plus(key)
        size = _text(node, "Size")
        etag = _text(node, "ETag")
        entries.append(
            Entry(
                key=key,
                version_id=_text(node, "VersionId"),
                is_latest=_text(node, "IsLatest") == "true",
                delete_marker=kind == "DeleteMarker",
                size=int(size) if size is not None else None,
                etag=etag.strip('"') if etag is not None else None,
            )
        )
    # The SDK's view and the document agree on what is there (only the order differs).
    sdk_view = {
        (v["Key"], v["VersionId"], v["IsLatest"], False) for v in parsed.get("Versions", [])
    } | {(d["Key"], d["VersionId"], d["IsLatest"], True) for d in parsed.get("DeleteMarkers", [])}
    doc_view = {(e.key, e.version_id, e.is_latest, e.delete_marker) for e in entries}
    assert sdk_view == doc_view, f"boto3 parsed {sdk_view}, the XML holds {doc_view}"
    return parsed, entries


def all_versions(s3, bucket: str, prefix: str = "") -> list:
    """Every entry of the bucket under `prefix`, in listing order, over as many pages as the
    server gives (LST-5 markers)."""
    entries = []
    kwargs = {"Prefix": prefix}
    while True:
        parsed, page = list_versions_page(s3, bucket, **kwargs)
        entries.extend(page)
        if not parsed.get("IsTruncated"):
            return entries
        kwargs["KeyMarker"] = parsed["NextKeyMarker"]
        if parsed.get("NextVersionIdMarker"):
            kwargs["VersionIdMarker"] = parsed["NextVersionIdMarker"]
        else:
            kwargs.pop("VersionIdMarker", None)


def chain(s3, bucket: str, key: str) -> list:
    """The chain of `key`, newest first: `(version_id, delete_marker)` pairs (LST-1), with the
    head checked to be the only `IsLatest` entry."""
    entries = [e for e in all_versions(s3, bucket, prefix=key) if e.key == key]
    latest = [i for i, e in enumerate(entries) if e.is_latest]
    assert latest == ([0] if entries else []), f"IsLatest must mark exactly the head: {entries}"
    return [(e.version_id, e.delete_marker) for e in entries]


def headers_of(response_or_error) -> dict:
    """The HTTP headers (lower-case names) of a response dict or a ClientError."""
    response = getattr(response_or_error, "response", response_or_error)
    return response["ResponseMetadata"]["HTTPHeaders"]


def status_of(response_or_error) -> int:
    response = getattr(response_or_error, "response", response_or_error)
    return response["ResponseMetadata"]["HTTPStatusCode"]


@contextmanager
def s3_error(code: str, status: int):
    """Expect a ClientError with this `Error.Code` and HTTP status, as botocore surfaces them
    (HEAD errors have no body: botocore then reports the status number as the code)."""
    with pytest.raises(ClientError) as info:
        yield info
    error = info.value.response.get("Error", {})
    assert (error.get("Code"), status_of(info.value)) == (code, status), (
        f"expected {code} {status}, got {error.get('Code')} {status_of(info.value)}: "
        f"{info.value.response}"
    )


def enable_versioning(s3, bucket: str) -> None:
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})


def suspend_versioning(s3, bucket: str) -> None:
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Suspended"})


def body_of(s3, bucket: str, key: str, **kwargs) -> bytes:
    return s3.get_object(Bucket=bucket, Key=key, **kwargs)["Body"].read()
