import { describe, expect, it } from 'vitest';
import type { EvalEvent, StepEvent } from '../train/runTraining';
import { progressReporter } from './progress';

const step = (n: number, loss: number): StepEvent => ({
  step: n, epoch: Math.ceil(n / 2), loss, lr: 0.01, gradNorm: 1, tokens: 10, sentences: 2, tokensPerSec: 1000, sentencesPerSec: 200, wallTime: 1.8e9 + n, stepsPerEpoch: 2,
});
const evaluation = (n: number, f1: number, improved: boolean): EvalEvent => ({
  step: n, epoch: Math.ceil(n / 2), scores: { precision: f1, recall: f1, f1, support: 10, accuracy: 0.9, perType: {} }, wallTime: 1.8e9 + n, improved,
});

function record(isTTY: boolean) {
  const chunks: string[] = [];
  const progress = progressReporter({ totalSteps: 4, epochs: 2 }, { isTTY, columns: 200, write: (t: string) => chunks.push(t) });
  progress.step(step(1, 3));
  progress.step(step(2, 1));
  progress.evaluated(evaluation(2, 0.5, true));
  progress.step(step(3, 1));
  progress.step(step(4, 1));
  progress.evaluated(evaluation(4, 0.25, false));
  progress.finish();
  return chunks.join('');
}

describe('progressReporter', () => {
  it('writes one line per epoch, with its mean loss and dev score, when stderr is not a terminal', () => {
    const lines = record(false).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^epoch 1\/2 {2}step 2\/4 {2}loss 2\.0000 {2}[\d,]+ tokens\/s {2}\S+ left {2}dev F1 50\.00% \(P 50\.00%, R 50\.00%\), best so far$/);
    expect(lines[1]).toMatch(/^epoch 2\/2 {2}step 4\/4 {2}loss 1\.0000 .* dev F1 25\.00% \(P 25\.00%, R 25\.00%\)$/);
    expect(lines[2]).toBe('');
  });

  it('redraws one bar in place on a terminal, with a line per evaluation', () => {
    const out = record(true);
    expect(out).toContain(`\r\x1b[2K[${'#'.repeat(6)}${'.'.repeat(18)}] step 1/4`);
    expect(out).toContain('step 2 (epoch 1): dev F1 50.00% (P 50.00%, R 50.00%), best so far\n');
    expect(out).toMatch(/\[#{24}\] step 4\/4 {2}epoch 2\/2 {2}loss 1\.0000/);
    expect(out.endsWith('\n')).toBe(true);
  });
});
