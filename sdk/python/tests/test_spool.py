"""The service down during finalize, then up: the spool delivers the finalize, once."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

import faultline
from conftest import Api, Service, codes


@pytest.fixture
def own_service():
    data = Path(tempfile.mkdtemp(prefix="faultline-sdk-spool-"))
    svc = Service(data).start()
    yield svc
    svc.stop()
    shutil.rmtree(data, ignore_errors=True)


def test_finalize_while_down_is_spooled_then_delivered_once(own_service: Service, tmp_path: Path) -> None:
    api = Api(own_service)
    spool = tmp_path / "spool"
    fl = faultline.Client(own_service.url, api.producer, spool_dir=spool, timeout=2, max_retries=2, backoff=0.05)

    with pytest.raises(RuntimeError):
        with fl.episode(robot_id="r-spool", episode_id="ep-spool-1") as ep:
            ep.battery(percent=55)
            assert ep.start_delivery is not None and ep.start_delivery.delivered
            own_service.stop()  # the service goes away mid-episode
            assert not own_service.up()
            raise RuntimeError("arm collided with the shelf")
    assert ep.finalize_delivery is not None and ep.finalize_delivery.spooled
    assert fl.pending() == 1
    # While down, a later request joins the spool's tail instead of overtaking it.
    assert fl.send_eval_result("ev-spool", "ep-spool-other", {"success_delta": 0}).spooled
    assert fl.pending() == 2

    own_service.start()
    # The robot's process restarts: a new client replays the spool on start, in order.
    fl2 = faultline.Client(own_service.url, api.producer, spool_dir=spool, timeout=5)
    assert fl2.pending() == 0
    body = api.analyzed("ep-spool-1")
    assert body["episode"]["status"] == "failed"
    assert "failure_reason_in_metadata" in codes(body)
    assert body["episode"]["metadata"]["failure_reason"].startswith("RuntimeError: arm collided with the shelf")

    # Once: one analysis of the finalize (an analysis per delivery is audited), one Battery payload.
    assert len(api.audit("ep-spool-1")) == 1
    assert [p for p in body["episode"]["metadata"]["typed"] if p["type"] == "Battery"] == [{"type": "Battery", "percent": 55}]
    # Flushing again, from either client, sends nothing more.
    assert fl.flush()["delivered"] == 0 and fl2.flush()["delivered"] == 0
    assert faultline.Client(own_service.url, api.producer, spool_dir=spool).pending() == 0
    assert len(api.audit("ep-spool-1")) == 1


def test_an_acknowledged_request_replayed_after_a_crash_changes_nothing(own_service: Service, tmp_path: Path) -> None:
    """The spool file is deleted after the 2xx; a crash in between sends it again: the id makes it an upsert."""
    api = Api(own_service)
    spool = tmp_path / "spool"
    fl = faultline.Client(own_service.url, api.producer, spool_dir=spool, timeout=2, max_retries=1, backoff=0.05)
    own_service.stop()
    with fl.episode(robot_id="r-crash", episode_id="ep-crash-1") as ep:
        ep.outcome(success=False, reason="dropped the part")
    assert fl.pending() == 2  # start and finalize
    kept = tmp_path / "copy"
    shutil.copytree(spool, kept)
    own_service.start()
    assert fl.flush() == {"delivered": 2, "rejected": 0, "remaining": 0, "error": None}
    first = api.analyzed("ep-crash-1")
    # The crash: the same two files again.
    for f in kept.glob("*.json"):
        shutil.copy(f, spool / f.name)
    assert fl.flush()["delivered"] == 2
    # A sentinel of the same robot after them: the bus keeps one robot's events in order, so once
    # it is stored the replayed start and finalize have been applied.
    with fl.episode(robot_id="r-crash", episode_id="ep-crash-sentinel"):
        pass
    api.stored("ep-crash-sentinel", "succeeded")
    body = api.analyzed("ep-crash-1")
    outcomes = [p for p in body["episode"]["metadata"]["typed"] if p["type"] == "EpisodeOutcome"]
    assert outcomes == [{"type": "EpisodeOutcome", "success": False, "reason": "dropped the part"}], "no payload added twice"
    assert body["episode"]["status"] == "failed"
    assert codes(body) == codes(first)


def test_the_spool_is_bounded(tmp_path: Path) -> None:
    port_closed = Service(tmp_path).url  # a free port nobody listens on
    fl = faultline.Client(port_closed, "k" * 24, spool_dir=tmp_path / "s", max_spool_records=2, timeout=1, max_retries=0)
    assert fl.send_logs({"log_id": "a", "error_message": "x"}).spooled
    assert fl.send_logs({"log_id": "b", "error_message": "x"}).spooled
    with pytest.raises(faultline.SpoolFull, match="full"):
        fl.send_logs({"log_id": "c", "error_message": "x"})
    assert fl.pending() == 2, "nothing already spooled was dropped"
    no_spool = faultline.Client(port_closed, "k" * 24, spool=False, timeout=1, max_retries=0)
    with pytest.raises(faultline.ServiceUnavailable, match="unreachable"):
        no_spool.send_logs({"log_id": "d", "error_message": "x"})
