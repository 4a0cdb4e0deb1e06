"""Benchmark (not a test): the engine's training throughput against the original notebook's way, in one process.

Reference = the notebook: transformers' `Trainer`, every text padded to `max_length` (`padding="max_length"`), fp32,
batch 8. Engine = `tunelab_engine.train` with its defaults (dynamic padding to a multiple of 8, length-grouped
batches). Same tiny BERT (make-tiny, pre-trained), same synthetic reviews, same batch, learning rate, schedule, epochs
and machine. Both report samples/s over their training loop only and accuracy on the same test split.

With a CUDA GPU, `--gpu` also trains a BERT-base-shaped model (random weights, 12 x 768, rubert's 119,547-token
vocabulary) at length 256 in bf16 and reports the engine's MFU.

    npm run bench:engine                       # measure and append to docs/benchmarks.md
    npm run bench:engine -- --no-record        # measure only
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch

import tunelab_engine  # noqa: F401 - offline environment first
from tunelab_engine.events import RecordingEvents, configure_logging
from tunelab_engine.models.tiny import TinySettings, make_tiny, train_tokenizer
from tunelab_engine.spec import RunSpec
from tunelab_engine.synthetic import write_splits
from tunelab_engine.train import train

REPO = Path(__file__).resolve().parents[4]
BENCHMARKS = REPO / "docs" / "benchmarks.md"
SECTION = "## Engine"


def read_split(path: Path) -> tuple[list[str], list[int]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [r["text"] for r in rows], [r["label"] for r in rows]


def reference_run(model_dir: Path, splits: dict[str, Path], args: argparse.Namespace, out: Path) -> dict[str, float]:
    """The notebook's loop: HF Trainer on datasets padded to max_length, fp32."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

    torch.use_deterministic_algorithms(False)
    torch.manual_seed(args.seed)
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))

    class Padded(torch.utils.data.Dataset):
        def __init__(self, path: Path) -> None:
            texts, self.labels = read_split(path)
            self.encoded = tokenizer(texts, padding="max_length", truncation=True, max_length=args.max_length)

        def __len__(self) -> int:
            return len(self.labels)

        def __getitem__(self, i: int) -> dict[str, Any]:
            item = {k: torch.tensor(v[i]) for k, v in self.encoded.items()}
            item["labels"] = torch.tensor(self.labels[i])
            return item

    train_set, test_set = Padded(splits["train"]), Padded(splits["test"])
    model = AutoModelForSequenceClassification.from_pretrained(str(model_dir), num_labels=2)
    steps = args.epochs * -(-len(train_set) // args.batch_size)
    training_args = TrainingArguments(
        output_dir=str(out), per_device_train_batch_size=args.batch_size, per_device_eval_batch_size=2 * args.batch_size,
        num_train_epochs=args.epochs, learning_rate=args.learning_rate, weight_decay=0.01,
        warmup_steps=round(0.1 * steps), max_grad_norm=1.0, eval_strategy="no", save_strategy="no",
        logging_strategy="no", report_to="none", seed=args.seed, disable_tqdm=True, use_cpu=args.device == "cpu",
    )
    trainer = Trainer(model=model, args=training_args, train_dataset=train_set)
    metrics = trainer.train().metrics
    predictions = trainer.predict(test_set).predictions.argmax(axis=1)
    return {"samples_per_second": metrics["train_samples_per_second"], "train_seconds": metrics["train_runtime"],
            "accuracy": float((predictions == np.array(test_set.labels)).mean()), "padding_share": padding_share(
                train_set.encoded["attention_mask"])}


def padding_share(masks: list[list[int]]) -> float:
    total = sum(len(m) for m in masks)
    return 1 - sum(sum(m) for m in masks) / total


def engine_run(model_dir: Path, splits: dict[str, Path], args: argparse.Namespace, out: Path) -> dict[str, float]:
    spec = RunSpec.from_dict({
        "method": "full", "baseModel": str(model_dir), "data": {k: str(v) for k, v in splits.items()},
        "outputDir": str(out), "maxLength": args.max_length, "seed": args.seed,
        "hyperparameters": {"learningRate": args.learning_rate, "batchSize": args.batch_size, "epochs": args.epochs,
                            "weightDecay": 0.01, "warmupRatio": 0.1},
        "training": {"logEverySteps": 50, "device": args.device}, "export": {"onnx": False},
    }, base_dir=out)
    events = RecordingEvents()
    result = train(spec=spec, events=events)
    if result.summary is None:
        raise SystemExit(f"the engine failed: {result.error.to_event() if result.error else '?'}")
    summary = result.summary
    return {"samples_per_second": summary["samplesPerSecond"], "train_seconds": summary["trainSeconds"],
            "accuracy": summary["finalMetrics"]["eval/accuracy"], "padding_share": summary["paddingShare"],
            "mfu": summary["mfu"]}


def gpu_mfu(args: argparse.Namespace, splits: dict[str, Path], work: Path) -> dict[str, Any] | None:
    """BERT-base full fine-tuning at length 256 in bf16 on CUDA: the engine's MFU (random weights, same shape)."""
    if not torch.cuda.is_available():
        return None
    from transformers import BertConfig, BertForSequenceClassification

    texts, _ = read_split(splits["train"])
    tokenizer = train_tokenizer("bert", texts, vocab_size=2000, max_length=256)
    config = BertConfig(vocab_size=119547, pad_token_id=tokenizer.pad_token_id)  # bert-base: 12 x 768, 12 heads
    model_dir = work / "bert-base-shaped"
    BertForSequenceClassification(config).save_pretrained(str(model_dir))
    tokenizer.save_pretrained(str(model_dir))
    out = work / "gpu-run"
    spec = RunSpec.from_dict({
        "method": "full", "baseModel": str(model_dir), "data": {k: str(v) for k, v in splits.items()},
        "outputDir": str(out), "maxLength": 256, "seed": args.seed,
        "hyperparameters": {"learningRate": 2e-5, "batchSize": args.gpu_batch_size, "epochs": 1},
        "training": {"logEverySteps": 50, "lengthGrouping": True}, "export": {"onnx": False},
    }, base_dir=work)
    result = train(spec=spec, events=RecordingEvents())
    if result.summary is None:
        return {"error": result.error.to_event() if result.error else "?"}
    s = result.summary
    return {"device": torch.cuda.get_device_name(0), "mfu": s["mfu"], "samples_per_second": s["samplesPerSecond"],
            "tokens_per_second": s["tokensPerSecond"], "padding_share": s["paddingShare"], "dtype": s["dtype"],
            "batch_size": args.gpu_batch_size, "peak_memory_gib": s["peakMemoryBytes"] / 2**30}


def machine() -> str:
    cpu = platform.processor() or "cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, Python {platform.python_version()}, "
            f"torch {torch.__version__} ({torch.get_num_threads()} threads)")


def record(text: str) -> None:
    """Appends an entry at the end of the Engine section (created at the end of the file if absent)."""
    content = BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.exists() else (
        "# Benchmarks\n\nFigures measured on this project's machines, with the command that produced them.\n")
    lines = content.rstrip("\n").split("\n")
    if SECTION not in lines:
        lines += ["", SECTION, "", "Command: `npm run bench:engine` (apps/trainer/engine/bench/bench_engine.py). Newest "
                  "entries last."]
    start = lines.index(SECTION)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    lines[end:end] = ["", *text.rstrip("\n").split("\n")] + ([""] if end < len(lines) else [])
    BENCHMARKS.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", type=int, default=2000, help="training reviews")
    parser.add_argument("--test", type=int, default=500)
    parser.add_argument("--max-length", type=int, default=256)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument("--hidden-size", type=int, default=64, help="64: the tests' tiny size")
    parser.add_argument("--layers", type=int, default=2)
    # A well pre-trained [CLS] matters: at 150 steps both loops stay at the majority class on these long reviews.
    parser.add_argument("--pretrain-steps", type=int, default=300)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--device", choices=("cpu", "cuda"), default="cpu")
    parser.add_argument("--gpu", action="store_true", help="also measure MFU of BERT-base-shaped training on CUDA")
    parser.add_argument("--gpu-batch-size", type=int, default=32)
    parser.add_argument("--no-record", action="store_true", help="print only; do not append to docs/benchmarks.md")
    args = parser.parse_args(argv)
    configure_logging()
    command = "npm run bench:engine" + (" -- " + " ".join(argv if argv is not None else sys.argv[1:]) if (argv or sys.argv[1:]) else "")

    with tempfile.TemporaryDirectory(prefix="tunelab-bench-") as temp:
        work = Path(temp)
        # Reviews of 8-160 filler words: from a few dozen tokens to past max_length, as real reviews vary.
        splits = write_splits(work / "data", train=args.train, test=args.test, seed=args.seed, filler=(8, 160))
        started = time.perf_counter()
        model_dir = work / "tiny-bert"
        make_tiny(TinySettings(arch="bert", hidden_size=args.hidden_size, layers=args.layers,
                               max_length=args.max_length, pretrain_steps=args.pretrain_steps),
                  corpus=splits["train"], out=model_dir)
        print(f"tiny model built and pre-trained in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        reference = reference_run(model_dir, splits, args, work / "reference")
        engine = engine_run(model_dir, splits, args, work / "engine")
        gpu = gpu_mfu(args, splits, work) if args.gpu else None

    speedup = engine["samples_per_second"] / reference["samples_per_second"]
    load = os.getloadavg()[0]
    rows = [
        ("reference: HF Trainer, padding=max_length, fp32", reference),
        ("engine: dynamic padding, length-grouped batches", engine),
    ]
    table = ["| loop | samples/s | train s | test accuracy | padding share |", "|---|---|---|---|---|"]
    table += [f"| {name} | {r['samples_per_second']:.1f} | {r['train_seconds']:.1f} | {r['accuracy']:.3f} | "
              f"{r['padding_share']:.0%} |" for name, r in rows]
    entry = [
        f"### {dt.date.today().isoformat()}: full fine-tuning of a tiny BERT on {args.device.upper()}",
        "",
        f"Command: `{command}`. Machine: {machine()}; 1-minute load average {load:.2f} at the end (other work on "
        "the machine slows both loops alike, not always equally).",
        f"Model: make-tiny BERT, hidden {args.hidden_size}, {args.layers} layers, pre-trained {args.pretrain_steps} "
        f"steps. Data: {args.train} train / {args.test} test synthetic reviews of 8-160 filler words, max length "
        f"{args.max_length}. Batch {args.batch_size}, learning rate {args.learning_rate:g}, {args.epochs} epochs, "
        "AdamW, 10% warm-up then linear decay, clipping 1.0, seed fixed.",
        "",
        *table,
        "",
        f"Speed-up: **{speedup:.2f}x** samples/s (target ≥ 1.5x at equal accuracy: "
        f"{'met' if speedup >= 1.5 and engine['accuracy'] >= reference['accuracy'] - 0.02 else 'not met'}).",
    ]
    if gpu is not None:
        entry += ["", f"GPU: {json.dumps(gpu)} (target ≥ 40% MFU for BERT-base full fine-tuning at length 256, bf16)."]
    text = "\n".join(entry)
    print(text)
    if not args.no_record:
        record(text)
        print(f"\nrecorded in {BENCHMARKS.relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
