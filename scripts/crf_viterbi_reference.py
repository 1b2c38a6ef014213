"""An independent check of an exported CRF: a standard linear-chain Viterbi (as pytorch-crf's decode) in plain Python.

Reads crf.transitions [K, K], crf.start_transitions [K] and crf.end_transitions [K] from a model.safetensors file
(F32, little-endian) and emission scores from a JSON file ({"emissions": [[...K] per token] per sentence}), and
prints the best label path of each sentence as JSON. No torch, no studio code: only the file format and the maths.

    python3 scripts/crf_viterbi_reference.py model.safetensors emissions.json
"""
import json
import struct
import sys


def read_f32_tensors(path, names):
    raw = open(path, "rb").read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n])
    out = {}
    for name in names:
        entry = header[name]
        assert entry["dtype"] == "F32", f"{name}: {entry['dtype']}"
        begin, end = entry["data_offsets"]
        values = struct.unpack(f"<{(end - begin) // 4}f", raw[8 + n + begin : 8 + n + end])
        shape = entry["shape"]
        out[name] = [list(values[i * shape[1] : (i + 1) * shape[1]]) for i in range(shape[0])] if len(shape) == 2 else list(values)
    return out


def viterbi(emissions, transitions, start, end):
    K = len(start)
    score = [start[k] + emissions[0][k] for k in range(K)]
    back = []
    for t in range(1, len(emissions)):
        best = [max(range(K), key=lambda i: score[i] + transitions[i][j]) for j in range(K)]
        score = [score[best[j]] + transitions[best[j]][j] + emissions[t][j] for j in range(K)]
        back.append(best)
    last = max(range(K), key=lambda k: score[k] + end[k])
    path = [last]
    for best in reversed(back):
        path.append(best[path[-1]])
    return path[::-1]


def main(weights, emissions_file):
    t = read_f32_tensors(weights, ["crf.transitions", "crf.start_transitions", "crf.end_transitions"])
    sentences = json.load(open(emissions_file))["emissions"]
    paths = [viterbi(e, t["crf.transitions"], t["crf.start_transitions"], t["crf.end_transitions"]) for e in sentences]
    print(json.dumps(paths))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
