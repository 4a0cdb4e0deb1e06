"""Command line: `run` a spec (or `--resume` it) and `make-tiny` models. Exit codes: 0 succeeded, 1 failed,
2 bad command line, 3 cancelled (a checkpoint was written; `--resume` continues)."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

from .errors import EngineError, ErrorCode, RunStatus
from .events import Events, JsonLinesEvents, NullEvents, configure_logging
from .spec import camel

log = logging.getLogger("tunelab_engine.cli")

# `1`: the engine gets SIGKILL when the process that started it dies (Linux PR_SET_PDEATHSIG); see run_command.
DIE_WITH_PARENT = "TUNELAB_ENGINE_DIE_WITH_PARENT"


def claim_stdout() -> TextIO:
    """Keeps stdout for protocol events only.

    A private duplicate of fd 1 carries the events; fd 1 and sys.stdout are pointed at stderr, so a library that
    prints (or a C extension that writes to fd 1) lands among the human logs instead of corrupting the stream.
    """
    sys.stdout.flush()
    events_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return os.fdopen(events_fd, "w", encoding="utf-8", buffering=1)


def install_stop_handlers(stop: Any) -> None:
    """First SIGTERM/SIGINT: finish the current step, checkpoint, exit 3. A second one kills at once."""

    def handle(signum: int, _frame: Any) -> None:
        log.warning("%s received: stopping after the current step and writing a checkpoint",
                    signal.Signals(signum).name)
        stop.request()
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    signal.signal(signal.SIGTERM, handle)
    signal.signal(signal.SIGINT, handle)


def is_torchrun_worker() -> bool:
    return "LOCAL_RANK" in os.environ and "WORLD_SIZE" in os.environ


def worker_rank() -> int:
    return int(os.environ.get("RANK", "0")) if is_torchrun_worker() else 0


def run_command(args: argparse.Namespace, events: Events) -> int:
    if os.environ.get(DIE_WITH_PARENT) == "1" and not is_torchrun_worker():
        # Set by the trainer daemon: if it dies (SIGKILL, OOM killer), so does this run, before it can write a
        # checkpoint past events the daemon never read; the run's next claim resumes from the checkpoint.
        from .distributed import die_with_parent

        die_with_parent()
    from .spec import RunSpec
    from .train import StopRequest, train

    if args.nproc > 1 and not is_torchrun_worker():
        from .launcher import launch

        return launch(args.spec, nproc=args.nproc, resume=args.resume, events=args.events_stream)

    stop = StopRequest()
    install_stop_handlers(stop)
    try:
        spec = RunSpec.from_file(args.spec)
    except EngineError as error:
        log.error("%s", error.message)
        events.emit("error", **error.to_event())
        return RunStatus.FAILED.exit_code
    return train(spec=spec, events=events, resume=args.resume, stop=stop).exit_code


def make_tiny_command(args: argparse.Namespace, events: Events) -> int:
    from .models.tiny import TinySettings, make_tiny

    try:
        settings = TinySettings(arch=args.arch, vocab_size=args.vocab_size, hidden_size=args.hidden_size,
                                layers=args.layers, max_length=args.max_length, pretrain_steps=args.pretrain_steps,
                                pretrain_batch_size=args.pretrain_batch_size,
                                pretrain_learning_rate=args.pretrain_learning_rate, seed=args.seed)
        result = make_tiny(settings, corpus=Path(args.corpus), out=Path(args.out), events=events)
    except EngineError as error:
        log.error("%s", error.message)
        events.emit("error", **error.to_event())
        return RunStatus.FAILED.exit_code
    except Exception as error:  # noqa: BLE001 - reported as a typed event, traceback on stderr
        log.exception("make-tiny failed")
        events.emit("error", code=ErrorCode.INTERNAL.value, message=f"{type(error).__name__}: {error}")
        return RunStatus.FAILED.exit_code
    log.info("tiny %s model written to %s (%d parameters)", result.arch, result.path, result.parameters)
    events.emit("completed", summary={"status": RunStatus.SUCCEEDED.value, **{camel(k): v for k, v in asdict(result).items()}})
    return RunStatus.SUCCEEDED.exit_code


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 (got {value})")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tunelab_engine", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="train a run spec; events on stdout, logs on stderr")
    run.add_argument("--spec", required=True, help="path of the run spec (JSON)")
    run.add_argument("--resume", action="store_true",
                     help="continue from the newest readable checkpoint in the spec's outputDir (start if none)")
    run.add_argument("--nproc", type=positive_int, default=1,
                     help="data-parallel processes, one per GPU (or CPU processes with gloo): starts torchrun "
                          "--nproc_per_node N; rank 0's events come out here as from one process (default 1)")
    run.set_defaults(handler=run_command)

    tiny = commands.add_parser("make-tiny", help="build a tiny model and tokenizer from a corpus (tests, demos)")
    tiny.add_argument("--arch", required=True, choices=("bert", "mamba"))
    tiny.add_argument("--corpus", required=True, help='JSON-lines file with a "text" field (e.g. train.jsonl)')
    tiny.add_argument("--out", required=True, help="output directory (a Hugging Face model directory)")
    tiny.add_argument("--pretrain-steps", type=int, default=0,
                      help="pre-training steps on the corpus first: masked LM (bert) or causal LM (mamba), each with a "
                           "bag-of-words loss on the sentence vector (default 0: random weights)")
    tiny.add_argument("--pretrain-batch-size", type=int, default=32)
    tiny.add_argument("--pretrain-learning-rate", type=float, default=5e-3)
    tiny.add_argument("--vocab-size", type=int, default=2000)
    tiny.add_argument("--hidden-size", type=int, default=64)
    tiny.add_argument("--layers", type=int, default=2)
    tiny.add_argument("--max-length", type=int, default=64)
    tiny.add_argument("--seed", type=int, default=0)
    tiny.set_defaults(handler=make_tiny_command)
    return parser


def main(argv: list[str] | None = None, *, events_stream: TextIO | None = None) -> int:
    args = build_parser().parse_args(argv)
    stream = events_stream if events_stream is not None else claim_stdout()
    args.events_stream = stream
    rank = worker_rank()
    configure_logging(prefix=f"[rank {rank}] " if is_torchrun_worker() else "")
    if is_torchrun_worker() and "TORCHELASTIC_RUN_ID" in os.environ:
        from .distributed import die_with_parent

        die_with_parent()
    # A data-parallel run speaks through rank 0 alone; the other ranks only log (stderr).
    code = args.handler(args, JsonLinesEvents(stream) if rank == 0 else NullEvents())
    if is_torchrun_worker():
        # Everything is written, fsynced and flushed by now. Skipping the interpreter's teardown (library threads,
        # the process group's destructors) means a worker never keeps torchrun waiting once its run has ended.
        for out in (stream, sys.stderr, sys.__stderr__):
            out.flush()
        os._exit(code)
    return code
