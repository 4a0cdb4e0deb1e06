"""`make-tiny`: a small random-init model and a tokenizer trained on a corpus, saved like a hub checkpoint.

The output directory loads through exactly the path a real checkpoint takes (AutoConfig / AutoTokenizer /
from_pretrained from a local directory), so tests and demos exercise the same code as DeepPavlov/rubert-base-cased
or state-spaces/mamba-130m-hf. `pretrain_steps` > 0 first pre-trains it on the corpus text (masked LM for
BERT, causal LM for Mamba, each with a bag-of-words loss on the sentence vector: see PretrainObjective): with random
weights a frozen backbone carries nothing, which would make LoRA and head-only look worse than they are.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import random
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
import torch.nn.functional as F
from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
from torch import nn
from transformers import BertConfig, BertForPreTraining, MambaConfig, MambaForCausalLM, PreTrainedTokenizerFast

from ..errors import data_invalid, spec_invalid
from ..events import Events
from .mamba import pool

log = logging.getLogger("tunelab_engine.tiny")

ARCHS = ("bert", "mamba")
BERT_SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
# GPT-NeoX's special tokens, as in state-spaces/mamba-130m-hf's tokenizer.
MAMBA_EOS, MAMBA_PAD = "<|endoftext|>", "<|padding|>"
# The bag-of-words loss is a mean over the whole vocabulary, so it needs a large weight to matter beside the LM loss;
# at 30 a tiny BERT's linear probe lands well below LoRA and full fine-tuning (~0.7 / 0.8 / 0.95 on the synthetic
# reviews), the ordering a real checkpoint shows; at 100 the probe alone reaches 0.97.
BAG_LOSS_WEIGHT = 30.0


@dataclass(frozen=True)
class TinySettings:
    arch: str
    vocab_size: int = 2000
    hidden_size: int = 64
    layers: int = 2
    max_length: int = 64
    pretrain_steps: int = 0
    pretrain_batch_size: int = 32
    pretrain_learning_rate: float = 5e-3
    seed: int = 0

    def __post_init__(self) -> None:
        if self.arch not in ARCHS:
            raise spec_invalid("arch", f"must be one of {', '.join(ARCHS)} (got {self.arch!r})")
        for name, low in (("vocab_size", 100), ("hidden_size", 8), ("layers", 1), ("max_length", 8),
                          ("pretrain_steps", 0), ("pretrain_batch_size", 1)):
            if getattr(self, name) < low:
                raise spec_invalid(name.replace("_", "-"), f"must be at least {low}")
        if self.hidden_size % 2:
            raise spec_invalid("hidden-size", "must be even (two attention heads)")


@dataclass(frozen=True)
class TinyResult:
    path: str
    arch: str
    parameters: int
    vocab_size: int
    pretrain_steps: int
    pretrain_loss: float | None
    seconds: float


def read_corpus(path: Path) -> list[str]:
    """Texts from a JSON-lines file with a "text" field (a split file works as is)."""
    if not path.is_file():
        raise data_invalid(str(path), "the corpus file does not exist")
    texts = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                text = json.loads(line).get("text")
            except (json.JSONDecodeError, AttributeError):
                raise data_invalid(str(path), 'each line must be a JSON object with a "text" string', line=number)
            if not isinstance(text, str):
                raise data_invalid(str(path), '"text" must be a string', line=number)
            texts.append(text)
    if not texts:
        raise data_invalid(str(path), "the corpus has no texts")
    return texts


def wordpiece_vocab(texts: list[str], normalizer, pre_tokenizer, *, vocab_size: int) -> dict[str, int]:
    """A WordPiece vocabulary counted here rather than by HF's WordPieceTrainer, which numbers its ##pieces in
    hash-map order, so one corpus can give different vocabularies run to run (huggingface/tokenizers#1794) and
    a tiny model, and every test on it, would not be reproducible. Every character alone and as a ##piece (so
    any word of the corpus encodes), then the most frequent words; ties in alphabetical order."""
    words: Counter[str] = Counter()
    for text in texts:
        words.update(word for word, _ in pre_tokenizer.pre_tokenize_str(normalizer.normalize_str(text)))
    characters = sorted({character for word in words for character in word})
    tokens = [*BERT_SPECIALS, *characters, *(f"##{character}" for character in characters)]
    known = set(tokens)
    for word, _ in sorted(words.items(), key=lambda item: (-item[1], item[0])):
        if len(tokens) >= vocab_size:
            break
        if word not in known:
            tokens.append(word)
            known.add(word)
    return {token: index for index, token in enumerate(tokens)}


def train_tokenizer(arch: str, texts: list[str], *, vocab_size: int, max_length: int) -> PreTrainedTokenizerFast:
    if arch == "bert":
        # strip_accents=False: the default BERT normalizer turns «й» into «и» and «ё» into «е» (STACK.md).
        normalizer = normalizers.BertNormalizer(clean_text=True, handle_chinese_chars=True, strip_accents=False, lowercase=False)
        pre_tokenizer = pre_tokenizers.BertPreTokenizer()
        vocab = wordpiece_vocab(texts, normalizer, pre_tokenizer, vocab_size=vocab_size)
        tokenizer = Tokenizer(models.WordPiece(vocab=vocab, unk_token="[UNK]"))
        tokenizer.normalizer, tokenizer.pre_tokenizer = normalizer, pre_tokenizer
        cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
        tokenizer.post_processor = processors.TemplateProcessing(
            single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1", special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)])
        tokenizer.decoder = decoders.WordPiece()
        return PreTrainedTokenizerFast(tokenizer_object=tokenizer, unk_token="[UNK]", pad_token="[PAD]",
                                       cls_token="[CLS]", sep_token="[SEP]", mask_token="[MASK]",
                                       model_max_length=max_length, padding_side="right")
    # Byte-level BPE, like GPT-NeoX's tokenizer that Mamba checkpoints ship: any text encodes, no [UNK].
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    tokenizer.train_from_iterator(texts, trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=[MAMBA_EOS, MAMBA_PAD],
                                                             initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    return PreTrainedTokenizerFast(tokenizer_object=tokenizer, bos_token=MAMBA_EOS, eos_token=MAMBA_EOS,
                                   unk_token=MAMBA_EOS, pad_token=MAMBA_PAD, model_max_length=max_length,
                                   padding_side="right")


def build_model(settings: TinySettings, tokenizer: PreTrainedTokenizerFast) -> torch.nn.Module:
    vocab = len(tokenizer)
    if settings.arch == "bert":
        config = BertConfig(vocab_size=vocab, hidden_size=settings.hidden_size, num_hidden_layers=settings.layers,
                            num_attention_heads=2, intermediate_size=settings.hidden_size * 2,
                            max_position_embeddings=max(128, settings.max_length), pad_token_id=tokenizer.pad_token_id)
        return BertForPreTraining(config)  # with a pooler, like the real checkpoints (BertForMaskedLM has none)
    config = MambaConfig(vocab_size=vocab, hidden_size=settings.hidden_size, num_hidden_layers=settings.layers,
                         state_size=8, expand=2, conv_kernel=4, pad_token_id=tokenizer.pad_token_id,
                         bos_token_id=tokenizer.eos_token_id, eos_token_id=tokenizer.eos_token_id, use_cache=False)
    return MambaForCausalLM(config)


def _pad(rows: list[list[int]], pad_id: int) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(r) for r in rows)
    input_ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    attention_mask = torch.zeros_like(input_ids)
    for i, ids in enumerate(rows):
        input_ids[i, :len(ids)] = torch.tensor(ids)
        attention_mask[i, :len(ids)] = 1
    return input_ids, attention_mask


def _bag_of_words(rows: list[list[int]], vocab_size: int) -> torch.Tensor:
    bags = torch.zeros((len(rows), vocab_size))
    for i, ids in enumerate(rows):
        bags[i, ids] = 1.0
    return bags


def _mask_tokens(input_ids: torch.Tensor, tokenizer: PreTrainedTokenizerFast,
                 generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """BERT's recipe: 15% of the real tokens; of those 80% [MASK], 10% a random token, 10% unchanged."""
    input_ids, labels = input_ids.clone(), input_ids.clone()
    special = torch.isin(input_ids, torch.tensor(tokenizer.all_special_ids))
    chosen = (torch.rand(input_ids.shape, generator=generator) < 0.15) & ~special
    labels[~chosen] = -100
    draw = torch.rand(input_ids.shape, generator=generator)
    input_ids[chosen & (draw < 0.8)] = tokenizer.mask_token_id
    random_ids = torch.randint(len(tokenizer), input_ids.shape, generator=generator)
    swap = chosen & (draw >= 0.8) & (draw < 0.9)
    input_ids[swap] = random_ids[swap]
    return input_ids, labels


class PretrainObjective(nn.Module):
    """The language-model loss plus a bag-of-words loss on the sentence vector the classifier will read.

    Masked or causal LM alone, for a few hundred steps, leaves a tiny model's sentence vector (BERT's pooled [CLS],
    Mamba's last token) almost the same for every text: a frozen backbone would then give head-only and LoRA nothing
    to work with, which a real pre-trained checkpoint does. Predicting which tokens the text contains from that
    vector (a label-free objective, as in bag-of-words pre-training for retrieval) teaches it to summarise the text
    in a few hundred steps. The extra head is discarded; the saved checkpoint has the standard architecture.
    """

    def __init__(self, model: nn.Module, arch: str, hidden_size: int, vocab_size: int) -> None:
        super().__init__()
        self.model, self.arch = model, arch
        self.bag_head = nn.Linear(hidden_size, vocab_size)

    def forward(self, rows: list[list[int]], tokenizer: PreTrainedTokenizerFast, generator: torch.Generator) -> torch.Tensor:
        bags = _bag_of_words(rows, len(tokenizer))
        if self.arch == "bert":
            rows = [[tokenizer.cls_token_id, *ids, tokenizer.sep_token_id] for ids in rows]
        input_ids, attention_mask = _pad(rows, tokenizer.pad_token_id)
        if self.arch == "bert":
            masked, labels = _mask_tokens(input_ids, tokenizer, generator)
            sequence = self.model.bert(input_ids=masked, attention_mask=attention_mask).last_hidden_state
            scores = self.model.cls.predictions(sequence)
            lm_loss = F.cross_entropy(scores.view(-1, scores.shape[-1]), labels.view(-1), ignore_index=-100)
            # [CLS]'s state, not the tanh pooler's output: through the pooler the loss saturates tanh and the vector
            # collapses to the same ±1 pattern for every text. The pooler is set afterwards (standardise_pooler).
            pooled = sequence[:, 0]
        else:
            hidden = self.model.backbone(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            logits = self.model.lm_head(hidden)[:, :-1]
            targets = input_ids[:, 1:].masked_fill(attention_mask[:, 1:] == 0, -100)
            lm_loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), ignore_index=-100)
            pooled = pool(hidden, attention_mask, "last-token")
        bag_loss = F.binary_cross_entropy_with_logits(self.bag_head(pooled), bags)
        return lm_loss + bag_loss * BAG_LOSS_WEIGHT


@torch.no_grad()
def standardise_pooler(model: nn.Module, tokenizer: PreTrainedTokenizerFast, texts: list[str], max_length: int) -> None:
    """Sets BERT's pooler to tanh(([CLS] - mean) / std), mean and std per dimension over the corpus.

    Real checkpoints' poolers come out of next-sentence pre-training giving spread, roughly centred features; a
    tiny model has no such pooler, and a linear head on raw [CLS] (a large offset shared by every text, small
    differences between texts) just flips between the two classes. Standardising gives it what a real pooler gives.
    """
    model.eval()
    encoded = tokenizer(texts, truncation=True, max_length=max_length, padding=True, return_tensors="pt")
    cls = model.bert(input_ids=encoded["input_ids"], attention_mask=encoded["attention_mask"]).last_hidden_state[:, 0]
    mean, std = cls.mean(dim=0), cls.std(dim=0).clamp(min=1e-3)
    model.bert.pooler.dense.weight.copy_(torch.diag(1 / std))
    model.bert.pooler.dense.bias.copy_(-mean / std)


def pretrain(model: nn.Module, tokenizer: PreTrainedTokenizerFast, texts: list[str], settings: TinySettings,
             events: Events | None) -> float | None:
    """A short pre-training on the corpus so the backbone's features mean something; returns the last loss."""
    if settings.pretrain_steps == 0:
        return None
    # Without special tokens: the objective adds what its architecture needs.
    budget = settings.max_length - 2
    encoded = [ids[:budget] for ids in tokenizer(texts, add_special_tokens=False)["input_ids"] if ids]
    generator = torch.Generator().manual_seed(settings.seed)
    rng = random.Random(settings.seed)
    objective = PretrainObjective(model, settings.arch, settings.hidden_size, len(tokenizer))
    optimizer = torch.optim.AdamW(objective.parameters(), lr=settings.pretrain_learning_rate, weight_decay=0.01)
    warmup = max(1, settings.pretrain_steps // 10)
    schedule = lambda step: min((step + 1) / warmup, max(0.0, (settings.pretrain_steps - step) / settings.pretrain_steps))  # noqa: E731
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)
    objective.train()
    loss_value = math.nan
    for step in range(settings.pretrain_steps):
        rows = [encoded[rng.randrange(len(encoded))] for _ in range(settings.pretrain_batch_size)]
        loss = objective(rows, tokenizer, generator)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(objective.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        loss_value = float(loss.detach())
        if events is not None and ((step + 1) % 20 == 0 or step + 1 == settings.pretrain_steps):
            events.emit("metric", key="pretrain/loss", step=step + 1, epoch=None, value=loss_value)
    model.eval()
    log.info("pre-trained %s for %d steps, last loss %.3f", settings.arch, settings.pretrain_steps, loss_value)
    return loss_value


def make_tiny(settings: TinySettings, *, corpus: Path, out: Path, events: Events | None = None) -> TinyResult:
    started = time.perf_counter()
    texts = read_corpus(corpus)
    torch.manual_seed(settings.seed)
    tokenizer = train_tokenizer(settings.arch, texts, vocab_size=settings.vocab_size, max_length=settings.max_length)
    model = build_model(settings, tokenizer)
    last_loss = pretrain(model, tokenizer, texts, settings, events)
    if settings.arch == "bert" and settings.pretrain_steps > 0:
        standardise_pooler(model, tokenizer, texts, settings.max_length)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out))
    tokenizer.save_pretrained(str(out))
    result = TinyResult(path=str(out.resolve()), arch=settings.arch,
                        parameters=sum(p.numel() for p in model.parameters()), vocab_size=len(tokenizer),
                        pretrain_steps=settings.pretrain_steps, pretrain_loss=last_loss,
                        seconds=round(time.perf_counter() - started, 3))
    corpus_sha = hashlib.sha256(corpus.read_bytes()).hexdigest()
    (out / "tunelab-tiny.json").write_text(json.dumps({**asdict(settings), **asdict(result), "corpusSha256": corpus_sha},
                                                      indent=2), encoding="utf-8")
    return result
