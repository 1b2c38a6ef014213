"""Checks ner_studio_torch against dumps of the studio's TypeScript engine (src/train/torchParity.test.ts writes them):
per case the initial weights for the seed, the batch, the loss and its gradients from the same weights, the decoded
paths. Prints one JSON report; the TypeScript test holds the tolerances.

    python3 python/tests/parity.py DIR
"""
import json
import sys
from pathlib import Path

import numpy as np
import torch

from ner_studio_torch import crf as crf_ops
from ner_studio_torch.batches import EpochOrders, make_batch
from ner_studio_torch.config import DEFAULTS, RunConfig
from ner_studio_torch.data import read_prepared
from ner_studio_torch.hf_spec import parse_spec
from ner_studio_torch.optim import clip_by_global_norm, make_optimizer, make_schedule
from ner_studio_torch.safetensors import read_safetensors
from ner_studio_torch.shards import shard_of_batch
from ner_studio_torch.tagger import Tagger


def tensors(path):
    return read_safetensors(Path(path).read_bytes(), str(path))


def max_error(a, b):
    return max([float(np.abs(np.asarray(a[k], np.float64) - np.asarray(b[k], np.float64)).max(initial=0)) for k in a] or [0.0])


def check_case(case: Path):
    meta = json.loads((case / "case.json").read_text())
    cfg = RunConfig({**DEFAULTS, **meta["config"]})
    prepared = read_prepared(case / "data")
    hf = None
    if cfg.encoder == "pretrained":
        hf = (parse_spec(json.loads((case / "base_model" / "config.json").read_text())), tensors(case / "base_model" / "model.safetensors"))
    torch.manual_seed(0)
    tagger = Tagger(cfg, prepared.vocab, prepared.constraints, cfg.seed, None, hf)
    ts_weights = tensors(case / "weights.safetensors")
    ours = tagger.weights()
    report = {"init_names_equal": list(ours) == list(ts_weights), "init_max_error": max_error(ts_weights, ours) if set(ours) == set(ts_weights) else float("inf")}
    tagger.load_weights(ts_weights, "weights.safetensors")

    batch = make_batch(prepared.splits["train"])
    ts_batch = tensors(case / "batch.safetensors")
    arrays = {"words": batch.words, "chars": batch.chars, "labels": batch.labels, "mask": batch.mask}
    for k, column in enumerate(batch.extra or []):
        arrays[f"extra.{k}"] = column
    if batch.subwords:
        s = batch.subwords
        arrays.update({"subwords.input_ids": s.input_ids, "subwords.attention_mask": s.attention_mask, "subwords.piece_index": s.piece_index, "subwords.piece_mask": s.piece_mask})
    report["batch_equal"] = set(arrays) == set(ts_batch) and all(np.array_equal(arrays[k], ts_batch[k]) for k in arrays)

    loss = tagger(shard_of_batch(batch), training=False)
    loss.backward()
    ts_grads = tensors(case / "grads.safetensors")
    grads = {name: (p.grad if p.grad is not None else torch.zeros_like(p)).numpy() for name, p in tagger.store.named().items() if p.requires_grad}
    report.update(loss=float(loss), loss_ts=meta["loss"], grad_names_equal=set(grads) == set(ts_grads))
    report["grad_max_error"] = max_error(ts_grads, grads) if report["grad_names_equal"] else float("inf")
    report["grad_scale"] = max(float(np.abs(g).max(initial=0)) for g in ts_grads.values())
    report["paths_equal"] = tagger.predict(batch) == meta["paths"]
    scores = tensors(case / "scores.safetensors")
    if cfg.crf:
        paths = crf_ops.viterbi(scores["emissions"], batch.lengths, scores["transitions"], scores["start"], scores["end"])
    else:
        paths = crf_ops.argmax_decode(scores["emissions"], batch.lengths)
    report["viterbi_on_ts_scores_equal"] = paths == meta["paths"]
    return report


def check_extras(root: Path):
    extras = json.loads((root / "extras.json").read_text())
    o = extras["orders"]
    orders = EpochOrders(o["lengths"], o["batch_size"], o["seed"])
    orders_equal = all(orders.get(e + 1) == expected for e, expected in enumerate(o["epochs"]))
    error = 0.0
    for s in extras["schedules"]:
        schedule = make_schedule(s["name"], s["lr"], s["warmup"], s["total"])
        error = max([error] + [abs(schedule(step) - v) for step, v in enumerate(s["values"])])
    optimizers = {}
    for o in extras["optimizers"]:
        p = torch.nn.Parameter(torch.tensor(o["initial"], dtype=torch.float32))
        optimizer = make_optimizer(RunConfig({**DEFAULTS, "optimizer": o["name"], **o["settings"]}), [p])
        worst = 0.0
        for g, lr, expected in zip(o["grads"], o["lrs"], o["after"]):
            p.grad = torch.tensor(g, dtype=torch.float32)
            optimizer.param_groups[0]["lr"] = lr
            optimizer.step()
            worst = max(worst, float((p.detach() - torch.tensor(expected)).abs().max()))
        optimizers[o["name"]] = worst
    clip_error = 0.0
    for c in extras["clip"]:
        params = [torch.nn.Parameter(torch.zeros(len(g))) for g in c["grads"]]
        for p, g in zip(params, c["grads"]):
            p.grad = torch.tensor(g, dtype=torch.float32)
        norm = clip_by_global_norm(params, c["maxNorm"])
        clip_error = max([clip_error, abs(norm - c["norm"])] + [float((p.grad - torch.tensor(e)).abs().max()) for p, e in zip(params, c["clipped"])])
    return {"orders_equal": orders_equal, "schedules_max_error": error, "optimizers_max_error": optimizers, "clip_max_error": clip_error}


def main(root):
    root = Path(root)
    cases = {case.name: check_case(case) for case in sorted((root / "cases").iterdir())}
    print(json.dumps({"cases": cases, **check_extras(root)}))


if __name__ == "__main__":
    main(sys.argv[1])
