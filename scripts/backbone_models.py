"""The tiny backbones' forward passes in torch, without transformers, for scripts/backbone_reference.py:
Llama / Mistral / Qwen2 decoders, ModernBERT and DeBERTa-v2/v3, from the published definitions and
transformers' modeling code, in float64 except where transformers itself works in float32 (rotary
angles, DeBERTa's log buckets). Each model's features() gives what its token classifier reads.
"""
import json
import math
import struct
from pathlib import Path

import torch

F64 = torch.float64
DTYPES = {"F32": torch.float32, "I32": torch.int32, "I64": torch.int64, "F16": torch.float16}


# ----------------------------------------------------------------------------------- weights

def read_safetensors(path):
    raw = Path(path).read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    header.pop("__metadata__", None)
    out = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        t = torch.frombuffer(bytearray(raw[8 + n + begin:8 + n + end]), dtype=DTYPES[entry["dtype"]]).reshape(entry["shape"])
        out[name] = t.to(F64) if t.is_floating_point() else t
    return out


def read_weights(folder):
    folder = Path(folder)
    if (folder / "model.safetensors").exists():
        return read_safetensors(folder / "model.safetensors")
    index = json.loads((folder / "model.safetensors.index.json").read_text())
    out = {}
    for shard in sorted(set(index["weight_map"].values())):
        out.update(read_safetensors(folder / shard))
    return out


def strip_prefix(weights, anchor):
    """The base model's weights without whatever prefix they were saved under, and the rest as saved."""
    key = next(k for k in weights if k == anchor or k.endswith("." + anchor))
    prefix = key[:-len(anchor)]
    return {k[len(prefix):]: v for k, v in weights.items() if k.startswith(prefix)}, weights


def linear(x, w, name):
    y = x @ w[name + ".weight"].T
    return y + w[name + ".bias"] if name + ".bias" in w else y


def layer_norm(x, w, name, eps):
    mean = x.mean(-1, keepdim=True)
    var = ((x - mean) ** 2).mean(-1, keepdim=True)
    y = (x - mean) / torch.sqrt(var + eps) * w[name + ".weight"]
    return y + w[name + ".bias"] if name + ".bias" in w else y


def gelu(x):
    return 0.5 * x * (1.0 + torch.erf(x / math.sqrt(2.0)))


def rope_cos_sin(dim, theta, T, scaling=None):
    """transformers' rotary tables: inverse frequencies and angles in float32, then cos / sin."""
    inv = 1.0 / (theta ** (torch.arange(0, dim, 2, dtype=torch.int64).float() / dim))
    if scaling and scaling.get("rope_type", scaling.get("type")) == "linear":
        inv = inv / scaling["factor"]
    elif scaling and scaling.get("rope_type", scaling.get("type")) == "llama3":
        factor, low, high, old = scaling["factor"], scaling["low_freq_factor"], scaling["high_freq_factor"], scaling["original_max_position_embeddings"]
        wavelen = 2 * math.pi / inv
        scaled = torch.where(wavelen > old / low, inv / factor, inv)
        smooth = (old / wavelen - low) / (high - low)
        smoothed = (1 - smooth) * scaled / factor + smooth * scaled
        medium = ~(wavelen < old / high) * ~(wavelen > old / low)
        inv = torch.where(medium, smoothed, scaled)
    angles = torch.arange(T, dtype=torch.float32)[:, None] * inv[None, :]
    emb = torch.cat([angles, angles], dim=-1)
    return emb.cos().to(F64), emb.sin().to(F64)


def rotate(x, cos, sin):
    half = x.shape[-1] // 2
    rotated = torch.cat([-x[..., half:], x[..., :half]], dim=-1)
    return x * cos + rotated * sin


def attention(q, k, v, allowed):
    """q [B, nh, T, d], k / v [B, nh, T, d], allowed [B, 1, T, T] bool -> [B, T, nh * d]."""
    scores = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1])
    scores = scores.masked_fill(~allowed, torch.finfo(F64).min)
    out = torch.softmax(scores, dim=-1) @ v
    B, nh, T, d = out.shape
    return out.transpose(1, 2).reshape(B, T, nh * d)


# ----------------------------------------------------------------------------------- decoders

class Decoder:
    """Llama, Mistral and Qwen2: pre-RMSNorm layers, rotary grouped-query attention, SwiGLU."""

    def __init__(self, config, weights):
        self.c = config
        self.w, _ = strip_prefix(weights, "embed_tokens.weight")
        c = config
        self.nh = c["num_attention_heads"]
        self.nkv = c.get("num_key_value_heads") or self.nh
        self.d = c.get("head_dim") or c["hidden_size"] // self.nh
        self.layers = c["num_hidden_layers"]
        window = c.get("sliding_window")
        if c["model_type"] == "mistral":
            self.windows = [window] * self.layers
        elif c["model_type"] == "qwen2" and c.get("use_sliding_window"):
            self.windows = [window if i >= c.get("max_window_layers", self.layers) else None for i in range(self.layers)]
        else:
            self.windows = [None] * self.layers

    def rms(self, x, name):
        return x / torch.sqrt((x * x).mean(-1, keepdim=True) + self.c["rms_norm_eps"]) * self.w[name + ".weight"]

    def features(self, ids, mask, bidirectional=False):
        B, T = ids.shape
        cos, sin = rope_cos_sin(self.d, self.c.get("rope_theta", 10000.0), T, self.c.get("rope_scaling"))
        i = torch.arange(T)[:, None]
        j = torch.arange(T)[None, :]
        x = self.w["embed_tokens.weight"][ids]
        for n in range(self.layers):
            allowed = torch.ones(T, T, dtype=torch.bool) if bidirectional else j <= i
            if self.windows[n] is not None:
                allowed = allowed & ((i - j).abs() < self.windows[n] if bidirectional else (i - j) < self.windows[n])
            allowed = allowed[None, None] & mask.bool()[:, None, None, :]
            p = f"layers.{n}."
            h = self.rms(x, p + "input_layernorm")
            split = lambda t, heads: t.view(B, T, heads, self.d).transpose(1, 2)
            q = rotate(split(linear(h, self.w, p + "self_attn.q_proj"), self.nh), cos, sin)
            k = rotate(split(linear(h, self.w, p + "self_attn.k_proj"), self.nkv), cos, sin)
            v = split(linear(h, self.w, p + "self_attn.v_proj"), self.nkv)
            group = self.nh // self.nkv  # repeat_kv: kv head g serves query heads g * group .. g * group + group - 1
            k, v = k.repeat_interleave(group, dim=1), v.repeat_interleave(group, dim=1)
            x = x + linear(attention(q, k, v, allowed), self.w, p + "self_attn.o_proj")
            h = self.rms(x, p + "post_attention_layernorm")
            gate = linear(h, self.w, p + "mlp.gate_proj")
            x = x + linear(gate * torch.sigmoid(gate) * linear(h, self.w, p + "mlp.up_proj"), self.w, p + "mlp.down_proj")
        return self.rms(x, "norm")


# ----------------------------------------------------------------------------------- ModernBERT

class ModernBert:
    """Pre-LayerNorm, rotary attention global every n layers and banded in between, GeGLU, then the prediction head."""

    def __init__(self, config, weights):
        self.c = config
        self.w, self.all = strip_prefix(weights, "embeddings.tok_embeddings.weight")
        self.nh = config["num_attention_heads"]
        self.d = config["hidden_size"] // self.nh

    def norm(self, x, name, w=None):
        return layer_norm(x, w or self.w, name, self.c.get("norm_eps", 1e-5))

    def features(self, ids, mask):
        c = self.c
        B, T = ids.shape
        I = c["intermediate_size"]
        x = self.norm(self.w["embeddings.tok_embeddings.weight"][ids], "embeddings.norm")
        i = torch.arange(T)[:, None]
        j = torch.arange(T)[None, :]
        keys = mask.bool()[:, None, None, :]
        for n in range(c["num_hidden_layers"]):
            p = f"layers.{n}."
            local = n % c.get("global_attn_every_n_layers", 3) != 0
            theta = c.get("local_rope_theta", 10000.0) if local else c.get("global_rope_theta", 160000.0)
            cos, sin = rope_cos_sin(self.d, theta, T)
            allowed = keys & ((i - j).abs() <= c.get("local_attention", 128) // 2)[None, None] if local else keys
            h = x if n == 0 else self.norm(x, p + "attn_norm")
            qkv = linear(h, self.w, p + "attn.Wqkv").view(B, T, 3, self.nh, self.d)
            q, k, v = (qkv[:, :, s].transpose(1, 2) for s in range(3))
            x = x + linear(attention(rotate(q, cos, sin), rotate(k, cos, sin), v, allowed), self.w, p + "attn.Wo")
            inner = linear(self.norm(x, p + "mlp_norm"), self.w, p + "mlp.Wi")
            x = x + linear(gelu(inner[..., :I]) * inner[..., I:], self.w, p + "mlp.Wo")
        last = self.norm(x, "final_norm")
        return self.norm(gelu(linear(last, self.all, "head.dense")), "head.norm", self.all)


# ----------------------------------------------------------------------------------- DeBERTa-v2/v3

def log_bucket(rel, bucket_size, max_position):
    """transformers' make_log_bucket_position, float32 as there."""
    sign = torch.sign(rel)
    mid = bucket_size // 2
    abs_pos = torch.where((rel < mid) & (rel > -mid), torch.tensor(mid - 1).type_as(rel), torch.abs(rel))
    log_pos = torch.ceil(torch.log(abs_pos / mid) / torch.log(torch.tensor((max_position - 1) / mid, dtype=torch.float32)) * (mid - 1)) + mid
    return torch.where(abs_pos <= mid, rel.type_as(log_pos), log_pos * sign).long()


def relative_positions(T, buckets, max_relative):
    rel = torch.arange(T)[:, None] - torch.arange(T)[None, :]
    return log_bucket(rel, buckets, max_relative) if buckets > 0 and max_relative > 0 else rel


class Deberta:
    """Post-LayerNorm layers with disentangled attention: content, content-to-position, position-to-content."""

    def __init__(self, config, weights):
        c = self.c = config
        self.w, _ = strip_prefix(weights, "embeddings.word_embeddings.weight")
        self.nh = c["num_attention_heads"]
        self.d = c.get("attention_head_size") or c["hidden_size"] // self.nh
        types = c.get("pos_att_type") or []
        self.types = [t.strip() for t in types.lower().split("|")] if isinstance(types, str) else [t.lower() for t in types]
        self.max_relative = c.get("max_relative_positions", -1)
        if self.max_relative < 1:
            self.max_relative = c["max_position_embeddings"]
        self.buckets = c.get("position_buckets", -1)
        self.span = self.buckets if self.buckets > 0 else self.max_relative

    def norm(self, x, name):
        return layer_norm(x, self.w, name, self.c.get("layer_norm_eps", 1e-7))

    def features(self, ids, mask, types=None):
        c, w = self.c, self.w
        B, T = ids.shape
        x = w["embeddings.word_embeddings.weight"][ids]
        if c.get("position_biased_input", True):
            x = x + w["embeddings.position_embeddings.weight"][torch.arange(T)][None]
        if c.get("type_vocab_size", 0) > 0:
            x = x + w["embeddings.token_type_embeddings.weight"][types if types is not None else torch.zeros_like(ids)]
        if "embeddings.embed_proj.weight" in w:
            x = x @ w["embeddings.embed_proj.weight"].T
        x = self.norm(x, "embeddings.LayerNorm") * mask[:, :, None].to(F64)
        allowed = mask.bool()[:, None, None, :]
        rel = w.get("encoder.rel_embeddings.weight")
        if rel is not None and "layer_norm" in [s.strip() for s in c.get("norm_rel_ebd", "none").lower().split("|")]:
            rel = self.norm(rel, "encoder.LayerNorm")
        index = torch.clamp(relative_positions(T, self.buckets, self.max_relative) + self.span, 0, 2 * self.span - 1)  # [T, T]
        scale = math.sqrt(self.d * (1 + len([t for t in self.types if t in ("c2p", "p2c")])))
        heads = lambda t, rows: t.view(-1, rows, self.nh, self.d).transpose(1, 2)  # [*, nh, rows, d]
        for n in range(c["num_hidden_layers"]):
            p = f"encoder.layer.{n}."
            q = heads(linear(x, w, p + "attention.self.query_proj"), T)
            k = heads(linear(x, w, p + "attention.self.key_proj"), T)
            v = heads(linear(x, w, p + "attention.self.value_proj"), T)
            scores = q @ k.transpose(-1, -2)
            if c.get("relative_attention") and rel is not None:
                pos_q = heads(linear(rel, w, p + "attention.self.query_proj"), rel.shape[0])[0]  # [nh, 2span, d]
                pos_k = heads(linear(rel, w, p + "attention.self.key_proj"), rel.shape[0])[0]
                if "c2p" in self.types:  # q_i . K[bucket(i - j)]
                    all_c2p = q @ pos_k.transpose(-1, -2)  # [B, nh, T, 2span]
                    scores = scores + torch.gather(all_c2p, -1, index.expand(B, self.nh, T, T))
                if "p2c" in self.types:  # k_j . Q[bucket(i - j)]: row j of k against column index[i, j]
                    all_p2c = k @ pos_q.transpose(-1, -2)  # [B, nh, T(keys), 2span]
                    scores = scores + torch.gather(all_p2c, -1, index.T.expand(B, self.nh, T, T)).transpose(-1, -2)
            scores = (scores / scale).masked_fill(~allowed, torch.finfo(F64).min)
            context = (torch.softmax(scores, -1) @ v).transpose(1, 2).reshape(B, T, self.nh * self.d)
            x = self.norm(linear(context, w, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
            x = self.norm(linear(gelu(linear(x, w, p + "intermediate.dense")), w, p + "output.dense") + x, p + "output.LayerNorm")
        return x


def build(folder):
    folder = Path(folder)
    config = json.loads((folder / "config.json").read_text())
    weights = read_weights(folder)
    kind = config["model_type"]
    if kind in ("llama", "mistral", "qwen2"):
        return Decoder(config, weights)
    if kind == "modernbert":
        return ModernBert(config, weights)
    return Deberta(config, weights)
