"""`embedding_label_smoothing`: label smoothing towards S[y], S = row-softmax(E^ E^T / alpha) of learned unit label
embeddings; the model's cross-entropy sees S as a constant, and E is fitted by KL(p || S[y]) with p held constant
(src/model/losses/embeddingLabelSmoothing.ts says why this does not collapse)."""
import torch

from .token_ops import cross_entropy_per_token, gold_one_hot, log_softmax, masked_mean


def label_log_similarity(embeddings, alpha):
    """log S [K, K]."""
    unit = embeddings / torch.sqrt((embeddings * embeddings).sum(1, keepdim=True) + 1e-12)
    logits = unit @ unit.t() / alpha
    return logits - torch.logsumexp(logits, 1, keepdim=True)


class EmbeddingLabelSmoothing:
    def __init__(self, ctx):
        p, K = ctx.params, ctx.num_labels
        self.K, self.alpha, self.epsilon, self.weight = K, p["smoothing_alpha"], p["epsilon"], p["embedding_weight"]
        D = p["label_emb_dim"]
        self.embeddings = ctx.variable("label_embeddings", [K, D], ctx.rng.uniform(K * D, 1))

    def __call__(self, x):
        B, T, K = x.emissions.shape
        log_probs = log_softmax(x.emissions)
        gold = gold_one_hot(x.labels, K)
        log_s = label_log_similarity(self.embeddings, self.alpha)
        rows = (gold.reshape(B * T, K) @ torch.exp(log_s).detach()).reshape(B, T, K)  # S[y_t], constant
        target = gold * (1 - self.epsilon) + rows * self.epsilon
        main = masked_mean(cross_entropy_per_token(target, log_probs), x.mask, x.reduce)
        log_p = log_probs.detach()
        log_rows = (gold.reshape(B * T, K) @ log_s).reshape(B, T, K)  # log S[y_t]
        fit = masked_mean((torch.exp(log_p) * (log_p - log_rows)).sum(2), x.mask, x.reduce)
        return main + self.weight * fit
