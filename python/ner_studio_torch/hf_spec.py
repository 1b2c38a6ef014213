"""A Hugging Face config.json read into what the BERT-family encoder needs, and the parameter names of each family
(src/model/hf/config.ts and paramNames.ts): BERT, DistilBERT, RoBERTa, XLM-RoBERTa."""
from dataclasses import dataclass

from .errors import UserError

BASE_PREFIX = {"bert": "bert", "distilbert": "distilbert", "roberta": "roberta", "xlm-roberta": "roberta"}
STEMS = [("XLMRoberta", "xlm-roberta"), ("DistilBert", "distilbert"), ("Roberta", "roberta"), ("Bert", "bert")]


@dataclass
class EncoderSpec:
    family: str
    prefix: str
    vocab_size: int
    hidden: int
    layers: int
    heads: int
    intermediate: int
    max_positions: int
    type_vocab: int
    eps: float
    activation: str
    pad_id: int
    hidden_dropout: float
    attention_dropout: float
    position_offset: int


def family_of(config):
    model_type = config.get("model_type")
    if model_type is not None:
        if model_type in BASE_PREFIX:
            return model_type
        raise UserError(f"config.json: architecture {model_type!r} is not supported (BERT, DistilBERT, RoBERTa, XLM-RoBERTa)")
    for arch in config.get("architectures") or []:
        for stem, family in STEMS:
            if arch.startswith(stem) and (arch[len(stem):] == "Model" or arch[len(stem):].startswith("For")):
                return family
    raise UserError("config.json: names no BERT, DistilBERT, RoBERTa or XLM-RoBERTa architecture")


def parse_spec(config) -> EncoderSpec:
    family = family_of(config)
    distil = family == "distilbert"
    pad = config.get("pad_token_id", 0 if family in ("bert", "distilbert") else 1)
    return EncoderSpec(
        family=family, prefix=BASE_PREFIX[family], vocab_size=config["vocab_size"],
        hidden=config["dim" if distil else "hidden_size"], layers=config["n_layers" if distil else "num_hidden_layers"],
        heads=config["n_heads" if distil else "num_attention_heads"],
        intermediate=config["hidden_dim" if distil else "intermediate_size"],
        max_positions=config.get("max_position_embeddings", 512),
        type_vocab=0 if distil else config.get("type_vocab_size", 2),
        eps=1e-12 if distil else config.get("layer_norm_eps", 1e-12),  # DistilBERT's LayerNorms ignore the config
        activation=str((config.get("activation") if distil else config.get("hidden_act")) or "gelu"),
        pad_id=pad,
        hidden_dropout=config.get("dropout" if distil else "hidden_dropout_prob", 0.1),
        attention_dropout=config.get("attention_dropout" if distil else "attention_probs_dropout_prob", 0.1),
        position_offset=pad + 1 if family in ("roberta", "xlm-roberta") else 0,
    )


def layer_names(spec, i):
    """Each dense layer's and LayerNorm's name prefix in layer i."""
    if spec.family == "distilbert":
        p = f"distilbert.transformer.layer.{i}"
        return {"query": f"{p}.attention.q_lin", "key": f"{p}.attention.k_lin", "value": f"{p}.attention.v_lin",
                "attention_output": f"{p}.attention.out_lin", "attention_norm": f"{p}.sa_layer_norm",
                "intermediate": f"{p}.ffn.lin1", "output": f"{p}.ffn.lin2", "output_norm": f"{p}.output_layer_norm"}
    p = f"{spec.prefix}.encoder.layer.{i}"
    return {"query": f"{p}.attention.self.query", "key": f"{p}.attention.self.key", "value": f"{p}.attention.self.value",
            "attention_output": f"{p}.attention.output.dense", "attention_norm": f"{p}.attention.output.LayerNorm",
            "intermediate": f"{p}.intermediate.dense", "output": f"{p}.output.dense", "output_norm": f"{p}.output.LayerNorm"}


def embedding_names(spec):
    p = f"{spec.prefix}.embeddings"
    return {"word": f"{p}.word_embeddings.weight", "position": f"{p}.position_embeddings.weight",
            "token_type": f"{p}.token_type_embeddings.weight" if spec.type_vocab > 0 else None, "norm": f"{p}.LayerNorm"}


def encoder_params(spec):
    """(name, Hugging Face shape, kind, layer) of every encoder parameter, embeddings first; kind 'linear' weights
    are [out, in] in a Hugging Face checkpoint and [in, out] in the studio's."""
    H, I = spec.hidden, spec.intermediate
    e = embedding_names(spec)
    out = [(e["word"], [spec.vocab_size, H], "table", -1), (e["position"], [spec.max_positions, H], "table", -1)]
    if e["token_type"]:
        out.append((e["token_type"], [spec.type_vocab, H], "table", -1))
    out += [(f"{e['norm']}.weight", [H], "vector", -1), (f"{e['norm']}.bias", [H], "vector", -1)]
    for i in range(spec.layers):
        n = layer_names(spec, i)
        for key, shape in (("query", [H, H]), ("key", [H, H]), ("value", [H, H]), ("attention_output", [H, H]),
                           ("attention_norm", None), ("intermediate", [I, H]), ("output", [H, I]), ("output_norm", None)):
            if shape is None:
                out += [(f"{n[key]}.weight", [H], "vector", i), (f"{n[key]}.bias", [H], "vector", i)]
            else:
                out += [(f"{n[key]}.weight", shape, "linear", i), (f"{n[key]}.bias", [shape[0]], "vector", i)]
    return out
