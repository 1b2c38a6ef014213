"""Pieces the losses share (src/model/losses/tokenOps.ts), with their sums taken over every rank."""
import torch
import torch.nn.functional as F

from ..crf import log_likelihood


def log_softmax(scores):
    return scores - torch.logsumexp(scores, -1, keepdim=True)


def gold_one_hot(labels, K):
    return F.one_hot(labels, K).to(torch.float32)


def masked_mean(values, mask, reduce):
    """Mean of per-token values over the real tokens of the global batch; 0 for an all-padding batch."""
    return reduce.sum((values * mask).sum()) / reduce.total(mask.sum()).clamp(min=1)


def cross_entropy_per_token(target, log_probs):
    return -(target * log_probs).sum(-1)


def crf_nll(x):
    """Mean negative CRF log-likelihood over the global batch's sentences."""
    trans, start, end = x.crf
    ll = log_likelihood(x.emissions, x.labels, x.mask, trans, start, end)
    count = x.reduce.total(torch.tensor(float(x.sentences), device=ll.device))
    return -x.reduce.sum(ll.sum()) / count


def gold_value(gold, per_label):
    """A per-label constant as the value of each token's gold label [B, T]."""
    return (gold * torch.as_tensor(per_label, device=gold.device)).sum(-1)
