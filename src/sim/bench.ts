// Throughput benchmark (wired into `npm run bench`): trajectory-steps per second of ARCHIMEDES
// SGD (η = 0.1, f32) on the GPU engine (Dawn/WebGPU) and on the CPU twin.
import { runSimulation } from './engine';
import { archimedes } from './testing/scenarios';

export interface BenchEntry {
  engine: 'gpu' | 'cpu' | 'numpy';
  adapter: string;
  trajectories: number;
  steps: number;
  seconds: number;
  trajectoryStepsPerSecond: number;
  meanZ: number | null;
}

async function one(engine: 'gpu' | 'cpu', K: number, T: number): Promise<BenchEntry> {
  const t0 = performance.now();
  // Two records (0 and T) and long chunks: the kernel dominates, not bookkeeping.
  const r = await runSimulation({ scenario: archimedes(T, 0.1), trajectories: K, seed: 0, record: 2 }, { engine, chunkSeconds: 2 });
  const seconds = (performance.now() - t0) / 1000;
  return {
    engine: r.engine, adapter: r.adapter, trajectories: K, steps: T, seconds,
    trajectoryStepsPerSecond: (K * T) / seconds, meanZ: r.mean[1],
  };
}

/**
 * ARCHIMEDES SGD, 2^16 trajectories × 1000 steps on the GPU engine and the CPU twin, plus
 * 2^20 trajectories × 1000 steps on the GPU. Times include compiling and reading back.
 * `scale` < 1 shortens every run proportionally (steps), for a quick look.
 */
export async function simulationBench(scale = 1): Promise<{ runs: BenchEntry[]; note: string }> {
  const T = Math.max(1, Math.round(1000 * scale));
  const runs: BenchEntry[] = [];
  runs.push(await one('gpu', 1 << 16, T));
  runs.push(await one('cpu', 1 << 16, T));
  runs.push(await one('gpu', 1 << 20, T));
  return { runs, note: 'ARCHIMEDES SGD, η = 0.1, f32, from θ = 0; seconds include shader compilation and read-back' };
}

export const bench = simulationBench;
