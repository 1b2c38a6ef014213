import { describe, expect, it } from 'vitest';
import { makeSchedule } from './schedules';

describe('schedules: step -> learning rate', () => {
  const o = { lr: 1, warmupSteps: 4, totalSteps: 12 };
  it.each([
    // step: constant, linear, cosine (warm-up 4 steps, then 8 steps of decay)
    [0, 0.25, 0.25, 0.25],
    [1, 0.5, 0.5, 0.5],
    [3, 1, 1, 1],
    [4, 1, 1, 1],
    [6, 1, 0.75, 0.5 * (1 + Math.cos(Math.PI / 4))],
    [8, 1, 0.5, 0.5],
    [10, 1, 0.25, 0.5 * (1 + Math.cos((3 * Math.PI) / 4))],
    [12, 1, 0, 0],
    [20, 1, 0, 0],
  ])('step %i -> constant %f, linear %f, cosine %f', (step, constant, linear, cosine) => {
    expect(makeSchedule('constant', o)(step)).toBeCloseTo(constant, 12);
    expect(makeSchedule('linear', o)(step)).toBeCloseTo(linear, 12);
    expect(makeSchedule('cosine', o)(step)).toBeCloseTo(cosine, 12);
  });

  it.each([
    ['constant', [0.1, 0.1, 0.1, 0.1]],
    ['linear', [0.1, 0.075, 0.05, 0.025]],
    ['cosine', [0.1, 0.05 * (1 + Math.cos(Math.PI / 4)), 0.05, 0.05 * (1 + Math.cos((3 * Math.PI) / 4))]],
  ] as const)('%s without warm-up starts at the peak', (name, expected) => {
    const schedule = makeSchedule(name, { lr: 0.1, warmupSteps: 0, totalSteps: 4 });
    expected.forEach((lr, step) => expect(schedule(step)).toBeCloseTo(lr, 12));
  });
});

describe('inverse_time', () => {
  it.each([
    // 4 steps an epoch, decay 0.5, no warm-up: lr / (1 + 0.5 e) with e the epochs finished
    [0, 0.1],
    [3, 0.1],
    [4, 0.1 / 1.5],
    [7, 0.1 / 1.5],
    [8, 0.05],
    [40, 0.1 / 6],
  ])('step %i -> %f', (step, lr) => {
    expect(makeSchedule('inverse_time', { lr: 0.1, warmupSteps: 0, totalSteps: 100, stepsPerEpoch: 4, decay: 0.5 })(step)).toBeCloseTo(lr, 12);
  });

  it('warms up first, and with decay 0 is constant', () => {
    const s = makeSchedule('inverse_time', { lr: 0.1, warmupSteps: 2, totalSteps: 100, stepsPerEpoch: 4, decay: 0.5 });
    expect([s(0), s(1), s(2), s(4)]).toEqual([0.05, 0.1, 0.1, 0.1 / 1.5]);
    expect(makeSchedule('inverse_time', { lr: 0.1, warmupSteps: 0, totalSteps: 100, stepsPerEpoch: 4, decay: 0 })(99)).toBe(0.1);
  });
});
