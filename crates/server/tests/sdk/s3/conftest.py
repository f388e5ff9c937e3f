"""Fixtures of the boto3 suites (the interface is documented in the top-level conftest.py)."""

import pytest

import sdk_common
import sdk_s3


@pytest.fixture(scope="session")
def s3(s3_endpoint):
    """The session's boto3 client (path-style addressing)."""
    return sdk_s3.make_client(s3_endpoint.url)


@pytest.fixture
def control(s3_endpoint):
    """The endpoint's control API; the test is skipped where there is none."""
    if s3_endpoint.control is None:
        pytest.skip("the endpoint has no /_bv/ control API")
    return s3_endpoint.control


@pytest.fixture
def new_bucket(s3_endpoint, s3, request):
    """A factory of fresh buckets named after the test. The first call of a test resets the
    service when the endpoint can be reset."""
    state = {"reset": False, "count": 0}

    def make(label: str = "") -> str:
        if s3_endpoint.control is not None and not state["reset"]:
            s3_endpoint.control.reset()
            state["reset"] = True
        state["count"] += 1
        name = sdk_common.bucket_name_for(
            f"{request.node.name}{label or ''}-{state['count']}",
            unique=s3_endpoint.control is None,
        )
        s3.create_bucket(Bucket=name)
        return name

    return make


@pytest.fixture
def bucket(new_bucket) -> str:
    """A fresh bucket, never versioned (VS-1)."""
    return new_bucket()


@pytest.fixture
def versioned(s3, bucket) -> str:
    """A fresh bucket with versioning Enabled."""
    sdk_s3.enable_versioning(s3, bucket)
    return bucket


@pytest.fixture
def suspended(s3, bucket) -> str:
    """A fresh bucket with versioning Suspended (from Unversioned, VS-2)."""
    sdk_s3.suspend_versioning(s3, bucket)
    return bucket
