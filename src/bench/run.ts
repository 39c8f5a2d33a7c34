// `npm run bench`: speed targets as JSON (one run compares everything on this machine).
import os from 'node:os';
import { enumerateDiagrams } from '../theory/enumerate';
import { parseScenario } from '../landscape/scenario';
import { PredictionModel } from '../landscape/predict';
import { ARCHIMEDES } from '../landscape/builtins';

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
        for (let m = 0; m <= 5; m++) classes += enumerateDiagrams(m, obs).length;
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
  let model!: ReturnType<PredictionModel['resummed']>;
  const t0 = performance.now();
  model = new PredictionModel(sc).resummed();
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

async function main(): Promise<void> {
  const out: Record<string, unknown> = {
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    date: new Date().toISOString(),
    theory: theoryBench(),
  };
  if (!process.argv.includes('--theory-only')) {
    try {
      const { simulationBench } = await import('../sim/bench');
      out.simulation = await simulationBench();
    } catch (e) {
      out.simulation = { error: (e as Error).message };
    }
  }
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

void main();
