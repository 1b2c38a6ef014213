"""tokenizer.json's rules re-implemented for scripts/backbone_reference.py, without the tokenizers library:
normalizers (NFC, NFKC, Prepend, Replace), the regex split of GPT-2 / Llama-3 / Qwen2 with Unicode classes
spelled out for Python's re, byte-level BPE, SentencePiece BPE with byte fallback behind Metaspace, and
Unigram (Viterbi over scored pieces, unknown characters fused). A word is encoded as the studio encodes a
CoNLL word: as if it followed a space.
"""
import math
import re
import unicodedata

def _ranges(predicate):
    """A character-class body listing every code point the predicate holds for, as ranges."""
    out, start = [], None
    for cp in range(0x110000 + 1):
        inside = cp < 0x110000 and not (0xD800 <= cp <= 0xDFFF) and predicate(chr(cp))
        if inside and start is None:
            start = cp
        elif not inside and start is not None:
            out.append(re.escape(chr(start)) + ("-" + re.escape(chr(cp - 1)) if cp - 1 > start else ""))
            start = None
    return "".join(out)


_CLASSES = {}


def unicode_class(name):
    """\\p{L} and \\p{N} for Python's re, which lacks them, from unicodedata's categories."""
    if name not in _CLASSES:
        _CLASSES[name] = _ranges(lambda ch: unicodedata.category(ch).startswith(name))
    return _CLASSES[name]


def python_regex(pattern):
    """A tokenizer.json (Oniguruma) pattern with \\p{L} / \\p{N} spelled out as ranges."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and pattern.startswith("\\p{", i):
            body = unicode_class(pattern[i + 3])
            out.append(body if in_class else "[" + body + "]")
            i = pattern.index("}", i) + 1
            continue
        if ch == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        out.append(ch)
        i += 1
    return re.compile("".join(out))


GPT2_PATTERN = r"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs, n = bs[:], 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


def normalize(spec, text):
    if spec is None:
        return text
    kind = spec["type"]
    if kind in ("NFC", "NFKC", "NFD", "NFKD"):
        return unicodedata.normalize(kind, text)
    if kind == "Sequence":
        for inner in spec["normalizers"]:
            text = normalize(inner, text)
        return text
    if kind == "Prepend":
        return spec["prepend"] + text
    if kind == "Replace":
        return text.replace(spec["pattern"]["String"], spec["content"])
    raise ValueError(f"normalizer {kind} is not implemented here")


def bpe(symbols, ranks):
    """Merges the adjacent pair of lowest rank, leftmost first, until none applies."""
    symbols = list(symbols)
    while len(symbols) > 1:
        pairs = [(ranks.get((a, b)), k) for k, (a, b) in enumerate(zip(symbols, symbols[1:])) if (a, b) in ranks]
        if not pairs:
            break
        _, k = min(pairs)
        symbols[k:k + 2] = [symbols[k] + symbols[k + 1]]
    return symbols


def pre_tokenizers(spec):
    if spec is None:
        return []
    return spec["pretokenizers"] if spec["type"] == "Sequence" else [spec]


def split_isolated(regex, text):
    pieces, at = [], 0
    for m in regex.finditer(text):
        if m.start() > at:
            pieces.append(text[at:m.start()])
        if m.end() > m.start():
            pieces.append(m.group())
        at = m.end()
    if at < len(text):
        pieces.append(text[at:])
    return pieces


def unigram(piece, vocab, unk_id):
    """Viterbi over the scored pieces; a character no piece covers is one unknown, and runs of unknowns fuse."""
    scores = {tok: (i, s) for i, (tok, s) in enumerate(vocab)}
    unk_score = min(s for _, s in vocab) - 10.0
    n = len(piece)
    best = [(-math.inf, None)] * (n + 1)
    best[0] = (0.0, None)
    longest = max(len(t) for t, _ in vocab)
    for end in range(1, n + 1):
        for start in range(max(0, end - longest), end):
            if best[start][0] == -math.inf:
                continue
            sub = piece[start:end]
            if sub in scores:
                cand = (best[start][0] + scores[sub][1], (start, scores[sub][0]))
            elif end - start == 1:
                cand = (best[start][0] + unk_score, (start, unk_id))
            else:
                continue
            if cand[0] > best[end][0]:
                best[end] = cand
    ids, end = [], n
    while end > 0:
        start, tid = best[end][1]
        ids.append(tid)
        end = start
    ids.reverse()
    fused = []
    for tid in ids:
        if not (tid == unk_id and fused and fused[-1] == unk_id):
            fused.append(tid)
    return fused


def encode_word(tokenizer, word):
    """A word's ids without special tokens, encoded as the studio encodes CoNLL words: as if after a space."""
    model = tokenizer["model"]
    pres = pre_tokenizers(tokenizer.get("pre_tokenizer"))
    byte_level = any(p["type"] == "ByteLevel" for p in pres)
    text = normalize(tokenizer.get("normalizer"), (" " + word) if byte_level else word)
    pieces = [text]
    for p in pres:
        if p["type"] == "Split":
            regex = python_regex(p["pattern"]["Regex"])
            pieces = [s for piece in pieces for s in split_isolated(regex, piece)]
        elif p["type"] == "ByteLevel":
            if p.get("use_regex", True):
                pieces = [s for piece in pieces for s in split_isolated(python_regex(GPT2_PATTERN), piece)]
            table = bytes_to_unicode()
            pieces = ["".join(table[b] for b in piece.encode("utf-8")) for piece in pieces]
        elif p["type"] == "Metaspace":
            rep = p.get("replacement", "▁")
            pieces = [s.replace(" ", rep) for s in pieces]
            if p.get("prepend_scheme", "always") in ("always", "first") and not pieces[0].startswith(rep):
                pieces[0] = rep + pieces[0]
            if p.get("split", True):
                pieces = [s for piece in pieces for s in re.findall(re.escape(rep) + "[^" + re.escape(rep) + "]*|[^" + re.escape(rep) + "]+", piece)]
        else:
            raise ValueError(f"pre-tokenizer {p['type']} is not implemented here")
    if model["type"] == "Unigram":
        return [i for piece in pieces for i in unigram(piece, model["vocab"], model["unk_id"])]
    vocab = model["vocab"]
    ranks = {tuple(m.split(" ") if isinstance(m, str) else m): r for r, m in enumerate(model["merges"])}
    ids = []
    for piece in pieces:
        if model.get("ignore_merges") and piece in vocab:
            ids.append(vocab[piece])
            continue
        symbols = []
        for ch in piece:
            if ch in vocab:
                symbols.append(ch)
            elif model.get("byte_fallback"):
                symbols.extend(f"<0x{b:02X}>" for b in ch.encode("utf-8"))
            else:
                symbols.append(model["unk_token"])
        ids.extend(vocab[s] for s in bpe(symbols, ranks))
    return ids


def special_tokens(tokenizer):
    """The ids a single sequence gets before and after it, from the post-processor."""
    procs = tokenizer.get("post_processor")
    procs = (procs["processors"] if procs and procs["type"] == "Sequence" else [procs]) if procs else []
    for p in procs:
        if p["type"] == "TemplateProcessing":
            before, after, seen = [], [], False
            for item in p["single"]:
                if "Sequence" in item:
                    seen = True
                    continue
                (after if seen else before).extend(p["special_tokens"][item["SpecialToken"]["id"]]["ids"])
            return before, after
    return [], []
