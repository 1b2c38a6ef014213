"""Reference forward passes and tokenizations for the tiny backbones of scripts/make-tiny-backbones.ts.

Written from the published definitions and transformers' modeling code (Llama / Mistral / Qwen2,
ModernBERT, DeBERTa-v2) directly in torch, without transformers and without sharing code with the
TypeScript side, in float64 except where transformers itself works in float32 (rotary angles,
DeBERTa's log buckets). The tokenizers are re-implemented from tokenizer.json's rules: byte-level
BPE behind a regex split, SentencePiece BPE with byte fallback behind Metaspace, Unigram (Viterbi).

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 scripts/backbone_reference.py [root]
        writes reference.json into every tiny backbone folder under root (default testing/fixtures/hf)
    ... backbone_reference.py logits FOLDER CASES.json [FOLDER CASES.json ...]
        prints the token-classification logits of exported *ForTokenClassification folders
"""
import json
import math
import re
import struct
import sys
import unicodedata
from pathlib import Path

import torch

F64 = torch.float64
DTYPES = {"F32": torch.float32, "I32": torch.int32, "I64": torch.int64, "F16": torch.float16}
BACKBONES = ("llama", "mistral", "qwen2", "modernbert", "deberta-v2")

# Words a tokenizer can get wrong: accents (composed and combining), emoji (with joiners and flags),
# digits, punctuation inside words, other scripts, compatibility forms that NFKC rewrites.
HARD_WORDS = ["John", "Zürich", "naïve", "Café", "e\u0301", "São", "Müller", "😀", "👩\u200d💻", "🇩🇪", "2024", "3.14",
              "1,000", "don't", "U.S.", "北京", "Ελλάδα", "—", "x²", "ﬁne", "Ａ", "New-York", "'s", "Smith's"]


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


# ----------------------------------------------------------------------------------- tokenizers

def _ranges(predicate):
    """A character-class body listing every code point the predicate holds for, as ranges."""
    out, start = [], None
    for cp in range(0x110000 + 1):
        inside = cp < 0x110000 and not (0xD800 <= cp <= 0xDFFF) and predicate(chr(cp))
        if inside and start is None:
            start = cp
        elif not inside and start is not None:
            out.append(re.escape(chr(start)) + ("-" + re.escape(chr(cp - 1)) if cp - 1 > start else ""))
            start = None
    return "".join(out)


_CLASSES = {}


def unicode_class(name):
    """\\p{L} and \\p{N} for Python's re, which lacks them, from unicodedata's categories."""
    if name not in _CLASSES:
        _CLASSES[name] = _ranges(lambda ch: unicodedata.category(ch).startswith(name))
    return _CLASSES[name]


def python_regex(pattern):
    """A tokenizer.json (Oniguruma) pattern with \\p{L} / \\p{N} spelled out as ranges."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and pattern.startswith("\\p{", i):
            body = unicode_class(pattern[i + 3])
            out.append(body if in_class else "[" + body + "]")
            i = pattern.index("}", i) + 1
            continue
        if ch == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        out.append(ch)
        i += 1
    return re.compile("".join(out))


GPT2_PATTERN = r"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs, n = bs[:], 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


def normalize(spec, text):
    if spec is None:
        return text
    kind = spec["type"]
    if kind in ("NFC", "NFKC", "NFD", "NFKD"):
        return unicodedata.normalize(kind, text)
    if kind == "Sequence":
        for inner in spec["normalizers"]:
            text = normalize(inner, text)
        return text
    if kind == "Prepend":
        return spec["prepend"] + text
    if kind == "Replace":
        return text.replace(spec["pattern"]["String"], spec["content"])
    raise ValueError(f"normalizer {kind} is not implemented here")


def bpe(symbols, ranks):
    """Merges the adjacent pair of lowest rank, leftmost first, until none applies."""
    symbols = list(symbols)
    while len(symbols) > 1:
        pairs = [(ranks.get((a, b)), k) for k, (a, b) in enumerate(zip(symbols, symbols[1:])) if (a, b) in ranks]
        if not pairs:
            break
        _, k = min(pairs)
        symbols[k:k + 2] = [symbols[k] + symbols[k + 1]]
    return symbols


def pre_tokenizers(spec):
    if spec is None:
        return []
    return spec["pretokenizers"] if spec["type"] == "Sequence" else [spec]


def split_isolated(regex, text):
    pieces, at = [], 0
    for m in regex.finditer(text):
        if m.start() > at:
            pieces.append(text[at:m.start()])
        if m.end() > m.start():
            pieces.append(m.group())
        at = m.end()
    if at < len(text):
        pieces.append(text[at:])
    return pieces


def unigram(piece, vocab, unk_id):
    """Viterbi over the scored pieces; a character no piece covers is one unknown, and runs of unknowns fuse."""
    scores = {tok: (i, s) for i, (tok, s) in enumerate(vocab)}
    unk_score = min(s for _, s in vocab) - 10.0
    n = len(piece)
    best = [(-math.inf, None)] * (n + 1)
    best[0] = (0.0, None)
    longest = max(len(t) for t, _ in vocab)
    for end in range(1, n + 1):
        for start in range(max(0, end - longest), end):
            if best[start][0] == -math.inf:
                continue
            sub = piece[start:end]
            if sub in scores:
                cand = (best[start][0] + scores[sub][1], (start, scores[sub][0]))
            elif end - start == 1:
                cand = (best[start][0] + unk_score, (start, unk_id))
            else:
                continue
            if cand[0] > best[end][0]:
                best[end] = cand
    ids, end = [], n
    while end > 0:
        start, tid = best[end][1]
        ids.append(tid)
        end = start
    ids.reverse()
    fused = []
    for tid in ids:
        if not (tid == unk_id and fused and fused[-1] == unk_id):
            fused.append(tid)
    return fused


def encode_word(tokenizer, word):
    """A word's ids without special tokens, encoded as the studio encodes CoNLL words: as if after a space."""
    model = tokenizer["model"]
    pres = pre_tokenizers(tokenizer.get("pre_tokenizer"))
    byte_level = any(p["type"] == "ByteLevel" for p in pres)
    text = normalize(tokenizer.get("normalizer"), (" " + word) if byte_level else word)
    pieces = [text]
    for p in pres:
        if p["type"] == "Split":
            regex = python_regex(p["pattern"]["Regex"])
            pieces = [s for piece in pieces for s in split_isolated(regex, piece)]
        elif p["type"] == "ByteLevel":
            if p.get("use_regex", True):
                pieces = [s for piece in pieces for s in split_isolated(python_regex(GPT2_PATTERN), piece)]
            table = bytes_to_unicode()
            pieces = ["".join(table[b] for b in piece.encode("utf-8")) for piece in pieces]
        elif p["type"] == "Metaspace":
            rep = p.get("replacement", "▁")
            pieces = [s.replace(" ", rep) for s in pieces]
            if p.get("prepend_scheme", "always") in ("always", "first") and not pieces[0].startswith(rep):
                pieces[0] = rep + pieces[0]
            if p.get("split", True):
                pieces = [s for piece in pieces for s in re.findall(re.escape(rep) + "[^" + re.escape(rep) + "]*|[^" + re.escape(rep) + "]+", piece)]
        else:
            raise ValueError(f"pre-tokenizer {p['type']} is not implemented here")
    if model["type"] == "Unigram":
        return [i for piece in pieces for i in unigram(piece, model["vocab"], model["unk_id"])]
    vocab = model["vocab"]
    ranks = {tuple(m.split(" ") if isinstance(m, str) else m): r for r, m in enumerate(model["merges"])}
    ids = []
    for piece in pieces:
        if model.get("ignore_merges") and piece in vocab:
            ids.append(vocab[piece])
            continue
        symbols = []
        for ch in piece:
            if ch in vocab:
                symbols.append(ch)
            elif model.get("byte_fallback"):
                symbols.extend(f"<0x{b:02X}>" for b in ch.encode("utf-8"))
            else:
                symbols.append(model["unk_token"])
        ids.extend(vocab[s] for s in bpe(symbols, ranks))
    return ids


def special_tokens(tokenizer):
    """The ids a single sequence gets before and after it, from the post-processor."""
    procs = tokenizer.get("post_processor")
    procs = (procs["processors"] if procs and procs["type"] == "Sequence" else [procs]) if procs else []
    for p in procs:
        if p["type"] == "TemplateProcessing":
            before, after, seen = [], [], False
            for item in p["single"]:
                if "Sequence" in item:
                    seen = True
                    continue
                (after if seen else before).extend(p["special_tokens"][item["SpecialToken"]["id"]]["ids"])
            return before, after
    return [], []


# ----------------------------------------------------------------------------------- fixtures

def cases(model):
    """Two batches: three short right-padded sentences, and one 40 tokens long (past every window and bucket)."""
    c = model.c
    vocab = c["vocab_size"]
    word = lambda i: 3 + (7 * i + 5) % (vocab - 3)
    short = [[word(i + 5 * j) for i in range(n)] for j, n in enumerate((6, 9, 1))]
    T = max(len(s) for s in short)
    pad = c.get("pad_token_id") or 0
    batch1 = [s + [pad] * (T - len(s)) for s in short]
    mask1 = [[1] * len(s) + [0] * (T - len(s)) for s in short]
    types1 = [[0] * T, [0] * 4 + [1] * (T - 4), [0] * T]
    batch2 = [[word(i + 11) for i in range(40)]]
    return [(batch1, mask1, types1), (batch2, [[1] * 40], [[0] * 40])]


def rounded(t):
    return [[[float(f"{v:.8g}") for v in row] for row in seq] for seq in t.tolist()]


def reference(folder):
    model = build(folder)
    tokenizer = json.loads((Path(folder) / "tokenizer.json").read_text())
    out = []
    for ids, mask, types in cases(model):
        ids_t, mask_t = torch.tensor(ids), torch.tensor(mask)
        entry = {"input_ids": ids, "attention_mask": mask}
        with torch.no_grad():
            if isinstance(model, Decoder):
                entry["features"] = rounded(model.features(ids_t, mask_t))
                entry["features_bidirectional"] = rounded(model.features(ids_t, mask_t, bidirectional=True))
            elif isinstance(model, Deberta):
                uses_types = model.c.get("type_vocab_size", 0) > 0
                entry["token_type_ids"] = types if uses_types else None
                entry["features"] = rounded(model.features(ids_t, mask_t, torch.tensor(types) if uses_types else None))
            else:
                entry["features"] = rounded(model.features(ids_t, mask_t))
        out.append(entry)
    before, after = special_tokens(tokenizer)
    result = {
        "computed_by": "scripts/backbone_reference.py (torch %s, float64)" % torch.__version__,
        "cases": out,
        "special_tokens": {"before": before, "after": after},
        "words": [{"word": w, "ids": encode_word(tokenizer, w)} for w in HARD_WORDS],
    }
    if isinstance(model, Deberta):
        # The buckets of DeBERTa-v3-base's own settings (256 buckets, 512 positions) for i - j from -511 to 511.
        result["log_buckets_256_512"] = log_bucket(torch.arange(-511, 512), 256, 512).tolist()
    return result


def logits(folder, cases_file):
    """Token-classification logits of an exported folder: the base model's features through its classifier (score for decoders)."""
    folder = Path(folder)
    model = build(folder)
    config = json.loads((folder / "config.json").read_text())
    weights = read_weights(folder)
    head = "score" if config["model_type"] in ("llama", "mistral", "qwen2") else "classifier"
    out = []
    for case in json.loads(Path(cases_file).read_text())["cases"]:
        ids, mask = torch.tensor(case["input_ids"]), torch.tensor(case["attention_mask"])
        with torch.no_grad():
            if isinstance(model, Decoder):
                h = model.features(ids, mask, bidirectional=case.get("bidirectional", False))
            elif isinstance(model, Deberta):
                h = model.features(ids, mask, torch.tensor(case["token_type_ids"]) if case.get("token_type_ids") else None)
            else:
                h = model.features(ids, mask)
            out.append(rounded(linear(h, weights, head)))
    return out


def main(argv):
    if argv and argv[0] == "logits":
        pairs = list(zip(argv[1::2], argv[2::2]))
        print(json.dumps({"logits": [logits(folder, cases) for folder, cases in pairs]}))
        return
    root = Path(argv[0] if argv else "testing/fixtures/hf")
    for folder in sorted(root.iterdir()):
        config_file = folder / "config.json"
        if not config_file.exists() or json.loads(config_file.read_text()).get("model_type") not in BACKBONES:
            continue
        (folder / "reference.json").write_text(json.dumps(reference(folder)) + "\n")
        print("wrote", folder / "reference.json")


if __name__ == "__main__":
    main(sys.argv[1:])
