"""ONNX export of the trained classifier, with tokenizer.json beside it and a parity check against PyTorch.

Inputs `input_ids` and `attention_mask` (int64, right-padded), output `logits` (float32, batch x labels); batch and
sequence axes are dynamic for both families.

BERT goes through torch.onnx's exporter (dynamo=True) as is. The legacy TorchScript exporter is not used: it
bakes SDPA's mask handling in for the traced shapes (logits off by 2e-2 on other lengths here).

Mamba needs its own path. Without the CUDA kernels, transformers runs the selective scan as a Python loop over
positions, which export would unroll for one fixed length (a graph per length, and thousands of nodes for a real
model). During export we swap that loop for `torch._higher_order_ops.scan`, which torch.onnx translates into one
ONNX `Scan` node: same arithmetic, a dynamic sequence axis and a graph whose size does not grow with the length.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

log = logging.getLogger("tunelab_engine.export")

PARITY_TOLERANCE = 1e-4
OPSET = 18
# Past this, ONNX's 2 GiB protobuf limit forces the weights into a side file (model.onnx.data).
EXTERNAL_DATA_BYTES = 1_500_000_000


@dataclass(frozen=True)
class OnnxExport:
    path: str
    tokenizer_path: str
    bytes: int
    parity_max_abs_diff: float
    parity_ok: bool
    dynamic_axes: dict[str, list[str]]
    opset: int
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "tokenizerPath": self.tokenizer_path, "bytes": self.bytes,
                "parityMaxAbsDiff": self.parity_max_abs_diff, "parityOk": self.parity_ok,
                "dynamicAxes": self.dynamic_axes, "opset": self.opset, "seconds": self.seconds}


class LogitsOnly(nn.Module):
    """(input_ids, attention_mask) -> logits: the signature an ONNX consumer sees."""

    def __init__(self, model: nn.Module) -> None:
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.model(input_ids=input_ids, attention_mask=attention_mask).logits


def scan_selective_scan(hidden_states: torch.Tensor, dt: torch.Tensor, A: torch.Tensor, B: torch.Tensor,
                        C: torch.Tensor, D: torch.Tensor | None = None, z: torch.Tensor | None = None,
                        delta_bias: torch.Tensor | None = None, delta_softplus: bool = False,
                        return_last_state: bool = False, **_: Any) -> Any:
    """transformers' reference selective scan (modeling_mamba.mamba_selective_scan), written with a scan op.

    Shapes as there: hidden_states and dt (batch, d_inner, length), A (d_inner, d_state), B and C
    (batch, d_state, length).
    """
    from torch._higher_order_ops.scan import scan

    if delta_bias is not None:
        dt = dt + delta_bias.to(dt.dtype)[..., None]
    if delta_softplus:
        dt = F.softplus(dt)
    B, C = B.transpose(1, 2), C.transpose(1, 2)  # (batch, length, d_state)
    decay = torch.exp(A[None, :, None, :] * dt[:, :, :, None])  # (batch, d_inner, length, d_state)
    drive = dt[:, :, :, None] * B[:, None, :, :].float() * hidden_states[:, :, :, None].float()

    def step(state: torch.Tensor, inputs: tuple[torch.Tensor, torch.Tensor, torch.Tensor]) -> Any:
        a, bu, c = inputs
        state = a * state + bu
        # A sum instead of matmul(state, c[..., None]): the latter trips the exporter's decomposition on SymInts.
        return state.clone(), (state * c[:, None, :]).sum(-1)

    initial = torch.zeros_like(decay[:, :, 0, :])
    last, outputs = scan(step, initial, (decay.permute(2, 0, 1, 3), drive.permute(2, 0, 1, 3), C.permute(1, 0, 2)),
                         dim=0)
    out = outputs.permute(1, 2, 0).to(hidden_states.dtype)
    if D is not None:
        out = out + hidden_states * D[None, :, None]
    if z is not None:
        out = out * F.silu(z)
    return (out, last) if return_last_state else out


@contextlib.contextmanager
def onnx_friendly_mamba() -> Iterator[None]:
    from transformers.models.mamba import modeling_mamba

    original = modeling_mamba.mamba_selective_scan
    modeling_mamba.mamba_selective_scan = scan_selective_scan
    try:
        yield
    finally:
        modeling_mamba.mamba_selective_scan = original


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def export_onnx(model: nn.Module, tokenizer: Any, *, family: str, out_dir: Path, input_ids: torch.Tensor,
                attention_mask: torch.Tensor, reference_logits: np.ndarray, metadata: dict[str, Any]) -> OnnxExport:
    """Exports `model` (fp32, CPU, merged) and checks ONNX Runtime's logits against `reference_logits`.

    `reference_logits` come from the model as trained (before LoRA merging), so the check covers merging too.
    """
    import onnxruntime as ort

    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "model.onnx"
    wrapper = LogitsOnly(model).eval()
    batch = torch.export.Dim("batch", min=1, max=65536)
    sequence = torch.export.Dim("sequence", min=2, max=65536)
    shapes = {"input_ids": {0: batch, 1: sequence}, "attention_mask": {0: batch, 1: sequence}}
    weight_bytes = sum(p.numel() * p.element_size() for p in model.parameters())
    scope = onnx_friendly_mamba() if family == "mamba" else contextlib.nullcontext()
    with scope, torch.no_grad():
        torch.onnx.export(wrapper, (input_ids, attention_mask), str(path), input_names=["input_ids", "attention_mask"],
                          output_names=["logits"], dynamic_shapes=shapes, dynamo=True, opset_version=OPSET,
                          external_data=weight_bytes > EXTERNAL_DATA_BYTES, verbose=False)
    tokenizer.save_pretrained(str(out_dir))  # tokenizer.json (+ its config), what an ONNX consumer tokenises with

    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    logits = session.run(["logits"], {"input_ids": input_ids.numpy(), "attention_mask": attention_mask.numpy()})[0]
    difference = float(np.abs(logits - reference_logits).max())
    axes = {"input_ids": ["batch", "sequence"], "attention_mask": ["batch", "sequence"], "logits": ["batch"]}
    result = OnnxExport(path=str(path), tokenizer_path=str(out_dir / "tokenizer.json"),
                        bytes=sum(p.stat().st_size for p in out_dir.glob("model.onnx*")),
                        parity_max_abs_diff=difference, parity_ok=difference <= PARITY_TOLERANCE,
                        dynamic_axes=axes, opset=OPSET, seconds=round(time.perf_counter() - started, 3))
    (out_dir / "model.json").write_text(json.dumps({
        **metadata, "inputs": ["input_ids", "attention_mask"], "outputs": ["logits"], "paddingSide": "right",
        "padTokenId": tokenizer.pad_token_id, "modelSha256": _sha256(path), **asdict(result)}, indent=2),
        encoding="utf-8")
    level = logging.INFO if result.parity_ok else logging.ERROR
    log.log(level, "ONNX export %s: max |logits difference| %.2e (tolerance %.0e)", path, difference, PARITY_TOLERANCE)
    return result
