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
import sys
from pathlib import Path

import torch

from backbone_models import Decoder, Deberta, build, linear, log_bucket, read_weights
from tokenizer_reference import encode_word, special_tokens

BACKBONES = ("llama", "mistral", "qwen2", "modernbert", "deberta-v2")

# Words a tokenizer can get wrong: accents (composed and combining), emoji (with joiners and flags),
# digits, punctuation inside words, other scripts, compatibility forms that NFKC rewrites.
HARD_WORDS = ["John", "Zürich", "naïve", "Café", "e\u0301", "São", "Müller", "😀", "👩\u200d💻", "🇩🇪", "2024", "3.14",
              "1,000", "don't", "U.S.", "北京", "Ελλάδα", "—", "x²", "ﬁne", "Ａ", "New-York", "'s", "Smith's"]


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
