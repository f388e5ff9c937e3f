"""What botocore sends for integrity (http.md §7, §10): its default CRC32 header, other
algorithms, Content-MD5; mismatches are BadDigest 400 and store nothing (ERR-2)."""

import pytest
from botocore.exceptions import MissingDependencyException

from sdk_common import content_md5, crc32_b64, md5_hex
from sdk_s3 import body_of, chain, s3_error


def test_the_default_crc32_upload_is_accepted(s3, versioned):
    # http.md §10: botocore ≥ 1.36 sends x-amz-checksum-crc32 on PutObject by default
    captured = {}

    def capture(request, **_):
        captured.update(request.headers)

    s3.meta.events.register("before-send.s3.PutObject", capture)
    try:
        version = s3.put_object(Bucket=versioned, Key="k", Body=b"checked")["VersionId"]
    finally:
        s3.meta.events.unregister("before-send.s3.PutObject", capture)
    sent = captured.get("x-amz-checksum-crc32")
    sent = sent.decode() if isinstance(sent, bytes) else sent
    assert sent == crc32_b64(b"checked")
    assert chain(s3, versioned, "k") == [(version, False)]
    # ChecksumMode=ENABLED: botocore validates whatever checksum header comes back
    got = s3.get_object(Bucket=versioned, Key="k", ChecksumMode="ENABLED")
    assert got["Body"].read() == b"checked"


@pytest.mark.parametrize("algorithm", ["CRC32", "CRC32C", "SHA1", "SHA256"])
def test_other_algorithms_are_accepted(s3, versioned, algorithm):
    # http.md §7: checksums MUST be accepted (verified when implemented, else ignored)
    try:
        version = s3.put_object(
            Bucket=versioned, Key="k", Body=b"payload", ChecksumAlgorithm=algorithm
        )["VersionId"]
    except MissingDependencyException as err:  # CRC32C needs awscrt, not pinned here
        pytest.skip(f"botocore cannot compute {algorithm} without awscrt: {err}")
    assert chain(s3, versioned, "k") == [(version, False)]
    assert body_of(s3, versioned, "k") == b"payload"


def test_a_wrong_crc32_is_bad_digest(s3, versioned):
    # http.md §7 (mismatch: s3 BadDigest 400), ERR-2 (nothing stored)
    with s3_error("BadDigest", 400):
        s3.put_object(Bucket=versioned, Key="k", Body=b"payload", ChecksumCRC32=crc32_b64(b"other"))
    assert chain(s3, versioned, "k") == []


def test_a_wrong_content_md5_is_bad_digest(s3, versioned):
    # http.md §7 (Content-MD5 mismatch: BadDigest 400), ERR-2
    with s3_error("BadDigest", 400):
        s3.put_object(Bucket=versioned, Key="k", Body=b"payload", ContentMD5=content_md5(b"other"))
    assert chain(s3, versioned, "k") == []
    good = s3.put_object(Bucket=versioned, Key="k", Body=b"payload", ContentMD5=content_md5(b"payload"))
    assert good["ETag"] == f'"{md5_hex(b"payload")}"'


def test_a_part_with_a_wrong_checksum_is_refused(s3, versioned):
    # http.md §7 for UploadPart; MPU-2 (the part is not stored)
    upload = s3.create_multipart_upload(Bucket=versioned, Key="k")["UploadId"]
    with s3_error("BadDigest", 400):
        s3.upload_part(
            Bucket=versioned, Key="k", UploadId=upload, PartNumber=1, Body=b"part",
            ChecksumCRC32=crc32_b64(b"not the part"),
        )
    assert s3.list_parts(Bucket=versioned, Key="k", UploadId=upload).get("Parts", []) == []

