// One grid point → its result line: the prediction as `predict` prints it and the simulation as
// `simulate` prints it. Errors that belong to the point (a prediction beyond the work budget, a
// simulation the engine refuses) are part of its line; errors of the machine (no GPU, a lost
// device with nowhere to go) stop the sweep, so a rerun elsewhere can still fill the point in.
import { predict } from '../landscape/predict';
import { runSimulation } from '../sim/engine';
import { SimInputError } from '../sim/plan';
import { pointOf, type Plan } from './sweep-plan';
import { presentResult } from './simulate';

/** Serialises GPU use across workers (see README: one GPU simulation at a time per device). */
export type GpuLock = <T>(fn: () => Promise<T>) => Promise<T>;

const noLock: GpuLock = (fn) => fn();

export async function computeLine(plan: Plan, index: number, gpuLock: GpuLock = noLock): Promise<string> {
  const p = pointOf(plan, index);
  const line: Record<string, unknown> = { plan: plan.fingerprint, index, point: p.coordinates };
  if (plan.predict) {
    try {
      line.prediction = predict(p.scenario);
    } catch (e) {
      line.prediction = { error: (e as Error).message };
    }
  }
  const s = p.simulate;
  if (s) {
    const spec = {
      scenario: p.scenario,
      trajectories: s.trajectories,
      seed: s.seed,
      optimizer: s.optimizer,
      record: s.record,
      substeps: s.substeps,
    };
    const go = () => runSimulation(spec, { engine: s.engine });
    try {
      const r = await (s.engine === 'cpu' ? go() : gpuLock(go));
      // the fields and their order of `simulate`
      line.simulation = presentResult(r);
    } catch (e) {
      if (!(e instanceof SimInputError)) {
        throw new Error(`grid point ${index}: simulation failed: ${(e as Error).message}`, { cause: e });
      }
      line.simulation = { error: e.message };
    }
  }
  return JSON.stringify(line);
}
