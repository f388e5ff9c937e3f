"""What both dialects' suites share: finding or starting the endpoint, the /_bv/ control API,
bucket names, digests. No SDK is imported here.

The fixture interface these helpers implement is documented in conftest.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import queue
import re
import signal
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
import zlib
from dataclasses import dataclass, field
from typing import Optional

#: The line `bucket-versioning serve` prints on stdout once it accepts connections.
LISTENING_LINE = re.compile(
    r"^bucket-versioning listening on (?P<url>http://[^\s]+) \(dialect (?P<dialect>oss|s3)\)\s*$"
)

#: How long a server may take to print its listening line.
STARTUP_TIMEOUT_S = 60.0
#: How long a server may take to exit after SIGTERM.
SHUTDOWN_TIMEOUT_S = 15.0
#: Timeout of one control-API request.
CONTROL_TIMEOUT_S = 30.0

#: A midnight (LC-0: a multiple of 86,400 s): 2024-10-04T00:00:00Z. Tests that pin the clock
#: start here so that Last-Modified values look like real dates to the SDKs.
MIDNIGHT = 20_000 * 86_400
DAY = 86_400


class ControlError(AssertionError):
    """A control-API request that did not succeed."""


@dataclass
class Control:
    """The endpoint's test-control API under the reserved prefix `/_bv/`.

    Every method raises `ControlError` (an AssertionError, so a test fails with the server's
    answer in the message) unless the endpoint answers 2xx.
    """

    base_url: str

    # -- transport -------------------------------------------------------------------------

    def _request(self, method: str, path: str, body: Optional[bytes] = None) -> bytes:
        request = urllib.request.Request(self.base_url + path, data=body, method=method)
        if body is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=CONTROL_TIMEOUT_S) as response:
                return response.read()
        except urllib.error.HTTPError as err:
            detail = err.read()[:2000].decode("utf-8", "replace")
            raise ControlError(f"{method} {path} -> {err.code}: {detail}") from None

    def _json(self, method: str, path: str, body: Optional[bytes] = None):
        raw = self._request(method, path, body)
        try:
            return json.loads(raw)
        except ValueError:
            raise ControlError(f"{method} {path}: not JSON: {raw[:500]!r}") from None

    @classmethod
    def probe(cls, base_url: str) -> Optional["Control"]:
        """The control API of `base_url`, or None when the endpoint has none (moto, a real
        service): `GET /_bv/clock` must answer 200 with a JSON object holding `now`."""
        control = cls(base_url)
        try:
            clock = control._json("GET", "/_bv/clock")
        except (ControlError, OSError):
            return None
        if isinstance(clock, dict) and isinstance(clock.get("now"), int):
            return control
        return None

    # -- the API ---------------------------------------------------------------------------

    def reset(self) -> None:
        """`POST /_bv/reset`: an empty service (no buckets) and the clock at 0."""
        self._request("POST", "/_bv/reset")

    def snapshot(self) -> dict:
        """`GET /_bv/snapshot`: the service snapshot as JSON."""
        return self._json("GET", "/_bv/snapshot")

    def restore(self, snapshot: dict) -> None:
        """`PUT /_bv/snapshot`: replace the service with `snapshot`."""
        self._request("PUT", "/_bv/snapshot", json.dumps(snapshot).encode())

    def clock(self) -> dict:
        """`GET /_bv/clock`: `{"now": N, "pinned": bool}` (seconds since the epoch, LC-0)."""
        return self._json("GET", "/_bv/clock")

    def now(self) -> int:
        return int(self.clock()["now"])

    def pin(self, now: int) -> None:
        """`PUT /_bv/clock?pin=N`: the logical clock stands at `now` until advanced."""
        self._request("PUT", f"/_bv/clock?pin={int(now)}")

    def advance(self, seconds: int) -> None:
        """`POST /_bv/clock?advance=S`: move a pinned clock forward."""
        self._request("POST", f"/_bv/clock?advance={int(seconds)}")

    def follow_wall_clock(self) -> None:
        """`DELETE /_bv/clock`: the clock follows the wall clock again."""
        self._request("DELETE", "/_bv/clock")

    def run_lifecycle(self, bucket: str) -> dict:
        """`POST /_bv/lifecycle?bucket=NAME`: run lifecycle now. Returns the `ok` object of
        trace-format's `run_lifecycle` outcome (`removed`, `delete_markers_added`,
        `uploads_aborted`); the endpoint may answer the whole outcome line `{"ok": {...}}` or
        the bare object."""
        outcome = self._json("POST", f"/_bv/lifecycle?bucket={bucket}")
        if isinstance(outcome, dict) and "error" in outcome:
            raise ControlError(f"run_lifecycle({bucket}) failed: {outcome['error']}")
        if isinstance(outcome, dict) and "ok" in outcome:
            outcome = outcome["ok"]
        for field_name in ("removed", "delete_markers_added", "uploads_aborted"):
            assert field_name in outcome, f"run_lifecycle outcome lacks {field_name}: {outcome}"
        return outcome

    def log(self) -> list:
        """`GET /_bv/log`: the command log so far, one JSON object per line."""
        raw = self._request("GET", "/_bv/log").decode("utf-8")
        return [json.loads(line) for line in raw.splitlines() if line.strip()]


@dataclass
class ServerProcess:
    """A `bucket-versioning serve` child started for the session."""

    process: subprocess.Popen
    url: str
    dialect: str
    stderr_path: str
    extra_stdout: list = field(default_factory=list)

    def stderr_tail(self, limit: int = 4000) -> str:
        try:
            with open(self.stderr_path, "rb") as f:
                return f.read()[-limit:].decode("utf-8", "replace")
        except OSError:
            return ""

    def stop(self) -> Optional[str]:
        """SIGTERM, then wait. Returns a complaint when the server did not shut down
        gracefully (the caller reports it), None otherwise."""
        if self.process.poll() is not None:
            return f"the {self.dialect} server had already exited ({self.process.returncode})"
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=SHUTDOWN_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return f"the {self.dialect} server ignored SIGTERM for {SHUTDOWN_TIMEOUT_S} s"
        return None


def start_server(binary: str, dialect: str) -> ServerProcess:
    """Start `binary serve --dialect D --bind 127.0.0.1:0`, wait for its listening line and
    return it. stdout is drained by a thread for the life of the process (so the server never
    blocks on a full pipe); stderr goes to a temporary file quoted on failure."""
    stderr_file = tempfile.NamedTemporaryFile(
        prefix=f"bv-serve-{dialect}-", suffix=".stderr", delete=False
    )
    process = subprocess.Popen(
        [binary, "serve", "--dialect", dialect, "--bind", "127.0.0.1:0"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=stderr_file,
        text=True,
    )
    stderr_file.close()
    lines: "queue.Queue[Optional[str]]" = queue.Queue()
    extra: list = []

    def drain() -> None:
        first = True
        for line in process.stdout:
            if first:
                lines.put(line)
                first = False
            else:
                extra.append(line)
        if first:
            lines.put(None)

    threading.Thread(target=drain, name=f"bv-serve-{dialect}-stdout", daemon=True).start()
    server = ServerProcess(process, "", dialect, stderr_file.name, extra)
    try:
        line = lines.get(timeout=STARTUP_TIMEOUT_S)
    except queue.Empty:
        process.kill()
        raise RuntimeError(
            f"{binary} serve --dialect {dialect} printed no listening line within "
            f"{STARTUP_TIMEOUT_S} s; stderr:\n{server.stderr_tail()}"
        ) from None
    if line is None:
        process.wait()
        raise RuntimeError(
            f"{binary} serve --dialect {dialect} exited ({process.returncode}) before listening; "
            f"stderr:\n{server.stderr_tail()}"
        )
    match = LISTENING_LINE.match(line)
    if not match or match.group("dialect") != dialect:
        process.kill()
        raise RuntimeError(f"unexpected first line from {binary} serve: {line!r}")
    server.url = match.group("url")
    return server


def bucket_name_for(test_name: str, unique: bool) -> str:
    """A bucket name valid in both dialects (SVC-2) derived from the test's name, so that a
    server log reads like the test. `unique` adds a random suffix, for endpoints that cannot be
    reset between tests."""
    slug = re.sub(r"[^a-z0-9]+", "-", test_name.lower()).strip("-")
    suffix = "-" + uuid.uuid4().hex[:8] if unique else ""
    slug = slug[: 60 - len(suffix)].strip("-")
    return f"bv-{slug}{suffix}"[:63].strip("-")


def endpoint_from_env(dialect: str) -> Optional[str]:
    value = os.environ.get(f"BV_ENDPOINT_{dialect.upper()}", "").strip()
    return value.rstrip("/") or None


def md5_hex(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def multipart_etag(parts: list) -> str:
    """CT-4: MD5 over the concatenated binary MD5s of the parts, then `-N` (lower case)."""
    digest = hashlib.md5(b"".join(hashlib.md5(p).digest() for p in parts)).hexdigest()
    return f"{digest}-{len(parts)}"


def content_md5(data: bytes) -> str:
    """The `Content-MD5` header value of `data`."""
    return base64.b64encode(hashlib.md5(data).digest()).decode()


def crc32_b64(data: bytes) -> str:
    """The `x-amz-checksum-crc32` value of `data`."""
    return base64.b64encode((zlib.crc32(data) & 0xFFFFFFFF).to_bytes(4, "big")).decode()


def wait_until(predicate, timeout: float = 10.0, interval: float = 0.05, what: str = "condition"):
    """Poll `predicate` until it returns a truthy value (returned) or `timeout` passes (an
    AssertionError naming `what`). For the few waits on another process; never a fixed sleep."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)
