"""A random-init classifier of a real checkpoint's size, exported to ONNX the way a run's final model is.

For the inference benchmark (inference.bench.ts): serving cost depends on the architecture and sizes, not on the
weights, so BERT-base (rubert-base-cased) and Mamba-130m shapes can be timed here without the checkpoints. The
tokenizer is make-tiny's, trained on the benchmark's corpus (the model's vocabulary is larger; only ids below
the tokenizer's size are ever fed). Writes OUT/model.onnx, tokenizer.json and model.json like the engine.

    apps/trainer/engine/.venv/bin/python apps/trainer/src/bench/random_model.py --arch bert --corpus texts.jsonl \\
        --out DIR --hidden-size 768 --layers 12 --heads 12 --vocab-size 119547 --max-length 256
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import torch
from transformers import BertConfig, BertForSequenceClassification, MambaConfig

from tunelab_engine.export import export_onnx
from tunelab_engine.models.mamba import MambaForSequenceClassification
from tunelab_engine.models.tiny import read_corpus, train_tokenizer


def build(arch: str, *, vocab_size: int, hidden_size: int, layers: int, heads: int, max_length: int,
          pad_token_id: int) -> torch.nn.Module:
    if arch == "bert":
        config = BertConfig(vocab_size=vocab_size, hidden_size=hidden_size, num_hidden_layers=layers,
                            num_attention_heads=heads, intermediate_size=hidden_size * 4,
                            max_position_embeddings=max(512, max_length), pad_token_id=pad_token_id, num_labels=2)
        config._attn_implementation = "sdpa"  # as the engine loads encoders
        return BertForSequenceClassification(config)
    config = MambaConfig(vocab_size=vocab_size, hidden_size=hidden_size, num_hidden_layers=layers, state_size=16,
                         expand=2, conv_kernel=4, pad_token_id=pad_token_id, use_cache=False, num_labels=2)
    config.classifier_pooling = "last-token"
    return MambaForSequenceClassification(config)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arch", choices=("bert", "mamba"), required=True)
    parser.add_argument("--corpus", type=Path, required=True, help='JSON lines with a "text" field')
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--vocab-size", type=int, required=True)
    parser.add_argument("--hidden-size", type=int, default=768)
    parser.add_argument("--layers", type=int, required=True)
    parser.add_argument("--heads", type=int, default=12)
    parser.add_argument("--max-length", type=int, default=256)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    torch.manual_seed(args.seed)
    texts = read_corpus(args.corpus)
    tokenizer = train_tokenizer(args.arch, texts, vocab_size=min(args.vocab_size, 30_000), max_length=args.max_length)
    model = build(args.arch, vocab_size=max(args.vocab_size, len(tokenizer)), hidden_size=args.hidden_size,
                  layers=args.layers, heads=args.heads, max_length=args.max_length,
                  pad_token_id=tokenizer.pad_token_id).float().eval()
    sample = tokenizer(texts[:4], truncation=True, max_length=args.max_length, padding=True, return_tensors="pt")
    with torch.no_grad():
        reference = model(input_ids=sample["input_ids"], attention_mask=sample["attention_mask"]).logits.numpy()
    family = "encoder" if args.arch == "bert" else "mamba"
    method = "full" if args.arch == "bert" else "mamba"
    result = export_onnx(model, tokenizer, family=family, out_dir=args.out, input_ids=sample["input_ids"],
                         attention_mask=sample["attention_mask"], reference_logits=reference,
                         metadata={"method": method, "family": family, "numLabels": 2, "maxLength": args.max_length,
                                   "pooling": getattr(model, "pooling", None)})
    parameters = sum(p.numel() for p in model.parameters())
    print(json.dumps({"path": result.path, "bytes": result.bytes, "parameters": parameters,
                      "parityMaxAbsDiff": result.parity_max_abs_diff, "seconds": round(time.perf_counter() - started, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
