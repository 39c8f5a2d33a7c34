import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSimulation } from '../engine';
import { archimedes } from '../testing/scenarios';
import { awaitWithoutSpinning } from './quietwait';
import { requireGpu } from '../testing/gpuFixture';

/** CPU seconds this thread has used (Linux: /proc/thread-self/stat, in clock ticks of 10 ms). */
function threadCpuSeconds(): number {
  const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

describe('awaitWithoutSpinning', () => {
  requireGpu();
  it('settles as the promise does, and timers still run meanwhile', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const value = await awaitWithoutSpinning(new Promise((r) => setTimeout(() => r(42), 120)));
    clearInterval(timer);
    expect(value).toBe(42);
    expect(ticks).toBeGreaterThanOrEqual(5);
    await expect(awaitWithoutSpinning(Promise.reject(new Error('lost')))).rejects.toThrow('lost');
  });

  it('keeps this thread nearly idle while a SwiftShader run computes (Dawn polls otherwise)', async () => {
    const spec = { scenario: archimedes(2000, 0.1), trajectories: 1 << 16, seed: 1, record: 2 };
    await runSimulation({ ...spec, scenario: archimedes(1, 0.1) }, { engine: 'gpu' }); // warm-up
    const cpu0 = threadCpuSeconds();
    const t0 = performance.now();
    const r = await runSimulation(spec, { engine: 'gpu' });
    const wall = (performance.now() - t0) / 1000;
    const cpu = threadCpuSeconds() - cpu0;
    expect(r.engine).toBe('gpu');
    expect(wall).toBeGreaterThan(0.3); // long enough to tell spinning (cpu ≈ wall) from waiting
    expect(cpu / wall).toBeLessThan(0.4);
  });
});
