"""Synthetic Russian movie reviews with a learnable sentiment signal, for tests, the benchmark and demos.

Not a stand-in for Kinopoisk (issue 3 imports the real data): a small generator whose reviews carry sentiment in
positive/negative words among neutral filler, with varied lengths (so dynamic padding and length grouping matter),
some words with «ё» and «й» (so a tokenizer that strips accents is caught), an imbalance like real reviews, and a
little label noise (so nothing reaches 100% by accident).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

POSITIVE = [
    "отличный", "прекрасный", "великолепный", "захватывающий", "трогательный", "шедевр", "рекомендую",
    "восторг", "гениально", "потрясающе", "смешной", "душевный", "лучший", "красивейший", "понравился",
    "обожаю", "блестящая игра", "пересмотрю ещё", "шикарный", "умный",
]
NEGATIVE = [
    "скучный", "ужасный", "затянутый", "бездарный", "разочарование", "провал", "не советую", "нудный",
    "глупый", "худший", "пустой", "фальшивый", "раздражает", "зря потратил время", "слабый", "плоский",
    "предсказуемый", "отвратительно", "уснул", "безвкусный",
]
NEUTRAL = [
    "фильм", "сюжет", "актёры", "режиссёр", "музыка", "сценарий", "героиня", "герой", "финал", "картина",
    "зритель", "кадр", "история", "роль", "премьера", "сеанс", "кинотеатр", "вечером", "вчера", "мой друг",
    "ёлка", "зимой", "второй", "сериал", "озвучка", "критики", "трейлер", "жанр", "главный", "эпизод",
    "в целом", "конечно", "кстати", "почему-то", "снова", "также", "немного", "очень", "этот", "который",
]


def _review(rng: random.Random, label: int, filler: tuple[int, int]) -> str:
    own, other = (POSITIVE, NEGATIVE) if label == 1 else (NEGATIVE, POSITIVE)
    words = [rng.choice(NEUTRAL) for _ in range(rng.randint(*filler))]
    for _ in range(rng.randint(3, 6)):
        words.insert(rng.randrange(len(words) + 1), rng.choice(own))
    if rng.random() < 0.15:  # a mixed review: one word of the other side
        words.insert(rng.randrange(len(words) + 1), rng.choice(other))
    sentence = " ".join(words)
    return sentence[0].upper() + sentence[1:] + rng.choice([".", "!", "...", "."])


def generate_reviews(count: int, *, seed: int = 0, positive_share: float = 0.6, noise: float = 0.03,
                     id_prefix: str = "r", filler: tuple[int, int] = (2, 16)) -> list[dict]:
    """`count` records {"id", "text", "label"}; label 1 = positive. Deterministic for a seed.

    `filler`: how many neutral words a review has (inclusive range) besides its 3-7 sentiment words; the default
    keeps tiny models quick to train, the benchmark asks for longer reviews.
    """
    rng = random.Random(seed)
    records = []
    for index in range(count):
        label = 1 if rng.random() < positive_share else 0
        text = _review(rng, label, filler)
        if rng.random() < noise:
            label = 1 - label
        records.append({"id": f"{id_prefix}{index}", "text": text, "label": label})
    return records


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as stream:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def write_splits(directory: Path, *, train: int = 400, test: int = 200, seed: int = 0,
                 filler: tuple[int, int] = (2, 16)) -> dict[str, Path]:
    """train.jsonl and test.jsonl in the shape issue 3 materialises; different seeds so no text is shared by luck."""
    return {
        "train": write_jsonl(directory / "train.jsonl",
                             generate_reviews(train, seed=seed, id_prefix="train-", filler=filler)),
        "test": write_jsonl(directory / "test.jsonl",
                            generate_reviews(test, seed=seed + 1_000_003, id_prefix="test-", filler=filler)),
    }
