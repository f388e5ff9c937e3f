"""Real-SDK suites for the local endpoint (issue 17): oss2 against `serve --dialect oss`, boto3
against `serve --dialect s3`.

Every test drives the endpoint through an unmodified SDK and asserts what the SDK surfaces —
version IDs, delete-marker flags, error codes and statuses, chains read back through the
listing — against the rule it cites (`# Rule: DEL-4`, `rules.md`). IDs are never written into a
test: they are whatever the server returned.

Layout
------
- ``oss/``: oss2 suites, one module per rule family (VS, PUT/ID/RSP, APP, DEL, BAT, GET, CPY,
  MPU, LST, SVC, TAG, SYM, LC, CND-6, OL-7/8) and ``test_seed_flows.py``, the three flows of the
  OSS doc "upload objects to a versioning-enabled bucket" with only the endpoint changed.
- ``s3/``: boto3 suites for the same families in S3 terms, plus conditional writes (CND),
  Object Lock (OL-1..OL-6), checksums, presigned URLs and suspended-bucket semantics.
- ``sdk_common.py`` (endpoint discovery, server start, the control API), ``sdk_oss.py`` and
  ``sdk_s3.py`` (chains in listing order, error assertions).
- ``requirements.txt``: exact pins (boto3, botocore, oss2, moto[server], pytest and what they
  pull in).

Running
-------
::

    python3 -m venv V && V/bin/pip install -r requirements.txt
    BV_SERVER_BIN=target/debug/bucket-versioning V/bin/pytest          # both dialects
    BV_ENDPOINT_S3=http://127.0.0.1:5000 V/bin/pytest s3                # a running server
    V/bin/moto_server -p 5000 & BV_ENDPOINT_S3=http://127.0.0.1:5000 V/bin/pytest s3

From Rust, ``crates/server/tests/support/python.rs`` makes the virtualenv (once per
requirements hash) and runs pytest with the environment a test gives it.

Where the endpoint comes from (per dialect, once per session)
--------------------------------------------------------------
1. ``BV_ENDPOINT_OSS`` / ``BV_ENDPOINT_S3``: the base URL of a server already running.
2. Else ``BV_SERVER_BIN``: the path of the ``bucket-versioning`` binary. The session starts
   ``BIN serve --dialect oss|s3 --bind 127.0.0.1:0``, reads the first stdout line,
   ``bucket-versioning listening on http://127.0.0.1:PORT (dialect oss)``, and sends SIGTERM at
   the end (a server that does not exit within 15 s fails the session's last test).
3. Else the dialect's tests are skipped, with that reason.

The control API (``/_bv/``, never a bucket: bucket names start with a letter or digit)
----------------------------------------------------------------------------------------
An endpoint has it when ``GET /_bv/clock`` answers 200 with ``{"now": N, "pinned": bool}``.
Used: ``POST /_bv/reset`` (empty service, clock 0), ``GET``/``PUT /_bv/snapshot``,
``GET /_bv/clock``, ``PUT /_bv/clock?pin=N``, ``POST /_bv/clock?advance=S``,
``DELETE /_bv/clock``, ``POST /_bv/lifecycle?bucket=NAME`` (trace-format ``run_lifecycle``
outcome, ``{"ok": {...}}`` or the bare object) and ``GET /_bv/log`` (JSON lines). No test
assumes what the clock does after a reset: a test that needs time pins it.

Tests marked ``control`` need it and are skipped on endpoints without it (moto, a real
service). Without it, each test still gets a fresh bucket (a random suffix keeps names apart)
but the service is not emptied, so service-wide assertions (ListBuckets) check inclusion and
order rather than equality.

Fixtures
--------
Per dialect (``oss/conftest.py``, ``s3/conftest.py``): the session's endpoint, an SDK client,
``bucket`` (a fresh, Unversioned bucket; the service is reset first when it can be),
``versioned`` / ``suspended`` (the same, with versioning Enabled / Suspended), ``new_bucket``
(a factory for more buckets) and ``control`` (the control API, or a skip). Here:
``localhost_subdomains`` makes ``*.localhost`` resolve to 127.0.0.1 inside the test process, for
virtual-host addressing.

Clients: credentials are fixed dummies (the endpoint runs with ``--auth none``); oss2 keeps
``enable_crc=True`` (its default), so every upload's ``x-oss-hash-crc64ecma`` is checked by the
SDK itself; botocore retries nothing (``total_max_attempts=1``), so a failure is the server's
first answer.
"""

from __future__ import annotations

import os
import socket
import warnings
from dataclasses import dataclass
from typing import Optional

import pytest

import sdk_common
from sdk_common import Control, ServerProcess


@dataclass
class Endpoint:
    """One dialect's endpoint for the session."""

    url: str
    dialect: str
    control: Optional[Control]
    server: Optional[ServerProcess] = None


_SERVERS: dict = {}


def _endpoint(dialect: str) -> Endpoint:
    url = sdk_common.endpoint_from_env(dialect)
    server = None
    if url is None:
        binary = os.environ.get("BV_SERVER_BIN", "").strip()
        if not binary:
            pytest.skip(
                f"no {dialect} endpoint: set BV_ENDPOINT_{dialect.upper()} (a running server) "
                "or BV_SERVER_BIN (the bucket-versioning binary to start)"
            )
        server = sdk_common.start_server(binary, dialect)
        _SERVERS[dialect] = server
        url = server.url
    return Endpoint(url=url, dialect=dialect, control=Control.probe(url), server=server)


@pytest.fixture(scope="session")
def oss_endpoint() -> Endpoint:
    endpoint = _endpoint("oss")
    yield endpoint
    _stop(endpoint)


@pytest.fixture(scope="session")
def s3_endpoint() -> Endpoint:
    endpoint = _endpoint("s3")
    yield endpoint
    _stop(endpoint)


def _stop(endpoint: Endpoint) -> None:
    if endpoint.server is None:
        return
    complaint = endpoint.server.stop()
    if complaint:
        raise AssertionError(
            f"{complaint}; stderr tail:\n{endpoint.server.stderr_tail()}"
        )
    if endpoint.server.process.returncode not in (0, None):
        warnings.warn(
            f"the {endpoint.dialect} server exited {endpoint.server.process.returncode} "
            "after SIGTERM (graceful shutdown exits 0)"
        )


@pytest.fixture
def localhost_subdomains(monkeypatch):
    """Resolve `*.localhost` to 127.0.0.1 in this process (glibc's `files dns` does not), so
    that virtual-host-style requests (`{bucket}.localhost:PORT`) reach the endpoint. Only names
    under `localhost` are touched; nothing leaves the machine."""
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if isinstance(host, str) and host.endswith(".localhost"):
            host = "127.0.0.1"
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
