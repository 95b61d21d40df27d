"""`with fl.episode()` against the real service: what a robot's code sends, read back through the API."""

from __future__ import annotations

import pytest

import faultline
from conftest import Api, codes


def test_an_exception_in_the_block_becomes_a_failure_reason_finding(client: faultline.Client, api: Api) -> None:
    with pytest.raises(ValueError, match="gripper torque limit exceeded"):
        with client.episode(robot_id="r-exc", source="live") as ep:
            ep.battery(percent=40)
            raise ValueError("gripper torque limit exceeded on joint 3\nsecond line of the message")
    assert ep.finalize_delivery is not None and ep.finalize_delivery.delivered

    body = api.analyzed(ep.id)
    assert body["episode"]["status"] == "failed"
    assert body["episode"]["robot_id"] == "r-exc"
    assert "failure_reason_in_metadata" in codes(body)
    found = next(f for f in body["analysis"]["findings"] if f["code"] == "failure_reason_in_metadata")
    # The first line of the traceback, verbatim: the exception's type and first message line.
    assert "ValueError: gripper torque limit exceeded on joint 3" in str(found)
    reason = body["episode"]["metadata"]["failure_reason"]
    assert reason.startswith("ValueError: gripper torque limit exceeded on joint 3\n")
    assert "Traceback (most recent call last)" in reason and "test_episode.py" in reason, "the full traceback follows"
    assert body["episode"]["duration_s"] >= 0
    assert [p for p in body["episode"]["metadata"]["typed"] if p["type"] == "Battery"] == [{"type": "Battery", "percent": 40}]


def test_a_block_that_ends_normally_succeeds_and_is_not_analyzed(client: faultline.Client, api: Api) -> None:
    with client.episode(robot_id="r-ok") as ep:
        ep.add("Gripper", force_n=3.5)
    assert ep.id.startswith("ep-"), "an id is generated when none is given"
    body = api.stored(ep.id, "succeeded")
    assert body["analysis"] is None
    assert body["episode"]["source"] == "live"
    assert {"type": "Gripper", "force_n": 3.5} in body["episode"]["metadata"]["typed"]


def test_a_reported_outcome_fails_the_episode_with_its_reason(client: faultline.Client, api: Api) -> None:
    with client.episode(robot_id="r-outcome", source="sim", episode_id="ep-outcome-1") as ep:
        ep.outcome(success=False, reason="cup not in bin")
        ep.battery(percent=12)
    body = api.analyzed("ep-outcome-1")
    assert body["episode"]["status"] == "failed"
    assert body["episode"]["source"] == "sim"
    assert codes(body)[:1] == ["explicit_outcome"]
    assert "battery_low" in codes(body)
    assert "cup not in bin" in body["analysis"]["findings"][0]["title"]


def test_a_refused_record_raises_with_the_services_reason_naming_the_field(client: faultline.Client, api: Api) -> None:
    with pytest.raises(faultline.RequestRejected) as info:
        client.send_verification_result("sc-1", "ep-x", "maybe")  # type: ignore[arg-type]
    assert info.value.status == 400
    assert "status" in str(info.value), str(info.value)
    assert info.value.body["results"][0]["status"] == "rejected"
    # The same call with a valid status is accepted (positive control).
    ok = client.send_verification_result("sc-1", "ep-x", "pass")
    assert ok.delivered and ok.status == 202 and ok.rejected == []

    with pytest.raises(faultline.RequestRejected) as start:
        with client.episode(robot_id="r" * 300):
            pass  # pragma: no cover: the start is refused before the block runs
    assert start.value.status == 400 and "robot_id" in str(start.value)


def test_eval_results_and_logs_are_sent(client: faultline.Client, api: Api) -> None:
    d = client.send_eval_result("ev-sdk-1", "ep-cand-1", {"success_delta": 0.0, "reward_delta": 0.1}, baseline_episode_id="b-1")
    assert d.delivered and d.status == 202
    logs = client.send_logs(
        [
            {"log_id": "sdk-log-1", "error_message": "", "logs": "epoch 3\nKeyError: 'WANDB_API_KEY'"},
            {"error_message": "no id"},
        ]
    )
    assert logs.status == 202 and len(logs.rejected) == 1 and "log_id" in logs.rejected[0]["error"]
    ml = api.key("ml_engineer")
    from conftest import call, until

    body = until("sdk-log-1 analyzed", lambda: (lambda r: r[1] if r[0] == 200 else None)(call(api.url, "GET", "/api/logs/sdk-log-1", ml)))
    assert body["status"] == "analyzed"


def test_wrong_key_and_missing_configuration_are_clear(api: Api, spool_dir, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FAULTLINE_URL", raising=False)
    monkeypatch.delenv("FAULTLINE_API_KEY", raising=False)
    with pytest.raises(faultline.ConfigurationError, match="FAULTLINE_URL"):
        faultline.Client(spool_dir=spool_dir)
    monkeypatch.setenv("FAULTLINE_URL", api.url)
    with pytest.raises(faultline.ConfigurationError, match="FAULTLINE_API_KEY"):
        faultline.Client(spool_dir=spool_dir)
    monkeypatch.setenv("FAULTLINE_API_KEY", "not-a-key-0123456789abcdef")
    bad = faultline.Client(spool_dir=spool_dir)
    with pytest.raises(faultline.AuthenticationError) as info:
        bad.send_logs({"log_id": "x", "error_message": "y"})
    assert info.value.status == 401
    assert bad.pending() == 0, "a refused request is not spooled"
    monkeypatch.setenv("FAULTLINE_API_KEY", api.producer)
    assert faultline.Client(spool_dir=spool_dir).send_logs({"log_id": "env-ok", "error_message": "y"}).status == 202


def test_tags_are_sent_and_a_bad_tag_is_refused_naming_it(client: faultline.Client, api: Api) -> None:
    with client.episode(robot_id="r-tags", episode_id="ep-tags-1", tags={"robot_model": "ur5e"}) as ep:
        ep.tags["firmware"] = "2.3.1"
    body = api.stored("ep-tags-1", "succeeded")
    assert body["episode"]["tags"] == {"robot_model": "ur5e", "firmware": "2.3.1"}

    with pytest.raises(faultline.RequestRejected) as info:
        with client.episode(robot_id="r-tags", episode_id="ep-tags-2", tags={"firmware": 2}):  # type: ignore[dict-item]
            pass  # pragma: no cover: the start is refused before the block runs
    assert info.value.status == 400 and "tags.firmware: must be a string" in str(info.value), str(info.value)
