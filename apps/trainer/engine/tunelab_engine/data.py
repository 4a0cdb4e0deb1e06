"""Split files, tokenisation (once per run, cached on disk), length-grouped batches and dynamic padding."""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from . import storage
from .errors import data_invalid

log = logging.getLogger("tunelab_engine.data")

# Batches are formed within windows of this many batches: wide enough that padding is rare, narrow enough that the
# order stays shuffled (the same trade-off as transformers' LengthGroupedSampler).
MEGABATCH_FACTOR = 50


@dataclass(frozen=True)
class Example:
    id: str | int
    text: str
    label: int


def read_split(path: Path, *, num_labels: int) -> list[Example]:
    """Reads a JSON-lines split: one {"id", "text", "label"} object per line; extra keys are ignored."""
    if not path.is_file():
        raise data_invalid(str(path), "the split file does not exist")
    examples: list[Example] = []
    seen: set[str | int] = set()
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            examples.append(_parse_line(path, number, line, num_labels, seen))
    if not examples:
        raise data_invalid(str(path), "the split has no examples")
    return examples


def _parse_line(path: Path, number: int, line: str, num_labels: int, seen: set[str | int]) -> Example:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise data_invalid(str(path), f"not a JSON object ({error.msg})", line=number)
    if not isinstance(record, dict):
        raise data_invalid(str(path), "each line must be a JSON object", line=number)
    example_id, text, label = record.get("id"), record.get("text"), record.get("label")
    if isinstance(example_id, bool) or not isinstance(example_id, (str, int)):
        raise data_invalid(str(path), f'"id" must be a string or an integer (got {example_id!r})', line=number)
    if example_id in seen:
        # Predictions are keyed by id; the analysis pairs runs through them.
        raise data_invalid(str(path), f'"id" {example_id!r} appears twice', line=number)
    if not isinstance(text, str) or not text.strip():
        raise data_invalid(str(path), '"text" must be a non-empty string', line=number)
    if isinstance(label, bool) or not isinstance(label, int) or not 0 <= label < num_labels:
        raise data_invalid(str(path), f'"label" must be an integer from 0 to {num_labels - 1} (got {label!r}); '
                                      "set numLabels in the spec if there are more classes", line=number)
    seen.add(example_id)
    return Example(id=example_id, text=text, label=label)


@dataclass(frozen=True)
class TokenizedSplit:
    ids: list[str | int]
    input_ids: list[list[int]]
    labels: np.ndarray

    def __len__(self) -> int:
        return len(self.input_ids)

    @property
    def lengths(self) -> np.ndarray:
        return np.fromiter((len(ids) for ids in self.input_ids), dtype=np.int64, count=len(self.input_ids))


def tokenizer_fingerprint(tokenizer: Any) -> str:
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is None:
        body = json.dumps(tokenizer.get_vocab(), sort_keys=True)
    else:
        # Without the truncation and padding settings: a call with truncation=True changes those in place.
        state = json.loads(backend.to_str())
        body = json.dumps({k: v for k, v in state.items() if k not in ("truncation", "padding")}, sort_keys=True)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tokenize_split(tokenizer: Any, examples: list[Example], *, source: Path, max_length: int,
                   cache_dir: Path | None) -> TokenizedSplit:
    """Tokenises a split once; a resumed run (or a second run on the same files) reads the cached result.

    The cache key covers the tokenizer, the file's bytes and max_length, so a changed input never reads stale ids.
    """
    key = hashlib.sha256(f"{tokenizer_fingerprint(tokenizer)}|{file_sha256(source)}|{max_length}".encode()).hexdigest()
    cache_file = cache_dir / f"tokens-{source.stem}-{key[:20]}.pt" if cache_dir is not None else None
    if cache_file is not None and cache_file.is_file():
        try:
            cached = torch.load(cache_file, weights_only=True)
            offsets = cached["offsets"].tolist()
            flat = cached["flat"].tolist()
            input_ids = [flat[offsets[i]:offsets[i + 1]] for i in range(len(offsets) - 1)]
            log.info("tokenised %s read from cache %s", source.name, cache_file.name)
            return TokenizedSplit(ids=list(cached["ids"]), input_ids=input_ids, labels=cached["labels"].numpy())
        except Exception as error:  # a torn cache file is only a lost shortcut
            log.warning("ignoring unreadable token cache %s: %s", cache_file, error)
    encoded = tokenizer([e.text for e in examples], truncation=True, max_length=max_length, padding=False)
    split = TokenizedSplit(ids=[e.id for e in examples], input_ids=[list(ids) for ids in encoded["input_ids"]],
                           labels=np.array([e.label for e in examples], dtype=np.int64))
    if cache_file is not None:
        _write_cache(cache_file, split)
    return split


def _write_cache(cache_file: Path, split: TokenizedSplit) -> None:
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    offsets = np.concatenate([[0], np.cumsum(split.lengths)])
    flat = [token for ids in split.input_ids for token in ids]
    temp = cache_file.with_suffix(f".tmp-{os.getpid()}")
    try:
        torch.save({"ids": split.ids, "flat": torch.tensor(flat, dtype=torch.int64),
                    "offsets": torch.from_numpy(offsets.astype(np.int64)),
                    "labels": torch.from_numpy(split.labels)}, temp)
    except BaseException as error:
        # On a full disk: judged while the partial file still fills it, then removed so it does not stay there.
        full = storage.is_disk_full(error, cache_file.parent)
        temp.unlink(missing_ok=True)
        if full:
            raise storage.disk_full(cache_file.parent, what=f"the token cache {cache_file.name}") from error
        raise
    os.replace(temp, cache_file)


class BatchPlan:
    """The order of training batches for each epoch: a pure function of (seed, epoch).

    Because the order can be recomputed, a checkpoint only needs the epoch and how many batches were consumed to
    resume at the exact same place.
    """

    def __init__(self, lengths: np.ndarray, *, batch_size: int, seed: int, group_by_length: bool) -> None:
        self.lengths = lengths
        self.batch_size = batch_size
        self.seed = seed
        self.group_by_length = group_by_length

    def __len__(self) -> int:
        return math.ceil(len(self.lengths) / self.batch_size)

    def epoch(self, epoch: int) -> list[np.ndarray]:
        rng = np.random.default_rng([self.seed, epoch])
        order = rng.permutation(len(self.lengths))
        if not self.group_by_length:
            return [order[i:i + self.batch_size] for i in range(0, len(order), self.batch_size)]
        window = self.batch_size * MEGABATCH_FACTOR
        grouped = np.concatenate([
            chunk[np.argsort(-self.lengths[chunk], kind="stable")]
            for chunk in (order[i:i + window] for i in range(0, len(order), window))
        ])
        batches = [grouped[i:i + self.batch_size] for i in range(0, len(grouped), self.batch_size)]
        batches = [batches[i] for i in rng.permutation(len(batches))]
        # The longest batch first: if memory is going to run out, it does so in the first step, not after an hour.
        longest = max(range(len(batches)), key=lambda i: int(self.lengths[batches[i]].max()))
        batches.insert(0, batches.pop(longest))
        return batches


def eval_batches(lengths: np.ndarray, batch_size: int) -> list[np.ndarray]:
    """Evaluation order: sorted by length so each batch pads little; predictions are put back in file order."""
    order = np.argsort(-lengths, kind="stable")
    return [order[i:i + batch_size] for i in range(0, len(order), batch_size)]


@dataclass(frozen=True)
class Batch:
    input_ids: torch.Tensor
    attention_mask: torch.Tensor
    labels: torch.Tensor
    indices: np.ndarray
    tokens: int  # real (non-padding) tokens
    # 0 for a stand-in: under DDP a rank whose share of a global batch is empty still runs a step (so the gradient
    # all-reduce sees every rank) on one example whose loss counts for nothing.
    weight: float = 1.0

    @property
    def size(self) -> int:
        return int(self.input_ids.shape[0])

    def to(self, device: torch.device) -> Batch:
        non_blocking = device.type == "cuda"
        return Batch(self.input_ids.to(device, non_blocking=non_blocking),
                     self.attention_mask.to(device, non_blocking=non_blocking),
                     self.labels.to(device, non_blocking=non_blocking), self.indices, self.tokens, self.weight)


def padded_length(longest: int, *, multiple_of: int, limit: int | None = None) -> int:
    """Rounds up to a multiple (tensor cores like multiples of 8) without passing the model's position limit."""
    length = math.ceil(longest / multiple_of) * multiple_of
    return min(length, limit) if limit is not None and limit >= longest else length


def collate(split: TokenizedSplit, indices: np.ndarray, *, pad_token_id: int, multiple_of: int = 8,
            limit: int | None = None) -> Batch:
    """Right-pads a batch to its own longest sequence (dynamic padding), never to the global max length."""
    rows = [split.input_ids[i] for i in indices]
    width = padded_length(max(len(r) for r in rows), multiple_of=multiple_of, limit=limit)
    input_ids = torch.full((len(rows), width), pad_token_id, dtype=torch.long)
    attention_mask = torch.zeros((len(rows), width), dtype=torch.long)
    for row, ids in enumerate(rows):
        input_ids[row, :len(ids)] = torch.tensor(ids, dtype=torch.long)
        attention_mask[row, :len(ids)] = 1
    labels = torch.from_numpy(split.labels[indices])
    return Batch(input_ids, attention_mask, labels, indices, tokens=sum(len(r) for r in rows))
