"""Protocol events: one JSON object per line on stdout (docs/engine-protocol.md). Human logs go to stderr."""

from __future__ import annotations

import json
import logging
import math
import sys
import threading
import time
from typing import Any, Protocol, TextIO

# Bump on any change a reader could trip over (a renamed or removed field, a new meaning). Adding a field or an
# event type is not a bump: readers ignore what they do not know.
PROTOCOL_VERSION = 1

EVENT_TYPES = ("started", "progress", "metric", "eval", "checkpoint", "system", "artifact", "completed", "error")

log = logging.getLogger("tunelab_engine")


class Events(Protocol):
    def emit(self, type: str, **fields: Any) -> None: ...


def _jsonable(value: Any) -> Any:
    # JSON has no NaN/Infinity; a reader in another language would choke on Python's extension. None says "no value".
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "item") and callable(value.item):  # numpy / torch scalars
        return _jsonable(value.item())
    return value


def encode_event(type: str, **fields: Any) -> str:
    if type not in EVENT_TYPES:
        raise ValueError(f"unknown event type {type!r}")
    record = {"v": PROTOCOL_VERSION, "type": type, "time": round(time.time(), 3), **_jsonable(fields)}
    line = json.dumps(record, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (e.g. a spec key written as "\ud800") cannot be written as UTF-8; inside a JSON string
        # its escape \ud800 is valid JSON that reads back as the same string.
        line = line.encode("utf-8", "backslashreplace").decode("utf-8")
    return line


class JsonLinesEvents:
    """Writes events to a stream, one flushed line each, so a reader sees them as they happen."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._lock = threading.Lock()

    def emit(self, type: str, **fields: Any) -> None:
        line = encode_event(type, **fields)
        with self._lock:
            self._stream.write(line + "\n")
            self._stream.flush()


class NullEvents:
    """What ranks other than 0 of a data-parallel run emit to: nothing (rank 0 speaks for the run)."""

    def emit(self, type: str, **fields: Any) -> None:
        encode_event(type, **fields)  # still checked, so a bad event fails on every rank alike


class RecordingEvents:
    """Keeps events in memory (tests, the benchmark); `of(type)` filters them."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    def emit(self, type: str, **fields: Any) -> None:
        self.events.append(json.loads(encode_event(type, **fields)))

    def of(self, type: str) -> list[dict[str, Any]]:
        return [event for event in self.events if event["type"] == type]


def configure_logging(level: int = logging.INFO, *, prefix: str = "") -> None:
    """Human-readable logs on stderr; quiets the libraries' progress bars and advice that would drown them.
    `prefix` marks a data-parallel worker's lines (`[rank 1] `)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(f"%(asctime)s {prefix}%(levelname)s %(name)s: %(message)s", "%H:%M:%S"))
    root = logging.getLogger("tunelab_engine")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
    except ImportError:  # pragma: no cover - transformers is a dependency
        pass
