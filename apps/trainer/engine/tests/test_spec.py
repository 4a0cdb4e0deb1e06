"""The run spec: defaults mirror packages/core, and every mistake is a SPEC_INVALID naming the JSON field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tunelab_engine.errors import EngineError, ErrorCode
from tunelab_engine.spec import DEFAULT_HYPERPARAMETERS, METHODS, RunSpec

REPO = Path(__file__).resolve().parents[4]


def base(**overrides):
    spec = {"method": "full", "baseModel": "/models/bert", "data": {"train": "train.jsonl", "test": "test.jsonl"},
            "outputDir": "out"}
    spec.update(overrides)
    return spec


def invalid(raw, base_dir=Path("/specs")) -> EngineError:
    with pytest.raises(EngineError) as caught:
        RunSpec.from_dict(raw, base_dir=base_dir)
    assert caught.value.code is ErrorCode.SPEC_INVALID
    return caught.value


def test_methods_and_defaults_mirror_packages_core():
    methods_ts = (REPO / "packages/core/src/methods.ts").read_text(encoding="utf-8")
    declared = re.search(r"METHODS = \[(.*?)\] as const", methods_ts).group(1)
    assert tuple(re.findall(r"'([a-z-]+)'", declared)) == METHODS
    lora = RunSpec.from_dict(base(method="lora"), base_dir=Path("/specs")).hyperparameters
    assert (lora.learning_rate, lora.lora_r, lora.lora_alpha, lora.lora_target_modules) == (2e-4, 8, 16, ("query", "value"))
    assert lora.batch_size == 16 and lora.epochs == 3 and lora.warmup_ratio == 0.1
    mamba = RunSpec.from_dict(base(method="mamba"), base_dir=Path("/specs")).hyperparameters
    assert mamba.pooling == "last-token" and mamba.lora_r is None
    assert DEFAULT_HYPERPARAMETERS["mamba-lora"]["lora_target_modules"] == ("in_proj",)


def test_relative_paths_are_relative_to_the_spec_file_and_hub_ids_stay_ids():
    spec = RunSpec.from_dict(base(baseModel="DeepPavlov/rubert-base-cased"), base_dir=Path("/specs/run1"))
    assert spec.data.train == Path("/specs/run1/train.jsonl")
    assert spec.output_dir == Path("/specs/run1/out")
    assert spec.base_model == "DeepPavlov/rubert-base-cased"
    local = RunSpec.from_dict(base(baseModel="./models/tiny"), base_dir=Path("/specs/run1"))
    assert local.base_model == "/specs/run1/models/tiny"


@pytest.mark.parametrize(("raw", "field", "hint"), [
    (base(method="bert"), "method", "one of"),
    (base(hyperparameters={"learningRate": 0}), "hyperparameters.learningRate", "(0, 1]"),
    (base(hyperparameters={"batchSize": 2.5}), "hyperparameters.batchSize", "integer"),
    (base(hyperparameters={"learning_rate": 1e-3}), "hyperparameters.learning_rate", "not a hyperparameter"),
    (base(hyperparameters={"loraR": 8}), "hyperparameters.loraR", "applies only to lora"),
    (base(hyperparameters={"pooling": "mean"}), "hyperparameters.pooling", "applies only to mamba"),
    (base(method="mamba", hyperparameters={"pooling": "cls"}), "hyperparameters.pooling", "last-token"),
    (base(method="lora", hyperparameters={"loraTargetModules": []}), "hyperparameters.loraTargetModules", "non-empty"),
    (base(data={"test": "t.jsonl"}), "data.train", "required"),
    (base(data={"train": "a", "test": "b", "valid": "c"}), "data.valid", "not a spec field"),
    (base(numLabels=1), "numLabels", "between 2"),
    (base(checkpoint={"keepLast": 0}), "checkpoint.keepLast", "between 1"),
    (base(training={"device": "tpu"}), "training.device", "one of"),
    (base(version=2), "version", "spec version 1"),
    (base(extra=True), "extra", "not a spec field"),
])
def test_each_mistake_names_its_field(raw, field, hint):
    error = invalid(raw)
    assert error.details["field"] == field
    assert error.message.startswith(f"{field}: ") and hint in error.message


def test_round_trip_of_the_resolved_spec():
    spec = RunSpec.from_dict(base(method="mamba-lora", hyperparameters={"loraR": 4}), base_dir=Path("/s"))
    again = RunSpec.from_dict(spec.to_json(), base_dir=Path("/elsewhere"))
    assert again == spec
