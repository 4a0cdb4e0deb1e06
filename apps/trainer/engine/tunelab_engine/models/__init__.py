"""Loading a base model for one of the five methods, offline, from a directory or the Hugging Face cache."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from torch import nn
from transformers import AutoConfig, AutoTokenizer

from ..errors import model_not_found, spec_invalid
from ..spec import RunSpec
from .bert import head_names, load_encoder_classifier
from .lora import apply_lora
from .mamba import HEAD_NAME, MambaForSequenceClassification, fused_mamba_kernels_available, load_mamba_classifier

__all__ = ["ModelBundle", "MambaForSequenceClassification", "count_parameters", "load_for_training",
           "resolve_model_dir"]

log = logging.getLogger("tunelab_engine.models")


@dataclass
class ModelBundle:
    model: nn.Module
    tokenizer: Any
    family: str  # "encoder" or "mamba"
    model_dir: Path
    pad_token_id: int
    position_limit: int | None  # longest input the model accepts (BERT's position embeddings), None: unbounded
    trainable_parameters: int
    total_parameters: int


def resolve_model_dir(name: str) -> Path:
    """A local directory as is; otherwise a hub id looked up in the local HF cache only (the engine is offline)."""
    path = Path(name)
    if path.is_absolute():
        if not (path / "config.json").is_file():
            reason = "does not exist" if not path.exists() else "has no config.json"
            raise model_not_found(str(path), f"baseModel {name}: the directory {reason}; point baseModel at a saved "
                                             "Hugging Face model (config.json and weights)")
        return path
    from huggingface_hub import constants, snapshot_download

    cache = Path(constants.HF_HUB_CACHE) / f"models--{name.replace('/', '--')}"
    try:
        return Path(snapshot_download(name, local_files_only=True))
    except Exception:
        raise model_not_found(str(cache), f"baseModel {name!r} is not a directory and not in the Hugging Face cache "
                                          f"(looked in {cache}); download it where there is network access "
                                          f"(`hf download {name}`) or point baseModel at a local directory")


def count_parameters(model: nn.Module) -> tuple[int, int]:
    """(trainable, total) over the parameters the forward pass uses.

    peft keeps a frozen copy of each module it trains in full (`original_module` beside `modules_to_save`); the
    forward pass never reads it, so it is not counted. Tied weights are counted once (named_parameters dedups).
    """
    trainable = total = 0
    for name, parameter in model.named_parameters():
        if ".original_module." in name:
            continue
        total += parameter.numel()
        if parameter.requires_grad:
            trainable += parameter.numel()
    return trainable, total


def _load_tokenizer(model_dir: Path) -> tuple[Any, int]:
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True)
    # Right padding is what last-token pooling and the collator assume.
    tokenizer.padding_side = "right"
    if tokenizer.pad_token_id is None:
        if tokenizer.eos_token_id is None:
            raise model_not_found(str(model_dir), f"the tokenizer in {model_dir} has neither a pad nor an eos token")
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer, int(tokenizer.pad_token_id)


def _freeze_all_but(model: nn.Module, heads: list[str]) -> None:
    for name, parameter in model.named_parameters():
        parameter.requires_grad = name.split(".")[0] in heads


def load_for_training(spec: RunSpec) -> ModelBundle:
    """The base model made ready for `spec.method`: head attached, parameters frozen or wrapped as the method says."""
    model_dir = resolve_model_dir(spec.base_model)
    try:
        config = AutoConfig.from_pretrained(str(model_dir), local_files_only=True)
    except Exception as error:
        raise model_not_found(str(model_dir), f"{model_dir} is not a loadable model ({error})")
    family = "mamba" if config.model_type == "mamba" else "encoder"
    if spec.uses_mamba and family != "mamba":
        raise spec_invalid("baseModel", f"method {spec.method} needs a Mamba checkpoint; {model_dir} is a "
                                        f"{config.model_type!r} model")
    if spec.method in ("full", "lora") and family == "mamba":
        raise spec_invalid("baseModel", f"method {spec.method} needs an encoder (BERT-like) checkpoint; use method "
                                        "mamba or mamba-lora for a Mamba model")
    position_limit = getattr(config, "max_position_embeddings", None) if family == "encoder" else None
    if position_limit is not None and spec.max_length > position_limit:
        raise spec_invalid("maxLength", f"{spec.max_length} exceeds the model's {position_limit} positions")

    tokenizer, pad_token_id = _load_tokenizer(model_dir)
    if family == "mamba":
        pooling = spec.hyperparameters.pooling or "last-token"
        model: nn.Module = load_mamba_classifier(str(model_dir), num_labels=spec.num_labels, pooling=pooling)
        heads = [HEAD_NAME]
    else:
        model = load_encoder_classifier(str(model_dir), num_labels=spec.num_labels)
        model.config.pad_token_id = pad_token_id
        heads = head_names(model)

    if spec.method == "head-only":
        _freeze_all_but(model, heads)
    elif spec.uses_lora:
        fused = family == "mamba" and fused_mamba_kernels_available() and torch.cuda.is_available()
        model = apply_lora(model, spec.hyperparameters, heads=heads, fused_mamba=fused)
    trainable, total = count_parameters(model)
    return ModelBundle(model=model, tokenizer=tokenizer, family=family, model_dir=model_dir,
                       pad_token_id=pad_token_id, position_limit=position_limit,
                       trainable_parameters=trainable, total_parameters=total)
