"""Shared fixtures: synthetic reviews, tiny pre-trained models (built once per session), spec and CLI helpers.

Everything runs on the CPU with one thread: on a 2-core machine shared with other work, two OpenMP threads per
process spin against each other (measured here: up to 10x slower), and the results are bit-identical either way.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

os.environ["OMP_NUM_THREADS"] = "1"  # inherited by the engine subprocesses

import pytest  # noqa: E402
import torch  # noqa: E402

import tunelab_engine  # noqa: E402,F401 - sets the offline environment first
from tunelab_engine.events import RecordingEvents  # noqa: E402
from tunelab_engine.models.tiny import TinySettings, make_tiny  # noqa: E402
from tunelab_engine.spec import RunSpec  # noqa: E402
from tunelab_engine.synthetic import write_splits  # noqa: E402
from tunelab_engine.train import StopRequest, TrainResult, train  # noqa: E402

torch.set_num_threads(1)

MAX_LENGTH = 64
# Per method: what a tiny model needs to learn in a few epochs (the study's defaults are for real checkpoints).
TEST_HYPERPARAMETERS: dict[str, dict[str, Any]] = {
    "full": {"learningRate": 2e-3, "epochs": 4},
    "lora": {"learningRate": 1e-2, "epochs": 5},
    "head-only": {"learningRate": 1e-2, "epochs": 4},
    "mamba": {"learningRate": 3e-3, "epochs": 3},
    "mamba-lora": {"learningRate": 1e-2, "epochs": 3},
}


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_splits(tmp_path_factory.mktemp("data"), train=400, test=200, seed=0)


@pytest.fixture(scope="session")
def tiny_bert(corpus: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tiny-bert")
    make_tiny(TinySettings(arch="bert", max_length=MAX_LENGTH, pretrain_steps=300, pretrain_batch_size=32),
              corpus=corpus["train"], out=out)
    return out


@pytest.fixture(scope="session")
def tiny_mamba(corpus: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tiny-mamba")
    make_tiny(TinySettings(arch="mamba", max_length=MAX_LENGTH, pretrain_steps=200, pretrain_batch_size=16),
              corpus=corpus["train"], out=out)
    return out


@pytest.fixture(scope="session")
def models(tiny_bert: Path, tiny_mamba: Path) -> dict[str, Path]:
    return {"full": tiny_bert, "lora": tiny_bert, "head-only": tiny_bert, "mamba": tiny_mamba, "mamba-lora": tiny_mamba}


def make_spec(*, method: str, model: Path, corpus: dict[str, Path], out: Path, onnx: bool = False,
              hyperparameters: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    spec = {
        "version": 1,
        "runId": f"test-{method}",
        "method": method,
        "baseModel": str(model),
        "data": {"train": str(corpus["train"]), "test": str(corpus["test"])},
        "outputDir": str(out),
        "maxLength": MAX_LENGTH,
        "seed": 7,
        "hyperparameters": {**TEST_HYPERPARAMETERS[method], **(hyperparameters or {})},
        "export": {"onnx": onnx},
    }
    for key, value in extra.items():
        spec[key] = {**spec.get(key, {}), **value} if isinstance(value, dict) else value
    return spec


def run_in_process(spec: dict[str, Any], *, resume: bool = False,
                   stop: StopRequest | None = None) -> tuple[TrainResult, RecordingEvents]:
    events = RecordingEvents()
    result = train(spec=RunSpec.from_dict(spec, base_dir=Path.cwd()), events=events, resume=resume, stop=stop)
    return result, events


def write_spec(path: Path, spec: dict[str, Any]) -> Path:
    path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    return path


def engine_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "tunelab_engine", *args]


def parse_events(stdout: str) -> list[dict[str, Any]]:
    """Every stdout line must be a protocol event: anything else is a broken stream."""
    events = [json.loads(line) for line in stdout.splitlines() if line.strip()]
    for event in events:
        assert event["v"] == 1 and isinstance(event["type"], str), event
    return events


def run_cli(*args: str, timeout: float = 240) -> tuple[int, list[dict[str, Any]], str]:
    done = subprocess.run(engine_command(*args), capture_output=True, text=True, timeout=timeout)
    return done.returncode, parse_events(done.stdout), done.stderr


class StopAfter(StopRequest):
    """Asks the loop to stop once it has checked `checks` times (once per optimizer step)."""

    def __init__(self, checks: int) -> None:
        super().__init__()
        self.remaining = checks

    @property
    def requested(self) -> bool:
        self.remaining -= 1
        return self.remaining < 0
