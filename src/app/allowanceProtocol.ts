// Messages between the page and the allowance worker, and the computation the worker runs.
import { allowanceReport, type AllowanceReport } from './allowance';
import type { ScenarioParams } from './params';
import { buildScenario } from './scenario';

export interface AllowanceRequest {
  params: ScenarioParams;
  eta: number;
  etas: number[];
}

export type ToAllowanceWorker = { id: number; request: AllowanceRequest };

export type FromAllowanceWorker =
  { id: number; ok: true; report: AllowanceReport } | { id: number; ok: false; message: string };

/** The computation itself (in the worker, or on the main thread where there are no workers). */
export function computeAllowance(r: AllowanceRequest): AllowanceReport {
  const b = buildScenario({ ...r.params, eta: r.eta });
  if (!b.ok) throw new Error(b.message);
  return allowanceReport(b.scenario, r.eta, r.etas);
}
