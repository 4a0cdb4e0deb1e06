"""A Mamba backbone with our own classification head: transformers ships no MambaForSequenceClassification."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn
from transformers import MambaConfig
from transformers.modeling_outputs import SequenceClassifierOutput
from transformers.models.mamba.modeling_mamba import MambaModel, MambaPreTrainedModel

# The head's module name. peft keeps a module trainable only when it is listed in modules_to_save, and the engine
# lists exactly this name (and BERT's, which is the same), so renaming it would silently freeze the head.
HEAD_NAME = "classifier"


def pool(hidden: torch.Tensor, attention_mask: torch.Tensor | None, mode: str) -> torch.Tensor:
    """One vector per sequence from a causal model's hidden states (batch, length, hidden); right padding.

    Position 0 has seen only the first token in a causal model, so it is never used. "last-token" takes the last
    real token, which has seen the whole text; "mean" averages the real tokens. Padding after the text changes
    neither: a causal model's state at a position depends only on the positions before it.
    """
    if attention_mask is None:
        return hidden[:, -1] if mode == "last-token" else hidden.mean(dim=1)
    if mode == "last-token":
        last = attention_mask.sum(dim=1) - 1
        return hidden[torch.arange(hidden.shape[0], device=hidden.device), last]
    if mode == "mean":
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        return (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)
    raise ValueError(f"unknown pooling {mode!r}")


class MambaForSequenceClassification(MambaPreTrainedModel):
    """MambaModel + pooling + dropout + a linear head named `classifier`.

    Subclassing MambaPreTrainedModel (base_model_prefix "backbone") means `from_pretrained` on a MambaForCausalLM
    checkpoint (state-spaces/mamba-130m-hf, or make-tiny's output) loads the backbone and initialises only the head.
    The pooling mode lives in the config (`classifier_pooling`) so a saved fine-tuned model reloads as trained.
    """

    def __init__(self, config: MambaConfig) -> None:
        super().__init__(config)
        self.num_labels = config.num_labels
        self.pooling = getattr(config, "classifier_pooling", "last-token")
        self.backbone = MambaModel(config)
        self.dropout = nn.Dropout(getattr(config, "classifier_dropout", 0.1))
        self.classifier = nn.Linear(config.hidden_size, config.num_labels)
        self.post_init()

    def forward(self, input_ids: torch.Tensor | None = None, attention_mask: torch.Tensor | None = None,
                labels: torch.Tensor | None = None, **_: object) -> SequenceClassifierOutput:
        # use_cache=False: the recurrent cache is for generation; with it, eval would take the step-by-step path.
        hidden = self.backbone(input_ids=input_ids, attention_mask=attention_mask, use_cache=False).last_hidden_state
        logits = self.classifier(self.dropout(pool(hidden, attention_mask, self.pooling)))
        loss = F.cross_entropy(logits.float(), labels) if labels is not None else None
        return SequenceClassifierOutput(loss=loss, logits=logits)


def load_mamba_classifier(path: str, *, num_labels: int, pooling: str) -> MambaForSequenceClassification:
    config = MambaConfig.from_pretrained(path, local_files_only=True)
    config.num_labels = num_labels
    config.classifier_pooling = pooling
    config.use_cache = False
    # dtype float32: checkpoints saved in half precision are trained in fp32 (bf16 comes from autocast on CUDA).
    return MambaForSequenceClassification.from_pretrained(path, config=config, dtype=torch.float32,
                                                          local_files_only=True)


def fused_mamba_kernels_available() -> bool:
    """True where mamba-ssm is importable: transformers then trains through a fused kernel (see lora.py)."""
    try:
        import mamba_ssm  # noqa: F401
    except Exception:
        return False
    return True
