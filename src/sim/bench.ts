// Throughput benchmark (wired into `npm run bench`): trajectory-steps per second of ARCHIMEDES
// SGD (η = 0.1, f32) on the GPU engine (Dawn/WebGPU) and on the CPU twin.
import { runSimulation } from './engine';
import { archimedes } from './testing/scenarios';

export interface BenchEntry {
  engine: 'gpu' | 'cpu' | 'numpy';
  /** Where the engine ran: Node (Dawn for the GPU) or the explorer's page in Chromium. */
  runtime: 'node' | 'chromium';
  adapter: string;
  trajectories: number;
  steps: number;
  /** Recorded steps (2: only 0 and T; the CLI's default is 100). */
  record?: number;
  /** The whole runSimulation call: device, compiling, every chunk, read-back. */
  seconds: number;
  trajectoryStepsPerSecond: number;
  /** The same call with one step: what a run costs besides its steps. */
  fixedSeconds: number;
  /** Steps per second beyond that fixed cost (the rate long runs approach). */
  netTrajectoryStepsPerSecond: number;
  meanZ: number | null;
}

async function timed(engine: 'gpu' | 'cpu', K: number, T: number, record = 2) {
  const t0 = performance.now();
  // Two records (0 and T) and long chunks: the kernel dominates, not bookkeeping.
  const r = await runSimulation(
    { scenario: archimedes(T, 0.1), trajectories: K, seed: 0, record },
    { engine, chunkSeconds: 2 },
  );
  return { r, seconds: (performance.now() - t0) / 1000 };
}

async function one(engine: 'gpu' | 'cpu', K: number, T: number, record = 2): Promise<BenchEntry> {
  await timed(engine, 64, 1); // once-per-process start-up (Dawn, the Vulkan loader) is not a run's cost
  const fixed = await timed(engine, K, 1);
  const { r, seconds } = await timed(engine, K, T, record);
  return {
    engine: r.engine,
    runtime: 'node',
    adapter: r.adapter,
    trajectories: K,
    steps: T,
    record,
    seconds,
    trajectoryStepsPerSecond: (K * T) / seconds,
    fixedSeconds: fixed.seconds,
    netTrajectoryStepsPerSecond: (K * (T - 1)) / Math.max(seconds - fixed.seconds, 1e-9),
    meanZ: r.mean[r.mean.length - 1],
  };
}

/**
 * ARCHIMEDES SGD, 2^16 trajectories × 1000 steps on the GPU engine and the CPU twin, plus
 * 2^20 trajectories × 1000 steps on the GPU. Times include compiling and reading back; each
 * run is preceded by a one-step run of the same size, which measures that fixed cost.
 * `scale` < 1 shortens every run proportionally (steps), for a quick look.
 */
export async function simulationBench(scale = 1): Promise<{ runs: BenchEntry[]; note: string }> {
  const T = Math.max(1, Math.round(1000 * scale));
  const runs: BenchEntry[] = [];
  runs.push(await one('gpu', 1 << 16, T));
  runs.push(await one('cpu', 1 << 16, T));
  runs.push(await one('gpu', 1 << 20, T));
  // The CLI's default recording (100 steps): what recording a curve costs beside the kernel.
  runs.push(await one('gpu', 1 << 16, T, 100));
  return {
    runs,
    note: 'ARCHIMEDES SGD, η = 0.1, f32, from θ = 0; seconds include shader compilation and read-back; net rates leave out the fixed cost of a one-step run',
  };
}

export const bench = simulationBench;
