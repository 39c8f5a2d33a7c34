// Each experiment's plots, drawn by the experiment itself from the numbers its run returned.
import { EXPERIMENTS } from '../../experiments/registry';
import type { PlotSpec } from '../../experiments/plotSpec';
import type { ExperimentResult } from '../../experiments/types';

/** The plots of a result; an unknown experiment (or a result of another shape) says so. */
export function experimentPlots(r: ExperimentResult): PlotSpec[] | string {
  const e = EXPERIMENTS.find((x) => x.name === r.experiment);
  if (!e) return `no plots are drawn for "${r.experiment}"; its numbers are in the verdict`;
  try {
    return e.plots(r);
  } catch (err) {
    return `the plots of "${r.experiment}" could not be drawn: ${(err as Error).message}`;
  }
}
