"""`run --nproc N`: one run across N processes (one per GPU), started through torchrun, speaking the protocol as one
engine process does: rank 0's events on stdout, the same exit codes, SIGTERM/SIGINT handled the same way."""

from __future__ import annotations

import json
import logging
import signal
import subprocess
import sys
from typing import Any, TextIO

from .distributed import die_with_parent
from .errors import RunStatus

log = logging.getLogger("tunelab_engine.launcher")


def torchrun_command(spec: str, *, nproc: int, resume: bool) -> list[str]:
    # --standalone: a rendezvous on localhost with a free port, so concurrent runs on one machine never collide.
    return [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", str(nproc),
            "-m", "tunelab_engine", "run", "--spec", spec, *(["--resume"] if resume else [])]


def exit_code_for(terminal: dict[str, Any] | None, torchrun_code: int) -> int:
    """The engine's exit code from rank 0's last event; torchrun itself only says whether every worker exited 0."""
    if terminal is None:
        return torchrun_code if torchrun_code > 0 else RunStatus.FAILED.exit_code
    if terminal["type"] == "completed":
        return RunStatus.SUCCEEDED.exit_code
    if terminal.get("code") == "CANCELLED":
        return RunStatus.CANCELLED.exit_code
    return RunStatus.FAILED.exit_code


def launch(spec: str, *, nproc: int, resume: bool, events: TextIO) -> int:
    """Starts torchrun, passes the workers' event lines through to `events` and forwards stop signals.

    torchrun forwards SIGTERM/SIGINT to every worker (each finishes its step; rank 0 writes the checkpoint). A
    second signal SIGKILLs torchrun, and the workers die with it (they set PR_SET_PDEATHSIG), as does everything if
    this launcher is SIGKILLed.
    """
    command = torchrun_command(spec, nproc=nproc, resume=resume)
    log.info("starting %d data-parallel processes: %s", nproc, " ".join(command))
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, encoding="utf-8",
                               preexec_fn=die_with_parent)
    signals_seen = 0

    def forward(signum: int, _frame: Any) -> None:
        nonlocal signals_seen
        signals_seen += 1
        if signals_seen == 1:
            log.warning("%s received: passing it to the workers (they stop after the current step and checkpoint)",
                        signal.Signals(signum).name)
            process.send_signal(signum)
        else:
            process.kill()

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    terminal = None
    assert process.stdout is not None
    for line in process.stdout:
        event = _as_event(line)
        if event is None:
            if line.strip():
                log.info("torchrun: %s", line.rstrip())
            continue
        events.write(line if line.endswith("\n") else line + "\n")
        events.flush()
        if event["type"] in ("completed", "error"):
            terminal = event
    code = process.wait()
    if terminal is None:
        log.error("the workers ended (torchrun exit code %s) without a completed or error event", code)
    return exit_code_for(terminal, code)


def _as_event(line: str) -> dict[str, Any] | None:
    try:
        event = json.loads(line)
    except ValueError:
        return None
    return event if isinstance(event, dict) and isinstance(event.get("type"), str) and "v" in event else None
