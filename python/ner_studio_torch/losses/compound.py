"""`compound`: sum_i weight_i * term_i; each term built by the registry with its own parameters, its variables under
'loss.terms.<i>.'; terms of weight 0 are not built."""


class Compound:
    def __init__(self, ctx):
        self.terms = []
        for i, term in enumerate(ctx.params["terms"]):
            weight = 1 if term.get("weight") is None else term["weight"]
            if weight != 0:
                self.terms.append((weight, ctx.term(i, term["type"], term.get("params") or {})))

    def __call__(self, x):
        total = None
        for weight, loss in self.terms:
            value = weight * loss(x)
            total = value if total is None else total + value
        return total
