"""One robot episode, as a context manager.

    with fl.episode(robot_id="r-7", source="live") as ep:
        ep.outcome(success=False, reason="cup not in bin")
        ep.battery(percent=12)
        ep.add("Gripper", force_n=3.2)           # any typed payload
        ep.tags["firmware"] = "2.3.1"            # dimensions for the fleet insight

Invariants:
- Entering starts the episode (``POST /api/ingest/episode``, status running); leaving finalizes
  it (``POST /api/ingest/episode/:id/finalize``) with its duration, the typed payloads added in
  the block and the metadata set on ``ep.metadata``.
- The status is ``failed`` when an exception escaped the block, when ``ep.outcome(success=False)``
  or ``ep.fail()`` was called, or when ``ep.status`` was set to it; else ``succeeded``.
- An exception that escapes the block is recorded in ``metadata.failure_reason``: its first line
  (``Type: message``), then the full traceback, cut in the middle past
  ``MAX_FAILURE_REASON_CHARS`` (the first line and the end of the traceback are kept). The service
  redacts secrets in it before anything is stored. The exception is re-raised, never swallowed.
- ``tags`` (``fl.episode(..., tags={"firmware": "2.3.1"})`` or ``ep.tags[...] = ...``) are the
  run's dimensions, sent with the start and the finalize (string keys and values: at most 32 keys
  of 1-64 characters ``A-Z a-z 0-9 _ . : / -``, values of at most 256 characters; the service
  answers 400 naming the tag otherwise, raised as ``RequestRejected``).
- A finalize that cannot be delivered while an exception is escaping does not hide that
  exception: it is reported with ``warnings.warn`` and kept on ``ep.delivery_error``.
"""

from __future__ import annotations

import time
import traceback
import warnings
from datetime import datetime, timezone
from types import TracebackType
from typing import TYPE_CHECKING, Any, Dict, List, Literal, Mapping, Optional, Type

from .errors import ConfigurationError, FaultlineError
from .transport import jsonable

if TYPE_CHECKING:
    from .client import Client, Delivery

#: The most characters of a traceback sent as ``failure_reason`` (the service cuts stored text too).
MAX_FAILURE_REASON_CHARS = 16_000


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def failure_reason(exc: BaseException, limit: int = MAX_FAILURE_REASON_CHARS) -> str:
    """``Type: first line of the message`` on the first line, then the full traceback (cut in the middle past `limit`)."""
    message = str(exc).strip().splitlines()
    name = type(exc).__qualname__
    module = type(exc).__module__
    if module not in ("builtins", "__main__"):
        name = f"{module}.{name}"
    first = f"{name}: {message[0]}" if message else name
    full = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    text = f"{first}\n{full}"
    if len(text) <= limit:
        return text
    head = first[: min(len(first), limit // 4)] + "\n"
    tail_len = max(0, limit - len(head) - 64)
    cut = len(text) - len(head) - tail_len
    return f"{head}… [{cut} characters of the traceback cut] …\n{text[-tail_len:]}"


class Episode:
    def __init__(
        self,
        client: "Client",
        *,
        robot_id: str,
        source: str,
        episode_id: str,
        metadata: Optional[Mapping[str, Any]] = None,
        tags: Optional[Mapping[str, str]] = None,
    ):
        self.client = client
        self.id = episode_id
        self.robot_id = robot_id
        self.source = source
        #: Metadata merged into the episode at finalize (``failure_reason`` is set from an escaping exception).
        self.metadata: Dict[str, Any] = dict(metadata or {})
        #: The run's dimensions (robot model, firmware, site, …), sent with the start and the finalize.
        self.tags: Dict[str, str] = dict(tags or {})
        self.typed: List[Dict[str, Any]] = []
        #: ``failed`` or ``succeeded`` to decide the status yourself; None: decided at exit (see the module comment).
        self.status: Optional[str] = None
        self.started_at: Optional[str] = None
        self._t0: Optional[float] = None
        self.start_delivery: Optional["Delivery"] = None
        self.finalize_delivery: Optional["Delivery"] = None
        self.delivery_error: Optional[FaultlineError] = None
        self.finished = False

    # ───────────── typed payloads ─────────────

    def add(self, payload_type: str, **fields: Any) -> Dict[str, Any]:
        """Adds a typed payload ``{"type": payload_type, **fields}`` (sent in ``metadata.typed`` at finalize)."""
        if not payload_type or not isinstance(payload_type, str):
            raise ConfigurationError(f"a typed payload needs a type name, got {payload_type!r}")
        # Checked now, so a NaN is refused where it was added (naming it), not at finalize.
        payload: Dict[str, Any] = jsonable({"type": payload_type, **fields}, f"typed[{len(self.typed)}]")
        self.typed.append(payload)
        return payload

    def add_typed(self, payload: Mapping[str, Any]) -> Dict[str, Any]:
        """Adds any typed dict; it must carry ``type``."""
        if not isinstance(payload, Mapping) or not isinstance(payload.get("type"), str) or not payload.get("type"):
            raise ConfigurationError(f"a typed payload is a dict with a 'type' string, got {payload!r}")
        fields = {k: v for k, v in payload.items() if k != "type"}
        return self.add(payload["type"], **fields)

    def outcome(self, success: bool, reason: Optional[str] = None, **extra: Any) -> Dict[str, Any]:
        """The episode's own verdict (an ``EpisodeOutcome`` payload); ``success=False`` makes the episode failed."""
        if success is False and self.status is None:
            self.status = "failed"
        return self.add("EpisodeOutcome", success=bool(success), **({"reason": reason} if reason is not None else {}), **extra)

    def battery(self, percent: float, **extra: Any) -> Dict[str, Any]:
        """A ``Battery`` reading in percent (below 15 the service reports battery_low on a failed episode)."""
        return self.add("Battery", percent=percent, **extra)

    def fail(self, reason: Optional[str] = None) -> None:
        """Marks the episode failed, with ``reason`` as its ``failure_reason`` when given."""
        self.status = "failed"
        if reason is not None:
            self.metadata["failure_reason"] = reason

    def adapter_upload_error(self, adapter: str, message: str) -> None:
        """An adapter could not ship the episode's bytes (distinct from a policy failure)."""
        self.metadata["adapter_upload_error"] = {"adapter": adapter, "message": message}

    # ───────────── lifecycle ─────────────

    def start(self) -> "Episode":
        self.started_at = utc_now()
        self._t0 = time.monotonic()
        self.start_delivery = self.client.start_episode(
            self.id,
            self.robot_id,
            {
                "source": self.source,
                "started_at": self.started_at,
                **({"metadata": self.metadata} if self.metadata else {}),
                **({"tags": dict(self.tags)} if self.tags else {}),
            },
        )
        return self

    def finish(self, exc: Optional[BaseException] = None) -> "Delivery":
        """Finalizes the episode (once); `exc` is an exception that ended it."""
        if self.finished:
            raise FaultlineError(f"episode {self.id} is already finalized")
        self.finished = True
        metadata = dict(self.metadata)
        if exc is not None:
            metadata["failure_reason"] = failure_reason(exc)
        if self.typed:
            metadata["typed"] = list(metadata.get("typed", [])) + self.typed
        status = self.status or ("failed" if exc is not None else "succeeded")
        if status not in ("failed", "succeeded"):
            raise ConfigurationError(f"status: must be failed or succeeded, got {status!r}")
        body: Dict[str, Any] = {"status": status, "robot_id": self.robot_id, "ended_at": utc_now(), "metadata": metadata}
        if self.tags:
            body["tags"] = dict(self.tags)
        if self._t0 is not None:
            body["duration_s"] = round(time.monotonic() - self._t0, 3)
        self.finalize_delivery = self.client.finalize_episode(self.id, body)
        return self.finalize_delivery

    def __enter__(self) -> "Episode":
        return self.start()

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> Literal[False]:
        if exc is None:
            self.finish()
            return False
        try:
            self.finish(exc)
        except FaultlineError as err:  # never hide the user's exception behind ours
            self.delivery_error = err
            warnings.warn(f"faultline: episode {self.id} could not be finalized: {err}", RuntimeWarning, stacklevel=2)
        return False
