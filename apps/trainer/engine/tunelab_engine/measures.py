"""Speed and memory: wall clocks, throughput, RSS / CUDA memory, and an MFU estimate on CUDA."""

from __future__ import annotations

import os
import resource
import time
from dataclasses import dataclass, field

import psutil
import torch

# Dense bf16 peak of common GPUs, in FLOP/s (vendor datasheets, without sparsity). TUNELAB_PEAK_FLOPS overrides.
PEAK_BF16_FLOPS = {
    "H200": 989e12, "H100": 989e12, "H800": 989e12, "GH200": 989e12, "B200": 2250e12,
    "A100": 312e12, "A800": 312e12, "A30": 165e12, "L40S": 362e12, "L40": 181e12, "L4": 121e12,
    "A10G": 70e12, "A10": 125e12, "RTX 4090": 165e12, "RTX 3090": 71e12, "A6000": 155e12,
}


def rss_bytes() -> int:
    return psutil.Process(os.getpid()).memory_info().rss


def peak_rss_bytes() -> int:
    # ru_maxrss is in KiB on Linux: the process's high-water mark, including what the libraries allocated.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def system_snapshot(device: torch.device) -> dict[str, int | None]:
    cuda = device.type == "cuda"
    return {
        "rssBytes": rss_bytes(),
        "peakRssBytes": peak_rss_bytes(),
        "cudaAllocatedBytes": torch.cuda.memory_allocated(device) if cuda else None,
        "cudaMaxAllocatedBytes": torch.cuda.max_memory_allocated(device) if cuda else None,
    }


def peak_memory_bytes(device: torch.device) -> int:
    """What the run's memory budget must allow: CUDA max allocated on a GPU, the process's peak RSS on a CPU."""
    return torch.cuda.max_memory_allocated(device) if device.type == "cuda" else peak_rss_bytes()


def peak_flops(device: torch.device) -> float | None:
    override = os.environ.get("TUNELAB_PEAK_FLOPS")
    if override:
        return float(override)
    if device.type != "cuda":
        return None
    name = torch.cuda.get_device_name(device)
    for key in sorted(PEAK_BF16_FLOPS, key=len, reverse=True):  # "L40S" before "L40" before "L4"
        if key in name:
            return PEAK_BF16_FLOPS[key]
    return None


def training_flops_per_token(*, total_parameters: int, trainable_parameters: int, layers: int, hidden: int,
                             sequence: float, attention: bool) -> float:
    """Model FLOPs per trained token (PaLM appendix B): 2N forward, 2N backward through activations, plus 2N for
    weight gradients of the trained share only; attention adds 12·L·H·T for a full fine-tune (6·L·H·T x 2 for
    QK^T and AV), scaled the same way. An estimate for comparing runs, not a measurement.
    """
    dense = 4 * total_parameters + 2 * trainable_parameters
    attention_flops = 12 * layers * hidden * sequence if attention else 0.0
    return dense + attention_flops


@dataclass
class Throughput:
    """Accumulates trained samples and tokens over wall time; survives a resume through the checkpoint."""

    seconds: float = 0.0
    samples: int = 0
    tokens: int = 0  # real tokens
    padded_tokens: int = 0  # tokens the model computed over, padding included
    _started: float | None = field(default=None, repr=False)

    def start(self) -> None:
        self._started = time.perf_counter()

    def stop(self) -> None:
        if self._started is not None:
            self.seconds += time.perf_counter() - self._started
            self._started = None

    def add(self, *, samples: int, tokens: int, padded_tokens: int) -> None:
        self.samples += samples
        self.tokens += tokens
        self.padded_tokens += padded_tokens

    def elapsed(self) -> float:
        running = time.perf_counter() - self._started if self._started is not None else 0.0
        return self.seconds + running

    @property
    def samples_per_second(self) -> float:
        return self.samples / self.elapsed() if self.elapsed() > 0 else 0.0

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.elapsed() if self.elapsed() > 0 else 0.0

    def to_json(self) -> dict[str, float | int]:
        return {"seconds": self.elapsed(), "samples": self.samples, "tokens": self.tokens,
                "paddedTokens": self.padded_tokens}

    @classmethod
    def from_json(cls, raw: dict) -> Throughput:
        return cls(seconds=float(raw["seconds"]), samples=int(raw["samples"]), tokens=int(raw["tokens"]),
                   padded_tokens=int(raw.get("paddedTokens", 0)))
