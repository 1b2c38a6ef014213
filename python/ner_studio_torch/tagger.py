"""The tagger (src/model/tagger.ts): an encoder from the table, a linear emission head, an optional CRF whose
transitions the tag scheme may constrain, and the run's loss. Parameters carry the studio's names and start from the
studio's initial values for the same seed; the variables a loss owns are 'loss.*'."""
from dataclasses import dataclass
from typing import Optional

import numpy as np
import torch
from torch import nn

from . import crf as crf_ops
from .encoders import ENCODER_TABLE, sizes_of
from .errors import UserError
from .layers import Dropout, Linear, ParamStore
from .losses import LossInputs, create_loss
from .rng import Mulberry32
from .parallel import LocalReduce
from .shards import shard_of_batch


@dataclass
class Subwords:
    input_ids: torch.Tensor  # [W, S]
    attention_mask: torch.Tensor  # [W, S]
    piece_index: torch.Tensor  # [B, T, P]
    piece_mask: torch.Tensor  # [B, T, P]


@dataclass
class Tensors:
    words: torch.Tensor  # [B, T]
    chars: torch.Tensor  # [B, T, C]
    labels: torch.Tensor  # [B, T]
    mask: torch.Tensor  # [B, T]
    lengths: torch.Tensor  # [B] int64 on the cpu, for packing
    subwords: Optional[Subwords]


def to_tensors(batch, device) -> Tensors:
    t = lambda a: torch.as_tensor(a, device=device)  # noqa: E731
    sub = batch.subwords
    subwords = sub and Subwords(t(sub.input_ids), t(sub.attention_mask), t(sub.piece_index), t(sub.piece_mask))
    return Tensors(t(batch.words), t(batch.chars), t(batch.labels), t(batch.mask), torch.tensor(batch.lengths, dtype=torch.int64), subwords)


class Tagger(nn.Module):
    def __init__(self, cfg, vocab, constraints, seed, word_vectors=None, hf=None):
        """word_vectors: (ids, vectors) replacing those embedding rows; hf: (EncoderSpec, weights or None)."""
        super().__init__()
        self.store = ParamStore()
        rng = Mulberry32(seed)
        self.dropout = Dropout(cfg.dropout, (seed ^ 0x5BD1E995) & 0xFFFFFFFF)
        self.encoder = ENCODER_TABLE[cfg.encoder](self.store, cfg, sizes_of(vocab), rng, self.dropout, word_vectors=word_vectors, hf=hf)
        K = self.num_labels = len(vocab["labels"])
        self.head = Linear(self.store, "emissions", self.encoder.dim, K, rng)
        self.crf = None
        if cfg.crf:
            self.crf = (self.store.add("crf.transitions", [K, K], rng.uniform(K * K, 0.1)),
                        self.store.add("crf.start", [K], rng.uniform(K, 0.1)),
                        self.store.add("crf.end", [K], rng.uniform(K, 0.1)))
        self.allowed = constraints if cfg.crf and cfg.constrainTransitions else None
        data = {"labels": vocab["labels"], "label_counts": vocab.get("labelCounts"), "extra_sizes": [len(v) for v in vocab.get("extra") or []]}
        setup = {"store": self.store, "rng": Mulberry32((seed ^ 0x10553EED) & 0xFFFFFFFF), "num_labels": K,
                 "hidden_dim": self.encoder.dim, "crf": cfg.crf, "data": data}
        self.objective = create_loss(cfg.loss, cfg.lossParams, setup)
        self.reduce = LocalReduce()  # sums over ranks: the trainer sets parallel.DistributedReduce under torchrun

    @property
    def device(self):
        return next(self.store.parameters()).device

    def crf_scores(self):
        return crf_ops.constrained(*self.crf, self.allowed) if self.crf else None

    def forward(self, shard, training=True):
        """The loss of the global batch `shard` is part of (its value is the same on every rank)."""
        x = to_tensors(shard.batch, self.device)
        hidden = self.encoder(x, shard, training)  # [B, T, H]
        B, T, H = hidden.shape
        # Outside training a subword encoder may pool each word's emissions over its pieces, as the studio's does.
        pooled = None if training else self.pooled_emissions(x, shard)
        features = self.dropout(hidden, training, shard.tokens).reshape(B * T, H)
        emissions = pooled if pooled is not None else self.head(features).reshape(B, T, self.num_labels)
        inputs = LossInputs(emissions, x.labels, x.mask, self.crf_scores(), hidden, shard.batch, shard, shard.sentences, self.reduce)
        return self.objective(inputs)

    def pooled_emissions(self, x, shard):
        pool = getattr(self.encoder, "pooled_emissions", None)
        return pool(x, shard, self.head) if pool else None

    @torch.no_grad()
    def emissions(self, batch):
        shard = shard_of_batch(batch)
        x = to_tensors(batch, self.device)
        pooled = self.pooled_emissions(x, shard)
        if pooled is not None:
            return pooled
        hidden = self.encoder(x, shard, False)
        B, T, H = hidden.shape
        return self.head(hidden.reshape(B * T, H)).reshape(B, T, self.num_labels)

    @torch.no_grad()
    def predict(self, batch):
        """Label ids per sentence: Viterbi with the CRF, argmax without."""
        emissions = self.emissions(batch).float().cpu().numpy()
        if not self.crf:
            return crf_ops.argmax_decode(emissions, batch.lengths)
        trans, start, end = (t.float().cpu().numpy() for t in self.crf_scores())
        return crf_ops.viterbi(emissions, batch.lengths, trans, start, end)

    def weights(self):
        """The studio's tensors by name, float32 numpy on the host."""
        return {name: p.detach().float().cpu().numpy().copy() for name, p in self.store.named().items()}

    def load_weights(self, weights, where, loss_may_differ=False):
        """Assigns a checkpoint's weights, all checked first. loss_may_differ: 'loss.*' tensors (a loss's own
        variables) may be missing (they keep their start) or left over (ignored): the run may use another loss."""
        mine = self.store.named()
        notes = []
        for name, p in mine.items():
            w = weights.get(name)
            if w is None:
                if loss_may_differ and name.startswith("loss."):
                    notes.append(f"{name} starts fresh (not in {where})")
                    continue
                raise UserError(f"{where}: lacks tensor '{name}' (shape {list(p.shape)}); the checkpoint's model differs from run.yaml's")
            if list(w.shape) != list(p.shape):
                raise UserError(f"{where}: tensor '{name}' has shape {list(w.shape)}, run.yaml's model needs {list(p.shape)}")
        for name in weights:
            if name not in mine:
                if loss_may_differ and name.startswith("loss."):
                    notes.append(f"{name} of {where} is not used by this run's loss")
                    continue
                raise UserError(f"{where}: tensor '{name}' does not belong to run.yaml's model")
        with torch.no_grad():
            for name, p in mine.items():
                if name in weights:
                    p.copy_(torch.as_tensor(np.asarray(weights[name], np.float32)))
        return notes


