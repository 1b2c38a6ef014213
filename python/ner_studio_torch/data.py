"""The prepared data of an exported project (data/, written by src/core/dataset/preparedFiles.ts): vocabularies,
the splits as the studio's training loop sees them, subword pieces, starting word vectors. Every check names the
file, and a run.yaml that disagrees with what the data was prepared for names the key."""
import json
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

import numpy as np

from .errors import UserError
from .safetensors import read_safetensors

FORMAT = "ner-studio-prepared"
VERSION = 1
SPLITS = ("train", "dev", "test")


@dataclass
class Pieces:
    """A sentence's subword windows, and where each position's pieces sit (src/core/dataset/subwords.ts)."""
    pad_id: int
    windows: List[np.ndarray]  # token ids per window, special tokens included
    window: np.ndarray  # [n] the window a position is read from
    piece_offsets: np.ndarray  # [n + 1]
    piece_tokens: np.ndarray  # token indices inside that window


@dataclass
class Sentence:
    words: np.ndarray  # [n] word ids
    labels: np.ndarray  # [n] label ids, -1 for a tag outside the vocabulary
    chars: List[np.ndarray]  # per position, its char ids
    extra: Optional[List[np.ndarray]]  # per extra column (POS, chunk), value ids per position
    pieces: Optional[Pieces]


@dataclass
class Prepared:
    dir: Path
    vocab: dict
    constraints: Optional[dict]
    splits: dict  # split -> [Sentence]
    word_vectors: Optional[tuple]  # (ids [m], vectors [m, dim]) or None
    prepared_for: dict


def _ints(tensors, name, file):
    if name not in tensors:
        raise UserError(f"{file}: has no tensor '{name}'; export the project again")
    return tensors[name].astype(np.int64)


def _check_offsets(offsets, count, total, name, file):
    if len(offsets) != count + 1 or offsets[0] != 0 or offsets[-1] != total or np.any(np.diff(offsets) < 0):
        raise UserError(f"{file}: '{name}' does not describe {count} entries over {total} values")


def _check_ids(ids, low, size, name, file):
    if len(ids) and (ids.min() < low or ids.max() >= size):
        raise UserError(f"{file}: '{name}' holds ids outside {low}..{size - 1} of the vocabulary in prepared.json")


def _read_split(path: Path, vocab, expected):
    file = str(path)
    if not path.is_file():
        raise UserError(f"{file}: missing; export the project again (ner export-torch)")
    try:
        t = read_safetensors(path.read_bytes(), file)
    except ValueError as e:
        raise UserError(str(e)) from e
    offsets = _ints(t, "sentence_offsets", file)
    words, labels = _ints(t, "words", file), _ints(t, "labels", file)
    char_offsets, chars = _ints(t, "char_offsets", file), _ints(t, "chars", file)
    count = len(offsets) - 1
    if count != expected["sentences"] or len(words) != expected["tokens"]:
        raise UserError(f"{file}: holds {count} sentences and {len(words)} positions, but prepared.json says "
                        f"{expected['sentences']} and {expected['tokens']}; the folder is mixed from two exports")
    _check_offsets(offsets, count, len(words), "sentence_offsets", file)
    _check_offsets(char_offsets, len(words), len(chars), "char_offsets", file)
    if len(labels) != len(words):
        raise UserError(f"{file}: 'labels' has {len(labels)} values for {len(words)} positions")
    _check_ids(words, 0, len(vocab["words"]), "words", file)
    _check_ids(chars, 0, len(vocab["chars"]), "chars", file)
    _check_ids(labels, -1, len(vocab["labels"]), "labels", file)
    extra = []
    while f"extra.{len(extra)}" in t:
        extra.append(_ints(t, f"extra.{len(extra)}", file))
    pieces = _read_pieces(t, count, len(words), file) if "pieces.window_offsets" in t else None
    out = []
    for i in range(count):
        a, b = offsets[i], offsets[i + 1]
        out.append(Sentence(
            words=words[a:b], labels=labels[a:b],
            chars=[chars[char_offsets[k]:char_offsets[k + 1]] for k in range(a, b)],
            extra=[column[a:b] for column in extra] or None,
            pieces=pieces(i, a, b) if pieces else None,
        ))
    return out


def _read_pieces(t, count, positions, file):
    """A function (sentence, first, end position) -> Pieces over the split's flat piece arrays."""
    pad_id = int(_ints(t, "pieces.pad_id", file)[0])
    window_offsets = _ints(t, "pieces.window_offsets", file)
    token_offsets = _ints(t, "pieces.window_token_offsets", file)
    tokens = _ints(t, "pieces.window_tokens", file)
    position_window = _ints(t, "pieces.position_window", file)
    piece_offsets, piece_tokens = _ints(t, "pieces.piece_offsets", file), _ints(t, "pieces.piece_tokens", file)
    _check_offsets(window_offsets, count, len(token_offsets) - 1, "pieces.window_offsets", file)
    _check_offsets(token_offsets, len(token_offsets) - 1, len(tokens), "pieces.window_token_offsets", file)
    _check_offsets(piece_offsets, positions, len(piece_tokens), "pieces.piece_offsets", file)
    if len(position_window) != positions:
        raise UserError(f"{file}: 'pieces.position_window' has {len(position_window)} values for {positions} positions")

    def pieces(i, a, b):
        w0, w1 = window_offsets[i], window_offsets[i + 1]
        windows = [tokens[token_offsets[w]:token_offsets[w + 1]] for w in range(w0, w1)]
        window = position_window[a:b]
        if len(window) and (window.min() < 0 or window.max() >= len(windows)):
            raise UserError(f"{file}: sentence {i + 1} reads a position from a window it does not have")
        base = piece_offsets[a]
        return Pieces(pad_id, windows, window, piece_offsets[a:b + 1] - base, piece_tokens[base:piece_offsets[b]])

    return pieces


def read_prepared(data_dir: Path) -> Prepared:
    meta_file = data_dir / "prepared.json"
    if not data_dir.is_dir():
        raise UserError(f"{data_dir}: no such folder; a project from ner export-torch keeps its prepared data there")
    if not meta_file.is_file():
        raise UserError(f"{meta_file}: missing; this is not a prepared-data folder (ner export-torch writes one)")
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    except ValueError as e:
        raise UserError(f"{meta_file}: not JSON ({e})") from e
    if meta.get("format") != FORMAT:
        raise UserError(f"{meta_file}: format is {meta.get('format')!r}, expected '{FORMAT}'")
    if meta.get("version") != VERSION:
        raise UserError(f"{meta_file}: version {meta.get('version')}; this package reads version {VERSION}")
    vocab = meta["vocab"]
    splits = {s: _read_split(data_dir / f"{s}.safetensors", vocab, meta["splits"][s]) for s in SPLITS}
    word_vectors = None
    if meta.get("wordVectors"):
        path = data_dir / "word_vectors.safetensors"
        if not path.is_file():
            raise UserError(f"{path}: missing, but prepared.json names word vectors {meta['wordVectors']['file']}")
        t = read_safetensors(path.read_bytes(), str(path))
        _check_ids(t["ids"], 0, len(vocab["words"]), "ids", str(path))
        word_vectors = (t["ids"].astype(np.int64), t["vectors"].astype(np.float32))
    return Prepared(data_dir, vocab, meta.get("constraints"), splits, word_vectors, meta["preparedFor"])


def check_prepared_for(prepared: Prepared, run):
    """Refuses a run.yaml whose data settings differ from those the data was prepared with, naming the key."""
    cfg, meta = run.config, prepared.dir / "prepared.json"
    pf = prepared.prepared_for

    def differ(key, now, then):
        raise UserError(f"{run.file}: {key} is {now!r} but {meta} was prepared for {then!r}; "
                        f"export the project again for the new value")

    for split in SPLITS:
        now, then = run.extras.get(f"data.{split}"), pf["data"].get(split)
        if now != then:
            differ(f"data.{split}", now, then)
    if cfg.encoder != "pretrained" and cfg.wordVectors != pf["wordVectors"]:
        differ("model.word_vectors", cfg.wordVectors, pf["wordVectors"])
    if prepared.word_vectors is not None and prepared.word_vectors[1].shape[1] != cfg.wordDim:
        differ("model.word_dim", cfg.wordDim, prepared.word_vectors[1].shape[1])
    if cfg.encoder == "pretrained":
        if pf["pretrained"] is None:
            differ("model.encoder", "pretrained", "an encoder trained from scratch (no subword pieces)")
        for key, field in (("model.base_model", "baseModel"), ("model.label_alignment", "labelAlignment"),
                           ("model.max_length", "maxLength"), ("model.stride", "stride")):
            if cfg[field] != pf["pretrained"][field]:
                differ(key, cfg[field], pf["pretrained"][field])
    if cfg.encoder != "pretrained" and pf["pretrained"] is not None and pf["pretrained"]["labelAlignment"] == "all":
        differ("model.encoder", cfg.encoder, "pretrained with label_alignment all (positions are subword pieces)")
