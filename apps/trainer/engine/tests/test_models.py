"""Model loading for the five methods: exact parameter counts, the Mamba head, typed loading failures."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import torch
from transformers import AutoConfig

from conftest import make_spec
from tunelab_engine.errors import EngineError, ErrorCode
from tunelab_engine.models import load_for_training
from tunelab_engine.models.mamba import load_mamba_classifier
from tunelab_engine.spec import RunSpec


def load(method: str, model: Path, corpus, tmp_path, **hyperparameters):
    spec = make_spec(method=method, model=model, corpus=corpus, out=tmp_path, hyperparameters=hyperparameters)
    return load_for_training(RunSpec.from_dict(spec, base_dir=tmp_path))


def bert_parameters(config, num_labels: int = 2) -> int:
    """BertForSequenceClassification's size from its config, counted by hand."""
    h, i, layers = config.hidden_size, config.intermediate_size, config.num_hidden_layers
    embeddings = (config.vocab_size + config.max_position_embeddings + config.type_vocab_size) * h + 2 * h
    layer = 4 * (h * h + h) + 2 * h + (h * i + i) + (i * h + h) + 2 * h
    return embeddings + layers * layer + (h * h + h) + (h * num_labels + num_labels)


def mamba_parameters(config, num_labels: int = 2) -> int:
    h, n, k, layers = config.hidden_size, config.state_size, config.conv_kernel, config.num_hidden_layers
    inner, rank = config.intermediate_size, math.ceil(h / 16)
    mixer = h * 2 * inner + (inner * k + inner) + inner * (rank + 2 * n) + (rank * inner + inner) + inner * n + inner + inner * h
    return config.vocab_size * h + layers * (h + mixer) + h + (h * num_labels + num_labels)


def test_parameter_counts_are_exact_for_each_method(tiny_bert, tiny_mamba, corpus, tmp_path):
    bert = AutoConfig.from_pretrained(str(tiny_bert))
    mamba = AutoConfig.from_pretrained(str(tiny_mamba))
    h, head = bert.hidden_size, bert.hidden_size * 2 + 2
    full = load("full", tiny_bert, corpus, tmp_path)
    assert full.trainable_parameters == full.total_parameters == bert_parameters(bert)

    lora = load("lora", tiny_bert, corpus, tmp_path, loraR=8)
    adapters = bert.num_hidden_layers * 2 * 8 * (h + h)  # query and value: A (r x h) and B (h x r)
    assert lora.trainable_parameters == adapters + head
    assert lora.total_parameters == bert_parameters(bert) + adapters  # peft's frozen copy of the head not counted
    assert lora.trainable_parameters < 0.05 * full.trainable_parameters

    probe = load("head-only", tiny_bert, corpus, tmp_path)
    assert (probe.trainable_parameters, probe.total_parameters) == (head, bert_parameters(bert))

    whole = load("mamba", tiny_mamba, corpus, tmp_path)
    assert whole.trainable_parameters == whole.total_parameters == mamba_parameters(mamba)

    mamba_lora = load("mamba-lora", tiny_mamba, corpus, tmp_path, loraR=4)
    in_proj = mamba.num_hidden_layers * 4 * (mamba.hidden_size + 2 * mamba.intermediate_size)
    assert mamba_lora.trainable_parameters == in_proj + mamba.hidden_size * 2 + 2
    assert mamba_lora.total_parameters == mamba_parameters(mamba) + in_proj


def test_peft_keeps_the_classifier_trainable(tiny_bert, tiny_mamba, corpus, tmp_path):
    for method, model in (("lora", tiny_bert), ("mamba-lora", tiny_mamba)):
        bundle = load(method, model, corpus, tmp_path)
        trained = {name for name, p in bundle.model.named_parameters() if p.requires_grad}
        assert any(".classifier.modules_to_save." in name for name in trained), method
        assert all("lora_" in name or ".classifier." in name for name in trained), method


@pytest.mark.parametrize("pooling", ["last-token", "mean"])
def test_mamba_logits_do_not_change_when_the_batch_is_padded_longer(tiny_mamba, pooling):
    model = load_mamba_classifier(str(tiny_mamba), num_labels=2, pooling=pooling).eval()
    ids = torch.tensor([[5, 17, 23, 42, 8, 99]])
    with torch.no_grad():
        alone = model(input_ids=ids, attention_mask=torch.ones_like(ids)).logits
        padded = torch.cat([ids, torch.full((1, 26), 1)], dim=1)
        mask = torch.cat([torch.ones_like(ids), torch.zeros(1, 26, dtype=torch.long)], dim=1)
        longer = model(input_ids=padded, attention_mask=mask).logits
        # Only the first real token changed: the pooled vector must have seen it (never position 0 alone)...
        first = model(input_ids=torch.tensor([[6, 17, 23, 42, 8, 99]]), attention_mask=torch.ones_like(ids)).logits
        # ...and changing the last real token changes it too (the last token is what last-token pooling reads).
        last = model(input_ids=torch.tensor([[5, 17, 23, 42, 8, 100]]), attention_mask=torch.ones_like(ids)).logits
    assert torch.allclose(alone, longer, atol=1e-6)
    assert not torch.allclose(alone, first) and not torch.allclose(alone, last)


def test_mamba_lora_refuses_modules_peft_refuses(tiny_mamba, corpus, tmp_path):
    for targets, hint in ((["out_proj"], "out_proj"), (["no_such_module"], "no_such_module")):
        with pytest.raises(EngineError) as caught:
            load("mamba-lora", tiny_mamba, corpus, tmp_path, loraTargetModules=targets)
        assert caught.value.code is ErrorCode.SPEC_INVALID
        assert caught.value.details["field"] == "hyperparameters.loraTargetModules"
        assert hint in caught.value.message


def test_missing_models_name_the_path_tried(corpus, tmp_path, tiny_mamba):
    with pytest.raises(EngineError) as caught:
        load("full", tmp_path / "no-model-here", corpus, tmp_path)
    assert caught.value.code is ErrorCode.MODEL_NOT_FOUND
    assert caught.value.details["path"] == str(tmp_path / "no-model-here")
    spec = make_spec(method="full", model=Path("x"), corpus=corpus, out=tmp_path)
    spec["baseModel"] = "nobody/no-such-model"
    with pytest.raises(EngineError) as caught:
        load_for_training(RunSpec.from_dict(spec, base_dir=tmp_path))
    assert caught.value.code is ErrorCode.MODEL_NOT_FOUND
    assert caught.value.details["path"].endswith("models--nobody--no-such-model")
    with pytest.raises(EngineError) as caught:
        load("full", tiny_mamba, corpus, tmp_path)
    assert caught.value.code is ErrorCode.SPEC_INVALID and caught.value.details["field"] == "baseModel"


@pytest.mark.parametrize("arch", ["bert", "mamba"])
def test_tiny_models_are_reproducible(arch, corpus, tmp_path):
    """The same corpus and settings give byte-identical tokenizer and weights (HF's WordPieceTrainer would not)."""
    from tunelab_engine.models.tiny import TinySettings, make_tiny

    built = []
    for name in ("a", "b"):
        make_tiny(TinySettings(arch=arch, max_length=32, pretrain_steps=0), corpus=corpus["train"], out=tmp_path / name)
        built.append({f: (tmp_path / name / f).read_bytes() for f in ("tokenizer.json", "model.safetensors", "config.json")})
    assert built[0] == built[1]


def test_tiny_bert_vocabulary_covers_every_character_and_keeps_frequent_words(corpus):
    from tokenizers import normalizers, pre_tokenizers

    from tunelab_engine.models.tiny import BERT_SPECIALS, wordpiece_vocab

    texts = ["фильм хороший фильм", "плохой фильм!"]
    vocab = wordpiece_vocab(texts, normalizers.BertNormalizer(strip_accents=False, lowercase=False),
                            pre_tokenizers.BertPreTokenizer(), vocab_size=100)
    assert list(vocab)[:len(BERT_SPECIALS)] == list(BERT_SPECIALS)
    assert {"ф", "##ф", "!", "##!"} <= set(vocab) and vocab["фильм"] < vocab["плохой"] < vocab["хороший"]
