import { describe, expect, it } from 'vitest';
import { WaitPacer } from './pacer';

/** Chunks of `steps` on a GPU that takes `trueSecs` per step: each sleep as a share of the work. */
function simulate(guess: number, trueSecs: number, chunks: number, steps = 100): number[] {
  const pacer = new WaitPacer(guess);
  const sleeps: number[] = [];
  for (let i = 0; i < chunks; i++) {
    const slept = pacer.sleepMs(steps);
    const work = 1000 * trueSecs * steps;
    const waited = Math.max(0.5, work - slept); // results appear ~0.5 ms after waking when early
    pacer.record(steps, slept, waited);
    sleeps.push(slept / work);
  }
  return sleeps;
}

describe('WaitPacer', () => {
  it('sleeps for most of the work once it has measured a chunk, from a guess 4x too slow or too fast', () => {
    for (const guess of [1e-2, 6.25e-4]) {
      const frac = simulate(guess, 2.5e-3, 12); // chunks of 0.25 s
      // From the sixth chunk on: between 60% and 100% of the work.
      for (const f of frac.slice(5)) {
        expect(f).toBeGreaterThan(0.6);
        expect(f).toBeLessThanOrEqual(1);
      }
    }
  });

  it('never sleeps past the work after a chunk that had to wait', () => {
    const pacer = new WaitPacer(1e-5);
    pacer.record(100, 0.6, 9.4); // the work took ~10 ms
    expect(pacer.sleepMs(100)).toBeLessThanOrEqual(10);
    expect(pacer.sleepMs(100)).toBeGreaterThan(8);
  });
});
