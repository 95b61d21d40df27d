"""A busy service, as a client meets it: the real service with a small embedded bus answers 503 with
Retry-After while the bus is full; the client waits what the service said, retries, and the record
lands once the bus drains (test_retry.py covers the answers the real service cannot be made to give
on demand: 429, a hang, a 400 after retries)."""

from __future__ import annotations

import json
import shutil
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

import pytest

import faultline
from conftest import Api, Service, until


@pytest.fixture
def small_bus() -> Iterator[Service]:
    data = Path(tempfile.mkdtemp(prefix="faultline-sdk-busy-"))
    svc = Service(data, env={"FAULTLINE_BUS_CAPACITY": "10"}).start()
    yield svc
    svc.stop()
    shutil.rmtree(data, ignore_errors=True)


def post(url: str, key: str, body: object) -> Tuple[int, Optional[str]]:
    """POST /api/ingest/logs; the status and the Retry-After header (the SDK is not used here)."""
    req = urllib.request.Request(
        f"{url}/api/ingest/logs",
        data=json.dumps(body).encode(),
        method="POST",
        headers={"authorization": f"Bearer {key}", "content-type": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers.get("retry-after")
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("retry-after")


def metric(url: str, name: str) -> float:
    with urllib.request.urlopen(f"{url}/metrics", timeout=10) as r:
        text = r.read().decode()
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(name) and not line.startswith("#"))


def test_a_full_bus_answers_503_the_client_waits_retry_after_and_the_record_lands(small_bus: Service, tmp_path: Path) -> None:
    api = Api(small_bus)
    waits: List[float] = []
    said: Optional[str] = None
    log_id = ""
    # The analyzer drains the bus as it goes: fill it, check it is full, send through the SDK at once.
    # Three tries, in case it drained between the check and the SDK's first attempt.
    for attempt in range(3):
        slow = [
            {"log_id": f"slow-{attempt}-{i}", "error_message": "", "logs": "INFO step ok\n" * 20_000 + "ValueError: boom"}
            for i in range(10)
        ]
        assert post(small_bus.url, api.producer, slow)[0] == 202
        status, said = post(small_bus.url, api.producer, [{"log_id": f"probe-{attempt}", "error_message": "x"}])
        if status != 503:
            continue
        assert said is not None and float(said) >= 1, f"503 carries Retry-After ({said})"
        fl = faultline.Client(small_bus.url, api.producer, spool_dir=tmp_path / f"spool-{attempt}", timeout=10, max_retries=60)
        waits = []

        def sleep(seconds: float) -> None:
            waits.append(seconds)
            time.sleep(seconds)

        fl.http.sleep = sleep
        log_id = f"sdk-busy-{attempt}"
        d = fl.send_logs(
            {
                "log_id": log_id,
                "error_message": "",
                "logs": "Traceback (most recent call last):\n  File \"train.py\", line 3\nKeyError: 'OPENAI_API_KEY'",
            }
        )
        assert d.delivered and d.status == 202, f"delivered after the bus drained ({d})"
        assert fl.pending() == 0, "nothing left in the spool"
        if waits:
            break
    assert waits, "the SDK met the full bus (a 503) in one of three tries"
    assert waits[0] == float(said or 0), f"the first wait is the service's Retry-After ({waits[0]} vs {said})"
    assert metric(small_bus.url, "faultline_bus_backpressure_total") >= 2, "the service counted the 503s it answered"

    engineer = api.key("ml_engineer")  # logs' patterns are read by engineers, not members

    def readable() -> bool:
        q = urllib.parse.quote(log_id, safe="")
        req = urllib.request.Request(f"{small_bus.url}/api/logs/{q}", headers={"authorization": f"Bearer {engineer}"})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status == 200
        except urllib.error.HTTPError:
            return False

    until(f"log {log_id} readable", readable, 120)
