"""Padded batches (src/core/dataset/batch.ts makeBatch) and the batch order of an epoch (bucketByLength), as
numpy arrays on the host. The order is the studio's for the same seed; see shards.py for how ranks split a batch."""
from dataclasses import dataclass
from typing import List, Optional

import numpy as np

from .rng import Mulberry32, shuffled

MAX_WORD_LEN = 20


@dataclass
class SubwordBatch:
    """The pretrained encoder's windows for a batch of B sentences padded to T positions (core/dataset/subwords.ts)."""
    windows: int  # W
    length: int  # S, tokens of the longest window
    input_ids: np.ndarray  # [W, S], pad id at padding
    attention_mask: np.ndarray  # [W, S] float32
    pieces: int  # P, pieces of the most divided position
    piece_index: np.ndarray  # [B, T, P] into the flat [W * S] tokens; column 0 is the first piece
    piece_mask: np.ndarray  # [B, T, P] float32


@dataclass
class Batch:
    size: int  # B
    max_len: int  # T
    words: np.ndarray  # [B, T], 0 = PAD
    chars: np.ndarray  # [B, T, C], 0 = PAD
    labels: np.ndarray  # [B, T], 0 at padding (masked)
    mask: np.ndarray  # [B, T] float32, 1 for real tokens
    lengths: List[int]
    tokens: int
    extra: Optional[List[np.ndarray]]  # per extra column [B, T], -1 at padding and for unknown values
    subwords: Optional[SubwordBatch]


def make_batch(sentences, max_word_len=MAX_WORD_LEN) -> Batch:
    B = len(sentences)
    T = max([1] + [len(s.words) for s in sentences])
    longest = max([1] + [len(c) for s in sentences for c in s.chars])
    C = min(max_word_len, longest)
    words = np.zeros((B, T), np.int64)
    chars = np.zeros((B, T, C), np.int64)
    labels = np.zeros((B, T), np.int64)
    mask = np.zeros((B, T), np.float32)
    columns = min([len(s.extra or []) for s in sentences]) if B else 0
    extra = [np.full((B, T), -1, np.int64) for _ in range(columns)]
    for b, s in enumerate(sentences):
        n = len(s.words)
        words[b, :n] = s.words
        labels[b, :n] = np.maximum(0, s.labels)
        mask[b, :n] = 1
        for c in range(columns):
            extra[c][b, :n] = s.extra[c]
        for t, cs in enumerate(s.chars):
            m = min(C, len(cs))
            chars[b, t, :m] = cs[:m]
    lengths = [len(s.words) for s in sentences]
    return Batch(B, T, words, chars, labels, mask, lengths, sum(lengths), extra or None, batch_subwords(sentences, T))


def batch_subwords(sentences, T) -> Optional[SubwordBatch]:
    if not sentences or not all(s.pieces for s in sentences):
        return None
    all_pieces = [s.pieces for s in sentences]
    W = sum(len(p.windows) for p in all_pieces)
    S = max([1] + [len(w) for p in all_pieces for w in p.windows])
    P = max([1] + [int(d) for p in all_pieces for d in np.diff(p.piece_offsets)])
    B = len(sentences)
    input_ids = np.full((W, S), all_pieces[0].pad_id, np.int64)
    attention_mask = np.zeros((W, S), np.float32)
    piece_index = np.zeros((B, T, P), np.int64)
    piece_mask = np.zeros((B, T, P), np.float32)
    first = 0
    for b, p in enumerate(all_pieces):
        for w, ids in enumerate(p.windows):
            input_ids[first + w, :len(ids)] = ids
            attention_mask[first + w, :len(ids)] = 1
        for t in range(len(p.window)):
            row = (first + p.window[t]) * S
            a, z = p.piece_offsets[t], p.piece_offsets[t + 1]
            piece_index[b, t, :z - a] = row + p.piece_tokens[a:z]
            piece_mask[b, t, :z - a] = 1
        first += len(p.windows)
    return SubwordBatch(W, S, input_ids, attention_mask, P, piece_index, piece_mask)


def bucket_by_length(lengths, batch_size, rng: Mulberry32):
    """Sentences sorted by length within shuffled chunks of 50 batches, cut into batches, the batches shuffled."""
    order = shuffled(range(len(lengths)), rng)
    chunk = batch_size * 50
    batches = []
    for start in range(0, len(order), chunk):
        part = sorted(order[start:start + chunk], key=lengths.__getitem__)  # stable, as Array.prototype.sort
        batches += [part[i:i + batch_size] for i in range(0, len(part), batch_size)]
    return shuffled(batches, rng)


class EpochOrders:
    """Epoch e's batch order is the e-th draw of one generator seeded once (src/train/trainState.ts)."""

    def __init__(self, lengths, batch_size, seed):
        self.lengths, self.batch_size = list(lengths), batch_size
        self.rng = Mulberry32(seed)
        self.epoch, self.order = 0, []

    def get(self, epoch):
        while self.epoch < epoch:
            self.order = bucket_by_length(self.lengths, self.batch_size, self.rng)
            self.epoch += 1
        return self.order


def sequential_batches(n, batch_size):
    return [list(range(i, min(n, i + batch_size))) for i in range(0, n, batch_size)]
