// The GPU kit's bench (bundled to bench.mjs; run by the kit's run.sh): ARCHIMEDES SGD on the GPU
// engine at several trajectory counts, and the JAX peer (archimedes_jax.py) at the same sizes,
// side by side in one JSON object on stdout.
//   node bench.mjs [--quick] [--sizes 16,20,24] [--steps 1000]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { runSimulation } from '../sim/engine';
import { archimedes } from '../sim/testing/scenarios';

/** What the bench measures: the sizes of issue 13 (2^16, 2^20, 2^24 × 1000), quick: small ones. */
export const FULL = { sizes: [16, 20, 24], steps: 1000 };
export const QUICK = { sizes: [12, 14, 16], steps: 100 };
/** The target on an H200-class GPU at 2^24 trajectories. */
const TARGET = 1e11;

interface GpuRun {
  trajectories: number;
  steps: number;
  seconds: number;
  trajectoryStepsPerSecond: number;
  fixedSeconds: number;
  netTrajectoryStepsPerSecond: number | null;
  meanZ: number | null;
  engine: string;
  adapter: string;
}

async function timed(K: number, T: number) {
  const t0 = performance.now();
  // Two records (0 and T), long chunks: the kernel's time, not bookkeeping (as src/sim/bench.ts).
  const r = await runSimulation(
    { scenario: archimedes(T, 0.1), trajectories: K, seed: 0, record: 2 },
    { engine: 'gpu', chunkSeconds: 2 },
  );
  return { r, seconds: (performance.now() - t0) / 1000 };
}

async function gpuRun(K: number, T: number): Promise<GpuRun> {
  const fixed = await timed(K, 1);
  const { r, seconds } = await timed(K, T);
  return {
    trajectories: K,
    steps: T,
    seconds,
    trajectoryStepsPerSecond: (K * T) / seconds,
    fixedSeconds: fixed.seconds,
    // (null when the steps took too little of the run to tell them from its fixed cost)
    netTrajectoryStepsPerSecond:
      seconds - fixed.seconds > 0.2 * seconds ? (K * (T - 1)) / (seconds - fixed.seconds) : null,
    meanZ: r.mean[1],
    engine: r.engine,
    adapter: r.adapter,
  };
}

/** The JAX peer's JSON, or why it did not run. */
function jaxPeer(sizes: number[], T: number): Record<string, unknown> {
  const script = fileURLToPath(new URL('./archimedes_jax.py', import.meta.url));
  if (!existsSync(script)) return { skipped: `the peer script is missing (${script})` };
  const py = process.env.PYTHON ?? 'python3';
  const r = spawnSync(py, [script, sizes.join(','), String(T)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.error)
    return {
      skipped: `${py} is not available (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})`,
    };
  if (r.status !== 0) return { error: (r.stderr || `exit ${r.status}`).trim().split('\n').slice(-5).join('\n') };
  try {
    return JSON.parse(r.stdout) as Record<string, unknown>;
  } catch {
    return { error: `unreadable output: ${r.stdout.slice(0, 200)}` };
  }
}

function args(argv: string[]): { sizes: number[]; steps: number; quick: boolean } {
  const quick = argv.includes('--quick');
  const base = quick ? QUICK : FULL;
  let sizes = base.sizes;
  let steps = base.steps;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--quick') continue;
    if (argv[i] === '--sizes' && argv[i + 1] && /^\d+(,\d+)*$/.test(argv[i + 1]))
      sizes = argv[++i].split(',').map(Number);
    else if (argv[i] === '--steps' && /^\d+$/.test(argv[i + 1] ?? '') && Number(argv[i + 1]) >= 2)
      steps = Number(argv[++i]);
    else
      throw new Error(`bench: unexpected argument "${argv[i]}" (usage: [--quick] [--sizes 16,20,24] [--steps n ≥ 2])`);
  }
  if (sizes.some((s) => s < 1 || s > 28)) throw new Error('bench: --sizes are log2 trajectory counts from 1 to 28');
  return { sizes, steps, quick };
}

async function main(): Promise<void> {
  const { sizes, steps, quick } = args(process.argv.slice(2));
  await timed(64, 1); // Dawn's and the Vulkan loader's once-per-process start-up is no run's cost
  const runs: GpuRun[] = [];
  for (const s of sizes) runs.push(await gpuRun(2 ** s, steps));
  const jax = jaxPeer(sizes, steps);
  const jaxRuns = (Array.isArray(jax.runs) ? jax.runs : []) as {
    trajectories: number;
    trajectoryStepsPerSecond: number;
  }[];
  const largest = runs.find((r) => r.trajectories === 2 ** 24);
  const out = {
    bench: 'ARCHIMEDES SGD, η = 0.1, θ₀ = 0, float32, one fresh N(0,1) point per step, 2 recorded steps',
    note:
      'gpu: the whole runSimulation call (device, shader compilation, chunks, read-back); gpuNet: ' +
      'without the fixed cost of a one-step run; ' +
      'jax: the jitted call after a compiling call (no compilation)',
    quick,
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    adapter: runs[0]?.adapter,
    gpu: runs,
    jax,
    sideBySide: runs.map((r) => {
      const j = jaxRuns.find((x) => x.trajectories === r.trajectories);
      const jr = j?.trajectoryStepsPerSecond ?? null;
      return {
        trajectories: r.trajectories,
        steps: r.steps,
        gpu: r.trajectoryStepsPerSecond,
        gpuNet: r.netTrajectoryStepsPerSecond,
        jax: jr,
        gpuOverJax: jr ? r.trajectoryStepsPerSecond / jr : null,
        gpuNetOverJax: jr && r.netTrajectoryStepsPerSecond ? r.netTrajectoryStepsPerSecond / jr : null,
      };
    }),
    target: {
      trajectoryStepsPerSecondAt2e24: TARGET,
      value: largest?.trajectoryStepsPerSecond ?? null,
      pass: largest ? largest.trajectoryStepsPerSecond >= TARGET : null,
    },
  };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

main().catch((e: Error) => {
  process.stderr.write(`error: ${e.message}\n`);
  process.exitCode = 1;
});
