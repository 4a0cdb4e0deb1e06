"""TUNELAB_ENGINE_DIE_WITH_PARENT=1 (what the trainer daemon sets): a SIGKILLed daemon takes its engine with it.

Without it an orphaned engine trains on unseen until it next writes to the pipe of its dead parent, and may write a
checkpoint past events the daemon never journaled. Here the engine's stdout is a file, so no broken pipe ends it:
only the death signal can.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import make_spec, write_spec

PARENT = """
import os, subprocess, sys, time
spec, events, die = sys.argv[1:]
env = {k: v for k, v in os.environ.items() if k != "TUNELAB_ENGINE_DIE_WITH_PARENT"}
if die == "1":
    env["TUNELAB_ENGINE_DIE_WITH_PARENT"] = "1"
with open(events, "w") as out:
    engine = subprocess.Popen([sys.executable, "-m", "tunelab_engine", "run", "--spec", spec], stdout=out,
                              stderr=subprocess.DEVNULL, env=env)
print(engine.pid, flush=True)
time.sleep(600)
"""


def running(pid: int) -> bool:
    """Alive and not a zombie (a killed orphan waits as one until init reaps it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
@pytest.mark.parametrize("die_with_parent", [True, False])
def test_the_engine_dies_with_the_process_that_started_it(die_with_parent, tiny_bert, corpus, tmp_path):
    spec = make_spec(method="full", model=tiny_bert, corpus=corpus, out=tmp_path / "o", hyperparameters={"epochs": 50})
    spec = write_spec(tmp_path / "run.json", spec)
    events = tmp_path / "events.jsonl"
    parent = subprocess.Popen([sys.executable, "-c", PARENT, str(spec), str(events), "1" if die_with_parent else "0"],
                              stdout=subprocess.PIPE, text=True)
    engine = int(parent.stdout.readline())
    try:
        deadline = time.monotonic() + 120
        while '"type":"started"' not in (events.read_text() if events.exists() else ""):
            assert running(engine) and time.monotonic() < deadline, "the engine did not start"
            time.sleep(0.1)
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 3
        while running(engine) and time.monotonic() < deadline:
            time.sleep(0.05)
        # With the variable the engine is gone at once; without it, it trains on (50 epochs), orphaned.
        assert running(engine) is not die_with_parent
    finally:
        if running(engine):
            os.kill(engine, signal.SIGKILL)
