// The errata table: every corollary whose printed form differs from the verified one, as the
// experiments that decide them declare it, so the table reads before anything runs; measured
// values come from the errata run or from the experiments already run in this session.
import { EXPERIMENTS } from '../../experiments/registry';
import type { ErrataFormula as Formula, Erratum, ExperimentResult } from '../../experiments/types';
import type { ErrataResult } from '../workers/presetProtocol';

export interface ErrataFormula extends Formula {
  /** the experiment that decides it, and the erratum's place in that experiment's list */
  experiment: string;
  index: number;
}

/** "Cor. 3" → [0, 3], "Example 1" → [1, 1]: the paper's order, corollaries first. */
const paperOrder = (c: string): [number, number] => [c.startsWith('Cor.') ? 0 : 1, Number(c.replace(/\D+/g, '')) || 0];

export const ERRATA_FORMULAS: readonly ErrataFormula[] = EXPERIMENTS.flatMap((e) =>
  e.errata.map((f, index) => ({ ...f, experiment: e.name, index })),
).sort((a, b) => {
  const [p, q] = [paperOrder(a.corollary), paperOrder(b.corollary)];
  return p[0] - q[0] || p[1] - q[1];
});

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
    return {
      key,
      experiment: f.experiment,
      corollary: f.corollary,
      quantity: m?.quantity || f.quantity,
      printed: f.printed,
      verified: f.verified,
      measured: m,
    };
  });
  // an erratum the static list does not know yet is still shown, with its own formulas
  for (const [key, m] of measured) {
    rows.push({
      key,
      experiment: key.split('#')[0],
      corollary: m.corollary,
      quantity: m.quantity,
      printed: m.printed.formula,
      verified: m.verified.formula,
      measured: m,
    });
  }
  return rows;
}
