"""HTTP to the service: JSON encoding, a timeout on every call, retries with backoff.

Invariants:
- Every request has a timeout (``timeout`` seconds, for connecting and for each read).
- Retried: connection errors, time-outs, 429 and 503 (and 502/504 from a proxy), up to
  ``max_retries`` times, waiting ``Retry-After`` when the service sends it (capped at
  ``max_retry_after``), else an exponential backoff with full jitter (capped at ``max_backoff``).
- Never retried: other 4xx (the record is refused; the service's body is in the error), 2xx.
- What is sent is JSON the service accepts: lone surrogates are escaped (the service stores
  U+FFFD), bytes are decoded as UTF-8 with U+FFFD for invalid bytes, and a non-finite number is
  refused here, naming its path, rather than sent as the invalid JSON token ``NaN``.
"""

from __future__ import annotations

import email.utils
import json
import math
import random
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional

from .errors import AuthenticationError, InvalidRecord, RequestRejected

RETRY_STATUSES = frozenset({429, 502, 503, 504})


def jsonable(value: Any, path: str = "$") -> Any:
    """A copy of `value` that json.dumps accepts and the service takes: see the module comment."""
    if value is None or isinstance(value, (bool, str, int)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidRecord(f"{path}: not a finite number ({value!r}); the service refuses NaN and infinities")
        return value
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", errors="replace")
    if isinstance(value, Mapping):
        return {str(k): jsonable(v, f"{path}.{k}") for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v, f"{path}[{i}]") for i, v in enumerate(value)]
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item):
        try:
            return jsonable(item(), path)
        except (TypeError, ValueError):
            pass
    tolist = getattr(value, "tolist", None)  # numpy arrays
    if callable(tolist):
        return jsonable(tolist(), path)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def encode(body: Any) -> bytes:
    # ensure_ascii: a lone surrogate becomes the escape "\udc80", valid JSON (the service keeps U+FFFD).
    return json.dumps(jsonable(body), ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode("ascii")


@dataclass
class Response:
    status: int
    body: Any
    headers: Mapping[str, str]


class RetriesExhausted(Exception):
    """The service stayed unreachable or busy; `reason` says how it last answered."""

    def __init__(self, reason: str, attempts: int):
        self.reason = reason
        self.attempts = attempts
        super().__init__(f"{reason} (after {attempts} attempt{'s' if attempts != 1 else ''})")


def retry_after_seconds(value: Optional[str]) -> Optional[float]:
    """Seconds from a Retry-After header: delta-seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


class Http:
    """One service: base URL, key, timeout and retry policy. Thread-safe (no shared connection)."""

    def __init__(
        self,
        url: str,
        api_key: str,
        *,
        timeout: float = 10.0,
        max_retries: int = 5,
        backoff: float = 0.5,
        max_backoff: float = 30.0,
        max_retry_after: float = 60.0,
        org: Optional[str] = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.max_retry_after = max_retry_after
        self.org = org
        self.sleep = sleep

    def target(self, path: str) -> str:
        query = f"?{urllib.parse.urlencode({'org': self.org})}" if self.org else ""
        return f"{self.url}{path}{query}"

    def once(self, method: str, path: str, data: Optional[bytes]) -> Response:
        """One attempt. Raises OSError (and its subclasses) when the service cannot be reached."""
        request = urllib.request.Request(
            self.target(path),
            data=data,
            method=method,
            headers={
                "authorization": f"Bearer {self.api_key}",
                "accept": "application/json",
                **({"content-type": "application/json"} if data is not None else {}),
                "user-agent": "faultline-python/0.1.0",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as res:
                return Response(res.status, parse(res.read()), dict(res.headers.items()))
        except urllib.error.HTTPError as err:
            try:
                raw = err.read()
            except OSError:
                raw = b""
            return Response(err.code, parse(raw), dict(err.headers.items()) if err.headers else {})

    def send(self, method: str, path: str, body: Any = None) -> Response:
        """Sends with retries; a 2xx is returned, a refusal raised, and an outage raises RetriesExhausted."""
        data = encode(body) if body is not None else None
        attempt = 0
        while True:
            attempt += 1
            wait: Optional[float] = None
            try:
                res = self.once(method, path, data)
            except (OSError, socket.timeout) as err:  # URLError, ConnectionError, timeouts
                reason = f"{method} {path}: service {self.url} unreachable: {getattr(err, 'reason', err)}"
            else:
                if 200 <= res.status < 300:
                    return res
                if res.status not in RETRY_STATUSES:
                    cls = AuthenticationError if res.status in (401, 403) else RequestRejected
                    raise cls(method, path, res.status, res.body)
                reason = f"{method} {path}: HTTP {res.status}"
                header = next((v for k, v in res.headers.items() if k.lower() == "retry-after"), None)
                after = retry_after_seconds(header)
                if after is not None:
                    wait = min(after, self.max_retry_after)
            if attempt > self.max_retries:
                raise RetriesExhausted(reason, attempt)
            if wait is None:
                wait = random.uniform(0, min(self.max_backoff, self.backoff * (2 ** (attempt - 1))))
            self.sleep(wait)


def parse(raw: bytes) -> Any:
    if not raw:
        return None
    text = raw.decode("utf-8", errors="replace")
    try:
        return json.loads(text)
    except ValueError:
        return text

