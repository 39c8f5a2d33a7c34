// The errata table: every corollary whose printed form differs from the verified one. The
// formulas are listed here so the table reads before anything runs; measured values come from
// the errata run or from the experiments already run in this session.
import type { Erratum, ExperimentResult } from '../experiments/types';
import type { ErrataResult } from './presetProtocol';

export interface ErrataFormula {
  /** the experiment that decides it, and the erratum's place in that experiment's list */
  experiment: string;
  index: number;
  corollary: string;
  quantity: string;
  printed: string;
  verified: string;
}

/** As in the experiments' errata entries (the unit test checks they stay the same). */
export const ERRATA_FORMULAS: readonly ErrataFormula[] = [
  {
    experiment: 'archimedes',
    index: 0,
    corollary: 'Cor. 1',
    quantity: 'drift velocity of z per step (ARCHIMEDES)',
    printed: '\\eta^2\\sum_{\\mu\\nu} C_{\\mu\\nu}J_{\\mu\\nu\\lambda}/(H_\\mu+H_\\nu)',
    verified: '-\\tfrac{\\eta^2}{2}\\sum_{\\mu\\nu} C_{\\mu\\nu}J_{\\mu\\nu\\lambda}/(H_\\mu+H_\\nu)',
  },
  {
    experiment: 'mean-estimation',
    index: 0,
    corollary: 'Cor. 2',
    quantity: 'test-loss increase (MEAN ESTIMATION, covector noise)',
    printed: '\\tfrac{C}{2N}(1-e^{-\\eta TH})^2/H',
    verified: '\\tfrac{C}{2N}(1-(1-\\eta H)^T)^2/H',
  },
  {
    experiment: 'epochs',
    index: 0,
    corollary: 'Cor. 3',
    quantity: 'E l(M epochs, η/M) − E l(1 epoch, η)',
    printed: '\\tfrac{M-1}{M}\\tfrac{B+1}{B}\\tfrac{N}{2}\\eta^2(\\nabla_\\mu C^\\mu_\\nu)G^\\nu/2',
    verified: '\\eta^2\\tfrac{M-1}{M}\\tfrac{N}{2B}\\left[GHG + G\\cdot\\tilde C/B\\right]',
  },
  {
    experiment: 'batch-gdc',
    index: 0,
    corollary: 'Cor. 4',
    quantity: 'E l(SGD) − E l(GD)',
    printed: '-\\tfrac{N-1}{4}\\eta^2(\\nabla_\\mu C^\\mu_\\nu)G^\\nu',
    verified: '-\\tfrac{N-1}{4}\\eta^2\\,G\\cdot\\nabla\\operatorname{tr}C',
  },
  {
    experiment: 'gauss',
    index: 0,
    corollary: 'Cor. 5',
    quantity: 'E l(SGD) − E l(SDE, k = 1) (GAUSS)',
    printed: '\\tfrac{T}{2}\\eta^2 C{:}H - \\tfrac{T}{6}\\eta^3 S{:}J',
    verified: '-\\tfrac{T}{6}\\eta^3 S{:}J',
  },
  {
    experiment: 'gauss',
    index: 1,
    corollary: 'Cor. 5',
    quantity: 'E l(SGD) − l(gradient flow) (GAUSS)',
    printed: '\\tfrac{T}{2}\\eta^2 C{:}H',
    verified: '\\tfrac{T}{2}\\eta^2 (C - GG){:}H',
  },
  {
    experiment: 'skew-long-time',
    index: 0,
    corollary: 'Example 1',
    quantity: '½[E l(skewed) − E l(mirrored)] at stationarity',
    printed: '-\\eta^2 SJ/(18H)\\ \\text{(S–J star alone)}',
    verified: '+\\eta^2 SJ/(36H)\\ \\text{(star + second diagram)}',
  },
];

export interface ErrataTableRow {
  key: string;
  experiment: string;
  corollary: string;
  quantity: string;
  printed: string;
  verified: string;
  /** null until the deciding simulation has run */
  measured: (Erratum & { quick: boolean }) | null;
}

/** The table's rows: the static list, each filled with its measurement where one exists. */
export function errataTable(results: readonly ExperimentResult[], errata: ErrataResult | null): ErrataTableRow[] {
  const measured = new Map<string, Erratum & { quick: boolean }>();
  const seen = new Map<string, number>();
  const add = (experiment: string, e: Erratum, quick: boolean) => {
    const i = seen.get(experiment) ?? 0;
    seen.set(experiment, i + 1);
    measured.set(`${experiment}#${i}`, { ...e, quick });
  };
  if (errata) for (const e of errata.errata) add(e.experiment, e, errata.quick);
  else for (const r of results) for (const e of r.errata) add(r.experiment, e, r.quick);
  const rows: ErrataTableRow[] = ERRATA_FORMULAS.map((f) => {
    const key = `${f.experiment}#${f.index}`;
    const m = measured.get(key) ?? null;
    measured.delete(key);
    return { key, experiment: f.experiment, corollary: f.corollary, quantity: m?.quantity || f.quantity, printed: f.printed, verified: f.verified, measured: m };
  });
  // an erratum the static list does not know yet is still shown, with its own formulas
  for (const [key, m] of measured) {
    rows.push({ key, experiment: key.split('#')[0], corollary: m.corollary, quantity: m.quantity, printed: m.printed.formula, verified: m.verified.formula, measured: m });
  }
  return rows;
}
