import { describe, expect, it } from 'vitest';
import { createStepBatcher } from './stepBatcher';

/** A clock the test advances: scheduled callbacks run when their time comes. */
function fakeClock() {
  let now = 0;
  const timers: { at: number; fn: () => void }[] = [];
  return {
    schedule: (fn: () => void, ms: number) => timers.push({ at: now + ms, fn }),
    advance: (ms: number) => {
      now += ms;
      for (const t of timers.filter((t) => t.at <= now)) {
        timers.splice(timers.indexOf(t), 1);
        t.fn();
      }
    },
  };
}

describe('createStepBatcher', () => {
  it('hands over each run’s steps together, in order, once per delay', () => {
    const clock = fakeClock();
    const out: [string, number[]][] = [];
    const b = createStepBatcher<number>((id, msgs) => out.push([id, msgs]), 250, clock.schedule);
    b.push('a', 1);
    b.push('a', 2);
    b.push('b', 1);
    clock.advance(249);
    expect(out).toEqual([]);
    clock.advance(1);
    expect(out).toEqual([
      ['a', [1, 2]],
      ['b', [1]],
    ]);
    b.push('a', 3);
    clock.advance(250);
    expect(out.at(-1)).toEqual(['a', [3]]);
  });

  it('flushes one run early, before another message about it, and never twice', () => {
    const clock = fakeClock();
    const out: [string, number[]][] = [];
    const b = createStepBatcher<number>((id, msgs) => out.push([id, msgs]), 250, clock.schedule);
    b.push('a', 1);
    b.push('b', 7);
    b.flush('a');
    b.flush('a'); // nothing held: nothing delivered
    expect(out).toEqual([['a', [1]]]);
    clock.advance(250);
    expect(out).toEqual([
      ['a', [1]],
      ['b', [7]],
    ]);
  });
});
