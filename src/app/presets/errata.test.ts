import { describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../experiments/registry';
import type { Erratum, ExperimentResult } from '../../experiments/types';
import { ERRATA_FORMULAS, errataTable } from './errata';

const erratum = (corollary: string, printed: number, verified: number): Erratum => ({
  corollary,
  quantity: `${corollary} at η = 0.1`,
  printed: { formula: 'p', value: printed },
  verified: { formula: 'v', value: verified },
  modelRel: 0,
  measured: { value: verified, stderr: 0.01 },
  zPrinted: 9,
  zVerified: 0,
  supports: 'verified',
});

const result = (experiment: string, errata: Erratum[]): ExperimentResult => ({
  experiment,
  title: experiment,
  quick: true,
  engine: 'cpu',
  adapter: '',
  params: {},
  plots: {},
  verdict: { pass: true, z: 0, detail: '' },
  errata,
  seconds: 0,
});

describe('errata table', () => {
  it('lists Cor. 1–5 and Example 1, each decided by a known experiment', () => {
    expect([...new Set(ERRATA_FORMULAS.map((f) => f.corollary))]).toEqual([
      'Cor. 1',
      'Cor. 2',
      'Cor. 3',
      'Cor. 4',
      'Cor. 5',
      'Example 1',
    ]);
    const names = EXPERIMENTS.map((e) => e.name);
    for (const f of ERRATA_FORMULAS) expect(names).toContain(f.experiment);
  });

  it('shows formulas before any run and fills measurements by experiment and place', () => {
    const empty = errataTable([], null);
    expect(empty).toHaveLength(ERRATA_FORMULAS.length);
    expect(empty.every((r) => r.measured === null)).toBe(true);
    const rows = errataTable([result('gauss', [erratum('Cor. 5', 1, 2), erratum('Cor. 5', 3, 4)])], null);
    const gauss = rows.filter((r) => r.experiment === 'gauss');
    expect(gauss.map((r) => r.measured?.printed.value)).toEqual([1, 3]);
    expect(gauss[0].quantity).toBe('Cor. 5 at η = 0.1');
    expect(rows.find((r) => r.corollary === 'Cor. 1')!.measured).toBeNull();
  });

  it('prefers the errata run and keeps errata the list does not know', () => {
    const rows = errataTable([result('archimedes', [erratum('Cor. 1', 5, 6)])], {
      quick: false,
      errata: [
        { ...erratum('Cor. 1', 7, 8), experiment: 'archimedes' },
        { ...erratum('Cor. 9', 1, 1), experiment: 'new' },
      ],
      verdict: { pass: true, z: 0, detail: '' },
    });
    expect(rows.find((r) => r.corollary === 'Cor. 1')!.measured).toMatchObject({ quick: false, printed: { value: 7 } });
    expect(rows[rows.length - 1]).toMatchObject({ corollary: 'Cor. 9', experiment: 'new', printed: 'p' });
  });
});
