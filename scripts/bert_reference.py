"""Reference forward passes for the tiny checkpoints of scripts/make-tiny-bert.ts.

Follows the published definitions (BERT: Devlin et al. 2019 and Google's modeling.py; RoBERTa's
position numbering; DistilBERT's layer names) written directly in torch, without transformers, in
float64. Reads config.json and model.safetensors from each fixture folder and writes
reference.json there: fixed input id batches and the encoder's last hidden states.

    apt-get install -y python3-torch libopenblas0-pthread
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 scripts/bert_reference.py
"""
import json
import math
import struct
import sys
from pathlib import Path

import torch

DTYPES = {"F32": torch.float32, "I32": torch.int32, "I64": torch.int64, "F16": torch.float16}


def read_safetensors(path):
    raw = Path(path).read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n])
    header.pop("__metadata__", None)
    out = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        data = bytearray(raw[8 + n + begin : 8 + n + end])
        t = torch.frombuffer(data, dtype=DTYPES[entry["dtype"]]).reshape(entry["shape"])
        out[name] = t.to(torch.float64) if t.is_floating_point() else t
    return out


def layer_norm(x, weight, bias, eps):
    mean = x.mean(-1, keepdim=True)
    var = ((x - mean) ** 2).mean(-1, keepdim=True)
    return (x - mean) / torch.sqrt(var + eps) * weight + bias


def gelu(x):
    return 0.5 * x * (1.0 + torch.erf(x / math.sqrt(2.0)))


class Encoder:
    def __init__(self, folder):
        self.config = json.loads((folder / "config.json").read_text())
        self.family = self.config["model_type"]
        weights = read_safetensors(folder / "model.safetensors")
        anchor = "embeddings.word_embeddings.weight"
        prefix = next(k for k in weights if k == anchor or k.endswith("." + anchor))[: -len(anchor)]
        self.w = {k[len(prefix) :]: v for k, v in weights.items() if k.startswith(prefix)}
        c = self.config
        distil = self.family == "distilbert"
        self.hidden = c["dim"] if distil else c["hidden_size"]
        self.heads = c["n_heads"] if distil else c["num_attention_heads"]
        self.layers = c["n_layers"] if distil else c["num_hidden_layers"]
        self.eps = 1e-12 if distil else c["layer_norm_eps"]
        self.pad = c.get("pad_token_id", 0)

    def linear(self, x, name):
        return x @ self.w[name + ".weight"].T + self.w[name + ".bias"]

    def norm(self, x, name):
        return layer_norm(x, self.w[name + ".weight"], self.w[name + ".bias"], self.eps)

    def embed(self, ids, types):
        words = self.w["embeddings.word_embeddings.weight"][ids]
        if self.family in ("roberta", "xlm-roberta"):
            # RoBERTa counts real tokens from pad + 1; padding keeps position pad.
            real = ids.ne(self.pad).long()
            positions = torch.cumsum(real, dim=1) * real + self.pad
        else:
            positions = torch.arange(ids.shape[1]).unsqueeze(0).expand_as(ids)
        x = words + self.w["embeddings.position_embeddings.weight"][positions]
        if self.family != "distilbert":
            x = x + self.w["embeddings.token_type_embeddings.weight"][types]
        return self.norm(x, "embeddings.LayerNorm")

    def layer_names(self, i):
        if self.family == "distilbert":
            p = f"transformer.layer.{i}."
            return {k: p + v for k, v in dict(q="attention.q_lin", k="attention.k_lin", v="attention.v_lin", o="attention.out_lin",
                                               n1="sa_layer_norm", f1="ffn.lin1", f2="ffn.lin2", n2="output_layer_norm").items()}
        p = f"encoder.layer.{i}."
        return {k: p + v for k, v in dict(q="attention.self.query", k="attention.self.key", v="attention.self.value",
                                           o="attention.output.dense", n1="attention.output.LayerNorm", f1="intermediate.dense",
                                           f2="output.dense", n2="output.LayerNorm").items()}

    def forward(self, ids, mask, types):
        B, T = ids.shape
        H, nh = self.hidden, self.heads
        d = H // nh
        x = self.embed(ids, types)
        additive = (1.0 - mask.to(torch.float64))[:, None, None, :] * torch.finfo(torch.float64).min
        for i in range(self.layers):
            n = self.layer_names(i)
            split = lambda t: t.view(B, T, nh, d).transpose(1, 2)  # [B, nh, T, d]
            q, k, v = split(self.linear(x, n["q"])), split(self.linear(x, n["k"])), split(self.linear(x, n["v"]))
            scores = q @ k.transpose(-1, -2) / math.sqrt(d) + additive
            context = (torch.softmax(scores, dim=-1) @ v).transpose(1, 2).reshape(B, T, H)
            x = self.norm(self.linear(context, n["o"]) + x, n["n1"])
            x = self.norm(self.linear(gelu(self.linear(x, n["f1"])), n["f2"]) + x, n["n2"])
        return x


def cases(encoder):
    """Two batches: three short padded sentences (one with segment B), and one of the longest length."""
    c = encoder.config
    vocab = c["vocab_size"]
    if encoder.family in ("roberta", "xlm-roberta"):
        cls, sep, pad, first = 0, 2, encoder.pad, 5
        longest = c["max_position_embeddings"] - encoder.pad - 1
    else:
        cls, sep, pad, first = 2, 3, encoder.pad, 5
        longest = c["max_position_embeddings"]
    word = lambda i: first + (7 * i + 3) % (vocab - first)
    short = [[cls] + [word(i + 5 * j) for i in range(n)] + [sep] for j, n in enumerate((6, 8, 1))]
    T = max(len(s) for s in short)
    batch1 = [s + [pad] * (T - len(s)) for s in short]
    mask1 = [[1] * len(s) + [0] * (T - len(s)) for s in short]
    types1 = [[0] * T, [0] * 5 + [1] * (T - 5), [0] * T]
    batch2 = [[cls] + [word(i + 11) for i in range(longest - 2)] + [sep]]
    out = [(batch1, mask1, types1), (batch2, [[1] * longest], [[0] * longest])]
    if encoder.family != "bert":
        out = [(b, m, [[0] * len(r) for r in b]) for b, m, _ in out]
    return out


def main(root):
    for folder in sorted(Path(root).iterdir()):
        if not (folder / "config.json").exists():
            continue
        encoder = Encoder(folder)
        results = []
        for ids, mask, types in cases(encoder):
            with torch.no_grad():
                h = encoder.forward(torch.tensor(ids), torch.tensor(mask), torch.tensor(types))
            results.append({
                "input_ids": ids,
                "attention_mask": mask,
                "token_type_ids": types if encoder.family == "bert" else None,
                "last_hidden_state": [[[float(f"{v:.8g}") for v in row] for row in seq] for seq in h.tolist()],
            })
        reference = {"computed_by": "scripts/bert_reference.py (torch %s, float64)" % torch.__version__, "cases": results}
        (folder / "reference.json").write_text(json.dumps(reference) + "\n")
        print("wrote", folder / "reference.json")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "testing/fixtures/hf")
