// `npm run bench`: speed targets as JSON (one run compares everything on this machine).
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { enumerateUncached } from '../theory/enumerate';
import { MAX_ORDER } from '../theory/orders';
import { parseScenario } from '../landscape/scenario';
import { PredictionModel } from '../landscape/predict';
import { ARCHIMEDES } from '../landscape/builtins';
import { RECORD_STEPS } from '../app/state/runSlice';

function timeIt(fn: () => void, repeats: number): { medianMs: number; minMs: number } {
  const ts: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  return { medianMs: ts[Math.floor(ts.length / 2)], minMs: ts[0] };
}

function theoryBench(): Record<string, unknown> {
  const catalogue = Object.fromEntries(
    (['test-loss', 'train-loss', 'weight'] as const).map((obs) => {
      let classes = 0;
      const t = timeIt(() => {
        classes = 0;
        for (let m = 0; m <= MAX_ORDER; m++) classes += enumerateUncached(m, obs, {}).length;
      }, 5);
      return [obs, { ...t, classes, targetMs: 200, pass: t.medianMs <= 200 }];
    }),
  );
  const sc = parseScenario({
    weights: ARCHIMEDES.weights,
    init: ARCHIMEDES.init,
    loss: ARCHIMEDES.loss,
    data: ARCHIMEDES.data,
    schedule: { N: 10_000, B: 1, epochs: 1, shuffle: false },
    observable: { weight: 'z' },
    order: 3,
  });
  let build = 0;
  const t0 = performance.now();
  const model = new PredictionModel(sc).resummed();
  build = performance.now() - t0;
  const etas = Array.from({ length: 256 }, (_, i) => 0.01 * 10 ** (i / 255));
  let last = 0;
  const curve = timeIt(() => {
    for (const eta of etas) last = model.evaluate(eta);
  }, 21);
  return {
    catalogueTo5Edges: catalogue,
    archimedesResummedCurve: {
      T: 10_000,
      order: 3,
      points: 256,
      modelBuildMs: build,
      ...curve,
      targetMs: 16,
      pass: curve.medianMs <= 16,
      zAtEta01: last,
    },
  };
}

/** The numpy float32 reference (archimedes_numpy.py), or why it did not run. */
function numpyBench(log2K: number, T: number): Record<string, unknown> {
  const py = process.env.PYTHON ?? 'python3';
  const probe = spawnSync(py, ['-c', 'import numpy'], { encoding: 'utf8' });
  if (probe.status !== 0) return { skipped: `${py} with numpy is not available` };
  const script = fileURLToPath(new URL('./archimedes_numpy.py', import.meta.url));
  const r = spawnSync(py, [script, String(log2K), String(T)], { encoding: 'utf8' });
  if (r.status !== 0) return { error: (r.stderr || `exit ${r.status}`).trim() };
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

interface Run {
  engine: string;
  runtime?: string;
  trajectories: number;
  trajectoryStepsPerSecond: number;
  netTrajectoryStepsPerSecond?: number;
  record?: number;
}

/** GPU engine (Node and the page in Chromium), CPU twin and numpy runs of ARCHIMEDES SGD, ratios, target. */
async function simulation(scale: number): Promise<Record<string, unknown>> {
  const { simulationBench } = await import('../sim/bench');
  const { chromiumBench } = await import('./chromium');
  const T = Math.max(1, Math.round(1000 * scale));
  const sim = await simulationBench(scale);
  const np = numpyBench(16, T);
  const page = await chromiumBench(1 << 16, T);
  const runs: Run[] = [...(sim.runs as Run[])];
  if (typeof np.trajectoryStepsPerSecond === 'number') runs.push(np as unknown as Run);
  let runPath: Record<string, unknown> | null = null;
  if ('trajectoryStepsPerSecond' in page) {
    const { runPath: path, ...engineRow } = page;
    runs.push(engineRow);
    runPath = (path ?? null) as Record<string, unknown> | null;
  }
  const find = (engine: string, K: number, runtime?: string) =>
    runs.find(
      (r) =>
        r.engine === engine &&
        r.trajectories === K &&
        (r.runtime ?? 'node') === (runtime ?? 'node') &&
        (r.record ?? 2) === 2,
    );
  const rate = (engine: string, K: number) => find(engine, K)?.trajectoryStepsPerSecond;
  const gpu16 = rate('gpu', 1 << 16),
    gpu20 = rate('gpu', 1 << 20),
    cpu16 = rate('cpu', 1 << 16),
    np16 = rate('numpy', 1 << 16);
  const ratio = (a?: number, b?: number) => (a !== undefined && b !== undefined ? a / b : null);
  const gpuOverNumpy = ratio(gpu16, np16);
  // numpy's time covers its loop only (no start-up, import or allocation): the GPU's net rate is
  // the like-for-like figure; the whole-call ratio decides the target.
  const gpuNetOverNumpy = ratio(find('gpu', 1 << 16)?.netTrajectoryStepsPerSecond, np16);
  const chromiumOverNumpy = ratio(find('gpu', 1 << 16, 'chromium')?.trajectoryStepsPerSecond, np16);
  // The explorer's Run path (Run pressed on the built page) against its engine in the same page and run.
  const engineOverRunPath = typeof runPath?.engineOverRunPath === 'number' ? runPath.engineOverRunPath : null;
  return {
    runs,
    ...(typeof np.trajectoryStepsPerSecond === 'number' ? {} : { numpy: np }),
    ...('trajectoryStepsPerSecond' in page ? {} : { chromium: page }),
    explorerRunPath: runPath,
    ratios: {
      gpuOverNumpy,
      gpuNetOverNumpy,
      chromiumGpuOverNumpy: chromiumOverNumpy,
      gpu2e20OverNumpy: ratio(gpu20, np16),
      cpuOverNumpy: ratio(cpu16, np16),
      gpuOverCpu: ratio(gpu16, cpu16),
      chromiumEngineOverExplorerRunPath: engineOverRunPath,
      gpuRecord2OverRecord100: ratio(
        gpu16,
        runs.find((r) => r.engine === 'gpu' && r.trajectories === 1 << 16 && r.record === 100)
          ?.trajectoryStepsPerSecond,
      ),
    },
    targets: {
      gpuAtLeast3xNumpy: {
        target: 3,
        value: gpuOverNumpy,
        netValue: gpuNetOverNumpy,
        pass: gpuOverNumpy === null ? null : gpuOverNumpy >= 3,
      },
      explorerRunPathWithin1_5xOfEngine: {
        target: 1.5,
        value: engineOverRunPath,
        pass: engineOverRunPath === null ? null : engineOverRunPath <= 1.5,
      },
    },
    note: `${sim.note}; numpy: archimedes_numpy.py, float32, numpy's own normals, 2^16 trajectories; runtime chromium: the explorer's engine in the built page (src/bench/chromium.ts); explorerRunPath: Run pressed on the built page (ARCHIMEDES, N = T, SGD recorded at the page's ${RECORD_STEPS} steps plus its η sweep, all jobs counted)`,
  };
}

async function main(): Promise<void> {
  const out: Record<string, unknown> = {
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    date: new Date().toISOString(),
    theory: theoryBench(),
  };
  if (!process.argv.includes('--theory-only')) {
    // --scale=0.2: every simulation run with a fifth of the steps (a quick look while tuning).
    const scale = Number(process.argv.find((a) => a.startsWith('--scale='))?.slice(8) ?? 1);
    try {
      out.simulation = await simulation(scale);
    } catch (e) {
      out.simulation = { error: (e as Error).message };
    }
  }
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

void main();
