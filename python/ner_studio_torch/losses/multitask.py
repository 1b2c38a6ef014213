"""`multitask`: ner_weight * NER + pos_weight * CE(POS head) + chunk_weight * CE(chunk head), linear heads on the
hidden states trained from the extra CoNLL columns; NER is the CRF likelihood with the CRF on, else cross-entropy."""
import numpy as np
import torch

from .cross_entropy import token_cross_entropy
from .token_ops import crf_nll


class Multitask:
    def __init__(self, ctx):
        p, H = ctx.params, ctx.hidden_dim
        self.heads = []
        for task in ("pos", "chunk"):
            weight, column = p[f"{task}_weight"], p[f"{task}_column"]
            if weight == 0:
                continue
            V = ctx.data["extra_sizes"][column]
            kernel = ctx.variable(f"{task}_head.kernel", [H, V], ctx.rng.glorot(H, V))
            bias = ctx.variable(f"{task}_head.bias", [V], np.zeros(V))
            self.heads.append((weight, column, kernel, bias))
        self.ner_weight, self.crf = p["ner_weight"], ctx.crf

    def __call__(self, x):
        total = x.emissions.new_zeros(())
        if self.ner_weight > 0:
            ner = crf_nll(x) if self.crf else token_cross_entropy(x.emissions, x.labels, x.mask, x.reduce)
            total = total + self.ner_weight * ner
        B, T, H = x.hidden.shape
        device = x.hidden.device
        for weight, column, kernel, bias in self.heads:
            ids = x.batch.extra[column]
            valid = torch.as_tensor(((ids >= 0) & (x.batch.mask > 0)).astype(np.float32), device=device) * x.mask
            targets = torch.as_tensor(np.maximum(0, ids), device=device)
            logits = (x.hidden.reshape(B * T, H) @ kernel + bias).reshape(B, T, -1)
            total = total + weight * token_cross_entropy(logits, targets, valid, x.reduce)
        return total
