// Every experiment, by CLI name and preset id.
import { archimedes } from './archimedes';
import { archimedesPreconditioned } from './archimedesPreconditioned';
import { batchGdc } from './batchGdc';
import { epochs } from './epochs';
import { gauss } from './gauss';
import { lossVsEta } from './lossVsEta';
import { meanEstimation } from './meanEstimation';
import { skewLongTime } from './skew';
import type { Experiment, ExperimentContext, ExperimentResult, Erratum } from './types';

export const EXPERIMENTS: readonly Experiment[] = [
  archimedes,
  meanEstimation,
  gauss,
  batchGdc,
  epochs,
  lossVsEta,
  skewLongTime,
  archimedesPreconditioned,
];

export function experimentByName(name: string): Experiment {
  const e = EXPERIMENTS.find((x) => x.name === name);
  if (!e) throw new Error(`unknown experiment "${name}" (known: ${EXPERIMENTS.map((x) => x.name).join(', ')}, errata)`);
  return e;
}

/** The errata view: every corollary's printed and verified forms with the deciding measurement. */
export async function runErrata(
  ctx: ExperimentContext,
  done: ReadonlyMap<string, ExperimentResult> = new Map(),
): Promise<{
  experiment: 'errata';
  quick: boolean;
  errata: (Erratum & { experiment: string })[];
  verdict: { pass: boolean; z: number; detail: string };
}> {
  const errata: (Erratum & { experiment: string })[] = [];
  for (const e of EXPERIMENTS) {
    const r = done.get(e.name) ?? (await e.run(ctx));
    for (const x of r.errata) errata.push({ ...x, experiment: e.name });
  }
  const decided = errata.filter((e) => e.supports === 'verified').length;
  const contradicted = errata.filter((e) => e.supports === 'printed' || e.supports === 'neither');
  const worst = errata.reduce((a, e) => (Math.abs(e.zVerified) > Math.abs(a) ? e.zVerified : a), 0);
  return {
    experiment: 'errata',
    quick: ctx.quick,
    errata,
    verdict: {
      pass: contradicted.length === 0,
      z: worst,
      detail: `${decided} of ${errata.length} comparisons reject the printed form and support the verified one; ${errata.length - decided - contradicted.length} cannot tell them apart; ${contradicted.length} contradict the verified form`,
    },
  };
}
