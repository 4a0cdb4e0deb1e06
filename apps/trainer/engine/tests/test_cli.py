"""`make-tiny` through the command line, loaded back the way a real checkpoint is."""

from __future__ import annotations

import io
import json

from transformers import AutoConfig, AutoTokenizer

from conftest import parse_events, run_cli
from tunelab_engine.cli import main


def test_make_tiny_builds_a_model_that_loads_like_a_hub_checkpoint(corpus, tmp_path):
    # One real process (the mamba fixture covers the other architecture in-process).
    out = tmp_path / "bert"
    code, events, stderr = run_cli("make-tiny", "--arch", "bert", "--corpus", str(corpus["train"]), "--out", str(out),
                                   "--vocab-size", "500", "--pretrain-steps", "3", "--pretrain-batch-size", "4")
    assert code == 0, stderr[-2000:]
    summary = events[-1]["summary"]
    assert events[-1]["type"] == "completed" and summary["arch"] == "bert" and summary["pretrainSteps"] == 3
    assert AutoConfig.from_pretrained(str(out)).model_type == "bert"
    assert (out / "tokenizer.json").is_file() and (out / "model.safetensors").is_file()
    assert json.loads((out / "tunelab-tiny.json").read_text())["parameters"] == summary["parameters"]


def test_the_bert_tokenizer_keeps_russian_accents(tiny_bert):
    tokenizer = AutoTokenizer.from_pretrained(str(tiny_bert))
    tokens = tokenizer.tokenize("ёлка зимой")
    # A BERT normalizer that strips accents would make «ё» an «е» and «й» an «и» (shared/STACK.md).
    assert "".join(t.removeprefix("##") for t in tokens) == "ёлказимой"
    assert tokenizer.unk_token not in tokens


def test_a_missing_corpus_is_data_invalid(tmp_path):
    stream = io.StringIO()
    code = main(["make-tiny", "--arch", "bert", "--corpus", str(tmp_path / "none.jsonl"), "--out", str(tmp_path / "m")],
                events_stream=stream)
    events = parse_events(stream.getvalue())
    assert code == 1 and events[-1]["code"] == "DATA_INVALID" and events[-1]["path"].endswith("none.jsonl")
