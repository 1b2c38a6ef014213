"""`cross_entropy`: each real token's softmax cross-entropy; with class_weights w, sum w[y] nll / sum w[y]."""
from ..loss_specs import per_label_values
from .token_ops import cross_entropy_per_token, gold_one_hot, gold_value, log_softmax, masked_mean


def token_cross_entropy(scores, ids, mask, reduce, weights=None):
    """Mean (or weighted mean) cross-entropy of scores [B, T, V] against ids [B, T] where mask is 1."""
    gold = gold_one_hot(ids, scores.shape[-1])
    nll = cross_entropy_per_token(gold, log_softmax(scores))
    if weights is None:
        return masked_mean(nll, mask, reduce)
    w = gold_value(gold, weights) * mask
    return reduce.sum((nll * w).sum()) / reduce.total(w.sum()).clamp(min=1e-12)


class CrossEntropy:
    def __init__(self, ctx):
        value = ctx.params.get("class_weights")
        self.weights = None if value is None else per_label_values(value, ctx.data["labels"], ctx.data["label_counts"])

    def __call__(self, x):
        return token_cross_entropy(x.emissions, x.labels, x.mask, x.reduce, self.weights)
