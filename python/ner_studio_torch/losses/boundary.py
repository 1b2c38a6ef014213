"""`boundary`: soft span overlap per entity type, IoU_c = (sum u g + s) / (sum (u + g - u g) + s) over the global
batch's real tokens, u the softmax mass of type c's labels, g the gold membership; loss 1 - mean_c IoU_c."""
import numpy as np
import torch

from ..loss_specs import entity_types_of
from .token_ops import gold_one_hot, log_softmax


class Boundary:
    def __init__(self, ctx):
        self.smooth = ctx.params["smooth"]
        types, type_of_label = entity_types_of(ctx.data["labels"])
        self.membership = np.zeros((ctx.num_labels, len(types)), np.float32)  # [K, C]
        for k, c in enumerate(type_of_label):
            if c >= 0:
                self.membership[k, c] = 1

    def __call__(self, x):
        B, T, K = x.emissions.shape
        R = torch.as_tensor(self.membership, device=x.emissions.device)
        m = x.mask.reshape(B * T, 1)
        inside = torch.exp(log_softmax(x.emissions)).reshape(B * T, K) @ R  # [B*T, C]
        gold = gold_one_hot(x.labels, K).reshape(B * T, K) @ R
        inter = x.reduce.sum((inside * gold * m).sum(0))
        union = x.reduce.sum(((inside + gold - inside * gold) * m).sum(0))
        return 1 - ((inter + self.smooth) / (union + self.smooth)).mean()
