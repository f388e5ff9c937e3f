"""The seed's flows, unchanged (issue 17 acceptance): the three oss2 flows of the OSS doc
"upload objects to a versioning-enabled bucket" (OSS SDK for Python 1.0) against
`serve --dialect oss`, with only the endpoint changed.

As the doc sets them up: credentials from the environment (`OSS_ACCESS_KEY_ID`,
`OSS_ACCESS_KEY_SECRET`) through `EnvironmentVariableCredentialsProvider`, the V4 signer
`ProviderAuthV4`, a region, and a bucket whose versioning is already Enabled. The doc's flows
print what they get; here each printed value is asserted against the rules instead.
"""

import os

import oss2
import pytest
from oss2 import SizedFileAdapter, determine_part_size
from oss2.credentials import EnvironmentVariableCredentialsProvider
from oss2.models import PartInfo

from sdk_oss import body_of, chain, crc64

REGION = "cn-hangzhou"


@pytest.fixture
def doc_bucket(oss_endpoint, versioned, monkeypatch):
    """The doc's client for the versioned test bucket: only the endpoint differs."""
    monkeypatch.setenv("OSS_ACCESS_KEY_ID", "bv-seed-access-key")
    monkeypatch.setenv("OSS_ACCESS_KEY_SECRET", "bv-seed-secret-key")
    auth = oss2.ProviderAuthV4(EnvironmentVariableCredentialsProvider())
    return oss2.Bucket(auth, oss_endpoint.url, versioned.bucket_name, region=REGION)


def test_simple_upload_reports_the_version_id(doc_bucket):
    # Rule: PUT-2, RSP-1 (Enabled: the new ID in x-oss-version-id), ID-1
    result = doc_bucket.put_object("exampledir/exampleobject.txt", "content of object")
    assert result.status == 200
    assert result.versionid not in (None, "", "null")
    assert result.crc == crc64(b"content of object")  # oss2 also checked it (enable_crc)
    assert chain(doc_bucket, "exampledir/exampleobject.txt") == [(result.versionid, False)]
    second = doc_bucket.put_object("exampledir/exampleobject.txt", "content of object")
    assert second.versionid not in (None, "null", result.versionid)


def test_append_at_zero_then_at_next_position(doc_bucket):
    # Rule: APP-3 (position 0 creates), APP-4 (append at the length, in place), APP-9
    # (next position and the whole object's CRC-64), APP-11 / RSP-1 (a fresh ID on create),
    # RSP-4 (appends report that same ID)
    key = "exampledir/appendobject.txt"
    first = doc_bucket.append_object(key, 0, "content of first append")
    assert first.status == 200
    assert first.next_position == len("content of first append")
    assert first.versionid not in (None, "", "null")
    second = doc_bucket.append_object(key, first.next_position, "content of second append")
    assert second.next_position == len("content of first append" + "content of second append")
    assert second.versionid == first.versionid
    whole = b"content of first appendcontent of second append"
    assert second.crc == crc64(whole)
    assert body_of(doc_bucket, key) == whole
    assert chain(doc_bucket, key) == [(first.versionid, False)]


def test_multipart_upload_and_read_back(doc_bucket, tmp_path):
    # Rule: MPU-11 (determine_part_size), MPU-1, MPU-2, MPU-7 (Complete is the write: a fresh
    # ID in an Enabled bucket, RSP-1), CT-2 (the object's CRC-64 combines the parts')
    key = "exampledir/multipartobject.bin"
    filename = tmp_path / "local-file.bin"
    # Big enough for three parts of oss2's 100 KiB minimum.
    filename.write_bytes(os.urandom(250 * 1024))
    total_size = os.path.getsize(filename)
    part_size = determine_part_size(total_size, preferred_size=100 * 1024)
    assert part_size == 100 * 1024

    upload_id = doc_bucket.init_multipart_upload(key).upload_id
    parts = []
    with open(filename, "rb") as fileobj:
        part_number = 1
        offset = 0
        while offset < total_size:
            num_to_upload = min(part_size, total_size - offset)
            result = doc_bucket.upload_part(
                key, upload_id, part_number, SizedFileAdapter(fileobj, num_to_upload)
            )
            parts.append(PartInfo(part_number, result.etag))
            offset += num_to_upload
            part_number += 1
    assert len(parts) == 3

    result = doc_bucket.complete_multipart_upload(key, upload_id, parts)
    assert result.status == 200
    assert result.versionid not in (None, "", "null")

    with open(filename, "rb") as fileobj:
        assert doc_bucket.get_object(key).read() == fileobj.read()
    assert result.crc == crc64(filename.read_bytes())
    assert chain(doc_bucket, key) == [(result.versionid, False)]
