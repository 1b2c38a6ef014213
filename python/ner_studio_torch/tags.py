"""Tags and entity spans the way seqeval's default mode reads them (src/core/tags/tags.ts getSpans)."""

PREFIXES = set("BIOESLU")
# seqeval's default mode knows B/I/E/S; BILOU's L and U play E's and S's roles.
DEFAULT_ALIAS = {"L": "E", "U": "S"}


def split_tag(tag):
    """'B-PER' -> ('B', 'PER'); 'O' -> ('O', ''); a tag without a known prefix is a bare type inside an entity."""
    if tag == "O":
        return "O", ""
    if tag in PREFIXES:
        return tag, ""
    dash = tag.find("-")
    if dash > 0 and tag[:dash] in PREFIXES:
        return tag[:dash], tag[dash + 1:]
    return "I", tag


def _ends_chunk(prev, cur, prev_type, kind):
    if prev in ("E", "S"):
        return True
    if prev in ("B", "I") and cur in ("B", "S", "O"):
        return True
    return prev != "O" and prev_type != kind


def _starts_chunk(prev, cur, prev_type, kind):
    if cur in ("B", "S"):
        return True
    if prev in ("E", "S", "O") and cur in ("E", "I"):
        return True
    return cur != "O" and prev_type != kind


def get_spans(tags):
    """(type, start, end) entities, end exclusive, read the conlleval way."""
    spans, prev, prev_type, begin = [], "O", "", 0
    for i in range(len(tags) + 1):
        prefix, kind = split_tag(tags[i]) if i < len(tags) else ("O", "")
        cur = DEFAULT_ALIAS.get(prefix, prefix)
        if _ends_chunk(prev, cur, prev_type, kind):
            spans.append((prev_type, begin, i))
        if _starts_chunk(prev, cur, prev_type, kind):
            begin = i
        prev, prev_type = cur, kind
    return spans
