"""Never losing work: SIGKILL and resume gives the same final metrics, corrupt checkpoints fall back, SIGTERM saves."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

import pytest

from conftest import StopAfter, engine_command, make_spec, parse_events, run_cli, run_in_process, write_spec
from tunelab_engine import checkpoint as ckpt
from tunelab_engine.errors import RunStatus

# 400 examples, batch 16: 25 steps an epoch. Checkpoints every 4 steps, so a kill loses at most 3.
RESUME_SPEC = {"hyperparameters": {"epochs": 2}, "checkpoint": {"everySteps": 4, "keepLast": 3},
               "training": {"logEverySteps": 1}}


def spec_for(models, corpus, out: Path, **overrides) -> dict:
    return make_spec(method="full", model=models["full"], corpus=corpus, out=out, **{**RESUME_SPEC, **overrides})


def start(spec_path: Path, *extra: str) -> subprocess.Popen:
    log = (spec_path.parent / "engine.log").open("w")  # the engine's stderr, quoted when a test fails
    return subprocess.Popen(engine_command("run", "--spec", str(spec_path), *extra), stdout=subprocess.PIPE,
                            stderr=log, text=True)


def read_until(process: subprocess.Popen, predicate) -> list[dict]:
    """Events up to and including the first one `predicate` accepts (the process keeps running)."""
    seen = []
    for line in process.stdout:
        event = json.loads(line)
        seen.append(event)
        if predicate(event):
            return seen
    process.wait()
    log = Path(process.args[process.args.index("--spec") + 1]).parent / "engine.log"
    raise AssertionError(f"the engine ended (code {process.returncode}) before the awaited event; last events: "
                         f"{seen[-3:]}; stderr: {log.read_text()[-3000:]}")


def finish(process: subprocess.Popen, seen: list[dict]) -> tuple[int, list[dict]]:
    rest, _ = process.communicate(timeout=240)
    return process.returncode, seen + parse_events(rest)


@pytest.fixture(scope="module")
def uninterrupted(models, corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("uninterrupted")
    code, events, stderr = run_cli("run", "--spec", str(write_spec(out / "run.json", spec_for(models, corpus, out / "o"))))
    assert code == 0, stderr[-2000:]
    return events[-1]["summary"], out / "o"


def test_sigkill_mid_epoch_then_resume_ends_with_the_same_metrics(uninterrupted, models, corpus, tmp_path):
    expected, expected_out = uninterrupted
    spec_path = write_spec(tmp_path / "run.json", spec_for(models, corpus, tmp_path / "o"))
    process = start(spec_path)
    # Well into the second epoch, past a periodic checkpoint, between two of them.
    seen = read_until(process, lambda e: e["type"] == "progress" and e["step"] >= 35)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert not any(e["type"] in ("completed", "error") for e in seen)

    code, events, stderr = run_cli("run", "--spec", str(spec_path), "--resume")
    assert code == 0, stderr[-2000:]
    started = events[0]
    assert 32 <= started["resumedFrom"]["step"] <= 36 and started["resumedFrom"]["epoch"] == 1
    summary = events[-1]["summary"]
    assert summary["finalMetrics"] == expected["finalMetrics"]
    assert summary["steps"] == expected["steps"] == 50
    resumed_predictions = (tmp_path / "o" / "predictions" / "test.jsonl").read_text()
    assert resumed_predictions == (expected_out / "predictions" / "test.jsonl").read_text()


def test_a_corrupt_newest_checkpoint_falls_back_to_the_one_before(models, corpus, tmp_path):
    spec = spec_for(models, corpus, tmp_path / "o")
    first, _ = run_in_process(spec, stop=StopAfter(10))  # stops after step 11: checkpoints at 4, 8 and 11
    assert first.status is RunStatus.CANCELLED
    saved = ckpt.list_checkpoints(tmp_path / "o" / "checkpoints")
    assert [p.name for p in saved] == ["ckpt-s00000004-e0000-b000004", "ckpt-s00000008-e0000-b000008",
                                       "ckpt-s00000011-e0000-b000011"]
    weights = saved[-1] / "weights.safetensors"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])  # a torn write

    result, events = run_in_process(spec, resume=True)
    assert result.status is RunStatus.SUCCEEDED
    resumed = events.of("started")[0]["resumedFrom"]
    assert resumed["step"] == 8 and resumed["skipped"] == [str(saved[-1])]


def test_sigterm_writes_a_checkpoint_and_exits_cleanly_then_resume_completes(models, corpus, tmp_path):
    spec_path = write_spec(tmp_path / "run.json", spec_for(models, corpus, tmp_path / "o"))
    process = start(spec_path)
    seen = read_until(process, lambda e: e["type"] == "progress" and e["step"] >= 6)
    process.send_signal(signal.SIGTERM)
    code, events = finish(process, seen)
    assert code == 3
    checkpoint, error = events[-2], events[-1]
    assert checkpoint["type"] == "checkpoint" and checkpoint["reason"] == "signal"
    assert error["type"] == "error" and error["code"] == "CANCELLED" and error["resumable"] is True
    assert Path(checkpoint["path"]).is_dir() and checkpoint["bytes"] > 0

    code, events, stderr = run_cli("run", "--spec", str(spec_path), "--resume")
    assert code == 0, stderr[-2000:]
    assert events[0]["resumedFrom"]["step"] == checkpoint["step"]
    assert events[-1]["type"] == "completed"


def test_resume_refuses_a_changed_spec(models, corpus, tmp_path):
    spec = spec_for(models, corpus, tmp_path / "o")
    run_in_process(spec, stop=StopAfter(2))
    changed = {**spec, "hyperparameters": {**spec["hyperparameters"], "learningRate": 0.5}}
    result, events = run_in_process(changed, resume=True)
    assert events.events[-1]["code"] == "SPEC_INVALID" and events.events[-1]["field"] == "hyperparameters"


def test_stdout_carries_only_events_and_a_bad_spec_is_one_typed_error(tmp_path):
    spec = tmp_path / "run.json"
    spec.write_text(json.dumps({"method": "full", "baseModel": "x", "data": {"train": "a", "test": "b"},
                                "outputDir": "o", "hyperparameters": {"learningRate": 5}}))
    code, events, stderr = run_cli("run", "--spec", str(spec))
    assert code == 1 and len(events) == 1
    assert events[0]["type"] == "error" and events[0]["code"] == "SPEC_INVALID"
    assert events[0]["field"] == "hyperparameters.learningRate"
    assert "hyperparameters.learningRate" in stderr
    assert os.path.exists(spec)
