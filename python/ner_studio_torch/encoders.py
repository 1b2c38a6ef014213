"""The encoders by name (src/model/encoders/): each turns a batch into hidden states [B, T, H], zeros at padding.
Initialisation draws from the tagger's generator in the studio's order."""
import math

import torch

from .hf import HfEncoder
from .layers import BiLstm, LayerNorm, Linear, TokenFeatures, TransformerBlock, embedding, sinusoids


class BiLstmEncoder:
    """Word embeddings and char CNN features, then one or two BiLSTMs, dropout before each."""

    def __init__(self, store, cfg, sizes, rng, dropout, word_vectors=None, **_):
        self.features = TokenFeatures(store, cfg, sizes, rng, word_vectors)
        self.layers = [BiLstm(store, "bilstm", self.features.dim, cfg.hidden, rng)]
        for layer in range(2, cfg.lstmLayers + 1):
            self.layers.append(BiLstm(store, f"bilstm{layer}", 2 * cfg.hidden, cfg.hidden, rng))
        self.dim, self.dropout = 2 * cfg.hidden, dropout

    def __call__(self, x, shard, training):
        h = self.features(x.words, x.chars)  # [B, T, wordDim + charFilters]
        for layer in self.layers:
            h = layer(self.dropout(h, training, shard.tokens), x.lengths, x.mask)  # [B, T, 2H]
        return h


class TransformerEncoder:
    """Token features projected to model_dim, positions added, pre-LN blocks, a final LayerNorm."""

    def __init__(self, store, cfg, sizes, rng, dropout, word_vectors=None, **_):
        D = cfg.modelDim
        self.features = TokenFeatures(store, cfg, sizes, rng, word_vectors)
        self.input = Linear(store, "transformer.input", self.features.dim, D, rng)
        self.positions = embedding(store, "transformer.positions", cfg.maxPositions, D, rng) if cfg.positional == "learned" else None
        self.blocks = [TransformerBlock(store, f"transformer.layer{i}", D, cfg.heads, cfg.ffnDim, rng) for i in range(cfg.transformerLayers)]
        self.final_norm = LayerNorm(store, "transformer.final_norm", D)
        self.dim, self.max_positions, self.dropout = D, cfg.maxPositions, dropout

    def position_table(self, T, device):
        if self.positions is None:
            return torch.from_numpy(sinusoids(T, self.dim)).to(device)
        ids = torch.clamp(torch.arange(T, device=device), max=self.max_positions - 1)  # later ones share the last
        return self.positions[ids]

    def __call__(self, x, shard, training):
        B, T = x.mask.shape
        tokens = self.features(x.words, x.chars).reshape(B * T, -1)
        placed = self.input(tokens).reshape(B, T, self.dim) + self.position_table(T, tokens.device)
        h = self.dropout(placed, training, shard.tokens).reshape(B * T, self.dim)
        bias = ((1 - x.mask) * -1e9).reshape(B, 1, 1, T)  # padded keys
        for block in self.blocks:
            h = block(h, bias, B, T, self.dropout, training, shard.tokens)
        return self.final_norm(h).reshape(B, T, self.dim) * x.mask.unsqueeze(2)


class PretrainedEncoder:
    """A Hugging Face encoder over the batch's subword windows; each position reads its first piece's state."""

    def __init__(self, store, cfg, sizes, rng, dropout, hf=None, **_):
        spec, weights = hf
        seed = math.floor(rng() * 2 ** 31)  # the studio draws the encoder's seed from the tagger's generator here
        finetune = (cfg.finetune, cfg.topLayers, cfg.loraRank, cfg.loraAlpha)
        self.hf = HfEncoder(store, spec, finetune, seed, weights)
        self.dim, self.aggregation = spec.hidden, cfg.aggregation

    def piece_states(self, x, shard, training):
        sub = x.subwords
        W, S = sub.input_ids.shape
        return self.hf(sub.input_ids, sub.attention_mask, training, shard.windows).reshape(W * S, self.dim)

    def to_positions(self, values, x, mode):
        """values [W*S, X] -> [B, T, X]: each position's first piece, or the average / max over its pieces."""
        B, T = x.mask.shape
        index, piece_mask = x.subwords.piece_index, x.subwords.piece_mask  # [B, T, P]
        if mode == "first":
            return values[index[:, :, 0].reshape(-1)].reshape(B, T, -1)
        pieces = values[index.reshape(-1)].reshape(B * T, index.shape[2], -1)  # [B*T, P, X]
        m = piece_mask.reshape(B * T, -1, 1)
        if mode == "average":
            return ((pieces * m).sum(1) / m.sum(1).clamp(min=1)).reshape(B, T, -1)
        any_piece = m.sum(1).clamp(max=1)
        return ((pieces + (1 - m) * -1e9).amax(1) * any_piece).reshape(B, T, -1)

    def __call__(self, x, shard, training):
        return self.to_positions(self.piece_states(x, shard, training), x, "first") * x.mask.unsqueeze(2)

    def pooled_emissions(self, x, shard, head):
        """Prediction with 'average' / 'max' aggregation: the head on every piece, pooled per position."""
        if self.aggregation == "first":
            return None
        states = self.piece_states(x, shard, False)
        return self.to_positions(head(states), x, self.aggregation)


ENCODER_TABLE = {"bilstm": BiLstmEncoder, "transformer": TransformerEncoder, "pretrained": PretrainedEncoder}


def sizes_of(vocab):
    return {"words": len(vocab["words"]), "chars": len(vocab["chars"]), "labels": len(vocab["labels"])}

