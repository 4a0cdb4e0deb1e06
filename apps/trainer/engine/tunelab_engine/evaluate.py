"""Evaluation of a model on a split, and the per-example predictions the analysis needs."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from . import storage
from .data import TokenizedSplit, collate, eval_batches
from .distributed import World
from .metrics import classification_metrics
from .runtime import Runtime


@dataclass(frozen=True)
class Evaluation:
    scalars: dict[str, float]
    confusion_matrix: list[list[int]]
    probabilities: np.ndarray
    seconds: float


@torch.no_grad()
def evaluate(model: nn.Module, split: TokenizedSplit, *, runtime: Runtime, batch_size: int, collate_options: dict,
             num_labels: int, prefix: str, world: World | None = None) -> Evaluation:
    """Under DDP each rank evaluates every size-th batch of the same length-sorted batches and the results are
    gathered: every rank ends with the metrics one process computes (the loss summed in the same batch order)."""
    world = world or World()
    started = time.perf_counter()
    model.eval()
    probabilities = np.zeros((len(split), num_labels), dtype=np.float32)
    batches = eval_batches(split.lengths, batch_size)
    losses: list[tuple[int, float]] = []
    for number in range(world.rank, len(batches), world.size):
        indices = batches[number]
        batch = collate(split, indices, **collate_options).to(runtime.device)
        with runtime.autocast():
            logits = model(input_ids=batch.input_ids, attention_mask=batch.attention_mask).logits.float()
        losses.append((number, float(F.cross_entropy(logits, batch.labels, reduction="sum"))))
        probabilities[indices] = torch.softmax(logits, dim=-1).cpu().numpy()
    model.train()
    if world.distributed:
        mine = np.concatenate([batches[n] for n, _ in losses]) if losses else np.zeros(0, dtype=np.int64)
        gathered = world.gather((mine, probabilities[mine], losses))
        losses = []
        for indices, probs, part in gathered:
            probabilities[indices] = probs
            losses += part
    loss_sum = 0.0
    for _, loss in sorted(losses):
        loss_sum += loss
    metrics = classification_metrics(split.labels, probabilities.argmax(axis=1), num_labels=num_labels,
                                     loss=loss_sum / len(split), prefix=prefix)
    return Evaluation(metrics.scalars, metrics.confusion_matrix, probabilities, time.perf_counter() - started)


def write_predictions(path: Path, split: TokenizedSplit, probabilities: np.ndarray) -> Path:
    """Per-example test predictions: the analysis needs them for confidence intervals and paired tests."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".tmp")
    with storage.disk_writes(path.parent, what=f"the predictions {path.name}"):
        try:
            with temp.open("w", encoding="utf-8") as stream:
                for example_id, label, probs in zip(split.ids, split.labels.tolist(), probabilities.tolist()):
                    record = {"id": example_id, "label": label, "prediction": int(np.argmax(probs)),
                              "probabilities": [round(p, 6) for p in probs]}
                    stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    temp.replace(path)
    return path
