"""The client's retry arithmetic: 429/503 with Retry-After, backoff caps, a 400, time-outs.

The service here is a small scripted HTTP server, because the real one cannot be made to answer
429, hang, or give an exact sequence of answers on demand; the real service's 503 on a full bus is
met in test_backpressure.py. Waits are recorded through the client's sleep hook, not timed."""

from __future__ import annotations

import http.server
import json
import threading
from typing import Iterator, List, Tuple

import pytest

import faultline


class Scripted(http.server.BaseHTTPRequestHandler):
    script: List[Tuple[int, dict]] = []
    seen: List[str] = []

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("content-length") or 0)
        Scripted.seen.append(self.rfile.read(length).decode())
        status, headers = Scripted.script.pop(0) if Scripted.script else (202, {})
        if status == -1:  # hang longer than the client's timeout
            threading.Event().wait(3)
            status = 202
        body = json.dumps({"accepted": 1, "rejected": 0, "results": []} if status == 202 else {"error": "busy", "message": "x"})
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def stub() -> Iterator[str]:
    Scripted.script, Scripted.seen = [], []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Scripted)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def client_for(url: str, tmp_path, **kw) -> Tuple[faultline.Client, List[float]]:
    fl = faultline.Client(url, "k" * 24, spool_dir=tmp_path / "spool", **kw)
    waits: List[float] = []
    fl.http.sleep = waits.append
    return fl, waits


def test_retry_after_is_honoured_on_429_and_503(stub: str, tmp_path) -> None:
    Scripted.script = [(429, {"retry-after": "3"}), (503, {"retry-after": "1"}), (202, {})]
    fl, waits = client_for(stub, tmp_path)
    d = fl.send_logs({"log_id": "l1", "error_message": "x"})
    assert d.delivered and d.status == 202
    assert waits == [3.0, 1.0]
    assert len(Scripted.seen) == 3 and len(set(Scripted.seen)) == 1, "the same body each time"


def test_backoff_without_retry_after_grows_and_is_capped(stub: str, tmp_path) -> None:
    Scripted.script = [(503, {})] * 4
    fl, waits = client_for(stub, tmp_path, backoff=1.0, max_backoff=2.5)
    assert fl.send_logs({"log_id": "l2", "error_message": "x"}).delivered
    assert len(waits) == 4 and all(0 <= w <= 2.5 for w in waits)


def test_a_400_is_not_retried_and_a_busy_service_past_the_retries_is_spooled(stub: str, tmp_path) -> None:
    Scripted.script = [(400, {})]
    fl, waits = client_for(stub, tmp_path, max_retries=2)
    with pytest.raises(faultline.RequestRejected):
        fl.send_logs({"log_id": "l3", "error_message": "x"})
    assert waits == [] and fl.pending() == 0
    Scripted.script = [(503, {"retry-after": "1"})] * 3
    d = fl.send_logs({"log_id": "l4", "error_message": "x"})
    assert d.spooled and fl.pending() == 1 and waits == [1.0, 1.0]
    assert fl.flush()["delivered"] == 1 and fl.pending() == 0  # the stub answers 202 again


def test_every_call_has_a_timeout(stub: str, tmp_path) -> None:
    Scripted.script = [(-1, {})]
    fl, waits = client_for(stub, tmp_path, timeout=0.5, max_retries=1)
    d = fl.send_logs({"log_id": "l5", "error_message": "x"})
    # The first attempt timed out, the retry was answered.
    assert d.delivered and len(waits) == 1 and len(Scripted.seen) == 2
