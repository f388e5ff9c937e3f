"""Fixtures of the oss2 suites (the interface is documented in the top-level conftest.py)."""

import oss2
import pytest

import sdk_common
import sdk_oss


@pytest.fixture(scope="session")
def service(oss_endpoint):
    """oss2's Service client (ListBuckets)."""
    return oss2.Service(sdk_oss.auth(), oss_endpoint.url)


@pytest.fixture
def control(oss_endpoint):
    """The endpoint's control API; the test is skipped where there is none."""
    if oss_endpoint.control is None:
        pytest.skip("the endpoint has no /_bv/ control API")
    return oss_endpoint.control


@pytest.fixture
def new_bucket(oss_endpoint, request):
    """A factory of fresh buckets (oss2.Bucket) named after the test. The first call of a
    test resets the service when the endpoint can be reset."""
    state = {"reset": False, "count": 0}

    def make(label: str = "") -> oss2.Bucket:
        if oss_endpoint.control is not None and not state["reset"]:
            oss_endpoint.control.reset()
            state["reset"] = True
        state["count"] += 1
        name = sdk_common.bucket_name_for(
            f"{request.node.name}{label}-{state['count']}", unique=oss_endpoint.control is None
        )
        bucket = sdk_oss.bucket_client(oss_endpoint.url, name)
        bucket.create_bucket()
        return bucket

    return make


@pytest.fixture
def bucket(new_bucket) -> oss2.Bucket:
    """A fresh bucket, never versioned (VS-1)."""
    return new_bucket()


@pytest.fixture
def versioned(bucket) -> oss2.Bucket:
    """A fresh bucket with versioning Enabled."""
    sdk_oss.enable(bucket)
    return bucket


@pytest.fixture
def suspended(bucket) -> oss2.Bucket:
    """A fresh bucket with versioning Suspended (from Unversioned, VS-2)."""
    sdk_oss.suspend(bucket)
    return bucket
