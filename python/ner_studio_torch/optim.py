"""Optimisers, learning-rate schedules and clipping as the studio's loop uses them (src/train/optimizers.ts,
schedules.ts, clip.ts): Adam / AdamW (decoupled decay) with beta 0.9, 0.999 and epsilon 1e-8, SGD with momentum
(dampening 0); a schedule is a pure function of the step; clipping scales by maxNorm / max(norm, maxNorm)."""
import math

import torch

ADAM = {"betas": (0.9, 0.999), "eps": 1e-8}


def make_optimizer(cfg, params):
    if cfg.optimizer == "adam":
        return torch.optim.Adam(params, lr=cfg.learningRate, **ADAM)
    if cfg.optimizer == "adamw":
        return torch.optim.AdamW(params, lr=cfg.learningRate, weight_decay=cfg.weightDecay, **ADAM)
    return torch.optim.SGD(params, lr=cfg.learningRate, momentum=cfg.momentum)


DECAYS = {
    "constant": lambda progress: 1.0,
    "linear": lambda progress: 1 - progress,
    "cosine": lambda progress: 0.5 * (1 + math.cos(math.pi * progress)),
}


def make_schedule(name, lr, warmup_steps, total_steps):
    """step (0-based, the update about to be made) -> learning rate: linear warm-up, then the decay to 0."""
    warmup = max(0, int(warmup_steps))
    decay_steps = max(1, total_steps - warmup)
    decay = DECAYS[name]

    def schedule(step):
        if step < warmup:
            return lr * (step + 1) / warmup
        return lr * decay(min(1.0, max(0.0, (step - warmup) / decay_steps)))

    return schedule


def clip_by_global_norm(params, max_norm):
    """Scales every gradient by max_norm / max(norm, max_norm); returns the norm before clipping."""
    grads = [p.grad for p in params if p.grad is not None]
    if not grads:
        return 0.0
    norm = torch.sqrt(sum((g.float() * g.float()).sum() for g in grads))
    if max_norm > 0:
        scale = max_norm / torch.clamp(norm, min=max_norm)
        for g in grads:
            g.mul_(scale)
    return float(norm)
