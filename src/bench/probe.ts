// Quick throughput probe while tuning: `tsx src/bench/probe.ts [gpu|cpu] [log2 K] [steps]`.
// Reports the run's trajectory-steps/s with the fixed cost (compile, buffers) of a 1-step run taken off.
import { runSimulation } from '../sim/engine';
import { archimedes } from '../sim/testing/scenarios';

const engine = (process.argv[2] ?? 'gpu') as 'gpu' | 'cpu';
const K = 2 ** Number(process.argv[3] ?? 16);
const T = Number(process.argv[4] ?? 200);

async function time(steps: number): Promise<[number, number | null]> {
  const t0 = performance.now();
  const r = await runSimulation(
    { scenario: archimedes(steps, 0.1), trajectories: K, seed: 0, record: 2 },
    { engine, chunkSeconds: 2 },
  );
  return [(performance.now() - t0) / 1000, r.mean[1]];
}

const [fixed] = await time(1);
const [secs, z] = await time(T);
console.log(
  JSON.stringify({
    engine,
    K,
    T,
    secs: +secs.toFixed(3),
    fixed: +fixed.toFixed(3),
    rate: ((K * T) / secs).toExponential(3),
    rateNet: ((K * (T - 1)) / (secs - fixed)).toExponential(3),
    z,
  }),
);
