"""The studio's files: checkpoint.zip (config.json, vocab.json, model.safetensors under the studio's names and
layouts, base_model/ for a pretrained encoder; src/core/checkpoint/checkpoint.ts) and the long-form metrics CSV
(run,wall_time,step,epoch,metric,value; src/core/metrics/csv.ts and metricRows.ts)."""
import csv
import io
import json
import zipfile
from pathlib import Path

from .errors import UserError
from .safetensors import read_safetensors, write_safetensors

FORMAT = "ner-studio-checkpoint"


def write_checkpoint(path: Path, config, vocab, weights, trained, base_model_dir=None):
    labels = vocab["labels"]
    meta = {
        "format": FORMAT, "version": 1, "labels": labels,
        "id2label": {str(i): label for i, label in enumerate(labels)},
        "label2id": {label: i for i, label in enumerate(labels)},
        "config": dict(config), "trained": trained,
    }
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("config.json", json.dumps(meta, indent=2), zipfile.ZIP_DEFLATED)
        z.writestr("vocab.json", json.dumps(vocab, ensure_ascii=False), zipfile.ZIP_DEFLATED)
        z.writestr("model.safetensors", write_safetensors(weights, {"format": "pt"}), zipfile.ZIP_STORED)
        # A pretrained encoder's config.json and tokenizer files, as the studio keeps them (its weights are above).
        for f in sorted(Path(base_model_dir).iterdir()) if base_model_dir else []:
            if f.name != "model.safetensors":
                z.writestr(f"base_model/{f.name}", f.read_bytes(), zipfile.ZIP_DEFLATED)


def read_checkpoint(path: Path):
    """(config.json, vocab.json, weights by name) of a studio checkpoint; errors name the file and the part."""
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            for part in ("config.json", "vocab.json", "model.safetensors"):
                if part not in names:
                    raise UserError(f"{path}: the zip has no {part}; is this a NER studio checkpoint?")
            meta = json.loads(z.read("config.json"))
            vocab = json.loads(z.read("vocab.json"))
            weights = read_safetensors(z.read("model.safetensors"), f"{path}: model.safetensors")
    except (zipfile.BadZipFile, FileNotFoundError, IsADirectoryError) as e:
        raise UserError(f"{path}: not a checkpoint zip ({e})") from e
    except ValueError as e:
        raise UserError(str(e)) from e
    if meta.get("format") != FORMAT:
        raise UserError(f"{path}: config.json has format {meta.get('format')!r}, expected '{FORMAT}'")
    return meta, vocab, weights


def _number(v):
    return str(v) if isinstance(v, int) else repr(float(v))


def metrics_csv(run, steps, evals):
    """Long-form rows by step, then wall time: train/loss and train/tokens_per_sec per step; dev/precision, recall,
    f1, accuracy and dev/f1/TYPE per evaluation."""
    rows = []
    for s in steps:
        base = (run, s["wall_time"], s["step"], s["epoch"])
        rows += [base + ("train/loss", s["loss"]), base + ("train/tokens_per_sec", s["tokens_per_sec"])]
    for e in evals:
        base = (run, e["wall_time"], e["step"], e["epoch"])
        sc = e["scores"]
        rows += [base + (f"dev/{k}", sc[k]) for k in ("precision", "recall", "f1", "accuracy")]
        rows += [base + (f"dev/f1/{kind}", prf["f1"]) for kind, prf in sc["per_type"].items()]
    rows.sort(key=lambda r: (r[2], r[1]))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["run", "wall_time", "step", "epoch", "metric", "value"])
    for r in rows:
        writer.writerow([r[0], _number(r[1]), r[2], r[3], r[4], _number(r[5])])
    return out.getvalue()
