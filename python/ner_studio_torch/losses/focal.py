"""`focal` (Lin et al. 2017): -alpha[y] (1 - p_y)^gamma log p_y per real token, averaged."""
import torch

from ..loss_specs import per_label_values
from .token_ops import gold_one_hot, gold_value, log_softmax, masked_mean


class Focal:
    def __init__(self, ctx):
        self.gamma = ctx.params["gamma"]
        value = ctx.params.get("alpha")
        self.alpha = None if value is None else per_label_values(value, ctx.data["labels"], ctx.data["label_counts"])

    def __call__(self, x):
        gold = gold_one_hot(x.labels, x.emissions.shape[-1])
        log_probs = log_softmax(x.emissions)
        log_gold = (gold * log_probs).sum(2)
        others = ((1 - gold) * torch.exp(log_probs)).sum(2)  # 1 - p_y, as the mass on the other labels
        focus = torch.ones_like(others) if self.gamma == 0 else torch.exp(self.gamma * torch.log(others + 1e-12))
        per_token = -(focus * log_gold)
        if self.alpha is not None:
            per_token = per_token * gold_value(gold, self.alpha)
        return masked_mean(per_token, x.mask, x.reduce)
