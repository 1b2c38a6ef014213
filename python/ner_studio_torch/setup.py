"""Everything a run needs, read and checked before the first step: run.yaml, the prepared data, the world size
against the batch, the base model of a pretrained encoder and the checkpoint to start from. Every problem is a
UserError naming the file and key."""
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import yaml

from .checkpoint import read_checkpoint
from .config import RunFile, parse_run_yaml
from .data import Prepared, check_prepared_for, read_prepared
from .errors import UserError
from .hf_spec import encoder_params, parse_spec
from .safetensors import read_safetensors


@dataclass
class RunSetup:
    project: Path
    run: RunFile
    prepared: Prepared
    hf: Optional[tuple]  # (EncoderSpec, Hugging Face weights or None) for a pretrained encoder
    init: Optional[tuple]  # (file, weights) of --init
    out: Path
    log: Path


def _base_model(project: Path, with_weights: bool):
    folder = project / "data" / "base_model"
    config_file = folder / "config.json"
    if not config_file.is_file():
        raise UserError(f"{config_file}: missing; a pretrained run's project keeps its base model's config there")
    spec = parse_spec(json.loads(config_file.read_text(encoding="utf-8")))
    if not with_weights:
        return spec, None
    weights_file = folder / "model.safetensors"
    if not weights_file.is_file():
        raise UserError(f"{weights_file}: missing; the pretrained encoder starts from these weights")
    weights = read_safetensors(weights_file.read_bytes(), str(weights_file))
    for name, shape, _, _ in encoder_params(spec):
        if name not in weights or list(weights[name].shape) != shape:
            raise UserError(f"{weights_file}: lacks '{name}' of shape {shape} that config.json implies")
    return spec, weights


def _init_checkpoint(path: Path, prepared: Prepared):
    meta, vocab, weights = read_checkpoint(path)
    for part in ("words", "chars", "labels"):
        if vocab.get(part) != prepared.vocab[part]:
            raise UserError(f"{path}: vocab.json's {part} differ from {prepared.dir / 'prepared.json'}'s; "
                            f"--init needs a checkpoint trained on the same prepared data (export it from the same dataset)")
    return str(path), weights


def read_setup(project_dir, overrides, init, out, world_size) -> RunSetup:
    project = Path(project_dir)
    run_file = project / "run.yaml"
    if not run_file.is_file():
        raise UserError(f"{run_file}: missing; give the folder ner export-torch wrote (run.yaml, data/, ner_studio_torch/)")
    run = parse_run_yaml(run_file.read_text(encoding="utf-8"), str(run_file), overrides)
    prepared = read_prepared(project / "data")
    check_prepared_for(prepared, run)
    cfg = run.config
    if cfg.batchSize % world_size != 0:
        raise UserError(f"{run_file}: training.batch_size: {cfg.batchSize} sentences do not split evenly over {world_size} "
                        f"processes; make it a multiple of {world_size} (each process takes batch_size / {world_size})")
    if not prepared.splits["train"]:
        raise UserError(f"{project / 'data' / 'train.safetensors'}: holds no sentences to train on")
    labels = len(prepared.vocab["labels"])
    if "model.num_labels" in run.extras and run.extras["model.num_labels"] != labels:
        raise UserError(f"{run_file}: model.num_labels: {run.extras['model.num_labels']}, but the data has {labels} labels")
    hf = _base_model(project, with_weights=init is None) if cfg.encoder == "pretrained" else None
    init_weights = _init_checkpoint(Path(init), prepared) if init else None
    stamp = time.strftime("%Y%m%d-%H%M%S")
    base = project / "runs" / stamp
    if out:
        out_dir = log_dir = Path(out)
    else:
        out_dir = run_file.parent / run.extras["training.checkpoint_dir"] if "training.checkpoint_dir" in run.extras else base
        log_dir = run_file.parent / run.extras["training.log_dir"] if "training.log_dir" in run.extras else out_dir
    return RunSetup(project, run, prepared, hf, init_weights, out_dir, log_dir)


def run_yaml_as_trained(setup: RunSetup, overrides):
    """run.yaml with the --set values written in."""
    tree = yaml.safe_load((setup.project / "run.yaml").read_text(encoding="utf-8")) or {}
    for o in overrides:
        key, _, value = o.partition("=")
        node = tree
        for k in key.strip().split(".")[:-1]:
            node = node.setdefault(k, {})
        node[key.strip().split(".")[-1]] = yaml.safe_load(value)
    return "# NER studio run configuration, as ner_studio_torch trained it.\n" + yaml.safe_dump(tree, sort_keys=False, allow_unicode=True)
