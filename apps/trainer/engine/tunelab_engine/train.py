"""The training loop: one run of a spec, reported as protocol events, never losing more than the last few steps."""

from __future__ import annotations

import hashlib
import json
import logging
import math
import shutil
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from . import checkpoint as ckpt
from . import storage
from .data import (Batch, BatchPlan, TokenizedSplit, collate, eval_batches, file_sha256, padded_length, read_split,
                   tokenize_split)
from .distributed import World
from .errors import EngineError, ErrorCode, RunStatus, spec_invalid
from .evaluate import Evaluation, evaluate, write_predictions
from .events import Events
from .export import export_onnx
from .measures import Throughput, peak_flops, peak_memory_bytes, system_snapshot, training_flops_per_token
from .models import ModelBundle, load_for_training
from .runtime import Runtime, seed_everything, select_runtime
from .spec import Hyperparameters, RunSpec

log = logging.getLogger("tunelab_engine.train")

# Spec fields that must not change between a run and its resume: anything that changes what is trained or how.
# The data is compared by content (`dataSha256`), not by path: a restarted daemon may keep its splits elsewhere.
RESUME_KEYS = ("method", "baseModel", "numLabels", "maxLength", "seed", "hyperparameters")


class StopRequest:
    """Set by a signal handler; the loop checks it between optimizer steps, checkpoints, and stops."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def request(self) -> None:
        self._event.set()

    @property
    def requested(self) -> bool:
        return self._event.is_set()


@dataclass(frozen=True)
class TrainResult:
    status: RunStatus
    summary: dict[str, Any] | None = None
    error: EngineError | None = None

    @property
    def exit_code(self) -> int:
        return self.status.exit_code

    @property
    def final_metrics(self) -> dict[str, float]:
        return (self.summary or {}).get("finalMetrics", {})


@dataclass(frozen=True)
class Splits:
    train: TokenizedSplit
    test: TokenizedSplit
    validation: TokenizedSplit | None


@dataclass(frozen=True)
class StepResult:
    loss: float
    grad_norm: float


def prepare_data(spec: RunSpec, tokenizer: Any) -> Splits:
    cache = spec.output_dir / "cache"

    def load(path: Path | None) -> TokenizedSplit | None:
        if path is None:
            return None
        examples = read_split(path, num_labels=spec.num_labels)
        return tokenize_split(tokenizer, examples, source=path, max_length=spec.max_length, cache_dir=cache)

    return Splits(train=load(spec.data.train), test=load(spec.data.test), validation=load(spec.data.validation))


def build_optimizer(model: nn.Module, hp: Hyperparameters, runtime: Runtime) -> torch.optim.Optimizer:
    # No weight decay on biases and norm weights (1-D parameters): decaying them only hurts.
    decay, no_decay = [], []
    for parameter in model.parameters():
        if parameter.requires_grad:
            (decay if parameter.ndim >= 2 else no_decay).append(parameter)
    groups = [{"params": decay, "weight_decay": hp.weight_decay}, {"params": no_decay, "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=hp.learning_rate, fused=runtime.device.type == "cuda")


class WarmupLinearDecay:
    """Linear warm-up to the base learning rate, then linear decay to 0 at the last step. Picklable."""

    def __init__(self, warmup_steps: int, total_steps: int) -> None:
        self.warmup_steps, self.total_steps = warmup_steps, total_steps

    def __call__(self, step: int) -> float:
        if step < self.warmup_steps:
            return (step + 1) / (self.warmup_steps + 1)
        return max(0.0, (self.total_steps - step) / max(1, self.total_steps - self.warmup_steps))


def build_scheduler(optimizer: torch.optim.Optimizer, *, warmup_steps: int, total_steps: int) -> Any:
    return torch.optim.lr_scheduler.LambdaLR(optimizer, WarmupLinearDecay(warmup_steps, total_steps))


def compute_loss(model: nn.Module, batch: Batch, runtime: Runtime, group_samples: int) -> torch.Tensor:
    """Summed cross-entropy over the batch / samples in the accumulation group: an exact mean per optimizer step."""
    with runtime.autocast():
        logits = model(input_ids=batch.input_ids, attention_mask=batch.attention_mask).logits
    return F.cross_entropy(logits.float(), batch.labels, reduction="sum") / group_samples


def train_step(model: nn.Module, optimizer: torch.optim.Optimizer, scheduler: Any, micro_batches: list[Batch], *,
               runtime: Runtime, max_grad_norm: float, step: int, group_samples: int | None = None,
               world: World | None = None) -> StepResult:
    """One optimizer step over an accumulation group. Under DDP `micro_batches` are this rank's shares and
    `group_samples` counts the whole group on all ranks; the loss reported is the global one, on every rank."""
    world = world or World()
    group_samples = group_samples or sum(batch.size for batch in micro_batches)
    total = 0.0
    for number, batch in enumerate(micro_batches, start=1):
        with world.no_sync(model, last=number == len(micro_batches)):
            loss = compute_loss(model, batch.to(runtime.device), runtime, group_samples)
            if batch.weight != 1.0:
                loss = loss * batch.weight
            # Summed over ranks before anything else: every rank sees the same value and stops at the same step.
            value = world.sum(float(loss.detach()))
            if not math.isfinite(value):
                raise EngineError(ErrorCode.NAN_LOSS, f"the loss became {value} at step {step + 1}; lower "
                                                      "learningRate or check the data", step=step + 1)
            # DDP averages gradients over ranks; times the world size, that average is the global sum / samples.
            (loss * world.size if world.distributed else loss).backward()
        total += value
    parameters = [p for p in model.parameters() if p.requires_grad]
    grad_norm = float(torch.nn.utils.clip_grad_norm_(parameters, max_grad_norm if max_grad_norm > 0 else math.inf))
    if not math.isfinite(grad_norm):
        raise EngineError(ErrorCode.NAN_LOSS, f"the gradient norm became {grad_norm} at step {step + 1}; lower "
                                              "learningRate", step=step + 1)
    optimizer.step()
    scheduler.step()
    optimizer.zero_grad(set_to_none=True)
    return StepResult(loss=total, grad_norm=grad_norm)


class RunContext:
    """What the helpers around the loop share: the spec, the model, the optimizer, the events, the position."""

    def __init__(self, spec: RunSpec, events: Events, bundle: ModelBundle, splits: Splits, runtime: Runtime,
                 world: World | None = None) -> None:
        hp = spec.hyperparameters
        self.spec, self.events, self.bundle, self.splits, self.runtime = spec, events, bundle, splits, runtime
        self.world = world or World()
        self.model = bundle.model.to(runtime.device)  # checkpoints, evaluation and export use the bare model
        self.step_model = self.world.wrap(self.model)  # training steps call this: DDP under torchrun
        self.train_lengths = splits.train.lengths
        self.plan = BatchPlan(self.train_lengths, batch_size=hp.batch_size, seed=spec.seed,
                              group_by_length=spec.training.length_grouping)
        self.accumulation = hp.gradient_accumulation_steps
        self.steps_per_epoch = math.ceil(len(self.plan) / self.accumulation)
        self.total_steps = self.steps_per_epoch * hp.epochs
        self.optimizer = build_optimizer(self.model, hp, runtime)
        self.scheduler = build_scheduler(self.optimizer, warmup_steps=round(hp.warmup_ratio * self.total_steps),
                                         total_steps=self.total_steps)
        self.collate_options = {"pad_token_id": bundle.pad_token_id, "multiple_of": spec.training.pad_to_multiple_of,
                                "limit": bundle.position_limit}
        self.checkpoints = spec.output_dir / "checkpoints"
        self.state = ckpt.TrainState()
        self.throughput = Throughput()
        self.resumed: ckpt.LoadedCheckpoint | None = None
        self.fingerprint = self.run_fingerprint()  # hashed once: checkpoints store it, a resume compares it

    def epochs_elapsed(self) -> float:
        return self.state.step / self.steps_per_epoch

    def run_fingerprint(self) -> dict[str, Any]:
        fingerprint = {key: value for key, value in self.spec.to_json().items() if key in RESUME_KEYS}
        data = self.spec.data
        fingerprint["dataSha256"] = {name: file_sha256(path) for name, path in
                                     (("train", data.train), ("test", data.test), ("validation", data.validation))
                                     if path is not None}
        return fingerprint


def restore_or_start(ctx: RunContext, *, resume: bool) -> None:
    world = ctx.world
    if world.is_main:
        ckpt.remove_partial(ctx.checkpoints)
    existing = ckpt.list_checkpoints(ctx.checkpoints)
    if not resume:
        if existing:
            raise spec_invalid("outputDir", f"{ctx.spec.output_dir} already holds checkpoints of a run; pass --resume "
                                            "to continue it, or use an empty outputDir")
        return
    # Rank 0 chooses the checkpoint (the newest that verifies); the other ranks load that same one.
    loaded = ckpt.load_latest(ctx.checkpoints, ctx.runtime.device) if world.is_main else None
    chosen = world.broadcast(None if loaded is None else (str(loaded.path), loaded.skipped))
    if chosen is not None and loaded is None:
        loaded = ckpt.load_checkpoint(Path(chosen[0]), ctx.runtime.device)
        loaded.skipped = chosen[1]
    if loaded is None:
        log.info("--resume: no readable checkpoint in %s; starting from the beginning", ctx.checkpoints)
        return
    for key, value in ctx.fingerprint.items():
        if loaded.run.get(key) != value:
            field = "data" if key == "dataSha256" else key
            raise spec_invalid(field, f"differs from the run being resumed ({loaded.path.name}); resume with the same "
                                    "spec, or start a new run in another outputDir")
    ckpt.apply_weights(ctx.model, loaded.weights)
    ctx.optimizer.load_state_dict(loaded.optimizer)
    ctx.scheduler.load_state_dict(loaded.scheduler)
    ckpt.restore_rng(loaded.rng, rank=world.rank)
    ctx.state = loaded.state
    ctx.throughput = Throughput.from_json(loaded.state.throughput) if loaded.state.throughput else Throughput()
    ctx.resumed = loaded
    log.info("resumed from %s (step %d, epoch %d)", loaded.path.name, loaded.state.step, loaded.state.epoch + 1)


def save_checkpoint(ctx: RunContext, reason: str) -> None:
    """Rank 0 writes; under DDP every rank takes part, handing over its RNG state (dropout differs per rank)."""
    rng = None
    if ctx.world.distributed:
        ranks = ctx.world.gather(ckpt.capture_rng())
        rng = {**ranks[0], "ranks": ranks}
    if not ctx.world.is_main:
        return
    ctx.state.throughput = ctx.throughput.to_json()
    saved = ckpt.save_checkpoint(ctx.checkpoints, model=ctx.model, optimizer=ctx.optimizer, scheduler=ctx.scheduler,
                                 state=ctx.state, run=ctx.fingerprint, reason=reason,
                                 keep_last=ctx.spec.checkpoint.keep_last, rng=rng)
    ctx.events.emit("checkpoint", epoch=ctx.state.epoch, step=ctx.state.step, path=str(saved.path), bytes=saved.bytes,
                    reason=reason, metrics=ctx.state.last_eval or None)


def emit_started(ctx: RunContext) -> None:
    bundle, device = ctx.bundle, ctx.runtime.device
    resumed = ctx.resumed
    ctx.events.emit(
        "started", runId=ctx.spec.run_id, method=ctx.spec.method, family=bundle.family, modelDir=str(bundle.model_dir),
        device=torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu", deviceType=device.type,
        dtype=ctx.runtime.dtype_name, trainableParameters=bundle.trainable_parameters,
        totalParameters=bundle.total_parameters, epochs=ctx.spec.hyperparameters.epochs,
        stepsPerEpoch=ctx.steps_per_epoch, totalSteps=ctx.total_steps, trainExamples=len(ctx.splits.train),
        testExamples=len(ctx.splits.test), hyperparameters=ctx.spec.hyperparameters.to_json(),
        worldSize=ctx.world.size,
        resumedFrom=None if resumed is None else {"path": str(resumed.path), "step": resumed.state.step,
                                                  "epoch": resumed.state.epoch, "skipped": resumed.skipped})


def report_step(ctx: RunContext, result: StepResult) -> None:
    step, epoch = ctx.state.step, round(ctx.epochs_elapsed(), 4)
    if not ctx.world.is_main or (step % ctx.spec.training.log_every_steps and step != ctx.total_steps):
        return
    values = {"train/loss": result.loss, "train/learning_rate": ctx.scheduler.get_last_lr()[0],
              "train/grad_norm": result.grad_norm}
    for key, value in values.items():
        ctx.events.emit("metric", key=key, step=step, epoch=epoch, value=value)
    throughput = ctx.throughput  # carried over a resume, seconds and steps alike
    seconds_per_step = throughput.elapsed() / max(step, 1)
    ctx.events.emit("progress", step=step, totalSteps=ctx.total_steps, epoch=epoch,
                    epochs=ctx.spec.hyperparameters.epochs, samplesPerSecond=throughput.samples_per_second,
                    tokensPerSecond=throughput.tokens_per_second,
                    etaSeconds=round(seconds_per_step * (ctx.total_steps - step), 1))
    ctx.events.emit("system", step=step, **system_snapshot(ctx.runtime.device))


def run_evaluations(ctx: RunContext) -> Evaluation:
    """Evaluation at the end of an epoch: the test split (eval/*), and the validation split when given."""
    epoch = ctx.state.epoch + 1
    batch_size = ctx.spec.training.eval_batch_size or 2 * ctx.spec.hyperparameters.batch_size
    common = dict(runtime=ctx.runtime, batch_size=batch_size, collate_options=ctx.collate_options,
                  num_labels=ctx.spec.num_labels, world=ctx.world)
    splits = [("eval", ctx.splits.test)] + ([("validation", ctx.splits.validation)] if ctx.splits.validation else [])
    results = {}
    for prefix, split in splits:
        result = evaluate(ctx.model, split, prefix=prefix, **common)
        ctx.state.eval_seconds += result.seconds
        for key, value in result.scalars.items():
            ctx.events.emit("metric", key=key, step=ctx.state.step, epoch=epoch, value=value)
        results[prefix] = result
    # Training time at this evaluation (evaluation excluded, kept across resumes): the x axis of time-to-target.
    ctx.events.emit("metric", key="time/train_seconds", step=ctx.state.step, epoch=epoch, value=round(ctx.throughput.elapsed(), 3))
    test = results["eval"]
    scalars = {k: v for result in results.values() for k, v in result.scalars.items()}
    ctx.state.last_eval = scalars
    if not ctx.world.is_main:
        return test
    predictions = write_predictions(ctx.spec.output_dir / "predictions" / f"test-epoch-{epoch:03d}.jsonl",
                                    ctx.splits.test, test.probabilities)
    ctx.events.emit("eval", epoch=epoch, step=ctx.state.step, split="test", metrics=scalars,
                    confusionMatrix=test.confusion_matrix, predictionsPath=str(predictions), seconds=test.seconds)
    return test


def train(*, spec: RunSpec, events: Events, resume: bool = False, stop: StopRequest | None = None) -> TrainResult:
    """Runs (or resumes) a spec to the end; every outcome is an event and a TrainResult, never an exception."""
    stop = stop or StopRequest()
    world = World.from_env()
    outcome: TrainResult | None = None  # (`result` is each step's)
    try:
        runtime = select_runtime(spec, local_rank=world.local_rank if world.distributed else None)
        world.init(runtime.device)
        check_world(spec, world)
        if world.is_main:
            write_resolved_spec(spec)
        seed_everything(spec.seed, runtime)
        bundle = load_for_training(spec)  # the same seed on every rank: the same initial head everywhere
        ctx = RunContext(spec, events, bundle, load_splits(spec, bundle), runtime, world)
        seed_rank(spec.seed, world)
        restore_or_start(ctx, resume=resume)
        emit_started(ctx)
        hp = spec.hyperparameters
        while ctx.state.epoch < hp.epochs:
            batches = ctx.plan.epoch(ctx.state.epoch)
            ctx.model.train()
            ctx.throughput.start()
            for start in range(ctx.state.batches_done, len(batches), ctx.accumulation):
                global_group = batches[start:start + ctx.accumulation]
                result = train_step(ctx.step_model, ctx.optimizer, ctx.scheduler, local_group(ctx, global_group),
                                    runtime=runtime, max_grad_norm=spec.training.max_grad_norm, step=ctx.state.step,
                                    group_samples=sum(len(indices) for indices in global_group), world=world)
                ctx.state.step += 1
                ctx.state.batches_done = min(start + ctx.accumulation, len(batches))
                ctx.throughput.add(**group_counts(ctx, global_group))
                report_step(ctx, result)
                if world.any(stop.requested):
                    outcome = cancel(ctx)
                    return outcome
                if periodic_checkpoint_due(ctx, len(batches)):
                    ctx.throughput.stop()
                    save_checkpoint(ctx, "steps")
                    ctx.throughput.start()
            ctx.throughput.stop()
            run_evaluations(ctx)
            ctx.state.epoch += 1
            ctx.state.batches_done = 0
            save_checkpoint(ctx, "epoch")
            if world.any(stop.requested) and ctx.state.epoch < hp.epochs:
                outcome = cancel(ctx, saved=True)
                return outcome
        outcome = finish(ctx)
        return outcome
    except Exception as error:  # every failure becomes one typed error event
        return fail(events, as_engine_error(error, spec))
    finally:
        world.close(ended=outcome is not None and outcome.status is RunStatus.SUCCEEDED)


def check_world(spec: RunSpec, world: World) -> None:
    """Each rank takes batchSize / world size examples of every global batch: it must divide evenly."""
    batch_size = spec.hyperparameters.batch_size
    if world.distributed and batch_size % world.size:
        fits = max(world.size, batch_size // world.size * world.size)
        raise spec_invalid("hyperparameters.batchSize", f"{batch_size} is not divisible by the {world.size} "
                                                        f"data-parallel processes; use e.g. {fits}")


def seed_rank(seed: int, world: World) -> None:
    """Rank 0 keeps the single-process stream; the others get their own, so dropout masks differ across ranks."""
    if world.rank > 0:
        torch.manual_seed(seed + 1_000_003 * world.rank)


def local_group(ctx: RunContext, global_group: list[np.ndarray]) -> list[Batch]:
    """This rank's share of each global micro-batch of an accumulation group, collated."""
    group = []
    for indices in global_group:
        mine = ctx.world.shard(indices)
        if len(mine):
            group.append(collate(ctx.splits.train, mine, **ctx.collate_options))
        else:  # an epoch's last batch with fewer examples than ranks: a stand-in that counts for nothing
            group.append(replace(collate(ctx.splits.train, indices[:1], **ctx.collate_options), weight=0.0))
    return group


def group_counts(ctx: RunContext, global_group: list[np.ndarray]) -> dict[str, int]:
    """Samples, real tokens and computed positions of a step on all ranks together (known from the plan alone)."""
    samples = tokens = padded = 0
    for indices in global_group:
        for rank in range(ctx.world.size):
            lengths = ctx.train_lengths[indices[rank::ctx.world.size]]
            if len(lengths):
                width = padded_length(int(lengths.max()), multiple_of=ctx.collate_options["multiple_of"],
                                      limit=ctx.collate_options["limit"])
                samples, tokens, padded = samples + len(lengths), tokens + int(lengths.sum()), padded + len(lengths) * width
    return {"samples": samples, "tokens": tokens, "padded_tokens": padded}


def write_resolved_spec(spec: RunSpec) -> None:
    """What the run trained with, defaults filled in, beside its outputs."""
    spec.output_dir.mkdir(parents=True, exist_ok=True)
    (spec.output_dir / "spec.json").write_text(json.dumps(spec.to_json(), indent=2, ensure_ascii=False), encoding="utf-8")


def load_splits(spec: RunSpec, bundle: ModelBundle) -> Splits:
    splits = prepare_data(spec, bundle.tokenizer)
    if len(splits.train) < spec.hyperparameters.batch_size:
        log.warning("the training split has %d examples, fewer than batchSize %d", len(splits.train),
                    spec.hyperparameters.batch_size)
    return splits


def periodic_checkpoint_due(ctx: RunContext, batches_in_epoch: int) -> bool:
    every = ctx.spec.checkpoint.every_steps
    # At an epoch's last step the epoch checkpoint follows right after the evaluation.
    return every > 0 and ctx.state.step % every == 0 and ctx.state.batches_done < batches_in_epoch


def cancel(ctx: RunContext, *, saved: bool = False) -> TrainResult:
    ctx.throughput.stop()
    if not saved:
        save_checkpoint(ctx, "signal")
    error = EngineError(ErrorCode.CANCELLED, f"stopped on request at step {ctx.state.step}; a checkpoint was "
                                             "written and --resume continues the run", step=ctx.state.step,
                        resumable=True)
    ctx.events.emit("error", **error.to_event())
    return TrainResult(status=RunStatus.CANCELLED, error=error)


def fail(events: Events, error: EngineError) -> TrainResult:
    log.error("%s: %s", error.code.value, error.message)
    events.emit("error", **error.to_event())
    return TrainResult(status=RunStatus.FAILED, error=error)


def is_out_of_memory(error: BaseException) -> bool:
    if isinstance(error, torch.OutOfMemoryError):
        return True
    text = str(error)
    return isinstance(error, RuntimeError) and ("out of memory" in text or "can't allocate memory" in text)


def as_engine_error(error: BaseException, spec: RunSpec) -> EngineError:
    if isinstance(error, EngineError):
        return error
    if is_out_of_memory(error):
        if torch.cuda.is_available():
            torch.cuda.empty_cache()
        batch_size = spec.hyperparameters.batch_size
        return EngineError(ErrorCode.OOM, f"out of memory with batchSize {batch_size} at maxLength {spec.max_length}; "
                                          f"retry with batchSize {max(1, batch_size // 2)} and twice the "
                                          "gradientAccumulationSteps", batchSize=batch_size,
                           suggestedBatchSize=max(1, batch_size // 2))
    if storage.is_disk_full(error, spec.output_dir):
        # A write the engine does not guard itself (predictions, the token cache, spec.json, result.json).
        filename = getattr(error, "filename", None)
        where = Path(filename).parent if isinstance(filename, str) else spec.output_dir
        return storage.disk_full(where, what=Path(filename).name if isinstance(filename, str) else "the run's outputs")
    log.exception("unexpected failure")
    return EngineError(ErrorCode.INTERNAL, f"{type(error).__name__}: {error}")


def finish(ctx: RunContext) -> TrainResult:
    """Final model, ONNX export, summary. Runs once, after the last epoch's checkpoint."""
    spec, events = ctx.spec, ctx.events
    if not ctx.world.is_main:  # rank 0 writes the final model, the export and the summary
        return TrainResult(status=RunStatus.SUCCEEDED, summary={"finalMetrics": dict(ctx.state.last_eval)})
    with storage.disk_writes(spec.output_dir, what="the final model and its ONNX export",
                             needed=final_model_bytes(ctx)):
        exported = save_final_model(ctx)
    throughput = ctx.throughput
    final_metrics = dict(ctx.state.last_eval)
    predictions = ctx.spec.output_dir / "predictions" / "test.jsonl"
    shutil.copyfile(predictions.with_name(f"test-epoch-{spec.hyperparameters.epochs:03d}.jsonl"), predictions)
    summary = {
        "status": RunStatus.SUCCEEDED.value, "runId": spec.run_id, "method": spec.method,
        "finalMetrics": final_metrics, "trainSeconds": round(throughput.elapsed(), 3),
        "evalSeconds": round(ctx.state.eval_seconds, 3), "samplesPerSecond": throughput.samples_per_second,
        "tokensPerSecond": throughput.tokens_per_second,
        "paddingShare": 1 - throughput.tokens / max(throughput.padded_tokens, 1),
        "peakMemoryBytes": peak_memory_bytes(ctx.runtime.device), "mfu": estimate_mfu(ctx),
        "trainableParameters": ctx.bundle.trainable_parameters, "totalParameters": ctx.bundle.total_parameters,
        "steps": ctx.state.step, "epochs": spec.hyperparameters.epochs, "device": ctx.runtime.device.type,
        "dtype": ctx.runtime.dtype_name, "modelDir": exported["modelDir"], "predictionsPath": str(predictions),
        "onnx": exported["onnx"], "worldSize": ctx.world.size,
    }
    for kind, path in exported["artifacts"] + [("predictions", predictions)]:
        events.emit("artifact", kind=kind, path=str(path), bytes=path.stat().st_size, sha256=_sha256(path))
    (spec.output_dir / "result.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    events.emit("completed", summary=summary)
    return TrainResult(status=RunStatus.SUCCEEDED, summary=summary)


def final_model_bytes(ctx: RunContext) -> int:
    """About what `save_final_model` writes: the weights in fp32, once as the model and once more in the export."""
    weights = sum(p.numel() * 4 for p in ctx.model.parameters())
    return weights * (2 if ctx.spec.export.onnx else 1)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def estimate_mfu(ctx: RunContext) -> float | None:
    """Model FLOPs utilisation on CUDA (None on CPU or an unknown GPU): achieved training FLOP/s / peak."""
    peak = peak_flops(ctx.runtime.device)
    throughput = ctx.throughput
    if peak is None or throughput.elapsed() <= 0 or throughput.samples == 0:
        return None
    config = getattr(ctx.bundle.model, "config", None)
    layers = getattr(config, "num_hidden_layers", 0)
    hidden = getattr(config, "hidden_size", 0)
    per_token = training_flops_per_token(
        total_parameters=ctx.bundle.total_parameters, trainable_parameters=ctx.bundle.trainable_parameters,
        layers=layers, hidden=hidden, sequence=throughput.padded_tokens / throughput.samples,
        attention=ctx.bundle.family == "encoder")
    # The throughput counts every rank's tokens: divide by the peak of all the GPUs working on them.
    return per_token * throughput.padded_tokens / throughput.elapsed() / (peak * ctx.world.size)


def save_final_model(ctx: RunContext) -> dict[str, Any]:
    """The trained model as a plain transformers model (LoRA merged; adapters kept too), and its ONNX export."""
    out = ctx.spec.output_dir
    model = ctx.model.to("cpu").float().eval()
    artifacts: list[tuple[str, Path]] = []
    sample = collate(ctx.splits.test, eval_batches(ctx.splits.test.lengths, 8)[0], **ctx.collate_options)
    with torch.no_grad():
        reference = model(input_ids=sample.input_ids, attention_mask=sample.attention_mask).logits.numpy()
    if ctx.spec.uses_lora:
        model.save_pretrained(str(out / "adapter"))
        # Not peft's generated README (a model card template): only what loads the adapter.
        artifacts += [("adapter", p) for p in sorted((out / "adapter").iterdir()) if p.is_file() and p.suffix != ".md"]
        model = model.merge_and_unload()
    model.save_pretrained(str(out / "model"))
    ctx.bundle.tokenizer.save_pretrained(str(out / "model"))
    artifacts += [("model", p) for p in sorted((out / "model").iterdir()) if p.is_file()]
    onnx = None
    if ctx.spec.export.onnx:
        metadata = {"method": ctx.spec.method, "family": ctx.bundle.family, "numLabels": ctx.spec.num_labels,
                    "maxLength": ctx.spec.max_length, "pooling": getattr(model, "pooling", None)}
        result = export_onnx(model, ctx.bundle.tokenizer, family=ctx.bundle.family, out_dir=out / "onnx",
                             input_ids=sample.input_ids, attention_mask=sample.attention_mask,
                             reference_logits=reference, metadata=metadata)
        onnx = result.to_json()
        artifacts += [("onnx", p) for p in sorted((out / "onnx").glob("model.onnx*"))]
        artifacts.append(("tokenizer", out / "onnx" / "tokenizer.json"))
    return {"modelDir": str(out / "model"), "onnx": onnx, "artifacts": artifacts}
