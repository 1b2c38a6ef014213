"""mulberry32, the studio's seeded generator (src/core/rng.ts), so that a run here starts from the weights the studio
would start from for the same seed, and visits the training batches in the same order.

mulberry32's state after k calls is seed + k * 0x6D2B79F5 (mod 2^32) and each output is a fixed mix of it, so a run of
draws is computed at once with numpy's wrapping uint32 arithmetic.
"""
import math

import numpy as np

_STEP = 0x6D2B79F5
_MASK = 0xFFFFFFFF


class Mulberry32:
    def __init__(self, seed: int):
        self.seed = seed & _MASK
        self.count = 0

    def draw(self, n: int) -> np.ndarray:
        """The next n floats in [0, 1), float64, as n calls of the TypeScript generator would give them."""
        k = np.arange(self.count + 1, self.count + n + 1, dtype=np.uint64)
        self.count += n
        t = ((np.uint64(self.seed) + k * np.uint64(_STEP)) & np.uint64(_MASK)).astype(np.uint32)
        t = (t ^ (t >> 15)) * (t | 1)
        t = t ^ (t + (t ^ (t >> 7)) * (t | 61))
        return (t ^ (t >> 14)).astype(np.float64) / 4294967296.0

    def __call__(self) -> float:
        return float(self.draw(1)[0])

    def uniform(self, size: int, limit: float) -> np.ndarray:
        """Uniform in [-limit, limit), rounded to float32 as the studio's Float32Array is (layers/params.ts)."""
        return ((self.draw(size) * 2 - 1) * limit).astype(np.float32)

    def glorot(self, fan_in: int, fan_out: int) -> np.ndarray:
        """Glorot (Xavier) uniform for a [fan_in, fan_out] kernel, flat."""
        return self.uniform(fan_in * fan_out, math.sqrt(6 / (fan_in + fan_out)))


def shuffled(items, rng: Mulberry32) -> list:
    """Fisher-Yates on a copy, drawing as src/core/rng.ts shuffled does."""
    out = list(items)
    n = len(out)
    if n > 1:
        draws = rng.draw(n - 1)
        for k, i in enumerate(range(n - 1, 0, -1)):
            j = int(draws[k] * (i + 1))
            out[i], out[j] = out[j], out[i]
    return out
