"""The layers of the studio's encoders (src/model/layers/), with the studio's variable names, layouts ([in, out]
kernels; the LSTM's [D + H, 4H] kernel with gates i, f, g, o) and seeded initialisation, so a checkpoint moves between
the two sides unchanged and a fresh run starts from the studio's weights for the same seed."""
import math

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pad_packed_sequence



class ParamStore(nn.Module):
    """The model's parameters under the studio's names ('bilstm.fw.kernel'), in creation order."""

    def __init__(self):
        super().__init__()
        self.names = {}  # studio name -> attribute name

    def add(self, name, shape, values, trainable=True) -> nn.Parameter:
        if name in self.names:
            raise ValueError(f"parameter '{name}' is defined twice")
        p = nn.Parameter(torch.from_numpy(np.asarray(values, np.float32).reshape(shape).copy()), requires_grad=trainable)
        attr = name.replace(".", "__")
        self.register_parameter(attr, p)
        self.names[name] = attr
        return p

    def named(self):
        return {name: getattr(self, attr) for name, attr in self.names.items()}


class Dropout:
    """Dropout whose masks are drawn for the whole global batch from (seed, call number) and cut to this rank's rows,
    so they do not depend on how many processes share the batch. Not the studio's masks: those come from tfjs."""

    def __init__(self, rate, seed):
        self.rate, self.seed, self.calls = rate, seed, 0

    def __call__(self, x, training, span, shape=None):
        """x [R, ...], span: its rows' offset and the global shape (rows first); shape: x viewed as this first."""
        if not training or self.rate == 0:
            return x
        self.calls += 1
        view = x.reshape(shape) if shape else x
        g = torch.Generator(device=x.device)
        g.manual_seed((self.seed << 24) + self.calls)
        u = torch.rand(span.shape + tuple(view.shape[len(span.shape):]), generator=g, device=x.device)
        u = u.narrow(0, span.offset, view.shape[0])
        for axis in range(1, len(span.shape)):
            u = u.narrow(axis, 0, view.shape[axis])
        return (view * ((u >= self.rate).to(x.dtype) / (1 - self.rate))).reshape(x.shape)


def max_over(x, dim):
    """Max over `dim` whose gradient reaches every position equal to the max, as the studio's maxOverAxis."""
    top = x.detach().amax(dim, keepdim=True)
    is_max = (x.detach() == top).to(x.dtype)
    return top.squeeze(dim) + ((x - x.detach()) * is_max).sum(dim)


class Linear:
    def __init__(self, store, name, n_in, n_out, rng):
        self.kernel = store.add(f"{name}.kernel", [n_in, n_out], rng.glorot(n_in, n_out))
        self.bias = store.add(f"{name}.bias", [n_out], np.zeros(n_out))

    def __call__(self, x):  # [N, in] -> [N, out]
        return x @ self.kernel + self.bias


def embedding(store, name, vocab_size, dim, rng, rows=None):
    """Uniform in +-sqrt(3 / dim) (Ma & Hovy 2016); `rows` (ids, vectors) replace the start of those ids."""
    values = rng.uniform(vocab_size * dim, math.sqrt(3 / dim)).reshape(vocab_size, dim)
    if rows is not None:
        values[rows[0]] = rows[1]
    return store.add(name, [vocab_size, dim], values)


class TokenFeatures:
    """A token's word embedding next to its character CNN features (tanh, max over positions)."""

    def __init__(self, store, cfg, sizes, rng, word_vectors=None, kernel=3):
        self.words = embedding(store, "word_embeddings", sizes["words"], cfg.wordDim, rng, word_vectors)
        self.chars = embedding(store, "char_embeddings", sizes["chars"], cfg.charDim, rng)
        self.kernel = store.add("char_cnn.kernel", [kernel * cfg.charDim, cfg.charFilters], rng.glorot(kernel * cfg.charDim, cfg.charFilters))
        self.bias = store.add("char_cnn.bias", [cfg.charFilters], np.zeros(cfg.charFilters))
        self.width, self.dim = kernel, cfg.wordDim + cfg.charFilters

    def __call__(self, words, chars):
        """words [B, T], chars [B, T, C] -> [B, T, wordDim + charFilters]."""
        B, T, C = chars.shape
        m = (chars > 0).to(self.kernel.dtype).reshape(B * T, C, 1)  # [N, C, 1]
        emb = F.embedding(chars.reshape(B * T, C), self.chars) * m  # [N, C, E]: padding chars are zeros
        left = (self.width - 1) // 2
        padded = F.pad(emb, (0, 0, left, self.width - 1 - left))  # [N, C + k - 1, E]
        windows = torch.cat([padded[:, j:j + C] for j in range(self.width)], 2).reshape(B * T * C, -1)  # [N*C, k*E]
        conv = torch.tanh(windows @ self.kernel + self.bias).reshape(B * T, C, -1)  # [N, C, F]
        masked = conv * m + (m - 1)  # tanh >= -1: padding never beats a real char
        char_features = max_over(masked, 1)  # [N, F]
        word_features = F.embedding(words.reshape(B * T), self.words)  # [N, wordDim]
        return torch.cat([word_features, char_features], 1).reshape(B, T, self.dim)


class BiLstm:
    """Forward and backward LSTMs over each sentence's own length; zeros at padding. The weights stay in the studio's
    layout and are handed to torch's LSTM kernel (what nn.LSTM calls; cuDNN on a GPU) as views."""

    def __init__(self, store, name, n_in, hidden, rng):
        self.n_in, self.hidden = n_in, hidden
        self.weights = []
        for direction in ("fw", "bw"):
            kernel = store.add(f"{name}.{direction}.kernel", [n_in + hidden, 4 * hidden], rng.glorot(n_in + hidden, 4 * hidden))
            bias = np.zeros(4 * hidden)
            bias[hidden:2 * hidden] = 1  # forget-gate bias 1
            self.weights.append((kernel, store.add(f"{name}.{direction}.bias", [4 * hidden], bias)))

    def __call__(self, x, lengths, mask):
        """x [B, T, D], lengths [B] (cpu int64), mask [B, T] -> [B, T, 2H]: forward then backward states."""
        B, T, D = x.shape
        flat = []
        for kernel, bias in self.weights:
            flat += [kernel[:D].t(), kernel[D:].t(), bias, torch.zeros_like(bias)]
        packed = pack_padded_sequence(x, lengths.clamp(min=1), batch_first=True, enforce_sorted=False)
        h0 = x.new_zeros(2, B, self.hidden)
        out, _, _ = torch._VF.lstm(packed.data, packed.batch_sizes, (h0, h0), flat, True, 1, 0.0, True, True)
        states, _ = pad_packed_sequence(PackedSequence(out, packed.batch_sizes, packed.sorted_indices, packed.unsorted_indices),
                                        batch_first=True, total_length=T)
        return states * mask.unsqueeze(2)


class LayerNorm:
    def __init__(self, store, name, dim, eps=1e-5):
        self.gain = store.add(f"{name}.gain", [dim], np.ones(dim))
        self.bias = store.add(f"{name}.bias", [dim], np.zeros(dim))
        self.eps = eps

    def __call__(self, x):
        centred = x - x.mean(-1, keepdim=True)
        variance = (centred * centred).mean(-1, keepdim=True)
        return centred * torch.rsqrt(variance + self.eps) * self.gain + self.bias


def gelu_tanh(x):
    inner = (x + x * x * x * 0.044715) * math.sqrt(2 / math.pi)
    return x * 0.5 * (1 + torch.tanh(inner))


def sinusoids(T, D):
    """PE[t, 2i] = sin(t / 10000^(2i/D)), PE[t, 2i+1] = cos(...), computed in float64 as the studio does."""
    out = np.zeros((T, D))
    for i in range(0, D, 2):
        angle = np.arange(T) / 10000 ** (i / D)
        out[:, i] = np.sin(angle)
        if i + 1 < D:
            out[:, i + 1] = np.cos(angle)
    return out.astype(np.float32)


class TransformerBlock:
    """Pre-LN: x + attention(LN(x)), then x + FFN(LN(x)); padded keys get -1e9 before the softmax."""

    def __init__(self, store, name, D, heads, ffn, rng):
        self.norm1 = LayerNorm(store, f"{name}.norm1", D)
        self.qkv = Linear(store, f"{name}.attention.qkv", D, 3 * D, rng)
        self.out = Linear(store, f"{name}.attention.out", D, D, rng)
        self.norm2 = LayerNorm(store, f"{name}.norm2", D)
        self.ffn_in = Linear(store, f"{name}.ffn_in", D, ffn, rng)
        self.ffn_out = Linear(store, f"{name}.ffn_out", ffn, D, rng)
        self.heads = heads

    def attention(self, x, bias, B, T):
        """x [B*T, D], bias [B, 1, 1, T] -> [B*T, D]."""
        D = x.shape[1]
        h, d = self.heads, D // self.heads
        q, k, v = [part.reshape(B, T, h, d).permute(0, 2, 1, 3).reshape(B * h, T, d) for part in self.qkv(x).split(D, 1)]
        scores = torch.bmm(q * (1 / math.sqrt(d)), k.transpose(1, 2)).reshape(B, h, T, T)
        weights = torch.softmax(scores + bias, -1).reshape(B * h, T, T)
        mixed = torch.bmm(weights, v).reshape(B, h, T, d).permute(0, 2, 1, 3).reshape(B * T, D)
        return self.out(mixed)

    def __call__(self, x, bias, B, T, dropout, training, span):
        drop = lambda y: dropout(y, training, span, (B, T, -1))  # noqa: E731
        after = x + drop(self.attention(self.norm1(x), bias, B, T))
        return after + drop(self.ffn_out(gelu_tanh(self.ffn_in(self.norm2(after)))))
