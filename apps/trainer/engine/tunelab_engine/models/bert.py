"""Encoder classifiers (BERT and relatives) through transformers' own *ForSequenceClassification classes."""

from __future__ import annotations

import torch
from transformers import AutoModelForSequenceClassification, PreTrainedModel

# Heads of transformers' sequence classifiers: BERT, RoBERTa, DeBERTa... call it `classifier`; GPT-2 style `score`.
HEAD_NAMES = ("classifier", "score")


def load_encoder_classifier(path: str, *, num_labels: int) -> PreTrainedModel:
    # SDPA: PyTorch's fused attention (flash / memory-efficient kernels on CUDA); fp32 weights, bf16 via autocast.
    return AutoModelForSequenceClassification.from_pretrained(
        path, num_labels=num_labels, attn_implementation="sdpa", dtype=torch.float32, local_files_only=True,
    )


def head_names(model: torch.nn.Module) -> list[str]:
    present = {name.split(".")[0] for name, _ in model.named_children()}
    names = [name for name in HEAD_NAMES if name in present]
    if not names:
        raise ValueError(f"{type(model).__name__} has no classification head named {' or '.join(HEAD_NAMES)}")
    return names
