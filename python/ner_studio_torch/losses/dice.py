"""`dice`: self-adjusting dice (Li et al. 2020), one-vs-rest per label over the global batch's real tokens:
s = (1 - p)^alpha p; DSC_k = (2 sum s y + gamma) / (sum s + sum y + gamma); loss 1 - mean_k DSC_k."""
import torch

from .token_ops import gold_one_hot, log_softmax


class Dice:
    def __init__(self, ctx):
        self.alpha, self.smooth = ctx.params["alpha"], ctx.params["smooth"]

    def __call__(self, x):
        m = x.mask.unsqueeze(2)
        gold = gold_one_hot(x.labels, x.emissions.shape[-1]) * m
        p = torch.exp(log_softmax(x.emissions))
        s = p if self.alpha == 0 else torch.exp(self.alpha * torch.log(1 - p + 1e-12)) * p
        sm = s * m
        inter = x.reduce.sum((sm * gold).sum((0, 1)))  # [K]
        predicted = x.reduce.sum(sm.sum((0, 1)))
        dsc = (inter * 2 + self.smooth) / (predicted + x.reduce.total(gold.sum((0, 1))) + self.smooth)
        return 1 - dsc.mean()
