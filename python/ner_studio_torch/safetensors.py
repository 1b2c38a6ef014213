"""The safetensors format (8-byte little-endian header length, a JSON header, raw little-endian data), read and
written with numpy: the `safetensors` package need not be installed."""
import json
import struct

import numpy as np

DTYPES = {"F32": "<f4", "I32": "<i4", "I64": "<i8", "F16": "<f2", "F64": "<f8"}
NAMES = {np.dtype("<f4"): "F32", np.dtype("<i4"): "I32"}


def read_safetensors(raw: bytes, file: str) -> dict:
    """name -> numpy array (bfloat16 widened to float32); errors name `file`."""
    if len(raw) < 8:
        raise ValueError(f"{file}: not a safetensors file ({len(raw)} bytes)")
    (n,) = struct.unpack("<Q", raw[:8])
    if 8 + n > len(raw):
        raise ValueError(f"{file}: truncated safetensors header")
    header = json.loads(raw[8:8 + n])
    header.pop("__metadata__", None)
    data = memoryview(raw)[8 + n:]
    out = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        if end > len(data):
            raise ValueError(f"{file}: tensor '{name}' runs past the end of the file")
        chunk = data[begin:end]
        if entry["dtype"] == "BF16":
            bits = np.frombuffer(chunk, dtype="<u2").astype(np.uint32) << 16
            array = bits.view(np.float32)
        elif entry["dtype"] in DTYPES:
            array = np.frombuffer(chunk, dtype=DTYPES[entry["dtype"]]).copy()
        else:
            raise ValueError(f"{file}: tensor '{name}' has dtype {entry['dtype']}, which is not read here")
        out[name] = array.reshape(entry["shape"])
    return out


def write_safetensors(tensors: dict, metadata=None) -> bytes:
    """name -> float32 or int32 array, in the given order."""
    header, chunks, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, array in tensors.items():
        a = np.ascontiguousarray(array)
        if a.dtype.newbyteorder("<") not in NAMES:
            raise ValueError(f"tensor '{name}': only float32 and int32 are written, got {a.dtype}")
        raw = a.astype(a.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": NAMES[a.dtype.newbyteorder("<")], "shape": list(a.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":"))
    text += " " * ((8 - (8 + len(text.encode())) % 8) % 8)  # data starts 8-byte aligned, as the studio writes it
    head = text.encode()
    return struct.pack("<Q", len(head)) + head + b"".join(chunks)
