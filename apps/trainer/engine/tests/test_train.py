"""Training each method end to end on synthetic reviews, and the typed failures of a run."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
import torch

import tunelab_engine.train as train_module
from conftest import make_spec, run_in_process
from tunelab_engine.errors import ErrorCode, RunStatus
from tunelab_engine.metrics import majority_baseline_accuracy

METHODS = ("full", "lora", "head-only", "mamba", "mamba-lora")
KEY = re.compile(r"^[a-z]+/[a-z0-9_]+$")


def labels(path: Path) -> np.ndarray:
    return np.array([json.loads(line)["label"] for line in path.read_text(encoding="utf-8").splitlines()])


@pytest.fixture(scope="module")
def runs(models, corpus, tmp_path_factory):
    """Each method trained once; the LoRA runs also export ONNX (merging adapters first)."""
    out = {}
    for method in METHODS:
        spec = make_spec(method=method, model=models[method], corpus=corpus, out=tmp_path_factory.mktemp(method),
                         onnx=method in ("lora", "mamba-lora"), checkpoint={"everySteps": 10, "keepLast": 2})
        out[method] = (spec, *run_in_process(spec))
    return out


@pytest.mark.parametrize("method", METHODS)
def test_each_method_beats_the_majority_baseline(runs, corpus, method):
    _, result, events = runs[method]
    assert result.status is RunStatus.SUCCEEDED, result.error and result.error.to_event()
    baseline = majority_baseline_accuracy(labels(corpus["train"]), labels(corpus["test"]))
    accuracy = result.final_metrics["eval/accuracy"]
    print(f"{method}: accuracy {accuracy:.3f}, f1_macro {result.final_metrics['eval/f1_macro']:.3f}, "
          f"majority baseline {baseline:.3f}")
    assert accuracy >= baseline + 0.08
    assert result.final_metrics["eval/f1_macro"] > 0.6


@pytest.mark.parametrize("method", METHODS)
def test_events_tell_the_whole_run(runs, method):
    spec, result, recorded = runs[method]
    events = recorded.events
    assert events[0]["type"] == "started" and events[-1]["type"] == "completed"
    started = events[0]
    assert started["device"] == "cpu" and started["dtype"] == "fp32" and started["resumedFrom"] is None
    assert started["trainableParameters"] == result.summary["trainableParameters"] > 0
    assert started["totalSteps"] == started["stepsPerEpoch"] * spec["hyperparameters"]["epochs"]
    progress = recorded.of("progress")
    assert progress[-1]["step"] == started["totalSteps"] and progress[-1]["samplesPerSecond"] > 0
    assert all(KEY.match(e["key"]) for e in recorded.of("metric"))
    evals = recorded.of("eval")
    assert [e["epoch"] for e in evals] == list(range(1, spec["hyperparameters"]["epochs"] + 1))
    expected = {"eval/accuracy", "eval/balanced_accuracy", "eval/f1_macro", "eval/f1_weighted", "eval/loss",
                "eval/precision_class_0", "eval/recall_class_1"}
    assert expected <= set(evals[-1]["metrics"]) and np.array(evals[-1]["confusionMatrix"]).sum() == 200
    train_seconds = [e for e in recorded.of("metric") if e["key"] == "time/train_seconds"]
    assert [e["step"] for e in train_seconds] == [e["step"] for e in evals]
    assert 0 < train_seconds[0]["value"] <= train_seconds[-1]["value"] <= result.summary["trainSeconds"] + 0.01
    reasons = [e["reason"] for e in recorded.of("checkpoint")]
    assert reasons.count("epoch") == spec["hyperparameters"]["epochs"] and "steps" in reasons
    assert recorded.of("system")[-1]["rssBytes"] > 0
    summary = result.summary
    for field in ("trainSeconds", "evalSeconds", "samplesPerSecond", "tokensPerSecond", "peakMemoryBytes"):
        assert summary[field] > 0, field
    assert summary["mfu"] is None  # CPU


def test_outputs_on_disk(runs):
    spec, result, _ = runs["lora"]
    out = Path(spec["outputDir"])
    lines = [json.loads(line) for line in (out / "predictions" / "test.jsonl").read_text().splitlines()]
    assert len(lines) == 200 and lines[0]["id"].startswith("test-")
    assert set(lines[0]) == {"id", "label", "prediction", "probabilities"}
    assert abs(sum(lines[0]["probabilities"]) - 1) < 1e-4
    assert len(list((out / "checkpoints").iterdir())) == 2  # keepLast
    assert (out / "adapter" / "adapter_config.json").is_file() and (out / "model" / "config.json").is_file()
    assert json.loads((out / "result.json").read_text())["finalMetrics"] == result.final_metrics
    assert json.loads((out / "spec.json").read_text())["hyperparameters"]["loraR"] == 8


@pytest.mark.parametrize("method", ["lora", "mamba-lora"])
def test_onnx_export_matches_pytorch(runs, method):
    _, result, _ = runs[method]
    onnx = result.summary["onnx"]
    assert onnx["parityOk"] and onnx["parityMaxAbsDiff"] <= 1e-4
    assert onnx["dynamicAxes"]["input_ids"] == ["batch", "sequence"]
    assert Path(onnx["tokenizerPath"]).is_file()


@pytest.mark.parametrize("method", ["lora", "mamba-lora"])
def test_onnx_model_runs_on_other_shapes_like_the_saved_model(runs, method):
    """Dynamic axes for real: another batch size and length, tokenised with the exported tokenizer.json."""
    import onnxruntime as ort
    from tokenizers import Tokenizer

    from tunelab_engine.models.mamba import MambaForSequenceClassification

    spec, result, _ = runs[method]
    out = Path(spec["outputDir"])
    tokenizer = Tokenizer.from_file(result.summary["onnx"]["tokenizerPath"])
    texts = ["Отличный фильм, рекомендую!", "Скучный затянутый сюжет и ужасный финал, не советую никому.", "ёлка"]
    encoded = tokenizer.encode_batch(texts)
    width = max(len(e.ids) for e in encoded) + 3
    pad = json.loads((out / "onnx" / "model.json").read_text())["padTokenId"]
    ids = np.array([e.ids + [pad] * (width - len(e.ids)) for e in encoded], dtype=np.int64)
    mask = np.array([[1] * len(e.ids) + [0] * (width - len(e.ids)) for e in encoded], dtype=np.int64)
    session = ort.InferenceSession(result.summary["onnx"]["path"], providers=["CPUExecutionProvider"])
    logits = session.run(["logits"], {"input_ids": ids, "attention_mask": mask})[0]
    if method == "lora":
        from transformers import AutoModelForSequenceClassification as loader
    else:
        loader = MambaForSequenceClassification
    model = loader.from_pretrained(str(out / "model")).eval()
    with torch.no_grad():
        expected = model(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask)).logits.numpy()
    assert logits.shape == (3, 2) and np.abs(logits - expected).max() <= 1e-4


def test_nan_loss_stops_at_the_first_non_finite_loss(monkeypatch, models, corpus, tmp_path):
    real = train_module.compute_loss
    calls = {"n": 0}

    def poisoned(model, batch, runtime, group_samples):
        calls["n"] += 1
        loss = real(model, batch, runtime, group_samples)
        return loss * float("nan") if calls["n"] >= 3 else loss

    monkeypatch.setattr(train_module, "compute_loss", poisoned)
    result, events = run_in_process(make_spec(method="full", model=models["full"], corpus=corpus, out=tmp_path))
    assert result.status is RunStatus.FAILED and result.error.code is ErrorCode.NAN_LOSS
    error = events.events[-1]
    assert error["type"] == "error" and error["code"] == "NAN_LOSS" and error["step"] == 3
    assert not events.of("completed") and calls["n"] == 3


def test_out_of_memory_reports_the_batch_size(monkeypatch, models, corpus, tmp_path):
    def exhausted(*_args):
        raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")

    monkeypatch.setattr(train_module, "compute_loss", exhausted)
    spec = make_spec(method="full", model=models["full"], corpus=corpus, out=tmp_path,
                     hyperparameters={"batchSize": 32})
    result, events = run_in_process(spec)
    error = events.events[-1]
    assert result.error.code is ErrorCode.OOM
    assert (error["code"], error["batchSize"], error["suggestedBatchSize"]) == ("OOM", 32, 16)


def test_bad_data_is_data_invalid(models, corpus, tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": 1, "text": "хорошо", "label": 7}\n', encoding="utf-8")
    spec = make_spec(method="full", model=models["full"], corpus={**corpus, "train": broken}, out=tmp_path / "out")
    result, events = run_in_process(spec)
    assert result.error.code is ErrorCode.DATA_INVALID
    assert events.events[-1]["path"] == str(broken) and events.events[-1]["line"] == 1


def test_a_used_output_dir_needs_resume(models, corpus, tmp_path):
    spec = make_spec(method="head-only", model=models["head-only"], corpus=corpus, out=tmp_path,
                     hyperparameters={"epochs": 1})
    assert run_in_process(spec)[0].status is RunStatus.SUCCEEDED
    result, events = run_in_process(spec)
    assert result.error.code is ErrorCode.SPEC_INVALID and events.events[-1]["field"] == "outputDir"
