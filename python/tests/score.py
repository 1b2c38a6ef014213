"""Entity scores of a conlleval-style file (gold and predicted tag in the last two columns) by
ner_studio_torch.metrics, as JSON in `ner score --json`'s shape.

    python3 python/tests/score.py FILE
"""
import json
import sys

from ner_studio_torch.metrics import entity_scores


def sentences(path):
    gold, pred, g, p = [], [], [], []
    for line in open(path, encoding="utf-8"):
        cells = line.split()
        if not cells:
            if g:
                gold.append(g), pred.append(p)
            g, p = [], []
            continue
        g.append(cells[-2])
        p.append(cells[-1])
    if g:
        gold.append(g), pred.append(p)
    return gold, pred


if __name__ == "__main__":
    print(json.dumps(entity_scores(*sentences(sys.argv[1]))))
