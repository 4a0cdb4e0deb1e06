"""Data parallelism across processes (DDP): one run on several GPUs, or on CPU with gloo in tests.

Under `torchrun --nproc_per_node N -m tunelab_engine run …` (or `run --nproc N`, which starts torchrun itself) each
process reads RANK, WORLD_SIZE and LOCAL_RANK, joins the process group (NCCL on CUDA, gloo on CPU) and takes its
slice of every global batch of the one batch plan, so the effective batch and the number of optimizer steps are those
of a single process. Rank 0 alone writes events, checkpoints, predictions and the final model. A `World` of size 1 is
the single-process case: every method is then a no-op, so the training loop has one code path.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime
import inspect
import logging
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
import torch.distributed as dist
from torch import nn

log = logging.getLogger("tunelab_engine.distributed")


@dataclass
class World:
    rank: int = 0
    size: int = 1
    local_rank: int = 0
    device: torch.device = field(default_factory=lambda: torch.device("cpu"))

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> World:
        """torchrun's RANK, WORLD_SIZE and LOCAL_RANK; absent (a plain `python -m tunelab_engine`): one process."""
        env = os.environ if environ is None else environ
        return cls(rank=int(env.get("RANK", 0)), size=int(env.get("WORLD_SIZE", 1)),
                   local_rank=int(env.get("LOCAL_RANK", 0)))

    @property
    def distributed(self) -> bool:
        return self.size > 1

    @property
    def is_main(self) -> bool:
        return self.rank == 0

    def init(self, device: torch.device) -> None:
        """Joins the process group; on CUDA each rank uses cuda:LOCAL_RANK (already chosen by select_runtime)."""
        self.device = device
        if not self.distributed or dist.is_initialized():
            return
        if device.type == "cuda":
            torch.cuda.set_device(device)
        backend = "nccl" if device.type == "cuda" else "gloo"
        dist.init_process_group(backend=backend, **({"device_id": device} if device.type == "cuda" else {}))
        log.info("rank %d of %d joined the %s process group on %s", self.rank, self.size, backend, device)

    def _wait_for_main(self) -> None:
        if not dist.is_initialized():  # failed before joining: rank 0 meets the same error within moments
            time.sleep(5)
            return
        try:
            _wait_for_main_store(MAIN_GRACE_SECONDS)
        except Exception as error:  # rank 0 gone or slow: torchrun ends the run either way
            log.warning("rank 0 did not finish within %.0f s (%s)", MAIN_GRACE_SECONDS, error)

    def close(self, *, ended: bool = True, timeout: float = 10.0) -> None:
        """Leaves the process group, waiting at most `timeout` seconds: a rank must never hang on its way out while
        torchrun waits for it (the process exits right after; see cli.main).

        A rank other than 0 whose run did not succeed (`ended` False: a failure every rank meets alike, or a stop)
        first waits for rank 0 to say it is done: torchrun stops every worker as soon as one exits with an error, and
        rank 0 must have written its checkpoint and its `error` event by then.
        """
        if not self.distributed:
            return
        if not self.is_main and not ended:
            self._wait_for_main()
        if not dist.is_initialized():
            return
        if self.is_main:
            with contextlib.suppress(Exception):
                _store().set(DONE_KEY, "1")
        leaving = threading.Thread(target=dist.destroy_process_group, name="destroy-process-group", daemon=True)
        leaving.start()
        leaving.join(timeout)
        if leaving.is_alive():
            log.warning("leaving the process group took over %.0f s; exiting without waiting", timeout)

    def wrap(self, model: nn.Module) -> nn.Module:
        """The module the training steps call: DDP (which averages gradients across ranks) or the model itself."""
        if not self.distributed:
            return model
        device_ids = [self.device.index] if self.device.type == "cuda" else None
        # No buffers to keep in step (no batch norm): syncing them at every forward would only cost time. Newer torch
        # names the option forward_sync_buffers (and deprecates broadcast_buffers); older torch has only the latter.
        ddp = nn.parallel.DistributedDataParallel
        option = ("forward_sync_buffers" if "forward_sync_buffers" in inspect.signature(ddp.__init__).parameters
                  else "broadcast_buffers")
        return ddp(model, device_ids=device_ids, **{option: False})

    def shard(self, indices: np.ndarray) -> np.ndarray:
        """This rank's share of a global batch: every size-th example from its rank on (sizes differ by at most
        one, and each rank gets long and short texts alike, so no rank waits on another)."""
        return indices[self.rank::self.size]

    def no_sync(self, model: nn.Module, *, last: bool) -> contextlib.AbstractContextManager[Any]:
        """Gradient accumulation: the gradients are all-reduced only on a group's last micro-batch."""
        if self.distributed and not last and isinstance(model, nn.parallel.DistributedDataParallel):
            return model.no_sync()
        return contextlib.nullcontext()

    def sum(self, value: float) -> float:
        if not self.distributed:
            return value
        tensor = torch.tensor([value], dtype=torch.float64 if self.device.type == "cpu" else torch.float32,
                              device=self.device)
        dist.all_reduce(tensor, op=dist.ReduceOp.SUM)
        return float(tensor.item())

    def any(self, flag: bool) -> bool:
        """True on every rank when it is true on one (a stop request seen by any rank stops all at the same step)."""
        if not self.distributed:
            return flag
        tensor = torch.tensor([1 if flag else 0], dtype=torch.int32, device=self.device)
        dist.all_reduce(tensor, op=dist.ReduceOp.MAX)
        return bool(tensor.item())

    def gather(self, value: Any) -> list[Any]:
        """Every rank's `value` (picklable), in rank order, on every rank."""
        if not self.distributed:
            return [value]
        out: list[Any] = [None] * self.size
        dist.all_gather_object(out, value)
        return out

    def broadcast(self, value: Any) -> Any:
        """Rank 0's `value` on every rank."""
        if not self.distributed:
            return value
        box = [value if self.is_main else None]
        dist.broadcast_object_list(box, src=0)
        return box[0]


DONE_KEY = "tunelab/rank0-done"
MAIN_GRACE_SECONDS = 60.0


def _store() -> Any:
    return dist.distributed_c10d._get_default_store()


def _wait_for_main_store(timeout: float) -> None:
    _store().wait([DONE_KEY], datetime.timedelta(seconds=timeout))


def die_with_parent() -> None:
    """A torchrun worker starts in its own session; if torchrun is SIGKILLed (as the daemon does when a run is lost),
    the worker would train on as an orphan. Linux's PR_SET_PDEATHSIG kills it with its parent instead."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1: PR_SET_PDEATHSIG
    except OSError:  # pragma: no cover - not glibc
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os.kill(os.getpid(), signal.SIGKILL)

