"""`contrastive`: a margin loss on hidden states. Up to max_tokens tokens of the whole batch (half entity, half O,
evenly spaced, as src/model/losses/contrastive.ts picks them); over all pairs, d = 1 - cos: same type d^2, different
type max(0, margin - d)^2; mean over pairs. With N ranks each contributes the rows of its anchors."""
import numpy as np
import torch

from ..loss_specs import entity_types_of


def spread(items, n):
    return [items[j * len(items) // n] for j in range(n)]


def contrastive_anchors(labels, mask, type_of_label, max_tokens):
    """Flat indices into the batch's [B*T] tokens, and their classes (entity type; -1 for O)."""
    real = np.flatnonzero(mask.reshape(-1) > 0)
    kinds = type_of_label[labels.reshape(-1)[real]]
    entity, outside = list(real[kinds >= 0]), list(real[kinds < 0])
    n_entity = min(len(entity), max(max_tokens // 2, max_tokens - len(outside)))
    n_outside = min(len(outside), max_tokens - n_entity)
    indices = np.array(spread(entity, n_entity) + spread(outside, n_outside), np.int64)
    return indices, type_of_label[labels.reshape(-1)[indices]]


class Contrastive:
    def __init__(self, ctx):
        self.margin, self.max_tokens = ctx.params["margin"], ctx.params["max_tokens"]
        self.type_of_label = entity_types_of(ctx.data["labels"])[1]

    def __call__(self, x):
        s = x.shard
        indices, classes = contrastive_anchors(s.global_labels, s.global_mask, self.type_of_label, self.max_tokens)
        M = len(indices)
        if M < 2:
            return x.emissions.new_zeros(())
        B, T, H = x.hidden.shape
        rows, positions = np.divmod(indices, s.global_labels.shape[1])
        mine = (rows >= s.first) & (rows < s.first + x.sentences)
        local = (rows[mine] - s.first) * T + positions[mine]
        device = x.hidden.device
        h = x.hidden.new_zeros(M, H).index_copy(0, torch.as_tensor(np.flatnonzero(mine), device=device),
                                                x.hidden.reshape(B * T, H)[torch.as_tensor(local, device=device)])
        h = x.reduce.sum(h)  # [M, H], every rank's anchors
        unit = h / torch.sqrt((h * h).sum(1, keepdim=True) + 1e-12)
        distance = 1 - unit @ unit.t()
        same_class = classes[:, None] == classes[None, :]
        upper = np.triu(np.ones((M, M), bool), 1)
        same = torch.as_tensor((same_class & upper).astype(np.float32), device=device)
        different = torch.as_tensor((~same_class & upper).astype(np.float32), device=device)
        pull = distance.square() * same
        push = torch.relu(self.margin - distance).square() * different
        return (pull + push).sum() / (M * (M - 1) / 2)
