"""The faultline client: episodes, eval and verification results, job logs.

    fl = faultline.Client()                      # FAULTLINE_URL, FAULTLINE_API_KEY
    with fl.episode(robot_id="r-7") as ep:
        ep.battery(percent=42)
        run_policy()                              # an exception here: failed, traceback recorded

Invariants:
- Every call has a timeout and retries 429/503/connection errors with backoff, honouring
  Retry-After (transport.py). A request the service refuses raises RequestRejected carrying the
  service's answer, which names the field.
- When the service stays unreachable or busy, the request goes to the on-disk spool (spool.py)
  and the call returns ``Delivery(spooled=True)``; the spool is replayed, in order, before the
  next request and by ``flush()``. Requests never overtake spooled ones. ``spool=False`` raises
  ServiceUnavailable instead.
- Sending is idempotent by id: episode start/finalize by ``episode_id``, eval results by
  ``(eval_run_id, candidate_episode_id)``, verification results by ``(scenario_id,
  candidate_episode_id)``, logs by ``log_id``; a replayed request replaces, never adds.
"""

from __future__ import annotations

import os
import threading
import uuid
from urllib.parse import quote
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Literal, Mapping, Optional, Sequence, Union

from .episode import Episode
from .errors import ConfigurationError, ServiceUnavailable
from .spool import Spool, default_spool_dir
from .transport import Http, RetriesExhausted

Source = Literal["live", "replay", "sim"]
VerificationStatus = Literal["pass", "fail", "error", "skipped"]


@dataclass
class Delivery:
    """What became of one request: delivered (with the service's answer) or kept in the spool."""

    spooled: bool
    status: Optional[int] = None
    body: Any = None
    #: For batches: the items the service refused (each with ``index``, ``ref`` and ``error``).
    rejected: List[Dict[str, Any]] = field(default_factory=list)

    @property
    def delivered(self) -> bool:
        return not self.spooled


class Client:
    """A faultline service. Arguments override the environment (FAULTLINE_URL, FAULTLINE_API_KEY, FAULTLINE_ORG,
    FAULTLINE_SPOOL_DIR)."""

    def __init__(
        self,
        url: Optional[str] = None,
        api_key: Optional[str] = None,
        *,
        org: Optional[str] = None,
        timeout: float = 10.0,
        max_retries: int = 5,
        backoff: float = 0.5,
        max_backoff: float = 30.0,
        spool: bool = True,
        spool_dir: Optional[Union[str, "os.PathLike[str]"]] = None,
        max_spool_records: int = 10_000,
        max_spool_bytes: int = 64 * 1024 * 1024,
        replay_on_start: bool = True,
    ):
        url = url or os.environ.get("FAULTLINE_URL")
        api_key = api_key or os.environ.get("FAULTLINE_API_KEY")
        if not url:
            raise ConfigurationError("no service URL: pass url= or set FAULTLINE_URL (e.g. http://localhost:8080)")
        if not url.startswith(("http://", "https://")):
            raise ConfigurationError(f"url: must start with http:// or https://, got {url!r}")
        if not api_key:
            raise ConfigurationError("no API key: pass api_key= or set FAULTLINE_API_KEY (a producer key of your org)")
        if not timeout or timeout <= 0:
            raise ConfigurationError(f"timeout: must be a positive number of seconds, got {timeout!r}")
        org = org or os.environ.get("FAULTLINE_ORG") or None
        self.http = Http(url, api_key, timeout=timeout, max_retries=max_retries, backoff=backoff, max_backoff=max_backoff, org=org)
        # Replays try each spooled request once more with a short wait: the service is either back or not.
        self._replay_http = Http(url, api_key, timeout=timeout, max_retries=1, backoff=backoff, max_backoff=2.0, org=org)
        self.spool: Optional[Spool] = None
        if spool:
            directory = spool_dir or os.environ.get("FAULTLINE_SPOOL_DIR") or default_spool_dir()
            self.spool = Spool(directory, max_records=max_spool_records, max_bytes=max_spool_bytes)
        self._lock = threading.Lock()
        if self.spool is not None and replay_on_start and len(self.spool):
            self.flush()

    @property
    def url(self) -> str:
        return self.http.url

    # ───────────── sending ─────────────

    def flush(self) -> Dict[str, Any]:
        """Replays the spool now. Returns ``delivered``, ``rejected``, ``remaining`` and ``error`` (why it stopped)."""
        if self.spool is None:
            return {"delivered": 0, "rejected": 0, "remaining": 0, "error": None}
        with self._lock:
            return self.spool.replay(self._replay_http)

    def pending(self) -> int:
        """Requests waiting in the spool."""
        return len(self.spool) if self.spool is not None else 0

    def _send(self, method: str, path: str, body: Any) -> Delivery:
        with self._lock:
            if self.spool is not None and len(self.spool):
                self.spool.replay(self._replay_http)
                if len(self.spool):  # still down: keep the order, join the tail
                    self.spool.add(method, path, body)
                    return Delivery(spooled=True)
            try:
                res = self.http.send(method, path, body)
            except RetriesExhausted as err:
                if self.spool is None:
                    raise ServiceUnavailable(str(err)) from None
                self.spool.add(method, path, body)
                return Delivery(spooled=True)
        rejected = []
        if isinstance(res.body, dict) and isinstance(res.body.get("results"), list):
            rejected = [r for r in res.body["results"] if isinstance(r, dict) and r.get("status") == "rejected"]
        return Delivery(spooled=False, status=res.status, body=res.body, rejected=rejected)

    def get(self, path: str) -> Any:
        """A read (GET) of the API, e.g. ``client.get("/api/episodes/ep-1")``; a key of member role or up."""
        return self.http.send("GET", path).body

    # ───────────── episodes ─────────────

    def episode(
        self,
        robot_id: str,
        source: Source = "live",
        episode_id: Optional[str] = None,
        *,
        metadata: Optional[Mapping[str, Any]] = None,
        tags: Optional[Mapping[str, str]] = None,
    ) -> Episode:
        """An episode as a context manager: started on entry, finalized on exit (``failed`` when an exception
        escaped the block or a failure was reported, else ``succeeded``). An id is generated when none is given."""
        if not robot_id:
            raise ConfigurationError("robot_id: required (the robot that runs the episode)")
        if source not in ("live", "replay", "sim"):
            raise ConfigurationError(f"source: must be live, replay or sim, got {source!r}")
        return Episode(
            self, robot_id=robot_id, source=source, episode_id=episode_id or f"ep-{uuid.uuid4()}", metadata=metadata, tags=tags
        )

    def start_episode(self, episode_id: str, robot_id: str, body: Mapping[str, Any]) -> Delivery:
        return self._send("POST", "/api/ingest/episode", {"episode_id": episode_id, "robot_id": robot_id, **body})

    def finalize_episode(self, episode_id: str, body: Mapping[str, Any]) -> Delivery:
        return self._send("POST", f"/api/ingest/episode/{quote(episode_id, safe='')}/finalize", dict(body))

    # ───────────── results and logs ─────────────

    def send_eval_result(
        self,
        eval_run_id: str,
        candidate_episode_id: str,
        metrics: Mapping[str, Any],
        baseline_episode_id: Optional[str] = None,
    ) -> Delivery:
        """A replay evaluation of a candidate against a baseline (``success_delta`` < 0 or ``reward_delta`` below the
        service's tolerance is a regression)."""
        record: Dict[str, Any] = {"eval_run_id": eval_run_id, "candidate_episode_id": candidate_episode_id, "metrics": dict(metrics)}
        if baseline_episode_id:
            record["baseline_episode_id"] = baseline_episode_id
        return self._batch("eval-results", [record])

    def send_verification_result(
        self,
        scenario_id: str,
        candidate_episode_id: str,
        status: VerificationStatus,
        message: Optional[str] = None,
    ) -> Delivery:
        """One verification scenario's verdict on a candidate episode."""
        record: Dict[str, Any] = {"scenario_id": scenario_id, "candidate_episode_id": candidate_episode_id, "status": status}
        if message is not None:
            record["message"] = message
        return self._batch("verification-results", [record])

    def send_logs(self, logs: Union[Mapping[str, Any], Sequence[Mapping[str, Any]]]) -> Delivery:
        """Experiment or job failure logs: one dict or a list, each with ``log_id`` and ``error_message``/``logs``
        (see docs/contract.md). Items the service refuses are in ``Delivery.rejected``; when all are, RequestRejected."""
        items = [dict(logs)] if isinstance(logs, Mapping) else [dict(x) for x in logs]
        return self._batch("logs", items)

    def _batch(self, route: str, items: Iterable[Mapping[str, Any]]) -> Delivery:
        return self._send("POST", f"/api/ingest/{route}", list(items))
