"""The run spec: what to train, on what, how, and where to write. Parsed from JSON once and validated on construction.

Field names in the JSON are camelCase and mirror packages/core (methods.ts, hyperparameters.ts), so the daemon can
pass a run's resolved hyperparameters through unchanged. Every problem is a SPEC_INVALID naming the JSON field.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import EngineError, ErrorCode, spec_invalid

SPEC_VERSION = 1
METHODS = ("full", "lora", "mamba", "head-only", "mamba-lora")
LORA_METHODS = ("lora", "mamba-lora")
MAMBA_METHODS = ("mamba", "mamba-lora")
POOLINGS = ("last-token", "mean")
DEVICES = ("auto", "cpu", "cuda")
PRECISIONS = ("auto", "fp32", "bf16")


def _common(learning_rate: float) -> dict[str, Any]:
    return dict(learning_rate=learning_rate, batch_size=16, epochs=3, weight_decay=0.01, warmup_ratio=0.1,
                gradient_accumulation_steps=1)


# Same values as defaultHyperparameters() in packages/core/src/hyperparameters.ts.
DEFAULT_HYPERPARAMETERS: dict[str, dict[str, Any]] = {
    "full": _common(2e-5),
    "lora": {**_common(2e-4), "lora_r": 8, "lora_alpha": 16, "lora_dropout": 0.1, "lora_target_modules": ("query", "value")},
    "mamba": {**_common(1e-4), "pooling": "last-token"},
    "head-only": _common(1e-3),
    "mamba-lora": {**_common(2e-4), "lora_r": 8, "lora_alpha": 16, "lora_dropout": 0.05,
                   "lora_target_modules": ("in_proj",), "pooling": "last-token"},
}

_LORA_FIELDS = ("lora_r", "lora_alpha", "lora_dropout", "lora_target_modules")


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


_MAX_DESCRIBED = 200


def _describe(value: Any) -> str:
    # Short whatever the value: a 100 KB string, a 5,000-digit integer (repr refuses those) or deep nesting.
    try:
        text = json.dumps(value, ensure_ascii=False) if isinstance(value, (str, list, dict)) else repr(value)
    except (ValueError, RecursionError):
        text = f"a {type(value).__name__} too large to show"
    return text if len(text) <= _MAX_DESCRIBED else f"{text[:_MAX_DESCRIBED]}…"


def _short(error: Exception) -> str:
    # An OSError quotes the path it refused, which may be the 100 KB string that was refused.
    text = str(error)
    return text if len(text) <= _MAX_DESCRIBED else f"{text[:_MAX_DESCRIBED]}…"


def _is_number(value: Any) -> bool:
    # Python ints are unbounded (JSON allows 1e400 written out): never convert one to float to check it.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return isinstance(value, int) or math.isfinite(value)


def _check_int(value: Any, field_name: str, lo: int, hi: int | None = None) -> None:
    # JSON has one number type: 16.0 is an integer there, as it is for packages/core.
    ok = (_is_number(value) and (isinstance(value, int) or value.is_integer()) and value >= lo
          and (hi is None or value <= hi))
    if not ok:
        bound = f"between {lo} and {hi}" if hi is not None else f"at least {lo}"
        raise spec_invalid(field_name, f"must be an integer {bound} (got {_describe(value)})")


def _check_range(value: Any, field_name: str, lo: float, hi: float | None, *, lo_open: bool = False,
                 hi_open: bool = False, example: float | None = None) -> None:
    ok = _is_number(value) and (value > lo if lo_open else value >= lo)
    if ok and hi is not None:
        ok = value < hi if hi_open else value <= hi
    if not ok:
        left, right = ("(" if lo_open else "["), (")" if hi_open else "]")
        interval = f"{left}{lo}, {hi if hi is not None else '∞'}{right}"
        hint = f"; use e.g. {example:g}" if example is not None else ""
        raise spec_invalid(field_name, f"must be a number in {interval} (got {_describe(value)}){hint}")


def _check_choice(value: Any, field_name: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise spec_invalid(field_name, f"must be one of {', '.join(map(repr, choices))} (got {_describe(value)})")


@dataclass(frozen=True)
class Hyperparameters:
    learning_rate: float
    batch_size: int
    epochs: int
    weight_decay: float
    warmup_ratio: float
    gradient_accumulation_steps: int
    lora_r: int | None = None
    lora_alpha: float | None = None
    lora_dropout: float | None = None
    lora_target_modules: tuple[str, ...] | None = None
    pooling: str | None = None

    def __post_init__(self) -> None:
        f = lambda name: f"hyperparameters.{camel(name)}"  # noqa: E731 - a field path, nothing more
        _check_range(self.learning_rate, f("learning_rate"), 0, 1, lo_open=True, example=2e-5)
        _check_int(self.batch_size, f("batch_size"), 1, 4096)
        _check_int(self.epochs, f("epochs"), 1, 1000)
        _check_range(self.weight_decay, f("weight_decay"), 0, 1)
        _check_range(self.warmup_ratio, f("warmup_ratio"), 0, 1, hi_open=True, example=0.1)
        _check_int(self.gradient_accumulation_steps, f("gradient_accumulation_steps"), 1, 1024)
        if self.lora_r is not None:
            _check_int(self.lora_r, f("lora_r"), 1, 1024)
        if self.lora_alpha is not None:
            _check_range(self.lora_alpha, f("lora_alpha"), 0, None, lo_open=True, example=16)
        if self.lora_dropout is not None:
            _check_range(self.lora_dropout, f("lora_dropout"), 0, 1, hi_open=True, example=0.1)
        if self.lora_target_modules is not None:
            modules = self.lora_target_modules
            if not isinstance(modules, (list, tuple)) or not modules or not all(
                isinstance(m, str) and m.strip() for m in modules
            ):
                raise spec_invalid(f("lora_target_modules"),
                                   f'must be a non-empty list of module names (got {_describe(modules)}); use e.g. ["query", "value"]')
            object.__setattr__(self, "lora_target_modules", tuple(m.strip() for m in modules))
        if self.pooling is not None:
            _check_choice(self.pooling, f("pooling"), POOLINGS)
        for name in ("batch_size", "epochs", "gradient_accumulation_steps", "lora_r"):
            if getattr(self, name) is not None:
                object.__setattr__(self, name, int(getattr(self, name)))

    @classmethod
    def for_method(cls, method: str, raw: Any) -> Hyperparameters:
        """The method's defaults (packages/core) overlaid with `raw`; keys that do not apply are refused."""
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise spec_invalid("hyperparameters", f"must be an object (got {_describe(raw)})")
        known = {camel(f.name): f.name for f in fields(cls)}
        values = dict(DEFAULT_HYPERPARAMETERS[method])
        for key, value in raw.items():
            if value is None:
                continue
            if key not in known:
                raise spec_invalid(f"hyperparameters.{key}", f"is not a hyperparameter; use one of {', '.join(known)}")
            name = known[key]
            if name in _LORA_FIELDS and method not in LORA_METHODS:
                raise spec_invalid(f"hyperparameters.{key}", "applies only to lora and mamba-lora; remove it")
            if name == "pooling" and method not in MAMBA_METHODS:
                raise spec_invalid(f"hyperparameters.{key}", "applies only to mamba and mamba-lora; remove it")
            values[name] = value
        return cls(**values)

    def to_json(self) -> dict[str, Any]:
        out = {camel(f.name): getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}
        if "loraTargetModules" in out:
            out["loraTargetModules"] = list(out["loraTargetModules"])
        return out


@dataclass(frozen=True)
class DataFiles:
    """JSON-lines split files of {"id", "text", "label"} (issue 3 writes them)."""

    train: Path
    test: Path
    validation: Path | None = None


@dataclass(frozen=True)
class CheckpointPolicy:
    every_steps: int = 0  # 0: only at the end of each epoch
    keep_last: int = 2  # at least 2, so a corrupt newest checkpoint still has one to fall back to

    def __post_init__(self) -> None:
        _check_int(self.every_steps, "checkpoint.everySteps", 0)
        _check_int(self.keep_last, "checkpoint.keepLast", 1, 1000)


@dataclass(frozen=True)
class TrainingOptions:
    """Engine settings that are not study hyperparameters (packages/core does not know them)."""

    max_grad_norm: float = 1.0  # 0 turns clipping off
    length_grouping: bool = True
    pad_to_multiple_of: int = 8
    device: str = "auto"
    precision: str = "auto"  # auto: bf16 autocast on CUDA when the GPU supports it, fp32 otherwise
    eval_batch_size: int | None = None  # default: twice the training batch size
    log_every_steps: int = 10

    def __post_init__(self) -> None:
        _check_range(self.max_grad_norm, "training.maxGradNorm", 0, None, example=1.0)
        if not isinstance(self.length_grouping, bool):
            raise spec_invalid("training.lengthGrouping", f"must be true or false (got {_describe(self.length_grouping)})")
        _check_int(self.pad_to_multiple_of, "training.padToMultipleOf", 1, 512)
        _check_choice(self.device, "training.device", DEVICES)
        _check_choice(self.precision, "training.precision", PRECISIONS)
        if self.eval_batch_size is not None:
            _check_int(self.eval_batch_size, "training.evalBatchSize", 1, 65536)
        _check_int(self.log_every_steps, "training.logEverySteps", 1)


@dataclass(frozen=True)
class ExportOptions:
    onnx: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.onnx, bool):
            raise spec_invalid("export.onnx", f"must be true or false (got {_describe(self.onnx)})")


@dataclass(frozen=True)
class RunSpec:
    method: str
    base_model: str
    data: DataFiles
    output_dir: Path
    hyperparameters: Hyperparameters
    num_labels: int = 2
    max_length: int = 256
    seed: int = 42
    run_id: str | None = None
    checkpoint: CheckpointPolicy = field(default_factory=CheckpointPolicy)
    training: TrainingOptions = field(default_factory=TrainingOptions)
    export: ExportOptions = field(default_factory=ExportOptions)

    def __post_init__(self) -> None:
        _check_choice(self.method, "method", METHODS)
        if not isinstance(self.base_model, str) or not self.base_model.strip():
            raise spec_invalid("baseModel", "must name a local model directory or a Hugging Face model id "
                                            '(e.g. "DeepPavlov/rubert-base-cased")')
        _check_int(self.num_labels, "numLabels", 2, 1000)
        _check_int(self.max_length, "maxLength", 8, 65536)
        _check_int(self.seed, "seed", 0, 2**32 - 1)
        object.__setattr__(self, "num_labels", int(self.num_labels))
        object.__setattr__(self, "max_length", int(self.max_length))
        object.__setattr__(self, "seed", int(self.seed))

    @property
    def uses_lora(self) -> bool:
        return self.method in LORA_METHODS

    @property
    def uses_mamba(self) -> bool:
        return self.method in MAMBA_METHODS

    @classmethod
    def from_file(cls, path: str | Path) -> RunSpec:
        path = Path(path)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise EngineError(ErrorCode.SPEC_INVALID, f"spec file {path} does not exist", field="spec", path=str(path))
        except OSError as error:  # a directory, no permission, a name too long
            raise EngineError(ErrorCode.SPEC_INVALID, f"cannot read spec file {path}: {error}", field="spec",
                              path=str(path))
        except (ValueError, RecursionError) as error:
            # ValueError: JSONDecodeError, UnicodeDecodeError and integers past Python's 4,300-digit limit.
            raise EngineError(ErrorCode.SPEC_INVALID, f"spec file {path} is not valid JSON: {error}", field="spec",
                              path=str(path))
        return cls.from_dict(raw, base_dir=path.resolve().parent)

    @classmethod
    def from_dict(cls, raw: Any, *, base_dir: Path) -> RunSpec:
        """Relative paths in the spec are relative to the spec file's directory, not to the working directory."""
        if not isinstance(raw, dict):
            raise spec_invalid("spec", "must be a JSON object")
        reader = _Reader(raw, "", base_dir)
        version = reader.take("version", default=SPEC_VERSION)
        if version != SPEC_VERSION:
            raise spec_invalid("version", f"this engine reads spec version {SPEC_VERSION} (got {_describe(version)})")
        method = reader.take("method", required=True)
        _check_choice(method, "method", METHODS)
        data = reader.section("data", required=True)
        checkpoint = reader.section("checkpoint")
        training = reader.section("training")
        export = reader.section("export")
        spec = cls(
            method=method,
            base_model=reader.base_model(),
            data=DataFiles(train=data.path("train", required=True), test=data.path("test", required=True),
                           validation=data.path("validation")),
            output_dir=reader.path("outputDir", required=True),
            hyperparameters=Hyperparameters.for_method(method, reader.take("hyperparameters")),
            num_labels=reader.take("numLabels", default=2),
            max_length=reader.take("maxLength", default=256),
            seed=reader.take("seed", default=42),
            run_id=reader.take("runId", kind=str),
            checkpoint=CheckpointPolicy(**checkpoint.values(CheckpointPolicy)),
            training=TrainingOptions(**training.values(TrainingOptions)),
            export=ExportOptions(**export.values(ExportOptions)),
        )
        for section in (reader, data, checkpoint, training, export):
            section.refuse_unknown()
        return spec

    def to_json(self) -> dict[str, Any]:
        """The resolved spec, as stored beside the run's outputs (what the run actually trained with)."""
        def options(obj: Any) -> dict[str, Any]:
            return {camel(f.name): getattr(obj, f.name) for f in fields(obj)}

        return {
            "version": SPEC_VERSION, "runId": self.run_id, "method": self.method, "baseModel": self.base_model,
            "data": {k: (str(v) if v is not None else None) for k, v in vars(self.data).items()},
            "outputDir": str(self.output_dir), "numLabels": self.num_labels, "maxLength": self.max_length,
            "seed": self.seed, "hyperparameters": self.hyperparameters.to_json(),
            "checkpoint": options(self.checkpoint), "training": options(self.training), "export": options(self.export),
        }


class _Reader:
    """Takes keys out of one JSON object, remembering which were read, so leftovers can be refused by name."""

    def __init__(self, raw: dict[str, Any], prefix: str, base_dir: Path) -> None:
        self.raw, self.prefix, self.base_dir = raw, prefix, base_dir
        self.seen: set[str] = set()

    def field(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def take(self, key: str, *, required: bool = False, default: Any = None, kind: type | None = None) -> Any:
        self.seen.add(key)
        value = self.raw.get(key)
        if value is None:
            if required:
                raise spec_invalid(self.field(key), "is required")
            return default
        if kind is not None and not isinstance(value, kind):
            raise spec_invalid(self.field(key), f"must be a {kind.__name__} (got {_describe(value)})")
        return value

    def path(self, key: str, *, required: bool = False) -> Path | None:
        value = self.take(key, required=required, kind=str)
        if value is None:
            return None
        if not value.strip():
            raise spec_invalid(self.field(key), "must be a non-empty path")
        try:
            return (self.base_dir / Path(value).expanduser()).resolve()
        except (OSError, RuntimeError, ValueError) as error:  # ~unknown-user, a NUL byte, a name too long
            raise spec_invalid(self.field(key), f"is not a usable path ({_short(error)})") from None

    def base_model(self) -> str:
        value = self.take("baseModel", required=True, kind=str)
        # A relative path is relative to the spec file; anything that is not a path on disk stays a hub id.
        try:
            candidate = self.base_dir / Path(value).expanduser()
            looks_like_path = value.startswith((".", "/", "~")) or candidate.exists()
            return str(candidate.resolve()) if looks_like_path else value
        except (OSError, RuntimeError, ValueError) as error:  # ~unknown-user, a NUL byte, a name too long
            raise spec_invalid(self.field("baseModel"), f"is not a usable path or model id ({_short(error)})") from None

    def section(self, key: str, *, required: bool = False) -> _Reader:
        value = self.take(key, required=required, default={})
        if not isinstance(value, dict):
            raise spec_invalid(self.field(key), f"must be an object (got {_describe(value)})")
        return _Reader(value, f"{self.field(key)}.", self.base_dir)

    def values(self, cls: type) -> dict[str, Any]:
        """The camelCase keys of a dataclass section, snake_cased; absent keys keep the dataclass defaults."""
        out = {}
        for f in fields(cls):
            value = self.take(camel(f.name))
            if value is not None:
                out[f.name] = value
        return out

    def refuse_unknown(self) -> None:
        unknown = [key for key in self.raw if key not in self.seen]
        if unknown:
            known = ", ".join(sorted(self.seen))
            raise spec_invalid(self.field(unknown[0]), f"is not a spec field here; use one of {known}")
