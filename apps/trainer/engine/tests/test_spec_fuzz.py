"""Hostile run specs (issue 11): a seeded fuzzer mutates a valid spec two thousand ways, as dicts and as files.
Parsing either succeeds or raises EngineError SPEC_INVALID whose `field` names the field that was broken (a dotted
path, also at the start of a short message); never any other exception. A handful go through the real CLI, whose
stdout must carry exactly one JSON error event.

The seed is fixed so a failure reproduces; set TUNELAB_FUZZ_SEED to explore others (failures print the seed, the
case number and the mutations).
"""

from __future__ import annotations

import copy
import json
import math
import os
import random
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import engine_command, parse_events
from tunelab_engine.errors import EngineError, ErrorCode
from tunelab_engine.events import encode_event
from tunelab_engine.spec import RunSpec

SEED = int(os.environ.get("TUNELAB_FUZZ_SEED", "20261211"))
DICT_CASES = 1500
FILE_CASES = 500

VALID: dict[str, Any] = {
    "version": 1,
    "runId": "fuzz-run",
    "method": "lora",
    "baseModel": "DeepPavlov/rubert-base-cased",
    "data": {"train": "data/train.jsonl", "test": "data/test.jsonl", "validation": "data/validation.jsonl"},
    "outputDir": "out",
    "numLabels": 2,
    "maxLength": 128,
    "seed": 7,
    "hyperparameters": {"learningRate": 2e-4, "batchSize": 16, "epochs": 3, "weightDecay": 0.01, "warmupRatio": 0.1,
                        "gradientAccumulationSteps": 1, "loraR": 8, "loraAlpha": 16, "loraDropout": 0.1,
                        "loraTargetModules": ["query", "value"]},
    "checkpoint": {"everySteps": 0, "keepLast": 2},
    "training": {"maxGradNorm": 1.0, "lengthGrouping": True, "padToMultipleOf": 8, "device": "cpu", "precision": "fp32",
                 "evalBatchSize": 32, "logEverySteps": 10},
    "export": {"onnx": False},
}

# Near the edges of what each field accepts: both sides of every bound.
EDGES: dict[str, list[Any]] = {
    "numLabels": [1, 2, 1000, 1001, 2.0, 2.5],
    "maxLength": [7, 8, 65536, 65537],
    "seed": [-1, 0, 2**32 - 1, 2**32, 2**63, 1e300],
    "hyperparameters.learningRate": [0, 1e-300, 1, 1.0000001, -1e-5, 5e-324],
    "hyperparameters.batchSize": [0, 1, 4096, 4097, 16.0, 16.5],
    "hyperparameters.epochs": [0, 1000, 1001],
    "hyperparameters.weightDecay": [-0.0, 1, 1.5],
    "hyperparameters.warmupRatio": [0, 0.999, 1],
    "hyperparameters.gradientAccumulationSteps": [0, 1024, 1025],
    "hyperparameters.loraR": [0, 1024, 1025],
    "hyperparameters.loraAlpha": [0, 1e308, -1],
    "hyperparameters.loraDropout": [0, 1, -0.1],
    "hyperparameters.loraTargetModules": [[], [""], ["  "], ["query", 3], "query", [["query"]]],
    "checkpoint.everySteps": [-1, 0, 10**6],
    "checkpoint.keepLast": [0, 1, 1000, 1001],
    "training.maxGradNorm": [-1, 0, 1e308],
    "training.padToMultipleOf": [0, 512, 513],
    "training.evalBatchSize": [0, 65536, 65537],
    "training.logEverySteps": [0, 1],
    "training.device": ["tpu", "CPU", "cuda:0", ""],
    "training.precision": ["fp16", "bf16", ""],
    "method": ["full", "head-only", "mamba", "mamba-lora", "bert", "LoRA", ""],
    "version": [0, 2, "1", 1.0, True],
}

# Paths the spec reads; a mutation that breaks one may be reported under a field that depends on it.
DEPENDENTS = {"method": "hyperparameters."}


def hostile_string(rng: random.Random) -> str:
    choice = rng.randrange(14)
    if choice == 0:
        return ""
    if choice == 1:
        return " \t\n"
    if choice == 2:
        return "x" * rng.choice([255, 4096, 100_000])
    if choice == 3:
        return "a\x00b"
    if choice == 4:
        return "\ud800" + "lone"  # a lone surrogate, as JSON's \ud800 escape decodes
    if choice == 5:
        return "\u202eltr\u202c مرحبا עברית"
    if choice == 6:
        return "🤖" * rng.randint(1, 500)
    if choice == 7:
        return "~no-such-user-tunelab/x"
    if choice == 8:
        return "../" * rng.randint(1, 50) + "etc/passwd"
    if choice == 9:
        return "/dev/null"
    if choice == 10:
        return "hf://" + "a/" * 300
    if choice == 11:
        return "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(1, 64)))
    if choice == 12:
        return "\r\n\x1b[31m\x7f"
    return rng.choice(["full", "lora", "cpu", "auto", "query", "true", "null", "1"])


def nested_garbage(rng: random.Random, depth: int = 0) -> Any:
    if depth > 3 or rng.random() < 0.3:
        return garbage(rng, nested=False)
    if rng.random() < 0.5:
        return [nested_garbage(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {hostile_string(rng)[:40]: nested_garbage(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def deep(depth: int) -> Any:
    value: Any = 1
    for i in range(depth):
        value = [value] if i % 2 else {"k": value}
    return value


def garbage(rng: random.Random, nested: bool = True) -> Any:
    choice = rng.randrange(12 if nested else 10)
    if choice == 0:
        return None
    if choice == 1:
        return rng.choice([True, False])
    if choice == 2:
        return rng.choice([0, -1, 1, 2**31, -(2**63), 10**400, 10**5000])
    if choice == 3:
        return rng.choice([0.5, -0.0, 1e308, -1e308, 5e-324, math.nan, math.inf, -math.inf])
    if choice in (4, 5, 6):
        return hostile_string(rng)
    if choice == 7:
        return []
    if choice == 8:
        return {}
    if choice == 9:
        return [hostile_string(rng)[:20]]
    if choice == 10:
        return nested_garbage(rng)
    return deep(rng.choice([50, 500, 2000]))


Path_ = tuple[str, ...]


def paths_of(spec: dict[str, Any], prefix: Path_ = ()) -> list[Path_]:
    out = []
    for key, value in spec.items():
        path = (*prefix, key)
        out.append(path)
        if isinstance(value, dict):
            out.extend(paths_of(value, path))
    return out


def dotted(path: Path_) -> str:
    """As the engine names a field: keys joined with dots."""
    return ".".join(path)


def node_at(spec: dict[str, Any], path: Path_) -> Any:
    node: Any = spec
    for part in path:
        node = node[part]
    return node


def related(a: Path_, b: Path_) -> bool:
    return a[: len(b)] == b or b[: len(a)] == a


def mutate(rng: random.Random) -> tuple[Any, list[str]]:
    """A valid spec with 1–3 unrelated mutations; returns it and the (dotted) fields it broke."""
    if rng.random() < 0.04:
        return rng.choice([[VALID], "spec", 1, None, True, []]), ["spec"]
    spec = copy.deepcopy(VALID)
    touched: list[Path_] = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        kind = rng.randrange(10)
        if kind <= 1:
            # An unknown key at some object level: the top, or inside a section nothing else broke.
            sections = [()] + [p for p in paths_of(spec) if isinstance(node_at(spec, p), dict) and not any(related(p, t) for t in touched)]
            where = rng.choice(sections)
            node = node_at(spec, where)
            key = rng.choice([hostile_string(rng)[:30], "learning_rate", "valid", "__proto__", "", "Method", "outputdir"])
            if key in node:
                continue
            node[key] = garbage(rng)
            touched.append((*where, key))
            continue
        candidates = [p for p in paths_of(spec) if not any(related(p, t) for t in touched)]
        if not candidates:
            break
        path = rng.choice(candidates)
        parent, key = node_at(spec, path[:-1]), path[-1]
        if kind == 2:
            del parent[key]
        elif kind <= 4 and dotted(path) in EDGES:
            parent[key] = rng.choice(EDGES[dotted(path)])
        else:
            parent[key] = garbage(rng)
        touched.append(path)
    return spec, [dotted(path) for path in touched]


def allowed_fields(touched: list[str]) -> list[str]:
    allowed = list(touched)
    for path in touched:
        if path in DEPENDENTS:
            allowed.append(DEPENDENTS[path] + "*")
    return allowed


def field_allowed(field: str, allowed: list[str]) -> bool:
    # A section replaced by {} (or garbage with the wrong keys) is reported at the field inside it that is missing.
    return any(field == a or field.startswith(f"{a}.") or (a.endswith("*") and field.startswith(a[:-1])) for a in allowed)


def check_refusal(error: EngineError, allowed: list[str], context: str) -> None:
    assert error.code is ErrorCode.SPEC_INVALID, f"{context}: code {error.code}"
    field = error.details.get("field")
    # Empty only when the broken key itself is "" (an unknown key named "").
    assert isinstance(field, str) and (field or "" in allowed), f"{context}: no field in {error.details}"
    assert field_allowed(field, allowed), f"{context}: field {field!r} is not one of the broken fields {allowed}: {error.message[:300]}"
    assert error.message.startswith(f"{field}: ") or field == "spec", f"{context}: message does not start with the field: {error.message[:300]}"
    # A refusal quotes what it refused, cut short: a 100 KB value must not come back as a 100 KB message.
    assert len(error.message) < 2000, f"{context}: a message of {len(error.message)} characters"
    # The error travels as a JSON event: it must encode, and as UTF-8 (lone surrogates included).
    encode_event("error", **error.to_event()).encode("utf-8")


def describe(value: Any) -> str:
    try:
        text = json.dumps(value, ensure_ascii=True)
    except (ValueError, RecursionError):
        text = repr(type(value))
    return text if len(text) < 600 else text[:600] + "…"


def test_mutated_spec_dicts_parse_or_name_the_broken_field(tmp_path):
    rng = random.Random(SEED)
    outcomes = {"parsed": 0, "refused": 0}
    for case in range(DICT_CASES):
        spec, touched = mutate(rng)
        context = f"seed {SEED} case {case}: broke {touched} -> {describe(spec)}"
        try:
            RunSpec.from_dict(spec, base_dir=tmp_path)
        except EngineError as error:
            check_refusal(error, allowed_fields(touched), context)
            outcomes["refused"] += 1
        except Exception as error:  # noqa: BLE001 - the property: nothing but EngineError
            pytest.fail(f"{context}: raised {type(error).__name__}: {str(error)[:300]}")
        else:
            outcomes["parsed"] += 1
    # A fuzzer that never gets past validation (or never fails it) is not testing much.
    assert outcomes["parsed"] > DICT_CASES // 20 and outcomes["refused"] > DICT_CASES // 2, outcomes


def broken_file_bytes(rng: random.Random) -> tuple[bytes, list[str]]:
    """Whole-file damage: the field is `spec` (the file), or the field a valid JSON file broke."""
    text = json.dumps(VALID)
    choice = rng.randrange(12)
    if choice == 0:
        return b"", ["spec"]
    if choice == 1:
        return text[: rng.randrange(1, len(text) - 1)].encode(), ["spec"]
    if choice == 2:
        return b"\xef\xbb\xbf" + text.encode(), ["spec"]
    if choice == 3:
        raw = bytearray(text.encode())
        raw[rng.randrange(len(raw))] = rng.choice([0xFF, 0xC0, 0x80, 0xED])
        return bytes(raw), ["spec", *map(dotted, paths_of(VALID))]
    if choice == 4:
        return ("[" * 100_000 + "]" * 100_000).encode(), ["spec"]
    if choice == 5:
        return text.replace('"numLabels": 2', '"numLabels": ' + "9" * 5000).encode(), ["spec", "numLabels"]
    if choice == 6:
        return text.replace('"seed": 7', '"seed": NaN').encode(), ["spec", "seed"]
    if choice == 7:
        return text.replace('"maxLength": 128', '"maxLength": 1e999').encode(), ["spec", "maxLength"]
    if choice == 8:
        return text.replace("\"outputDir\": \"out\"", "\"outputDir\": \"\\u0000\"").encode(), ["outputDir"]
    if choice == 9:
        return text.replace('"runId"', '"\\udfffrunId"').encode(), ["\udfffrunId"]
    if choice == 10:
        return bytes(rng.randrange(256) for _ in range(rng.randint(1, 512))), ["spec", *map(dotted, paths_of(VALID))]
    spec, touched = mutate(rng)
    try:
        return json.dumps(spec).encode(), touched
    except (ValueError, RecursionError):
        return b"{", ["spec"]


def test_mutated_spec_files_parse_or_name_the_broken_field(tmp_path):
    rng = random.Random(SEED + 1)
    for case in range(FILE_CASES):
        content, touched = broken_file_bytes(rng)
        path = tmp_path / f"spec-{case}.json"
        path.write_bytes(content)
        context = f"seed {SEED + 1} file case {case}: broke {touched} -> {content[:300]!r}"
        try:
            RunSpec.from_file(path)
        except EngineError as error:
            check_refusal(error, allowed_fields(touched), context)
        except Exception as error:  # noqa: BLE001
            pytest.fail(f"{context}: raised {type(error).__name__}: {str(error)[:300]}")


def test_unreadable_spec_paths_are_spec_invalid(tmp_path):
    for path in (tmp_path / "missing.json", tmp_path, tmp_path / ("x" * 5000)):
        with pytest.raises(EngineError) as caught:
            RunSpec.from_file(path)
        assert caught.value.code is ErrorCode.SPEC_INVALID and caught.value.details["field"] == "spec"


def test_the_cli_reports_a_hostile_spec_as_one_error_event(tmp_path):
    cases: list[tuple[bytes, str]] = [
        (json.dumps({**VALID, "numLabels": "two"}).encode(), "numLabels"),
        (json.dumps({**VALID, "\ud800bad": 1}).encode(), "\ud800bad"),
        (json.dumps({**VALID, "hyperparameters": {**VALID["hyperparameters"], "learningRate": 10**400}}).encode(),
         "hyperparameters.learningRate"),
        (b"\xff\xfe{not json", "spec"),
    ]
    # The CLI imports torch before it reads the spec (seconds each): start them all, then collect.
    processes = []
    for index, (content, field) in enumerate(cases):
        path = tmp_path / f"cli-{index}.json"
        path.write_bytes(content)
        processes.append((field, subprocess.Popen(engine_command("run", "--spec", str(path)), stdout=subprocess.PIPE,
                                                   stderr=subprocess.PIPE)))
    for field, process in processes:
        stdout, stderr = process.communicate(timeout=240)
        assert process.returncode == 1, stderr.decode("utf-8", "replace")[-2000:]
        events = parse_events(stdout.decode("utf-8"))
        assert len(events) == 1, events
        event = events[0]
        assert event["type"] == "error" and event["code"] == "SPEC_INVALID" and event["field"] == field, event
        assert "Traceback" not in stderr.decode("utf-8", "replace")
