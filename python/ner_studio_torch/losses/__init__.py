"""The losses by name, one file each, as src/model/losses/ defines them; create_loss adds the CRF likelihood where
the CRF rule says so. Every loss is written over sums of the batch (x.reduce), so that with N ranks it is the loss of
the whole global batch (see parallel.py)."""
from dataclasses import dataclass
from typing import Any, Optional

import torch

from ..loss_specs import crf_term_weight, with_defaults
from . import boundary, compound, contrastive, cross_entropy, dice, embedding_label_smoothing, focal, label_smoothing, multitask
from .token_ops import crf_nll


@dataclass
class LossInputs:
    emissions: torch.Tensor  # [B, T, K]
    labels: torch.Tensor  # [B, T] int64, 0 at padding
    mask: torch.Tensor  # [B, T] float, 1 for real tokens
    crf: Optional[tuple]  # (transitions, start, end), forbidden transitions already lowered; None without a CRF
    hidden: torch.Tensor  # [B, T, H], the encoder's states
    batch: Any  # the host Batch (extra columns for multitask)
    shard: Any  # the rank's place in the global batch (contrastive anchors)
    sentences: int  # sentences this rank counts
    reduce: Any  # sums over ranks (parallel.py)


class CrfLoss:
    """`crf`: the mean over sentences of -log p(gold path)."""

    def __init__(self, ctx):
        pass

    def __call__(self, x):
        return crf_nll(x)


LOSS_TABLE = {
    "crf": CrfLoss,
    "cross_entropy": cross_entropy.CrossEntropy,
    "label_smoothing": label_smoothing.LabelSmoothing,
    "embedding_label_smoothing": embedding_label_smoothing.EmbeddingLabelSmoothing,
    "focal": focal.Focal,
    "dice": dice.Dice,
    "boundary": boundary.Boundary,
    "contrastive": contrastive.Contrastive,
    "multitask": multitask.Multitask,
    "compound": compound.Compound,
}


class LossContext:
    def __init__(self, name, params, scope, setup):
        self.params = with_defaults(name, params)
        self.setup, self.scope = setup, scope
        self.num_labels, self.hidden_dim, self.crf = setup["num_labels"], setup["hidden_dim"], setup["crf"]
        self.data, self.rng = setup["data"], setup["rng"]

    def variable(self, name, shape, values):
        return self.setup["store"].add(f"{self.scope}{name}", shape, values)

    def term(self, index, name, params):
        return build(name, params, f"{self.scope}terms.{index}.", self.setup)


def build(name, params, scope, setup):
    return LOSS_TABLE[name](LossContext(name, params, scope, setup))


def create_loss(name, params, setup):
    """setup: store, rng (the loss's own stream), num_labels, hidden_dim, crf, data {labels, label_counts, extra_sizes}."""
    own = {k: v for k, v in params.items() if k != "crf_weight"}
    loss = build(name, own, "loss.", setup)
    weight = crf_term_weight(name, params, setup["crf"])
    if weight == 0:
        return loss
    return lambda x: loss(x) + weight * crf_nll(x)
