"""Hostile input through the SDK to the real service: invalid Unicode, a huge traceback, a secret
in a traceback, non-finite numbers."""

from __future__ import annotations

import json
import sys

import pytest

import faultline
from conftest import Api, codes

SECRET = "sk-proj-Q7fLk2mZ9xR4tW8yB3nV6cJ1hG5dS0aP2eU7iO9kL3mN"
PASSWORD = "correct-horse-battery-staple-42"


def test_invalid_unicode_in_a_reason_is_stored_as_replacement_characters(client: faultline.Client, api: Api) -> None:
    with pytest.raises(RuntimeError):
        with client.episode(robot_id="r-unicode", episode_id="ep-unicode-1") as ep:
            ep.outcome(success=False, reason="cup \udc80 lost \ud800 end")
            ep.metadata["raw_bytes"] = b"sensor \xff\xfe frame"
            raise RuntimeError("bad frame \udcff from camera")
    body = api.analyzed("ep-unicode-1")
    outcome = next(p for p in body["episode"]["metadata"]["typed"] if p["type"] == "EpisodeOutcome")
    assert outcome["reason"] == "cup \ufffd lost \ufffd end"
    assert body["episode"]["metadata"]["raw_bytes"] == "sensor \ufffd\ufffd frame"
    assert body["episode"]["metadata"]["failure_reason"].startswith("RuntimeError: bad frame \ufffd from camera")
    assert {"explicit_outcome", "failure_reason_in_metadata"} <= set(codes(body))


def test_a_huge_traceback_is_cut_and_still_analyzed(client: faultline.Client, api: Api) -> None:
    def recurse(n: int) -> None:
        if n == 0:
            raise MemoryError("planner exhausted the heap " + "x" * 2_000_000)
        recurse(n - 1)

    with pytest.raises(MemoryError):
        with client.episode(robot_id="r-huge", episode_id="ep-huge-1"):
            recurse(min(500, sys.getrecursionlimit() - 100))
    body = api.analyzed("ep-huge-1")
    reason = body["episode"]["metadata"]["failure_reason"]
    assert reason.startswith("MemoryError: planner exhausted the heap")
    assert len(reason) <= faultline.MAX_FAILURE_REASON_CHARS + 100
    assert "characters of the traceback cut" in reason
    assert "failure_reason_in_metadata" in codes(body)


def test_a_secret_in_a_traceback_is_not_readable_unredacted(client: faultline.Client, api: Api) -> None:
    marker = "marker-7f3a9c"
    with pytest.raises(ConnectionError):
        with client.episode(robot_id="r-secret", episode_id="ep-secret-1") as ep:
            ep.metadata["note"] = f"{marker} DB_PASSWORD={PASSWORD}"
            raise ConnectionError(f"{marker}: openai.AuthenticationError: Incorrect API key provided: {SECRET}")
    body = api.analyzed("ep-secret-1")
    text = json.dumps(body, ensure_ascii=False)
    assert marker in text, "the rest of the message is readable (positive control)"
    assert marker in body["episode"]["metadata"]["failure_reason"]
    assert SECRET not in text and SECRET[8:20] not in text
    assert PASSWORD not in text
    assert "failure_reason_in_metadata" in codes(body)


def test_a_non_finite_number_is_refused_at_once_naming_it(client: faultline.Client) -> None:
    with client.episode(robot_id="r-nan") as ep:
        with pytest.raises(faultline.InvalidRecord, match=r"typed\[0\]\.percent: not a finite number"):
            ep.battery(percent=float("nan"))
        ep.battery(percent=50.0)  # the episode goes on (positive control)
    assert ep.finalize_delivery is not None and ep.finalize_delivery.delivered
    with pytest.raises(faultline.InvalidRecord, match=r"metrics\.reward_delta"):
        client.send_eval_result("ev-nan", "ep-x", {"reward_delta": float("inf")})
