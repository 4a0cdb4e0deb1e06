"""Checkpoints that are never half-written: everything needed to continue a run exactly where it stopped.

A checkpoint is a directory `ckpt-s<step>-e<epoch>-b<batch>` under `<outputDir>/checkpoints`, holding the trainable
weights (the adapters and head for LoRA, the head for head-only, everything for full), the optimizer and scheduler
states, the RNG states and the position in the data order. It is written into a temporary directory and renamed
into place, and its manifest (sizes and SHA-256 of each file) is written last: a directory without a valid
manifest is not a checkpoint. Loading walks from the newest to the oldest and takes the first that verifies.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import random
import re
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from torch import nn

from . import storage

log = logging.getLogger("tunelab_engine.checkpoint")

NAME = re.compile(r"^ckpt-s(\d{8})-e(\d{4})-b(\d{6})$")
MANIFEST = "manifest.json"
FORMAT_VERSION = 1


@dataclass
class TrainState:
    """Where training stands. `epoch` is 0-based and in progress; `batches_done` micro-batches of it are consumed."""

    epoch: int = 0
    batches_done: int = 0
    step: int = 0
    throughput: dict[str, Any] = field(default_factory=dict)
    eval_seconds: float = 0.0
    last_eval: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class SavedCheckpoint:
    path: Path
    bytes: int
    state: TrainState


@dataclass
class LoadedCheckpoint:
    path: Path
    state: TrainState
    run: dict[str, Any]  # the resolved spec it was written for
    weights: dict[str, torch.Tensor]
    optimizer: dict[str, Any]
    scheduler: dict[str, Any]
    rng: dict[str, Any]
    skipped: list[str]  # newer checkpoints that did not verify


def checkpoint_name(state: TrainState) -> str:
    return f"ckpt-s{state.step:08d}-e{state.epoch:04d}-b{state.batches_done:06d}"


def list_checkpoints(directory: Path) -> list[Path]:
    """Complete-looking checkpoint directories, oldest first (ordered by step, then position)."""
    if not directory.is_dir():
        return []
    found = [(tuple(map(int, m.groups())), p) for p in directory.iterdir() if p.is_dir() and (m := NAME.match(p.name))]
    return [p for _, p in sorted(found)]


def trainable_state(model: nn.Module) -> dict[str, torch.Tensor]:
    return {name: p.detach().to("cpu").contiguous() for name, p in model.named_parameters() if p.requires_grad}


def capture_rng() -> dict[str, Any]:
    state = np.random.get_state()
    rng = {
        "python": random.getstate(),
        # As tensors and plain values: loadable with torch.load(weights_only=True), no pickled numpy objects.
        "numpy": [state[0], torch.from_numpy(state[1].astype(np.int64)), int(state[2]), int(state[3]), float(state[4])],
        "torch": torch.get_rng_state(),
    }
    if torch.cuda.is_available():
        rng["cuda"] = torch.cuda.get_rng_state_all()
    return rng


def restore_rng(rng: dict[str, Any], *, rank: int = 0) -> None:
    """A DDP checkpoint holds every rank's generators under "ranks" (the top level is rank 0's, so one process can
    resume it too); rank r restores its own when the checkpoint has it."""
    ranks = rng.get("ranks") or []
    if rank < len(ranks):
        rng = ranks[rank]
    elif rank > 0:
        log.warning("the checkpoint has no RNG state for rank %d (written by %d processes); using rank 0's", rank,
                    max(len(ranks), 1))
    random.setstate(_as_tuple(rng["python"]))
    name, keys, pos, has_gauss, cached = rng["numpy"]
    np.random.set_state((name, keys.numpy().astype(np.uint32), pos, has_gauss, cached))
    torch.set_rng_state(rng["torch"])
    if "cuda" in rng and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(rng["cuda"])


def _as_tuple(value: Any) -> Any:
    return tuple(_as_tuple(v) for v in value) if isinstance(value, (list, tuple)) else value


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def save_checkpoint(directory: Path, *, model: nn.Module, optimizer: torch.optim.Optimizer, scheduler: Any,
                    state: TrainState, run: dict[str, Any], reason: str, keep_last: int,
                    rng: dict[str, Any] | None = None) -> SavedCheckpoint:
    """`rng`: the generator states to save (under DDP, every rank's); by default this process's."""
    directory.mkdir(parents=True, exist_ok=True)
    final = directory / checkpoint_name(state)
    if final.is_dir() and verify(final):
        # The same position was already saved (e.g. SIGTERM right after a periodic checkpoint): nothing new to write.
        return SavedCheckpoint(final, _size(final), state)
    temp = directory / f".tmp-{final.name}-{os.getpid()}"
    shutil.rmtree(temp, ignore_errors=True)
    previous = list_checkpoints(directory)
    needed = _size(previous[-1]) if previous else state_bytes(model, optimizer)
    try:
        temp.mkdir()
        save_file(trainable_state(model), str(temp / "weights.safetensors"))
        torch.save(optimizer.state_dict(), temp / "optimizer.pt")
        torch.save(scheduler.state_dict(), temp / "scheduler.pt")
        torch.save(rng if rng is not None else capture_rng(), temp / "rng.pt")
        (temp / "state.json").write_text(json.dumps({"format": FORMAT_VERSION, "reason": reason,
                                                     "state": asdict(state), "run": run}, indent=2), encoding="utf-8")
        files = {}
        for path in sorted(temp.iterdir()):
            _fsync(path)
            files[path.name] = {"bytes": path.stat().st_size, "sha256": _sha256(path)}
        (temp / MANIFEST).write_text(json.dumps({"format": FORMAT_VERSION, "files": files}, indent=2),
                                     encoding="utf-8")
        _fsync(temp / MANIFEST)
    except BaseException as error:
        # Judged before the partial directory is removed: while it is there, a full disk shows as no space free.
        full = storage.is_disk_full(error, directory, needed)
        shutil.rmtree(temp, ignore_errors=True)
        if full:
            keeps = f"the previous checkpoint, {previous[-1].name}," if previous else None
            raise storage.disk_full(directory, what=f"checkpoint {final.name}", needed=needed, keeps=keeps) from error
        raise
    if final.exists():  # an unverifiable leftover under the same name
        shutil.rmtree(final)
    os.replace(temp, final)
    _fsync(directory)
    prune(directory, keep_last)
    return SavedCheckpoint(final, _size(final), state)


def state_bytes(model: nn.Module, optimizer: torch.optim.Optimizer) -> int:
    """What a checkpoint of this model and optimizer takes, about: its trainable weights and optimizer tensors."""
    weights = sum(p.numel() * p.element_size() for p in model.parameters() if p.requires_grad)
    moments = sum(value.numel() * value.element_size() for per_parameter in optimizer.state.values()
                  for value in per_parameter.values() if isinstance(value, torch.Tensor))
    return weights + moments


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.iterdir() if p.is_file())


def prune(directory: Path, keep_last: int) -> None:
    for old in list_checkpoints(directory)[:-keep_last]:
        shutil.rmtree(old, ignore_errors=True)


def remove_partial(directory: Path) -> None:
    """Temporary directories left by a process killed while writing."""
    if directory.is_dir():
        for leftover in directory.glob(".tmp-ckpt-*"):
            shutil.rmtree(leftover, ignore_errors=True)


def verify(path: Path) -> bool:
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        for name, expected in manifest["files"].items():
            file = path / name
            if file.stat().st_size != expected["bytes"] or _sha256(file) != expected["sha256"]:
                return False
        return True
    except (OSError, ValueError, KeyError, TypeError):
        return False


def load_checkpoint(path: Path, device: torch.device) -> LoadedCheckpoint:
    """One checkpoint by path (a DDP rank other than 0 loads the one rank 0 chose); ValueError if it does not verify."""
    if not verify(path):
        raise ValueError("manifest missing or a file does not match it")
    meta = json.loads((path / "state.json").read_text(encoding="utf-8"))
    return LoadedCheckpoint(
        path=path,
        state=TrainState(**meta["state"]),
        run=meta["run"],
        weights=load_file(str(path / "weights.safetensors")),
        optimizer=torch.load(path / "optimizer.pt", map_location=device, weights_only=True),
        scheduler=torch.load(path / "scheduler.pt", weights_only=True),
        rng=torch.load(path / "rng.pt", weights_only=True),
        skipped=[],
    )


def load_latest(directory: Path, device: torch.device) -> LoadedCheckpoint | None:
    """The newest checkpoint that verifies and loads; newer broken ones are reported in `skipped`."""
    skipped: list[str] = []
    for path in reversed(list_checkpoints(directory)):
        try:
            loaded = load_checkpoint(path, device)
        except Exception as error:
            log.warning("checkpoint %s is unreadable (%s); trying the one before", path.name, error)
            skipped.append(str(path))
            continue
        loaded.skipped = skipped
        return loaded
    return None


def apply_weights(model: nn.Module, weights: dict[str, torch.Tensor]) -> None:
    """Loads saved trainable weights; the frozen rest comes from the base model, loaded afresh."""
    result = model.load_state_dict(weights, strict=False)
    trainable = {name for name, p in model.named_parameters() if p.requires_grad}
    missing = trainable & set(result.missing_keys)
    if result.unexpected_keys or missing:
        raise ValueError(f"checkpoint weights do not fit the model (unexpected: {result.unexpected_keys[:3]}, "
                         f"missing: {sorted(missing)[:3]})")
