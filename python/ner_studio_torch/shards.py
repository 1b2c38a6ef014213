"""How N processes share one batch: every rank knows the whole global batch (the studio's bucketed batch of
training.batch_size sentences) and computes a contiguous part of it. Losses add their sums up over ranks (parallel.py),
and dropout masks are drawn for the global batch and cut to the rank's rows, so N processes with batch b take the
steps one process takes with batch N * b."""
from dataclasses import dataclass

import numpy as np

from .batches import Batch, make_batch


@dataclass
class Span:
    """Where a rank's rows start in the global batch, and the global batch's full shape for those rows."""
    offset: int
    shape: tuple  # e.g. (B_g, T_g): rows, then padded length


@dataclass
class Shard:
    batch: Batch  # this rank's sentences (a placeholder with mask 0 when it has none)
    sentences: int  # sentences it counts: 0 for the placeholder
    tokens: Span  # rows (sentences) and positions
    windows: Span  # rows (subword windows) and tokens per window; None without subwords
    global_labels: np.ndarray  # [B_g, T_g] label ids of the whole batch, 0 at padding
    global_mask: np.ndarray  # [B_g, T_g]
    first: int  # the global row of this rank's first sentence


def make_shard(sentences, rank=0, world=1) -> Shard:
    """This rank's part of the global batch `sentences` (the whole of it when world is 1)."""
    m = len(sentences)
    start, end = rank * m // world, (rank + 1) * m // world
    whole = make_batch(sentences)
    mine = sentences[start:end]
    batch = make_batch(mine) if mine else make_batch(sentences[:1])
    if not mine:
        batch.mask[:] = 0  # a rank with no sentence of a short last batch computes a placeholder that counts for nothing
    windows = None
    if whole.subwords is not None:
        before = sum(len(s.pieces.windows) for s in sentences[:start])
        windows = Span(before if mine else 0, (whole.subwords.windows, whole.subwords.length))
    return Shard(batch, len(mine), Span(start if mine else 0, (m, whole.max_len)), windows, whole.labels, whole.mask, start)


def shard_of_batch(batch) -> Shard:
    """A batch that is the whole global batch (prediction, or a batch built elsewhere)."""
    windows = Span(0, (batch.subwords.windows, batch.subwords.length)) if batch.subwords else None
    return Shard(batch, batch.size, Span(0, (batch.size, batch.max_len)), windows, batch.labels, batch.mask, 0)
