"""A pretrained BERT-family encoder (BERT, DistilBERT, RoBERTa, XLM-R) in plain torch, as src/model/hf/encoder.ts
runs it: embeddings, then post-LayerNorm transformer layers. Its weights live in the tagger's store under their Hugging
Face names with dense weights [in, out] (the studio's checkpoint layout); LoRA adapters as '<layer>.lora_A.weight'
[in, r] and '.lora_B.weight' [r, out]. What trains: everything, nothing, the top N layers, or the adapters."""
import math

import numpy as np
import torch
import torch.nn.functional as F

from .hf_spec import embedding_names, encoder_params, layer_names
from .layers import Dropout
from .rng import Mulberry32
from .shards import Span

MASKED = -1e9
DENSE = ("query", "key", "value", "attention_output", "intermediate", "output")


def layer_norm(x, weight, bias, eps):
    centred = x - x.mean(-1, keepdim=True)
    variance = (centred * centred).mean(-1, keepdim=True)
    return centred * torch.rsqrt(variance + eps) * weight + bias


def activation(x, kind):
    if kind == "gelu":  # exact, as BERT's PyTorch code
        return x * 0.5 * (torch.erf(x * math.sqrt(0.5)) + 1)
    if kind == "gelu_new":
        return x * 0.5 * (torch.tanh((x + torch.pow(x, 3) * 0.044715) * math.sqrt(2 / math.pi)) + 1)
    if kind == "relu":
        return torch.relu(x)
    raise ValueError(f"activation {kind!r} is not supported (gelu, gelu_new or relu)")


class HfEncoder:
    def __init__(self, store, spec, finetune, seed, weights=None):
        """finetune: (mode, top_layers, lora_rank, lora_alpha); weights: Hugging Face layout by name, or None for
        zeros (a checkpoint's weights follow)."""
        mode, top, rank, alpha = finetune
        self.spec = spec
        first_trained = {"full": -1, "top": spec.layers - top}.get(mode, math.inf)
        self.p = {}
        for name, hf_shape, kind, layer in encoder_params(spec):
            w = weights[name] if weights is not None else np.zeros(hf_shape, np.float32)
            values = w.T if kind == "linear" else w
            self.p[name] = store.add(name, list(values.shape), values, trainable=layer >= first_trained)
        self.lora = {}
        if mode == "lora":
            rng = Mulberry32(seed)
            for i in range(spec.layers):
                for target in ("query", "value"):
                    base = layer_names(spec, i)[target]
                    n_in, n_out = self.p[f"{base}.weight"].shape
                    a = store.add(f"{base}.lora_A.weight", [n_in, rank], rng.uniform(n_in * rank, 1 / math.sqrt(n_in)))
                    b = store.add(f"{base}.lora_B.weight", [rank, n_out], np.zeros(rank * n_out))
                    self.lora[base] = (a, b, alpha / rank)
        self.hidden_dropout = Dropout(spec.hidden_dropout, seed + 1)
        self.attention_dropout = Dropout(spec.attention_dropout, seed + 2)

    def dense(self, x, name):
        y = x @ self.p[f"{name}.weight"] + self.p[f"{name}.bias"]
        if name in self.lora:
            a, b, scale = self.lora[name]
            y = y + (x @ a @ b) * scale
        return y

    def norm(self, x, name):
        return layer_norm(x, self.p[f"{name}.weight"], self.p[f"{name}.bias"], self.spec.eps)

    def __call__(self, ids, attention_mask, training, span: Span):
        """ids, attention_mask [W, S] -> last hidden states [W, S, H]. span: these windows' place in the global batch."""
        spec, (W, S), H = self.spec, ids.shape, self.spec.hidden
        e = embedding_names(spec)
        x = F.embedding(ids, self.p[e["word"]])  # [W, S, H]
        if spec.position_offset == 0:
            x = x + self.p[e["position"]][:S]
        else:  # RoBERTa numbers the real tokens from pad + 1; padding sits at pad
            real = (ids != spec.pad_id).to(x.dtype)
            x = x + F.embedding((torch.cumsum(real, 1) * real + spec.pad_id).long(), self.p[e["position"]])
        if e["token_type"]:
            x = x + self.p[e["token_type"]][0]
        x = self.norm(x, e["norm"])
        h = self.hidden_dropout(x, training, span).reshape(W * S, H)
        key_mask = ((1 - attention_mask) * MASKED).reshape(W, 1, 1, S)
        for i in range(spec.layers):
            h = self.layer(h, layer_names(spec, i), key_mask, W, S, training, span)
        return h.reshape(W, S, H)

    def layer(self, h, n, key_mask, W, S, training, span):
        spec, H = self.spec, self.spec.hidden
        nh, d = spec.heads, H // spec.heads
        heads = lambda t: t.reshape(W, S, nh, d).permute(0, 2, 1, 3).reshape(W * nh, S, d)  # noqa: E731
        q, v = heads(self.dense(h, n["query"])), heads(self.dense(h, n["value"]))
        k_t = self.dense(h, n["key"]).reshape(W, S, nh, d).permute(0, 2, 3, 1).reshape(W * nh, d, S)
        scores = (torch.bmm(q, k_t) * (1 / math.sqrt(d))).reshape(W, nh, S, S) + key_mask
        probs = self.attention_dropout(torch.softmax(scores, -1), training, Span(span.offset, (span.shape[0], nh) + span.shape[1:] * 2))
        context = torch.bmm(probs.reshape(W * nh, S, S), v).reshape(W, nh, S, d).permute(0, 2, 1, 3).reshape(W * S, H)
        drop = lambda t: self.hidden_dropout(t, training, span, (W, S, -1))  # noqa: E731
        h1 = self.norm(drop(self.dense(context, n["attention_output"])) + h, n["attention_norm"])
        ffn = drop(self.dense(activation(self.dense(h1, n["intermediate"]), spec.activation), n["output"]))
        return self.norm(ffn + h1, n["output_norm"])
