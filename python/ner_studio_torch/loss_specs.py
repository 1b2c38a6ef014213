"""The losses' parameters with their defaults and how each combines with the CRF, as src/core/losses/lossSpecs.ts and
lossRules.ts define them; and what the losses read of the labels (entity types, per-label values, lossData.ts)."""
import numpy as np

from .tags import split_tag

# name -> {parameter: default}; None: optional with no default (or, for compound's terms, required).
PARAMS = {
    "crf": {},
    "cross_entropy": {"class_weights": None},
    "label_smoothing": {"epsilon": 0.1},
    "embedding_label_smoothing": {"label_emb_dim": 16, "smoothing_alpha": 0.5, "epsilon": 0.1, "embedding_weight": 1},
    "focal": {"gamma": 2, "alpha": None},
    "dice": {"alpha": 1, "smooth": 1},
    "boundary": {"smooth": 1},
    "contrastive": {"margin": 1, "max_tokens": 128},
    "multitask": {"ner_weight": 1, "pos_weight": 0.5, "chunk_weight": 0.5, "pos_column": 0, "chunk_column": 1},
    "compound": {"terms": None},
}


def with_defaults(name, params):
    out = {k: v for k, v in PARAMS[name].items() if v is not None}
    out.update({k: v for k, v in (params or {}).items() if v is not None})
    return out


def active_terms(p):
    """A compound's terms with a weight above 0, as (type, params) pairs."""
    terms = [t for t in p.get("terms") or [] if isinstance(t, dict)]
    return [(t["type"], t.get("params") or {}) for t in terms if (1 if t.get("weight") is None else t["weight"]) != 0]


def includes_crf(name, params, crf):
    """With the CRF on, `name` already contains the CRF likelihood, so no CRF term is added."""
    if not crf:
        return False
    p = with_defaults(name, params)
    if name == "crf":
        return True
    if name == "multitask":
        return p["ner_weight"] > 0
    if name == "compound":
        return any(includes_crf(t, tp, crf) for t, tp in active_terms(p))
    return False


def crf_term_weight(name, params, crf):
    """Weight of the CRF negative log-likelihood the CRF rule adds: crf_weight (default 1), or 0 where none is."""
    if not crf or includes_crf(name, params, crf):
        return 0
    w = (params or {}).get("crf_weight")
    return w if isinstance(w, (int, float)) and not isinstance(w, bool) else 1


def check_loss_params(name, params, crf, path="model.loss.params"):
    """Parameter names the losses do not take, each as 'path.key: ...'; the TypeScript side checked the values."""
    problems = []
    known = list(PARAMS[name]) + (["crf_weight"] if path == "model.loss.params" else [])
    for key in params:
        if key not in known:
            takes = f"it takes {', '.join(PARAMS[name])}" if PARAMS[name] else "it takes none"
            problems.append(f"{path}.{key}: {name} has no parameter '{key}' ({takes})")
    if name == "compound":
        for i, term in enumerate(params.get("terms") or []):
            at = f"{path}.terms[{i}]"
            if not isinstance(term, dict) or term.get("type") not in PARAMS:
                problems.append(f"{at}.type: must be one of {', '.join(PARAMS)}")
            else:
                problems += check_loss_params(term["type"], term.get("params") or {}, crf, f"{at}.params")
    return problems


def entity_types_of(labels):
    """The entity types among the labels (in order of first appearance) and each label's type index; -1 for O."""
    types, type_of_label = [], np.full(len(labels), -1, dtype=np.int64)
    for k, label in enumerate(labels):
        _, kind = split_tag(label)
        if not kind:
            continue
        if kind not in types:
            types.append(kind)
        type_of_label[k] = types.index(kind)
    return types, type_of_label


def per_label_values(value, labels, counts, fallback=1.0):
    """A per-label parameter (a list in label order, {label: value}, or 'auto') as one float per label id."""
    K = len(labels)
    if value is None:
        return np.full(K, fallback, dtype=np.float32)
    if value == "auto":
        seen = [n for n in counts if n > 0]
        total = sum(seen)
        return np.array([total / (len(seen) * n) if n > 0 else 1 for n in counts], dtype=np.float32)
    if isinstance(value, list):
        return np.array(value, dtype=np.float32)
    return np.array([value.get(label, 1) for label in labels], dtype=np.float32)
