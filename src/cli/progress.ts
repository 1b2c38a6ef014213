/**
 * @file `ner train`'s progress on stderr, fed by the training loop's hooks. On a terminal, one bar redrawn in place
 * (step, epoch, loss, throughput, time left) with a line per dev evaluation; in a log file or pipe, one line per
 * epoch (plus one per evaluation between epochs), so the log stays readable.
 */
import type { EvalEvent, StepEvent } from '../train/runTraining';
import { count, duration, percent } from './io';

export interface TrainProgress {
  step(e: StepEvent): void;
  evaluated(e: EvalEvent): void;
  /** Ends the bar's line, or prints the last epoch's line. */
  finish(): void;
}

interface Stream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const BAR_WIDTH = 24;
const REDRAW_MS = 100;

export function progressReporter(plan: { totalSteps: number; epochs: number }, out: Stream = process.stderr): TrainProgress {
  const started = performance.now();
  const tty = out.isTTY === true;
  let epochLoss = 0;
  let epochSteps = 0;
  let epochTokens = 0;
  let epochStarted = started;
  let lastDraw = 0;
  let last: StepEvent | null = null;
  /** The finished epoch's line, held back so the evaluation right after it joins the same line. */
  let pending: { step: number; text: string } | null = null;

  const timeLeft = (step: number) => {
    const perStep = (performance.now() - started) / 1000 / Math.max(1, step);
    return duration(perStep * (plan.totalSteps - step));
  };
  const scoreText = (e: EvalEvent) => `dev F1 ${percent(e.scores.f1)} (P ${percent(e.scores.precision)}, R ${percent(e.scores.recall)})${e.improved ? ', best so far' : ''}`;
  const clearBar = () => tty && out.write('\r\x1b[2K');
  const flush = () => {
    if (pending) out.write(`${pending.text}\n`);
    pending = null;
  };

  const draw = (e: StepEvent) => {
    const done = Math.min(1, e.step / Math.max(1, plan.totalSteps));
    const filled = Math.round(done * BAR_WIDTH);
    const bar = `${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}`;
    const line = `[${bar}] step ${e.step}/${plan.totalSteps}  epoch ${e.epoch}/${plan.epochs}  loss ${e.loss.toFixed(4)}  ${count(Math.round(e.tokensPerSec))} tokens/s  ${timeLeft(e.step)} left`;
    clearBar();
    out.write(line.slice(0, Math.max(20, (out.columns ?? 120) - 1)));
  };

  return {
    step(e) {
      last = e;
      epochLoss += e.loss;
      epochSteps++;
      epochTokens += e.tokens;
      if (tty) {
        const now = performance.now();
        if (now - lastDraw >= REDRAW_MS || e.step === plan.totalSteps) {
          draw(e);
          lastDraw = now;
        }
      }
      const epochDone = e.step % e.stepsPerEpoch === 0 || e.step === plan.totalSteps;
      if (!epochDone) return;
      if (!tty) {
        flush();
        const seconds = Math.max(1e-6, (performance.now() - epochStarted) / 1000);
        const text = `epoch ${e.epoch}/${plan.epochs}  step ${e.step}/${plan.totalSteps}  loss ${(epochLoss / epochSteps).toFixed(4)}  ${count(Math.round(epochTokens / seconds))} tokens/s  ${timeLeft(e.step)} left`;
        pending = { step: e.step, text };
      }
      epochLoss = 0;
      epochSteps = 0;
      epochTokens = 0;
      epochStarted = performance.now();
    },
    evaluated(e) {
      if (tty) {
        clearBar();
        out.write(`step ${e.step} (epoch ${e.epoch}): ${scoreText(e)}\n`);
        if (last) draw(last);
      } else if (pending && pending.step === e.step) {
        pending.text += `  ${scoreText(e)}`;
        flush();
      } else {
        flush();
        out.write(`step ${e.step} (epoch ${e.epoch}): ${scoreText(e)}\n`);
      }
    },
    finish() {
      if (tty && last) out.write('\n');
      flush();
    },
  };
}
