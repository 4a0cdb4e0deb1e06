"""Typed failures. Every way a run can end is a RunStatus; every failure carries an ErrorCode the daemon acts on."""

from __future__ import annotations

from enum import Enum
from typing import Any


class RunStatus(str, Enum):
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    # Stopped on request (SIGTERM/SIGINT) after writing a checkpoint: `--resume` continues it.
    CANCELLED = "cancelled"

    @property
    def exit_code(self) -> int:
        return {RunStatus.SUCCEEDED: 0, RunStatus.FAILED: 1, RunStatus.CANCELLED: 3}[self]


class ErrorCode(str, Enum):
    SPEC_INVALID = "SPEC_INVALID"
    MODEL_NOT_FOUND = "MODEL_NOT_FOUND"
    DATA_INVALID = "DATA_INVALID"
    OOM = "OOM"
    NAN_LOSS = "NAN_LOSS"
    CANCELLED = "CANCELLED"
    # The disk filled up while writing a checkpoint, predictions or the final model (storage.py). The checkpoints
    # written before are intact: free space and resume. Retrying on the same disk would fail at the same write.
    DISK_FULL = "DISK_FULL"
    # A bug or an environment problem the engine has no better name for; the traceback goes to stderr.
    INTERNAL = "INTERNAL"


class EngineError(Exception):
    """A failure the engine understands. `details` travel in the error event (field, path, batchSize, step...)."""

    def __init__(self, code: ErrorCode, message: str, **details: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = {key: value for key, value in details.items() if value is not None}

    def to_event(self) -> dict[str, Any]:
        return {"code": self.code.value, "message": self.message, **self.details}


def spec_invalid(field: str, message: str) -> EngineError:
    # The message starts with the field so a person reading only the message still knows what to fix.
    return EngineError(ErrorCode.SPEC_INVALID, f"{field}: {message}", field=field)


def model_not_found(path: str, message: str) -> EngineError:
    return EngineError(ErrorCode.MODEL_NOT_FOUND, message, path=path)


def data_invalid(path: str, message: str, line: int | None = None) -> EngineError:
    where = f"{path}:{line}" if line is not None else path
    return EngineError(ErrorCode.DATA_INVALID, f"{where}: {message}", path=path, line=line)
