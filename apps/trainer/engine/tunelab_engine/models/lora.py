"""LoRA through peft, with the classification head trained alongside the adapters."""

from __future__ import annotations

import logging

from peft import LoraConfig, PeftModel, get_peft_model
from torch import nn

from ..errors import spec_invalid
from ..spec import Hyperparameters

log = logging.getLogger("tunelab_engine.lora")

# With mamba-ssm installed, transformers trains a Mamba mixer through one fused kernel (`mamba_inner_fn`) that reads
# x_proj, dt_proj and out_proj's weights directly: LoRA adapters on those modules are skipped in training (and
# peft refuses out_proj and conv1d for Mamba outright). in_proj runs as a module before the kernel, so its adapters
# always apply.
FUSED_PATH_IGNORES = ("x_proj", "dt_proj", "out_proj")


def apply_lora(model: nn.Module, hp: Hyperparameters, *, heads: list[str], fused_mamba: bool = False) -> PeftModel:
    targets = list(hp.lora_target_modules or ())
    if fused_mamba:
        ignored = [t for t in targets if t in FUSED_PATH_IGNORES]
        if ignored:
            raise spec_invalid("hyperparameters.loraTargetModules",
                               f"{', '.join(ignored)} would be bypassed by the fused mamba-ssm kernel on this machine "
                               'and train nothing; use ["in_proj"]')
    present = {name.rsplit(".", 1)[-1] for name, _ in model.named_modules()}
    missing = [t for t in targets if t not in present]
    if missing:
        linear = sorted({name.rsplit(".", 1)[-1] for name, m in model.named_modules() if isinstance(m, nn.Linear)})
        raise spec_invalid("hyperparameters.loraTargetModules",
                           f"{', '.join(missing)} matches no module of this model; its linear layers are "
                           f"{', '.join(linear)}")
    config = LoraConfig(r=hp.lora_r, lora_alpha=hp.lora_alpha, lora_dropout=hp.lora_dropout, target_modules=targets,
                        bias="none", modules_to_save=heads)
    try:
        return get_peft_model(model, config)
    except ValueError as error:
        # peft names what is wrong: a module that does not exist, or one it refuses for this architecture.
        raise spec_invalid("hyperparameters.loraTargetModules", str(error).splitlines()[0])
