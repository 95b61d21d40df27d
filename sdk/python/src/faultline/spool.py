"""A bounded on-disk spool: requests the service could not take, kept in order and replayed later.

Invariants:
- A request is spooled only when the service was unreachable or busy through every retry; a
  refused one (4xx) is raised to the caller, never spooled.
- One file per request, written whole (temporary file, fsync, rename) so a crash leaves either
  the request or nothing; file names sort in the order requests were made, and replay keeps
  that order (a start is delivered before its finalize). While the spool holds anything, a new
  request joins its tail instead of overtaking it.
- A file is deleted only after the service acknowledged it (2xx). A crash between the
  acknowledgement and the deletion sends it again on the next replay; the ids in the records
  (episode, eval run + candidate, scenario + candidate, log) make that a no-op upsert on the
  service, so nothing is lost and nothing is counted twice.
- Bounded: at most ``max_records`` files and ``max_bytes`` bytes. A request that does not fit
  raises SpoolFull; nothing already spooled is dropped to make room.
- A spooled request the service refuses on replay (4xx) moves to ``rejected/`` with the
  service's answer beside it: kept for a person to read, not retried forever.
- Replays of one spool directory are serialized across processes (an exclusive lock file).
"""

from __future__ import annotations

import itertools
import json
import os
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Union

from .errors import RequestRejected, SpoolFull
from .transport import Http, RetriesExhausted, encode

try:  # POSIX: a real lock across processes; elsewhere replays of one process are still ordered.
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

_counter = itertools.count()


def _size(path: Path) -> int:
    """A spooled file's size; 0 when another process's replay has just delivered and removed it."""
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def default_spool_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "faultline" / "spool"


class Spool:
    def __init__(self, directory: Union[str, "os.PathLike[str]"], *, max_records: int = 10_000, max_bytes: int = 64 * 1024 * 1024):
        self.dir = Path(directory)
        self.max_records = max_records
        self.max_bytes = max_bytes
        self.dir.mkdir(parents=True, exist_ok=True)
        (self.dir / "rejected").mkdir(exist_ok=True)

    def pending(self) -> List[Path]:
        """The spooled requests, oldest first."""
        return sorted(p for p in self.dir.glob("*.json") if p.is_file())

    def __len__(self) -> int:
        return len(self.pending())

    def size_bytes(self) -> int:
        return sum(_size(p) for p in self.pending())

    def add(self, method: str, path: str, body: Any) -> Path:
        """Keeps one request; raises SpoolFull when it does not fit."""
        entry = json.dumps(
            {"method": method, "path": path, "body": json.loads(encode(body)) if body is not None else None, "spooled_at": time.time()},
            ensure_ascii=True,
        ).encode("ascii")
        files = self.pending()
        if len(files) + 1 > self.max_records or sum(_size(p) for p in files) + len(entry) > self.max_bytes:
            raise SpoolFull(
                f"spool {self.dir} is full ({len(files)} requests, limits {self.max_records} requests / {self.max_bytes} bytes): "
                f"{method} {path} was not kept; start the service or raise max_spool_bytes/max_spool_records"
            )
        name = f"{time.time_ns():020d}-{next(_counter):08d}-{uuid.uuid4().hex[:8]}"
        final = self.dir / f"{name}.json"
        tmp = self.dir / f".{name}.tmp"
        with open(tmp, "wb") as f:
            f.write(entry)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, final)
        self._sync_dir()
        return final

    def _sync_dir(self) -> None:
        try:
            fd = os.open(self.dir, os.O_RDONLY)
        except OSError:  # pragma: no cover (Windows)
            return
        try:
            os.fsync(fd)
        except OSError:  # pragma: no cover
            pass
        finally:
            os.close(fd)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        with open(self.dir / ".lock", "a+") as lock:
            if fcntl is not None:
                fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                if fcntl is not None:
                    fcntl.flock(lock.fileno(), fcntl.LOCK_UN)

    def replay(self, http: Http) -> Dict[str, Any]:
        """Sends the spooled requests in order until the spool is empty or the service is still down.

        Returns counts: ``delivered``, ``rejected`` (moved to rejected/), ``remaining``, and ``error``
        (why the replay stopped early, or None).
        """
        delivered = rejected = 0
        error: Optional[str] = None
        with self._locked():
            for path in self.pending():
                try:
                    entry = json.loads(path.read_text(encoding="ascii"))
                except (OSError, ValueError) as err:
                    self._reject(path, {"error": f"unreadable spool file: {err}"})
                    rejected += 1
                    continue
                try:
                    http.send(entry["method"], entry["path"], entry["body"])
                except RetriesExhausted as err:
                    error = str(err)
                    break
                except RequestRejected as err:
                    self._reject(path, {"status": err.status, "body": err.body})
                    rejected += 1
                    continue
                path.unlink()
                delivered += 1
            remaining = len(self.pending())
        if delivered or rejected:
            self._sync_dir()
        return {"delivered": delivered, "rejected": rejected, "remaining": remaining, "error": error}

    def _reject(self, path: Path, answer: Dict[str, Any]) -> None:
        target = self.dir / "rejected" / path.name
        os.replace(path, target)
        target.with_suffix(".answer.json").write_text(json.dumps(answer, ensure_ascii=True), encoding="ascii")
