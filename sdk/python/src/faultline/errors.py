"""The errors the SDK raises. Every one says what went wrong in words; a record the service
refused carries the service's answer (its 400 body names the field and the problem)."""

from __future__ import annotations

from typing import Any


class FaultlineError(Exception):
    """Base of every error the SDK raises."""


class ConfigurationError(FaultlineError):
    """The client is missing its URL or API key, or a setting is invalid."""


class InvalidRecord(FaultlineError):
    """A value the SDK cannot send as JSON the service accepts (a NaN, a non-finite number), named by its path."""


class RequestRejected(FaultlineError):
    """The service refused the request (4xx other than 429). `status` and `body` are its answer.

    For a batch, `body["results"]` lists every item with its own `error` (e.g. ``duration_s: must be ≥ 0``).
    """

    def __init__(self, method: str, path: str, status: int, body: Any):
        self.method = method
        self.path = path
        self.status = status
        self.body = body
        super().__init__(f"{method} {path}: HTTP {status}: {describe_body(body)}")


class AuthenticationError(RequestRejected):
    """401 (no or wrong key) or 403 (the key's role may not, or another org was named)."""


class ServiceUnavailable(FaultlineError):
    """The service could not be reached or stayed busy (429/503) through every retry, and spooling is off."""


class SpoolFull(FaultlineError):
    """The on-disk spool holds its limit: the record was neither delivered nor kept. Nothing else was dropped."""


def describe_body(body: Any) -> str:
    """The service's reason: `message` of an error body, else the rejected items of a batch, else the body."""
    if isinstance(body, dict):
        message = body.get("message")
        if isinstance(message, str):
            return message
        results = body.get("results")
        if isinstance(results, list):
            refused = [r for r in results if isinstance(r, dict) and r.get("status") == "rejected"]
            if refused:
                return "; ".join(f"item {r.get('index')}: {r.get('error')}" for r in refused[:10]) + (
                    f" (and {len(refused) - 10} more)" if len(refused) > 10 else ""
                )
    text = body if isinstance(body, str) else repr(body)
    return text[:2000]
