"""The real faultline service for the SDK's tests: `node apps/faultline/bin/faultline.js start` on a
free port with its own data directory (embedded bus, embedded ClickHouse through chdb), as an
operator runs it. Needs the repository built (`npm install` runs `tsc -b`) and Node 20+.

Reads go through the service's read API with keys of their own (never through the SDK under test).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, Optional, Tuple

import pytest

REPO = Path(os.environ.get("FAULTLINE_REPO") or Path(__file__).resolve().parents[3])
BIN = REPO / "apps" / "faultline" / "bin" / "faultline.js"
ADMIN = "sdk-tests-bootstrap-key-0123456789"
ORG = "acme"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Service:
    """One faultline process; `stop()` and `start()` again keep its port and data directory."""

    def __init__(self, data_dir: Path, env: Optional[Dict[str, str]] = None):
        self.data_dir = data_dir
        self.extra_env = dict(env or {})
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: Optional[subprocess.Popen] = None
        self.output: list = []

    def start(self) -> "Service":
        if not BIN.exists():
            raise RuntimeError(f"{BIN} not found: run npm install at the repository root first")
        env = {k: v for k, v in os.environ.items() if k not in ("KAFKA_BROKERS", "SCHEMA_REGISTRY_URL", "CLICKHOUSE_URL")}
        env.update(
            PORT=str(self.port),
            HOST="127.0.0.1",
            FAULTLINE_DATA_DIR=str(self.data_dir),
            FAULTLINE_ADMIN_KEY=ADMIN,
            FAULTLINE_RUN_SCHEDULE="off",
            FAULTLINE_LOG_LEVEL="warn",
            FAULTLINE_WORKERS="1",
        )
        env.update(self.extra_env)
        self.proc = subprocess.Popen(
            [os.environ.get("NODE", "node"), str(BIN), "start"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            cwd=str(REPO),
        )
        ready = threading.Event()

        def pump() -> None:
            assert self.proc and self.proc.stdout
            for raw in self.proc.stdout:
                line = raw.decode("utf-8", "replace")
                self.output.append(line)
                if "listening on http://" in line:
                    ready.set()

        threading.Thread(target=pump, daemon=True).start()
        deadline = time.time() + 120
        while not ready.wait(0.2):
            if self.proc.poll() is not None or time.time() > deadline:
                out = "".join(self.output)[-4000:]
                self.stop()
                raise RuntimeError(f"faultline start did not come up:\n{out}")
        return self

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None

    def up(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False


def call(url: str, method: str, path: str, key: str, body: Any = None) -> Tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(
        f"{url}{path}",
        data=data,
        method=method,
        headers={"authorization": f"Bearer {key}", **({"content-type": "application/json"} if data else {})},
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            raw = r.read()
            return r.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as err:
        raw = err.read()
        try:
            return err.code, json.loads(raw)
        except ValueError:
            return err.code, raw.decode("utf-8", "replace")


def until(what: str, check: Callable[[], Any], seconds: float = 60) -> Any:
    deadline = time.time() + seconds
    while True:
        value = check()
        if value:
            return value
        if time.time() > deadline:
            raise AssertionError(f"timed out after {seconds} s waiting for {what}")
        time.sleep(0.2)


class Api:
    """Reads through the service's API with keys made for the test (member and the bootstrap key)."""

    def __init__(self, service: Service):
        self.service = service
        self.producer = self.key("producer")
        self.member = self.key("member")

    @property
    def url(self) -> str:
        return self.service.url

    def key(self, role: str, org: str = ORG) -> str:
        status, body = call(self.url, "POST", "/api/admin/keys", ADMIN, {"org_id": org, "role": role})
        assert status == 201, body
        return body["key"]

    def episode(self, episode_id: str) -> Tuple[int, Any]:
        return call(self.url, "GET", f"/api/episodes/{urllib.parse.quote(episode_id, safe='')}", self.member)

    def analyzed(self, episode_id: str, seconds: float = 60) -> Dict[str, Any]:
        def check() -> Any:
            status, body = self.episode(episode_id)
            return body if status == 200 and body.get("analysis") else None

        return until(f"episode {episode_id} analyzed", check, seconds)

    def stored(self, episode_id: str, status: str, seconds: float = 60) -> Dict[str, Any]:
        def check() -> Any:
            code, body = self.episode(episode_id)
            return body if code == 200 and body["episode"]["status"] == status else None

        return until(f"episode {episode_id} stored as {status}", check, seconds)

    def audit(self, subject_id: str, action: str = "failure_analysis.completed") -> list:
        q = urllib.parse.urlencode({"org": ORG, "subject_id": subject_id, "action": action, "limit": 1000})
        status, body = call(self.url, "GET", f"/api/audit?{q}", ADMIN)
        assert status == 200, body
        return body["entries"]


def codes(body: Dict[str, Any]) -> list:
    return [f["code"] for f in body["analysis"]["findings"]]


@pytest.fixture(scope="session")
def service() -> Iterator[Service]:
    data = Path(tempfile.mkdtemp(prefix="faultline-sdk-svc-"))
    svc = Service(data).start()
    yield svc
    svc.stop()
    shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(scope="session")
def api(service: Service) -> Api:
    return Api(service)


@pytest.fixture
def spool_dir(tmp_path: Path) -> Path:
    return tmp_path / "spool"


@pytest.fixture
def client(api: Api, spool_dir: Path):
    import faultline

    return faultline.Client(api.url, api.producer, spool_dir=spool_dir, timeout=10)
