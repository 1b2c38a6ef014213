"""The linear-chain CRF (src/model/crf.ts): gold path score minus the forward algorithm's log partition, with the
tag scheme's forbidden transitions lowered by 1e4; and Viterbi / argmax decoding in float64 on the host, as
src/core/decode/viterbi.ts does it (the first best label wins a tie), so paths are identical."""
import numpy as np
import torch

FORBIDDEN_SCORE = -1e4


def constrained(transitions, start, end, allowed):
    """The scores training and decoding use: the learned ones plus FORBIDDEN_SCORE where `allowed` says no."""
    if allowed is None:
        return transitions, start, end
    penalty = lambda ok: torch.tensor([0.0 if a else FORBIDDEN_SCORE for a in ok], dtype=start.dtype, device=start.device)  # noqa: E731
    K = start.shape[0]
    return transitions + penalty(allowed["trans"]).reshape(K, K), start + penalty(allowed["start"]), end + penalty(allowed["end"])


def log_partition(emissions, mask, trans, start, end):
    """log sum over all paths of exp(score), per sentence [B]; padded steps keep alpha."""
    B, T, K = emissions.shape
    alpha = start + emissions[:, 0]  # [B, K]
    for t in range(1, T):
        scores = alpha.unsqueeze(2) + trans.unsqueeze(0)  # [B, K(from), K(to)]
        nxt = torch.logsumexp(scores, 1) + emissions[:, t]
        m = mask[:, t:t + 1]
        alpha = alpha + m * (nxt - alpha)
    return torch.logsumexp(alpha + end, 1)


def gold_score(emissions, labels, mask, trans, start, end):
    """Score of the labelled path per sentence [B]."""
    B, T, _ = emissions.shape
    emit = (emissions.gather(2, labels.unsqueeze(2)).squeeze(2) * mask).sum(1)
    score = emit + start[labels[:, 0]]
    if T > 1:
        pairs = trans[labels[:, :-1], labels[:, 1:]]  # [B, T-1]
        score = score + (pairs * mask[:, 1:]).sum(1)
    next_mask = torch.cat([mask[:, 1:], mask.new_zeros(B, 1)], 1)
    last = mask - next_mask  # 1 at each sentence's last real token
    return score + (end[labels] * last).sum(1)


def log_likelihood(emissions, labels, mask, trans, start, end):
    """log p(labels | emissions) per sentence [B]; 0 for an empty one."""
    ll = gold_score(emissions, labels, mask, trans, start, end) - log_partition(emissions, mask, trans, start, end)
    return ll * mask[:, 0]


def viterbi(emissions, lengths, trans, start, end):
    """Best path per sentence, trimmed to its length. emissions [B, T, K] float32; the rest float32 arrays."""
    emissions = np.asarray(emissions, np.float64)
    trans, start, end = (np.asarray(a, np.float64) for a in (trans, start, end))
    paths = []
    for b, n in enumerate(lengths):
        if n == 0:
            paths.append([])
            continue
        score = start + emissions[b, 0]
        back = np.zeros((n, len(start)), np.int64)
        for t in range(1, n):
            candidates = score[:, None] + trans  # [K(from), K(to)]
            back[t] = candidates.argmax(0)
            score = candidates[back[t], np.arange(len(start))] + emissions[b, t]
        path = [int((score + end).argmax())]
        for t in range(n - 1, 0, -1):
            path.append(int(back[t, path[-1]]))
        paths.append(path[::-1])
    return paths


def argmax_decode(emissions, lengths):
    return [[int(k) for k in np.asarray(emissions[b, :n]).argmax(1)] for b, n in enumerate(lengths)]
