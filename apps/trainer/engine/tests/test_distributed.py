"""One run across two processes (DDP, gloo on CPU) trains what one process trains, and speaks as one engine does.

The tiny BERT is copied with dropout off: the two runs then differ only by the order of floating-point reductions
(and the padding of each rank's share of a batch), so the comparison checks the gradient arithmetic itself, not
just that both runs learn. The same spec is run in one process and as `run --nproc 2` (torchrun, two workers).
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

from conftest import engine_command, make_spec, parse_events, run_cli, run_in_process, write_spec
from tunelab_engine import checkpoint as ckpt
from tunelab_engine.errors import RunStatus

# 400 training examples, batch 16: 25 steps an epoch, 50 in all; each rank takes 8 examples of every batch.
DDP_SPEC = {"hyperparameters": {"epochs": 2, "batchSize": 16}, "checkpoint": {"everySteps": 10, "keepLast": 2},
            "training": {"logEverySteps": 1}}


@pytest.fixture(scope="module")
def bert_without_dropout(tiny_bert, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bert-no-dropout") / "model"
    shutil.copytree(tiny_bert, out)
    config = json.loads((out / "config.json").read_text())
    config.update({key: 0.0 for key in config if key.endswith("dropout_prob") or key == "classifier_dropout"})
    (out / "config.json").write_text(json.dumps(config))
    return out


def spec_for(model: Path, corpus, out: Path, **overrides) -> dict:
    return make_spec(method="full", model=model, corpus=corpus, out=out, **{**DDP_SPEC, **overrides})


def losses(events: list[dict]) -> dict[int, float]:
    return {e["step"]: e["value"] for e in events if e["type"] == "metric" and e["key"] == "train/loss"}


@pytest.fixture(scope="module")
def one_and_two(bert_without_dropout, corpus, tmp_path_factory):
    """The same spec in one process and in two; the two-process run also exports ONNX (rank 0 alone)."""
    one_dir, two_dir = tmp_path_factory.mktemp("one"), tmp_path_factory.mktemp("two")
    one, recorded = run_in_process(spec_for(bert_without_dropout, corpus, one_dir / "o"))
    assert one.status is RunStatus.SUCCEEDED, one.error and one.error.to_event()
    spec = write_spec(two_dir / "run.json", spec_for(bert_without_dropout, corpus, two_dir / "o", export={"onnx": True}))
    started = time.perf_counter()
    code, events, stderr = run_cli("run", "--spec", str(spec), "--nproc", "2")
    print(f"two processes: {time.perf_counter() - started:.1f} s wall")
    assert code == 0, stderr[-3000:]
    return (recorded.events, one_dir / "o"), (events, two_dir / "o", stderr)


def test_two_processes_train_what_one_process_trains(one_and_two):
    (one_events, _), (two_events, _, _) = one_and_two
    one, two = one_events[-1]["summary"], two_events[-1]["summary"]
    assert two["steps"] == one["steps"] == 50 and two["epochs"] == one["epochs"] == 2
    assert one_events[0]["totalSteps"] == two_events[0]["totalSteps"] == 50
    # Every optimizer step saw the same global batch: the loss curves agree step by step.
    one_losses, two_losses = losses(one_events), losses(two_events)
    assert sorted(two_losses) == sorted(one_losses) == list(range(1, 51))
    assert max(abs(one_losses[s] - two_losses[s]) for s in one_losses) < 1e-3
    accuracy, loss = one["finalMetrics"]["eval/accuracy"], one["finalMetrics"]["eval/loss"]
    print(f"one process: accuracy {accuracy:.4f}, loss {loss:.6f}; two: accuracy "
          f"{two['finalMetrics']['eval/accuracy']:.4f}, loss {two['finalMetrics']['eval/loss']:.6f}; largest "
          f"train/loss gap {max(abs(one_losses[s] - two_losses[s]) for s in one_losses):.2e}")
    assert abs(two["finalMetrics"]["eval/accuracy"] - accuracy) <= 0.02
    assert abs(two["finalMetrics"]["eval/loss"] - loss) <= 0.01
    assert accuracy >= 0.8  # it learned something worth comparing


def test_rank_zero_alone_speaks_and_writes(one_and_two):
    (one_events, one_out), (events, out, stderr) = one_and_two
    types = [e["type"] for e in events]
    assert types[0] == "started" and types[-1] == "completed"
    assert types.count("started") == types.count("completed") == 1 and "error" not in types
    assert events[0]["worldSize"] == 2 and events[-1]["summary"]["worldSize"] == 2
    assert one_events[0]["worldSize"] == 1
    # One checkpoint series, as one process writes it: same names, each announced once.
    names = [p.name for p in ckpt.list_checkpoints(out / "checkpoints")]
    assert names == [p.name for p in ckpt.list_checkpoints(one_out / "checkpoints")]
    assert len([e for e in events if e["type"] == "checkpoint"]) == len([e for e in one_events if e["type"] == "checkpoint"])
    assert not list((out / "checkpoints").glob(".tmp-*"))
    rng = torch.load(out / "checkpoints" / names[-1] / "rng.pt", weights_only=True)
    assert len(rng["ranks"]) == 2  # each rank's dropout generator, for a resume under DDP
    predictions = (out / "predictions" / "test.jsonl").read_text().splitlines()
    assert len(predictions) == 200
    summary = events[-1]["summary"]
    assert summary["onnx"]["parityOk"] and (out / "onnx" / "model.onnx").is_file()
    assert sorted(e["kind"] for e in events if e["type"] == "artifact").count("predictions") == 1
    assert "[rank 1]" in stderr  # the other rank logs, on stderr only


def test_sigterm_under_ddp_checkpoints_and_resume_completes_the_same_run(one_and_two, bert_without_dropout, corpus,
                                                                         tmp_path):
    _, (reference, _, _) = one_and_two
    spec = write_spec(tmp_path / "run.json", spec_for(bert_without_dropout, corpus, tmp_path / "o"))
    log = (tmp_path / "engine.log").open("w")
    process = subprocess.Popen(engine_command("run", "--spec", str(spec), "--nproc", "2"), stdout=subprocess.PIPE,
                               stderr=log, text=True)
    seen = []
    for line in process.stdout:
        seen.append(json.loads(line))
        if seen[-1]["type"] == "progress" and seen[-1]["step"] >= 32:  # past the checkpoint at step 30
            break
    process.send_signal(signal.SIGTERM)
    rest, _ = process.communicate(timeout=120)
    events = seen + parse_events(rest)
    assert process.returncode == 3, (tmp_path / "engine.log").read_text()[-3000:]
    checkpoint, error = events[-2], events[-1]
    assert checkpoint["type"] == "checkpoint" and checkpoint["reason"] == "signal"
    assert error["type"] == "error" and error["code"] == "CANCELLED"

    code, resumed, stderr = run_cli("run", "--spec", str(spec), "--nproc", "2", "--resume")
    assert code == 0, stderr[-3000:]
    assert resumed[0]["resumedFrom"]["step"] == checkpoint["step"] and resumed[0]["worldSize"] == 2
    assert [e["type"] for e in resumed].count("completed") == 1
    summary, expected = resumed[-1]["summary"], reference[-1]["summary"]
    assert summary["steps"] == expected["steps"] == 50
    for key, value in expected["finalMetrics"].items():
        assert summary["finalMetrics"][key] == pytest.approx(value, abs=1e-6), key


def test_a_batch_size_the_processes_cannot_share_is_refused(tiny_bert, corpus, tmp_path):
    # Plain torchrun, as a user would start it; --standalone picks a free port.
    spec = write_spec(tmp_path / "run.json", spec_for(tiny_bert, corpus, tmp_path / "o",
                                                      hyperparameters={"batchSize": 15}))
    done = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
                           "-m", "tunelab_engine", "run", "--spec", str(spec)], capture_output=True, text=True,
                          timeout=120)
    events = parse_events(done.stdout)
    assert done.returncode != 0 and len(events) == 1, done.stderr[-3000:]
    assert events[0]["type"] == "error" and events[0]["code"] == "SPEC_INVALID"
    assert events[0]["field"] == "hyperparameters.batchSize" and "use e.g. 14" in events[0]["message"]
    assert not (tmp_path / "o" / "checkpoints").exists()


def test_each_rank_restores_its_own_generators():
    torch.manual_seed(1)
    rank0 = ckpt.capture_rng()
    after0 = torch.rand(3)
    torch.manual_seed(2)
    rank1 = ckpt.capture_rng()
    after1 = torch.rand(3)
    saved = {**rank0, "ranks": [rank0, rank1]}  # as a DDP checkpoint's rng.pt holds them
    ckpt.restore_rng(saved, rank=1)
    assert torch.equal(torch.rand(3), after1)
    ckpt.restore_rng(saved, rank=0)
    assert torch.equal(torch.rand(3), after0)
    ckpt.restore_rng(rank0, rank=0)  # a single-process checkpoint
    assert torch.equal(torch.rand(3), after0)
