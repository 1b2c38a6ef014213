"""run.yaml, the studio's run file in the seed pipeline's shape (src/core/config/yamlConfig.ts), read into the
studio's RunConfig field names (src/core/config/config.ts), which the checkpoint's config.json keeps.

Every key the studio writes is read; a key this side does not know or cannot honour is an error naming it, raised
before any training step. Value ranges and loss rules were checked by the TypeScript side when it exported the run.
"""
import difflib

import yaml

from .errors import UserError
from .loss_specs import check_loss_params

ENCODERS = ("bilstm", "transformer", "pretrained")
LOSSES = ("crf", "cross_entropy", "label_smoothing", "embedding_label_smoothing", "focal", "dice", "boundary",
          "contrastive", "multitask", "compound")

# RunConfig's fields with the studio's defaults (DEFAULT_CONFIG), and the YAML path of each.
DEFAULTS = {
    "encoder": "bilstm", "loss": "crf", "lossParams": {}, "crf": True, "epochs": 5, "batchSize": 16,
    "learningRate": 0.01, "maxSteps": 0, "seed": 42, "backend": "auto", "wordDim": 50, "charDim": 25,
    "charFilters": 25, "hidden": 64, "lstmLayers": 1, "transformerLayers": 2, "heads": 4, "modelDim": 128,
    "ffnDim": 256, "positional": "sinusoidal", "maxPositions": 512, "wordVectors": "", "dropout": 0.3,
    "constrainTransitions": True, "optimizer": "adam", "weightDecay": 0.01, "momentum": 0.9, "schedule": "constant",
    "warmupSteps": 0, "clipNorm": 5, "gradAccumulation": 1, "evalEvery": 0, "patience": 0, "stateEvery": 0,
    "baseModel": "", "labelAlignment": "first", "aggregation": "first", "maxLength": 128, "stride": 32,
    "finetune": "full", "topLayers": 2, "loraRank": 8, "loraAlpha": 16, "loraMlp": False,
    "decoderContext": "bidirectional", "frozenWeights": "auto", "charEncoder": "cnn", "charHidden": 25,
    "casingDim": 0, "lrDecay": 0.05, "singletonUnk": 0, "averageCheckpoints": 0,
}

# Options of the studio this package does not reproduce yet: a run that sets one away from its default is refused,
# naming the key, before any step (src/train/torchExport.ts refuses them at export, from the same list's twin).
NOT_HERE = {
    "charEncoder": "the char BiLSTM", "casingDim": "the casing feature", "singletonUnk": "singletons to UNK",
    "averageCheckpoints": "checkpoint averaging",
}

FIELD_OF = {
    "model.encoder": "encoder", "model.base_model": "baseModel", "model.label_alignment": "labelAlignment",
    "model.aggregation": "aggregation", "model.max_length": "maxLength", "model.stride": "stride",
    "model.finetune": "finetune", "model.top_layers": "topLayers", "model.lora.rank": "loraRank",
    "model.lora.alpha": "loraAlpha", "model.lora.mlp": "loraMlp", "model.decoder_context": "decoderContext",
    "model.frozen_weights": "frozenWeights", "model.crf": "crf", "model.loss.type": "loss", "model.loss.params": "lossParams",
    "model.word_dim": "wordDim", "model.char_dim": "charDim", "model.char_filters": "charFilters",
    "model.word_vectors": "wordVectors", "model.hidden": "hidden", "model.lstm_layers": "lstmLayers",
    "model.transformer_layers": "transformerLayers", "model.heads": "heads", "model.model_dim": "modelDim",
    "model.ffn_dim": "ffnDim", "model.positional": "positional", "model.max_positions": "maxPositions",
    "model.dropout": "dropout", "model.constrain_transitions": "constrainTransitions",
    "training.lr": "learningRate", "training.epochs": "epochs", "training.batch_size": "batchSize",
    "training.max_steps": "maxSteps", "training.seed": "seed", "training.backend": "backend",
    "training.optimizer": "optimizer", "training.weight_decay": "weightDecay", "training.momentum": "momentum",
    "training.schedule": "schedule", "training.warmup_steps": "warmupSteps", "training.max_grad_norm": "clipNorm",
    "training.gradient_accumulation_steps": "gradAccumulation", "training.eval_steps": "evalEvery",
    "training.early_stopping_patience": "patience", "training.save_steps": "stateEvery",
    "model.lora.mlp": "loraMlp", "model.decoder_context": "decoderContext", "model.frozen_weights": "frozenWeights",
    "model.char_encoder": "charEncoder", "model.char_hidden": "charHidden", "model.casing_dim": "casingDim",
    "training.lr_decay": "lrDecay", "training.singleton_unk": "singletonUnk",
    "training.average_checkpoints": "averageCheckpoints",
}
PATH_OF = {field: path for path, field in FIELD_OF.items()}

# Keys of the seed's shape that are no RunConfig field: where they go, and their kind.
EXTRAS = {"model.num_labels": "count", "training.gpus": "count", "training.log_dir": "text",
          "training.checkpoint_dir": "text", "data.train": "text", "data.dev": "text", "data.test": "text",
          "data.scheme": "text", "model.preset": "preset", "data.max_sentence_length": "count",
          "data.fix_tags": "flag"}

CHOICES = {
    "encoder": ENCODERS, "loss": LOSSES, "optimizer": ("adam", "adamw", "sgd"),
    "schedule": ("constant", "linear", "cosine", "inverse_time"), "positional": ("sinusoidal", "learned"),
    "labelAlignment": ("first", "all"), "aggregation": ("first", "average", "max"),
    "finetune": ("full", "frozen", "top", "lora"), "backend": ("auto", "webgpu", "wasm", "cpu"),
    "charEncoder": ("cnn", "lstm"), "decoderContext": ("bidirectional", "sentence+reverse", "causal"),
    "frozenWeights": ("auto", "float32", "float16"),
}
INTEGERS = {"epochs", "batchSize", "maxSteps", "seed", "wordDim", "charDim", "charFilters", "hidden", "lstmLayers",
            "transformerLayers", "heads", "modelDim", "ffnDim", "maxPositions", "warmupSteps", "gradAccumulation",
            "evalEvery", "patience", "stateEvery", "maxLength", "stride", "topLayers", "loraRank", "charHidden",
            "casingDim", "averageCheckpoints"}


class RunConfig(dict):
    """RunConfig by the studio's field names; `cfg.batchSize` reads `cfg["batchSize"]`."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError as e:
            raise AttributeError(name) from e


class RunFile:
    def __init__(self, file, config, extras, warnings):
        self.file = file
        self.config = config
        self.extras = extras  # 'data.train' -> 'train.txt', 'training.gpus' -> 2, ...
        self.warnings = warnings


def _check_value(file, path, field, value):
    where = f"{file}: {path}"
    default = DEFAULTS[field]
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise UserError(f"{where}: must be true or false, got {value!r}")
    elif isinstance(default, (int, float)):
        if isinstance(value, str) and value.strip():
            # As the studio's reader: a number written as text counts (YAML 1.1 reads 1e-7 as text).
            try:
                value = float(value)
            except ValueError:
                pass
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or value in (float("inf"), float("-inf")):
            raise UserError(f"{where}: must be a number, got {value!r}")
        if field in INTEGERS and value != int(value):
            raise UserError(f"{where}: must be a whole number, got {value!r}")
        value = int(value) if field in INTEGERS else float(value)
    elif isinstance(default, dict):
        if not isinstance(value, dict):
            raise UserError(f"{where}: must be a mapping (key: value lines), got {value!r}")
    elif not isinstance(value, str):
        raise UserError(f"{where}: must be text, got {value!r}")
    if field in CHOICES and value not in CHOICES[field]:
        raise UserError(f"{where}: {value!r} is not one of {', '.join(CHOICES[field])}")
    return value


def _leaves(node, prefix=""):
    for key, value in node.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and path not in FIELD_OF and path not in EXTRAS:
            yield from _leaves(value, f"{path}.")
        else:
            yield path, value


def _set_path(root, path, value):
    keys = path.split(".")
    for k in keys[:-1]:
        if not isinstance(root.get(k), dict):
            root[k] = {}
        root = root[k]
    root[keys[-1]] = value


def parse_run_yaml(text: str, file: str, overrides=()) -> RunFile:
    """The run file with `overrides` ('training.lr=0.001', values read as YAML) applied."""
    try:
        root = yaml.safe_load(text) or {}
    except yaml.YAMLError as e:
        raise UserError(f"{file}: not valid YAML ({e})") from e
    if not isinstance(root, dict):
        raise UserError(f"{file}: the top level must be a mapping (model:, training:, data:)")
    for o in overrides:
        key, eq, value = o.partition("=")
        if not eq or not key.strip():
            raise UserError(f"--set {o}: expected key=value, e.g. training.lr=0.001")
        _set_path(root, key.strip(), yaml.safe_load(value))
    config = RunConfig(DEFAULTS)
    config["lossParams"] = {}
    extras, warnings = {}, []
    known = list(FIELD_OF) + list(EXTRAS)
    for path, value in _leaves(root):
        if value is None:
            continue  # `key:` leaves the default, as in the studio
        if path in FIELD_OF:
            config[FIELD_OF[path]] = _check_value(file, path, FIELD_OF[path], value)
        elif path == "model.preset":
            raise UserError(f"{file}: model.preset: presets are not read here; write the preset's keys out instead "
                            f"(ner export-torch writes every key)")
        elif path in EXTRAS:
            if EXTRAS[path] == "count" and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                raise UserError(f"{file}: {path}: must be a whole number >= 0, got {value!r}")
            if EXTRAS[path] == "flag" and not isinstance(value, bool):
                raise UserError(f"{file}: {path}: must be true or false, got {value!r}")
            if EXTRAS[path] == "text" and not isinstance(value, str):
                raise UserError(f"{file}: {path}: must be text, got {value!r}")
            extras[path] = value
        else:
            near = difflib.get_close_matches(path, known, n=1)
            hint = f" (did you mean {near[0]}?)" if near else ""
            raise UserError(f"{file}: {path}: not a key ner_studio_torch knows{hint}")
    for field, what in NOT_HERE.items():
        if config[field] != DEFAULTS[field]:
            raise UserError(f"{file}: {PATH_OF[field]}: {config[field]!r} asks for {what}, which ner_studio_torch does not "
                            f"reproduce yet; train this run in the studio or with ner train, or set it back to "
                            f"{DEFAULTS[field]!r}")
    if config.schedule == "inverse_time":
        raise UserError(f"{file}: training.schedule: 'inverse_time' is not reproduced by ner_studio_torch yet; train "
                        f"this run in the studio or with ner train, or choose constant, linear or cosine")
    if config.stateEvery > 0:
        raise UserError(f"{file}: training.save_steps: resumable training states are not written here; set it to 0 "
                        f"(continue a run from its checkpoint with --init instead)")
    for problem in check_loss_params(config.loss, config.lossParams, config.crf):
        raise UserError(f"{file}: {problem}")
    # The studio's decoders (Llama, Mistral, Qwen2) and ModernBERT / DeBERTa are not built here (hf_spec.py refuses
    # their config.json), so decoder_context never applies; adapters sit on attention only.
    if config.encoder == "pretrained" and config.finetune == "lora" and config.loraMlp:
        raise UserError(f"{file}: model.lora.mlp: LoRA on the MLP is the studio's; ner_studio_torch puts adapters on "
                        f"attention only; set it to false")
    if config.frozenWeights == "float16":
        warnings.append("model.frozen_weights: float16 is the studio's WebGPU storage; here frozen weights stay float32")
    if config.backend != "auto":
        warnings.append(f"training.backend: {config.backend} is the studio's; here the device is --device")
    return RunFile(file, config, extras, warnings)
