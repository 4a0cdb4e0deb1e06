"""A full disk: one DISK_FULL error naming the directory and the bytes, no partial checkpoint, the previous one intact,
and a resume that completes once there is space. The disk is a real tmpfs (root only), made too small mid-run."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest

from conftest import make_spec
from tunelab_engine import checkpoint as ckpt
from tunelab_engine import storage
from tunelab_engine.errors import ErrorCode, RunStatus
from tunelab_engine.events import RecordingEvents

PAGE = 4096
# 400 examples, batch 16: 25 steps an epoch, a checkpoint after each.
SPEC = {"hyperparameters": {"epochs": 2}, "checkpoint": {"everySteps": 0, "keepLast": 2}}


class Tmpfs:
    """A tmpfs mounted for one test; `resize` remounts it (its files stay), `used` is what its files take."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def resize(self, size: int) -> None:
        size = -(-size // PAGE) * PAGE
        subprocess.run(["mount", "-o", f"remount,size={size}", str(self.path)], check=True, capture_output=True)

    @property
    def used(self) -> int:
        stat = os.statvfs(self.path)
        return (stat.f_blocks - stat.f_bfree) * stat.f_frsize


@pytest.fixture
def tmpfs(tmp_path: Path):
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("a full disk is simulated with a small tmpfs: mounting one needs root on Linux")
    where = tmp_path / "disk"
    where.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(where)], capture_output=True,
                             text=True)
    if mounted.returncode != 0:
        pytest.skip(f"mount -t tmpfs is not permitted here ({mounted.stderr.strip()}): cannot simulate a full disk")
    try:
        yield Tmpfs(where)
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


class ShrinkOn(RecordingEvents):
    """Records events; on the first one `when` accepts, calls `then` with it (the engine waits meanwhile)."""

    def __init__(self, when: Callable[[str, dict[str, Any]], bool], then: Callable[[dict[str, Any]], None]) -> None:
        super().__init__()
        self.when, self.then, self.done = when, then, False

    def emit(self, type: str, **fields: Any) -> None:
        super().emit(type, **fields)
        if not self.done and self.when(type, fields):
            self.done = True
            self.then(fields)


def blocks(path: Path) -> int:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(-(-p.stat().st_size // PAGE) * PAGE for p in files)


def run_with(spec: dict, events: RecordingEvents, *, resume: bool = False):
    from tunelab_engine.spec import RunSpec
    from tunelab_engine.train import train

    return train(spec=RunSpec.from_dict(spec, base_dir=Path.cwd()), events=events, resume=resume)


def test_errors_that_say_the_disk_is_full_are_recognised(tmp_path):
    assert storage.says_disk_full(OSError(errno.ENOSPC, "No space left on device"))
    assert storage.says_disk_full(OSError(errno.EDQUOT, "Disk quota exceeded"))
    # safetensors (Rust) quotes the OS error in its message
    rust = Exception("Error while serializing: I/O error: No space left on device (os error 28)")
    assert storage.says_disk_full(rust)
    wrapped = RuntimeError("export failed")
    wrapped.__cause__ = OSError(errno.ENOSPC, "No space left on device")
    assert storage.says_disk_full(wrapped)
    assert not storage.says_disk_full(OSError(errno.EACCES, "Permission denied"))
    assert not storage.says_disk_full(ValueError("bad value"))


def test_a_write_error_that_names_no_cause_is_judged_by_the_space_left(tmp_path, monkeypatch):
    # torch.save on a full disk: "[enforce fail at inline_container.cc] . unexpected pos 576 vs 534"
    cryptic = RuntimeError("[enforce fail at inline_container.cc:672] . unexpected pos 576 vs 534")
    monkeypatch.setattr(storage, "free_bytes", lambda path: 1000)
    assert storage.is_disk_full(cryptic, tmp_path, needed=5000)
    assert not storage.is_disk_full(cryptic, tmp_path, needed=500)
    assert storage.is_disk_full(cryptic, tmp_path)  # under 1 MiB free with no size to compare: full
    assert not storage.is_disk_full(ValueError("not a write error"), tmp_path, needed=5000)
    monkeypatch.setattr(storage, "free_bytes", lambda path: 10**12)
    assert not storage.is_disk_full(cryptic, tmp_path, needed=5000)
    error = storage.disk_full(tmp_path, what="checkpoint ckpt-x", needed=2_500_000, keeps="the previous checkpoint")
    assert error.code is ErrorCode.DISK_FULL and error.details["path"] == str(tmp_path)
    assert error.details["bytesNeeded"] == 2_500_000 and error.details["bytesFree"] == 10**12
    assert str(tmp_path) in error.message and "about 2.5 MB needed" in error.message
    assert "resume" in error.message and "the previous checkpoint is intact" in error.message


def test_disk_full_while_writing_a_checkpoint_fails_cleanly_and_resumes_from_the_previous_one(tiny_bert, corpus, tmpfs):
    out = tmpfs.path / "run"
    spec = make_spec(method="full", model=tiny_bert, corpus=corpus, out=out, **SPEC)
    checkpoints = out / "checkpoints"
    sizes: dict[str, int] = {}

    def shrink(first: dict[str, Any]) -> None:
        # Room for the second epoch's predictions and half a checkpoint: the second checkpoint cannot fit.
        checkpoint, predictions = Path(first["path"]), out / "predictions" / "test-epoch-001.jsonl"
        sizes.update(checkpoint=blocks(checkpoint), bytes=first["bytes"])
        tmpfs.resize(tmpfs.used + blocks(predictions) + sizes["checkpoint"] // 2)

    events = ShrinkOn(lambda type, fields: type == "checkpoint", shrink)
    result = run_with(spec, events)

    assert result.status is RunStatus.FAILED and result.exit_code == 1
    errors = events.of("error")
    assert len(errors) == 1 and events.events[-1] is errors[0]
    error = errors[0]
    first = checkpoints / "ckpt-s00000025-e0001-b000000"
    assert error["code"] == "DISK_FULL" and error["path"] == str(checkpoints)
    assert error["bytesNeeded"] == sizes["bytes"] and error["bytesFree"] < error["bytesNeeded"]
    assert str(checkpoints) in error["message"] and "ckpt-s00000050-e0002-b000000" in error["message"]
    assert f"the previous checkpoint, {first.name}, is intact" in error["message"]
    assert [c["step"] for c in events.of("checkpoint")] == [25]
    # No partial directory left, and the newest checkpoint is the previous one, which verifies.
    assert sorted(p.name for p in checkpoints.iterdir()) == [first.name]
    assert ckpt.list_checkpoints(checkpoints) == [first] and ckpt.verify(first)

    tmpfs.resize(64 << 20)  # space freed
    resumed_events = RecordingEvents()
    resumed = run_with(spec, resumed_events, resume=True)
    assert resumed.status is RunStatus.SUCCEEDED
    assert resumed_events.of("started")[0]["resumedFrom"]["step"] == 25
    assert resumed.summary["steps"] == 50
    assert [c["step"] for c in resumed_events.of("checkpoint")] == [50]


def test_disk_full_while_writing_the_final_model_fails_cleanly_and_resume_completes(tiny_bert, corpus, tmpfs):
    out = tmpfs.path / "run"
    spec = make_spec(method="full", model=tiny_bert, corpus=corpus, out=out, onnx=True, **SPEC)

    def last_checkpoint(type: str, fields: dict[str, Any]) -> bool:
        return type == "checkpoint" and fields["step"] == 50

    events = ShrinkOn(last_checkpoint, lambda _: tmpfs.resize(tmpfs.used + 16 * PAGE))
    result = run_with(spec, events)

    assert result.status is RunStatus.FAILED
    error = events.events[-1]
    assert len(events.of("error")) == 1 and error["type"] == "error" and error["code"] == "DISK_FULL"
    assert error["path"] == str(out) and "the final model and its ONNX export" in error["message"]
    assert error["bytesNeeded"] > error["bytesFree"]
    assert not events.of("completed")
    saved = ckpt.list_checkpoints(out / "checkpoints")
    assert [p.name for p in saved] == ["ckpt-s00000025-e0001-b000000", "ckpt-s00000050-e0002-b000000"]
    assert all(ckpt.verify(p) for p in saved)

    tmpfs.resize(64 << 20)
    resumed_events = RecordingEvents()
    resumed = run_with(spec, resumed_events, resume=True)
    assert resumed.status is RunStatus.SUCCEEDED
    assert resumed_events.of("started")[0]["resumedFrom"]["step"] == 50
    assert resumed.summary["onnx"]["parityOk"] is True
    assert (out / "onnx" / "model.onnx").is_file()
