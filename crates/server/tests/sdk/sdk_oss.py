"""oss2 helpers: clients, chains in listing order, error assertions, CRC-64."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ElementTree
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Optional
from urllib.parse import unquote

import oss2
import pytest
from oss2.models import BucketVersioningConfig

#: Dummy credentials: the endpoint runs with `--auth none`.
ACCESS_KEY = "bv-test-access-key"
SECRET_KEY = "bv-test-secret-key"


def auth():
    """oss2's default signer (OSS V1)."""
    return oss2.Auth(ACCESS_KEY, SECRET_KEY)


def bucket_client(endpoint_url: str, name: str, **kwargs) -> oss2.Bucket:
    """An oss2 Bucket with CRC-64 checking on (oss2's default, kept explicit)."""
    return oss2.Bucket(auth(), endpoint_url, name, enable_crc=True, connect_timeout=30, **kwargs)


def crc64(data: bytes) -> int:
    """CRC-64/XZ, the `x-oss-hash-crc64ecma` value (CT-1), with oss2's own implementation."""
    crc = oss2.utils.Crc64(0)
    crc.update(data)
    return crc.crc


def md5_upper(data: bytes) -> str:
    """CT-3: the oss ETag of a simple upload (upper-case hex MD5)."""
    return hashlib.md5(data).hexdigest().upper()


def enable(bucket: oss2.Bucket) -> None:
    bucket.put_bucket_versioning(BucketVersioningConfig(oss2.BUCKET_VERSIONING_ENABLE))


def suspend(bucket: oss2.Bucket) -> None:
    bucket.put_bucket_versioning(BucketVersioningConfig(oss2.BUCKET_VERSIONING_SUSPEND))


def version_params(version_id: str) -> dict:
    return {"versionId": version_id}


@dataclass(frozen=True)
class Entry:
    """One entry of a ListObjectVersions page, as the XML had it."""

    key: str
    version_id: str
    is_latest: bool
    delete_marker: bool
    size: Optional[int] = None
    etag: Optional[str] = None
    type: Optional[str] = None


def _text(node, name):
    child = node.find(name)
    return None if child is None else (child.text or "")


def list_versions_page(bucket: oss2.Bucket, prefix="", key_marker="", versionid_marker="", max_keys=100, delimiter=""):
    """One ListObjectVersions call: oss2's parsed result, and the page's entries in document
    order. oss2 splits Version and DeleteMarker into two lists (losing LST-1's single order),
    so the same request is also sent through the Bucket's own signer and session
    (`Bucket._do`) and its body read in order; the two views must agree on what is there."""
    parsed = bucket.list_object_versions(
        prefix=prefix, delimiter=delimiter, key_marker=key_marker,
        versionid_marker=versionid_marker, max_keys=max_keys,
    )
    response = bucket._do(
        "GET",
        bucket.bucket_name,
        "",
        params={
            "versions": "",
            "prefix": prefix,
            "delimiter": delimiter,
            "key-marker": key_marker,
            "version-id-marker": versionid_marker,
            "max-keys": str(max_keys),
            "encoding-type": "url",
        },
    )
    root = ElementTree.fromstring(response.read())
    encoded = _text(root, "EncodingType") == "url"
    entries = []
    for node in root:
        if node.tag not in ("Version", "DeleteMarker"):
            continue
        key = _text(node, "Key")
        size = _text(node, "Size")
        etag = _text(node, "ETag")
        entries.append(
            Entry(
                key=unquote(key) if encoded else key,
                version_id=_text(node, "VersionId"),
                is_latest=_text(node, "IsLatest") == "true",
                delete_marker=node.tag == "DeleteMarker",
                size=int(size) if size is not None else None,
                etag=etag.strip('"') if etag is not None else None,
                type=_text(node, "Type"),
            )
        )
    sdk_view = {(v.key, v.versionid, v.is_latest, False) for v in parsed.versions} | {
        (d.key, d.versionid, d.is_latest, True) for d in parsed.delete_marker
    }
    doc_view = {(e.key, e.version_id, e.is_latest, e.delete_marker) for e in entries}
    assert sdk_view == doc_view, f"oss2 parsed {sdk_view}, the XML holds {doc_view}"
    return parsed, entries


def all_versions(bucket: oss2.Bucket, prefix: str = "") -> list:
    """Every entry under `prefix`, in listing order, over all pages (LST-5)."""
    entries, key_marker, versionid_marker = [], "", ""
    while True:
        parsed, page = list_versions_page(
            bucket, prefix=prefix, key_marker=key_marker, versionid_marker=versionid_marker
        )
        entries.extend(page)
        if not parsed.is_truncated:
            return entries
        key_marker, versionid_marker = parsed.next_key_marker, parsed.next_versionid_marker or ""


def chain(bucket: oss2.Bucket, key: str) -> list:
    """The chain of `key`, newest first, as `(version_id, delete_marker)` pairs (LST-1), with
    the head checked to be the only `IsLatest` entry."""
    entries = [e for e in all_versions(bucket, prefix=key) if e.key == key]
    latest = [i for i, e in enumerate(entries) if e.is_latest]
    assert latest == ([0] if entries else []), f"IsLatest must mark exactly the head: {entries}"
    return [(e.version_id, e.delete_marker) for e in entries]


@contextmanager
def oss_error(code: str, status: int):
    """Expect an oss2 ServerError with this code and status, as oss2 surfaces them (HEAD errors
    carry no body: oss2 reads the `x-oss-err` header, http.md §3.1)."""
    with pytest.raises(oss2.exceptions.ServerError) as info:
        yield info
    error = info.value
    assert (error.code, error.status) == (code, status), (
        f"expected {code} {status}, got {error.code!r} {error.status}: {error.details} "
        f"{dict(error.headers)}"
    )


def read_checked(result) -> bytes:
    """Read a GetObjectResult whole and check oss2's running CRC-64 against the server's
    `x-oss-hash-crc64ecma` (oss2 checks it itself only in get_object_to_file)."""
    data = result.read()
    assert result.server_crc is not None, "no x-oss-hash-crc64ecma on the read"
    assert result.client_crc == result.server_crc, "CRC-64 of the body differs from the header"
    return data


def body_of(bucket: oss2.Bucket, key: str, version_id: Optional[str] = None) -> bytes:
    params = version_params(version_id) if version_id is not None else None
    return read_checked(bucket.get_object(key, params=params))
