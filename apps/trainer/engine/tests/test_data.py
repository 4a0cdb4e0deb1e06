"""Split files, batching and padding."""

from __future__ import annotations

import json

import numpy as np
import pytest
from transformers import AutoTokenizer

from tunelab_engine.data import (BatchPlan, TokenizedSplit, collate, eval_batches, padded_length, read_split,
                                 tokenize_split)
from tunelab_engine.errors import EngineError, ErrorCode
from tunelab_engine.metrics import classification_metrics


def write(tmp_path, lines):
    path = tmp_path / "split.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("lines", "line", "hint"), [
    (['{"id": 1, "text": "ok", "label": 1}', "{not json"], 2, "not a JSON object"),
    (['{"id": 1, "text": "ok", "label": 2}'], 1, "from 0 to 1"),
    (['{"id": 1, "text": "ok", "label": true}'], 1, '"label"'),
    (['{"id": 1, "text": "", "label": 0}'], 1, '"text"'),
    (['{"id": 1, "text": "a", "label": 0}', '{"id": 1, "text": "b", "label": 1}'], 2, "appears twice"),
    (['{"text": "a", "label": 0}'], 1, '"id"'),
])
def test_bad_lines_are_data_invalid_with_file_and_line(tmp_path, lines, line, hint):
    path = write(tmp_path, lines)
    with pytest.raises(EngineError) as caught:
        read_split(path, num_labels=2)
    assert caught.value.code is ErrorCode.DATA_INVALID
    assert caught.value.details == {"path": str(path), "line": line}
    assert f"{path}:{line}: " in caught.value.message and hint in caught.value.message


def test_missing_or_empty_split_is_data_invalid(tmp_path):
    for path in (tmp_path / "absent.jsonl", write(tmp_path, [""])):
        with pytest.raises(EngineError) as caught:
            read_split(path, num_labels=2)
        assert caught.value.code is ErrorCode.DATA_INVALID


def test_more_labels_with_num_labels(tmp_path):
    path = write(tmp_path, ['{"id": "a", "text": "x", "label": 2, "grade": 5}'])
    assert read_split(path, num_labels=3)[0].label == 2


def test_batch_plan_is_a_pure_function_of_seed_and_epoch_and_groups_lengths():
    lengths = np.random.default_rng(0).integers(5, 200, size=1000)
    plan = BatchPlan(lengths, batch_size=16, seed=42, group_by_length=True)
    first = plan.epoch(0)
    assert [b.tolist() for b in first] == [b.tolist() for b in plan.epoch(0)]
    assert [b.tolist() for b in first] != [b.tolist() for b in plan.epoch(1)]
    assert sorted(np.concatenate(first).tolist()) == list(range(1000))
    assert lengths[first[0]].max() == lengths.max()  # the longest batch first: an OOM shows at step 1
    random_plan = BatchPlan(lengths, batch_size=16, seed=42, group_by_length=False)

    def padding(batches):
        return sum(int(lengths[b].max()) * len(b) - int(lengths[b].sum()) for b in batches)

    assert padding(first) < padding(random_plan.epoch(0)) / 5


def test_collate_pads_right_to_a_multiple_of_8_within_the_position_limit():
    split = TokenizedSplit(ids=["a", "b"], input_ids=[[5, 6, 7], [5] * 10], labels=np.array([0, 1]))
    batch = collate(split, np.array([0, 1]), pad_token_id=0, multiple_of=8)
    assert batch.input_ids.shape == (2, 16)
    assert batch.input_ids[0].tolist() == [5, 6, 7] + [0] * 13
    assert batch.attention_mask.sum(1).tolist() == [3, 10] and batch.tokens == 13
    assert padded_length(510, multiple_of=8, limit=512) == 512
    assert padded_length(511, multiple_of=8, limit=511) == 511
    order = eval_batches(np.array([3, 9, 1, 7]), 2)
    assert [b.tolist() for b in order] == [[1, 3], [0, 2]]


def test_tokenisation_is_cached_and_keyed_by_content(tmp_path, tiny_bert, corpus):
    tokenizer = AutoTokenizer.from_pretrained(str(tiny_bert))
    examples = read_split(corpus["test"], num_labels=2)
    cache = tmp_path / "cache"
    first = tokenize_split(tokenizer, examples, source=corpus["test"], max_length=64, cache_dir=cache)
    files = list(cache.iterdir())
    assert len(files) == 1
    again = tokenize_split(tokenizer, examples, source=corpus["test"], max_length=64, cache_dir=cache)
    assert again.input_ids == first.input_ids and again.ids == first.ids
    tokenize_split(tokenizer, examples, source=corpus["test"], max_length=32, cache_dir=cache)
    assert len(list(cache.iterdir())) == 2  # another max length is another cache entry
    assert max(len(ids) for ids in first.input_ids) <= 64


def test_classification_metrics_by_hand():
    labels = np.array([0, 0, 0, 1, 1, 1, 1, 1])
    predictions = np.array([0, 1, 1, 1, 1, 1, 1, 0])
    metrics = classification_metrics(labels, predictions, num_labels=2, loss=0.5)
    m = metrics.scalars
    assert metrics.confusion_matrix == [[1, 2], [1, 4]]
    assert m["eval/accuracy"] == pytest.approx(5 / 8)
    assert m["eval/precision_class_0"] == pytest.approx(1 / 2) and m["eval/recall_class_0"] == pytest.approx(1 / 3)
    assert m["eval/precision_class_1"] == pytest.approx(4 / 6) and m["eval/recall_class_1"] == pytest.approx(4 / 5)
    f1_0, f1_1 = 2 * (1 / 2) * (1 / 3) / (1 / 2 + 1 / 3), 2 * (4 / 6) * (4 / 5) / (4 / 6 + 4 / 5)
    assert m["eval/f1_macro"] == pytest.approx((f1_0 + f1_1) / 2)
    assert m["eval/f1_weighted"] == pytest.approx((3 * f1_0 + 5 * f1_1) / 8)
    assert m["eval/balanced_accuracy"] == pytest.approx((1 / 3 + 4 / 5) / 2)
    assert m["eval/loss"] == 0.5
    assert all(key == key.lower() and " " not in key and key.startswith("eval/") for key in m)
    json.dumps(m)
