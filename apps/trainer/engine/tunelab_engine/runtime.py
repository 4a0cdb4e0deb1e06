"""Where a run computes: the device, and the precision autocast uses there; seeding for repeatable runs."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from .errors import spec_invalid
from .spec import RunSpec


@dataclass(frozen=True)
class Runtime:
    device: torch.device
    autocast_dtype: torch.dtype | None  # bf16 on CUDA when supported; None: plain fp32

    @property
    def dtype_name(self) -> str:
        return "bf16" if self.autocast_dtype == torch.bfloat16 else "fp32"

    def autocast(self) -> Any:
        if self.autocast_dtype is None:
            return torch.autocast(self.device.type, enabled=False)
        return torch.autocast(self.device.type, dtype=self.autocast_dtype)


def select_runtime(spec: RunSpec, *, local_rank: int | None = None) -> Runtime:
    """`local_rank` (a torchrun worker): that rank's GPU, cuda:LOCAL_RANK; None: the current CUDA device."""
    options = spec.training
    has_cuda = torch.cuda.is_available()
    if options.device == "cuda" and not has_cuda:
        raise spec_invalid("training.device", 'is "cuda" but no CUDA device is visible; use "auto" or "cpu"')
    device = torch.device("cuda" if options.device == "cuda" or (options.device == "auto" and has_cuda) else "cpu")
    if device.type == "cuda" and local_rank is not None:
        if local_rank >= torch.cuda.device_count():
            raise spec_invalid("training.device", f"process with LOCAL_RANK {local_rank} has no GPU of its own "
                                                  f"({torch.cuda.device_count()} visible); start at most that many "
                                                  "processes per node")
        device = torch.device("cuda", local_rank)
    if options.precision == "bf16" and (device.type != "cuda" or not torch.cuda.is_bf16_supported()):
        raise spec_invalid("training.precision", 'bf16 autocast is used only on a CUDA GPU that supports it; use "auto"')
    bf16 = device.type == "cuda" and options.precision != "fp32" and torch.cuda.is_bf16_supported()
    return Runtime(device=device, autocast_dtype=torch.bfloat16 if bf16 else None)


def seed_everything(seed: int, runtime: Runtime) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    if runtime.device.type == "cpu":
        # Bit-for-bit repeatable on a CPU: what lets a killed run resume into the same final metrics.
        torch.use_deterministic_algorithms(True)
    else:
        # TF32 for what stays fp32 under autocast; CUDA runs are not promised to be bit-exact.
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
