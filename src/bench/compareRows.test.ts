import { describe, expect, it } from 'vitest';
import { betterDirection, compareRuns, flattenBench } from './compareRows';

const run = (gpu: number, curveMs: number) => ({
  machine: { cpus: 2 },
  date: '2026-12-02',
  theory: { archimedesResummedCurve: { medianMs: curveMs, targetMs: 16, points: 256, pass: true } },
  simulation: {
    runs: [
      { engine: 'gpu', trajectories: 65536, trajectoryStepsPerSecond: gpu },
      { engine: 'gpu', runtime: 'chromium', trajectories: 65536, trajectoryStepsPerSecond: gpu / 2 },
    ],
  },
});

describe('bench comparison rows', () => {
  it('names array elements by their identifying fields and leaves out settings and the machine', () => {
    const m = flattenBench(run(3e7, 1.5));
    expect([...m.keys()].sort()).toEqual([
      'simulation.runs[engine=gpu,runtime=chromium,trajectories=65536].trajectoryStepsPerSecond',
      'simulation.runs[engine=gpu,trajectories=65536].trajectoryStepsPerSecond',
      'theory.archimedesResummedCurve.medianMs',
    ]);
  });

  it('takes the median of each side and says which way is better', () => {
    const rows = compareRuns([run(2e7, 2), run(4e7, 4), run(3e7, 3)], [run(3.3e7, 1.5)]);
    const gpu = rows.find(
      (r) => r.metric === 'simulation.runs[engine=gpu,trajectories=65536].trajectoryStepsPerSecond',
    );
    expect(gpu).toMatchObject({
      base: 3e7,
      head: 3.3e7,
      baseRuns: [2e7, 4e7, 3e7],
      headRuns: [3.3e7],
      better: 'higher',
    });
    expect(gpu!.gainPercent).toBeCloseTo(10, 10);
    const curve = rows.find((r) => r.metric === 'theory.archimedesResummedCurve.medianMs');
    expect(curve).toMatchObject({ base: 3, head: 1.5, ratio: 0.5, better: 'lower' });
    expect(curve!.gainPercent).toBeCloseTo(100, 10);
  });

  it('keeps a metric found on one side only, with no ratio', () => {
    const head = { ...run(1, 1), extra: { newMs: 5 } };
    const row = compareRuns([run(1, 1)], [head]).find((r) => r.metric === 'extra.newMs');
    expect(row).toEqual({
      metric: 'extra.newMs',
      base: null,
      head: 5,
      baseRuns: [],
      headRuns: [5],
      ratio: null,
      better: 'lower',
      gainPercent: null,
    });
  });

  it('has no direction for numbers that are neither rates nor times', () => {
    expect(betterDirection('simulation.ratios.gpuOverNumpy')).toBeNull();
    expect(betterDirection('a.trajectoryStepsPerSecond')).toBe('higher');
    expect(betterDirection('a.seconds')).toBe('lower');
  });
});
