"""Entity-level precision, recall and F1 as seqeval's default mode counts them (src/core/metrics/metrics.ts), so the
dev F1 logged here is the one `ner evaluate` and `ner score` print."""
from .tags import get_spans


def _prf(correct, pred, gold):
    precision = correct / pred if pred > 0 else 0.0
    recall = correct / gold if gold > 0 else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "support": gold}


def entity_scores(gold, pred):
    """Micro scores over exact (type, start, end) matches, per-type scores (every type seen) and token accuracy."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold sentences but {len(pred)} predicted")
    total = [0, 0, 0]  # correct, predicted, gold
    by_type = {}
    tokens = right = 0
    for g, p in zip(gold, pred):
        if len(g) != len(p):
            raise ValueError(f"a sentence has {len(g)} gold tags but {len(p)} predicted")
        tokens += len(g)
        right += sum(a == b for a, b in zip(g, p))
        gold_spans = set(get_spans(g))
        for kind, _, _ in gold_spans:
            by_type.setdefault(kind, [0, 0, 0])[2] += 1
            total[2] += 1
        for span in get_spans(p):
            counts = by_type.setdefault(span[0], [0, 0, 0])
            counts[1] += 1
            total[1] += 1
            if span in gold_spans:
                counts[0] += 1
                total[0] += 1
    scores = {k: v for k, v in _prf(*total).items() if k != "support"}
    scores["per_type"] = {kind: _prf(*by_type[kind]) for kind in sorted(by_type)}
    scores["accuracy"] = right / tokens if tokens > 0 else 0.0
    return scores
