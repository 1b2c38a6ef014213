import { describe, expect, it } from 'vitest';
import type { EncodedSentence } from './vocab';
import { planTokenWindows, windowSentences } from './tokenWindows';

const encoded = (n: number, offset = 0): EncodedSentence => ({
  words: Int32Array.from({ length: n }, (_, i) => offset + i),
  chars: Array.from({ length: n }, (_, i) => Int32Array.of(offset + i)),
  labels: Int32Array.from({ length: n }, (_, i) => (offset + i) % 3),
});

describe('prediction windows', () => {
  it.each<[number, number, number]>([
    [1, 256, 64],
    [256, 256, 64],
    [257, 256, 64],
    [1000, 256, 64],
    [10_000, 256, 64],
    [20_000, 256, 64],
    [50, 8, 0],
    [50, 8, 7],
  ])('a sentence of %i tokens, windows of %i sharing %i: the kept parts tile it, each window within size', (length, size, overlap) => {
    const plan = planTokenWindows(length, size, overlap);
    expect(plan[0].keepStart).toBe(0);
    expect(plan.at(-1)!.keepEnd).toBe(length);
    for (const [k, w] of plan.entries()) {
      expect(w.end - w.start).toBeLessThanOrEqual(size);
      expect(w.start).toBeLessThanOrEqual(w.keepStart);
      expect(w.keepEnd).toBeLessThanOrEqual(w.end);
      expect(w.keepStart).toBeLessThan(w.keepEnd);
      if (k > 0) expect(w.keepStart).toBe(plan[k - 1].keepEnd);
    }
    // Linear: a sentence twice as long needs about twice the windows.
    if (length > size) expect(plan.length).toBeLessThanOrEqual(Math.ceil((length - overlap) / (size - overlap)) + 1);
  });

  it('a kept token sits at least half the overlap from its window edges, except at the sentence ends', () => {
    for (const w of planTokenWindows(5000, 256, 64)) {
      for (const i of [w.keepStart, w.keepEnd - 1]) {
        if (i >= 32 && i < 5000 - 32) expect(Math.min(i - w.start, w.end - 1 - i)).toBeGreaterThanOrEqual(31);
      }
    }
  });

  it('stitches each window’s output back to its sentence, short sentences untouched', () => {
    const sentences = [encoded(3), encoded(700, 100), encoded(1)];
    const { inputs, stitch } = windowSentences(sentences, 256, 64);
    expect(inputs[0]).toBe(sentences[0]);
    expect(inputs.at(-1)).toBe(sentences[2]);
    expect(inputs.length).toBeGreaterThan(4);
    // A "model" that echoes each token's word id gives back exactly the sentence's ids.
    const outputs = inputs.map((s) => Array.from(s.words));
    expect(stitch(outputs)).toEqual(sentences.map((s) => Array.from(s.words)));
  });
});
