"""`label_smoothing`: cross-entropy against (1 - epsilon) onehot(gold) + epsilon / K."""
from .token_ops import cross_entropy_per_token, gold_one_hot, log_softmax, masked_mean


class LabelSmoothing:
    def __init__(self, ctx):
        self.epsilon, self.K = ctx.params["epsilon"], ctx.num_labels

    def __call__(self, x):
        target = gold_one_hot(x.labels, self.K) * (1 - self.epsilon) + self.epsilon / self.K
        return masked_mean(cross_entropy_per_token(target, log_softmax(x.emissions)), x.mask, x.reduce)
