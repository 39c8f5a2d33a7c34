// Version 2 of the permalink (formula and variance observables, the tensor learning rate) and
// the scenario the explorer builds from them; version-1 links keep reading and writing as before.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LINK, decodeLink, encodeLink } from './permalink';
import type { LinkState } from './linkFields';
import { buildScenario } from '../scenario/scenario';
import { paramsOf } from '../state/scenarioSlice';
import { preconditionerOf } from '../scenario/params';

describe('permalink version 2', () => {
  it('round-trips a variance of a formula with a matrix learning rate', () => {
    const s: LinkState = {
      ...DEFAULT_LINK,
      observable: 'formula',
      phi: 'u^2 + (v - z)/2 & 1',
      variance: true,
      lr: '2, 0.5, 0; 0.5, 1, 0; 0, 0, 3',
    };
    const link = encodeLink(s);
    expect(link.startsWith('#v=2&')).toBe(true);
    const d = decodeLink(link);
    expect(d.dropped).toEqual([]);
    expect(d.state).toEqual(s);
  });

  it('writes per-weight rates, and version 1 when none of the new fields is used', () => {
    const diag = encodeLink({ ...DEFAULT_LINK, lr: '0.5, 0.5, 2' });
    expect(diag).toMatch(/^#v=2&.*lr=0\.5%2C%200\.5%2C%202/);
    expect(diag).not.toMatch(/phi=/);
    const plain = encodeLink(DEFAULT_LINK);
    expect(plain.startsWith('#v=1&')).toBe(true);
    expect(plain).not.toMatch(/lr=|phi=|var=/);
  });

  it('reads a version-1 link unchanged', () => {
    const d = decodeLink('#v=1&land=archimedes&obs=weight&w=z&order=3&eta=0.1&N=200&B=1&E=1&K=256&seed=3&opt=sgd');
    expect(d.dropped).toEqual([]);
    expect(d.state.observable).toBe('weight');
    expect(d.state.lr).toBe('scalar');
    expect(d.state.variance).toBe(false);
  });

  it('drops a learning rate that is not numbers, naming the entry', () => {
    const d = decodeLink('#v=2&obs=formula&phi=u&lr=1,x,2');
    expect(d.dropped).toEqual(['lr: learning rate: entry 2 "x" is not a number']);
    expect(d.state.lr).toBe('scalar');
    expect(d.state.observable).toBe('formula');
  });
});

describe('the explorer scenario with φ and P', () => {
  it('builds {variance: φ} and the preconditioner', () => {
    const b = buildScenario(
      paramsOf({ ...DEFAULT_LINK, observable: 'formula', phi: 'u*v', variance: true, lr: '0.5, 0.5, 2' }),
    );
    expect(b.ok).toBe(true);
    if (!b.ok) return;
    expect(b.scenario.observable).toEqual({ variance: 'u*v' });
    expect(b.scenario.preconditioner).toEqual([0.5, 0.5, 2]);
    expect(Array.from(b.scenario.P!)).toEqual([0.5, 0, 0, 0, 0.5, 0, 0, 0, 2]);
  });

  it('names the problem as the user types', () => {
    const phi = buildScenario(paramsOf({ ...DEFAULT_LINK, observable: 'formula', phi: 'u + x' }));
    expect(phi).toMatchObject({ ok: false, field: 'observable' });
    expect(!phi.ok && phi.message).toMatch(/"x" is a data variable/);
    const syntax = buildScenario(paramsOf({ ...DEFAULT_LINK, observable: 'formula', phi: 'u + * v' }));
    expect(syntax).toMatchObject({ ok: false, field: 'observable', pos: 4 });
    const size = buildScenario(paramsOf({ ...DEFAULT_LINK, lr: '1, 2' }));
    expect(size).toMatchObject({ ok: false, field: 'preconditioner' });
    expect(!size.ok && size.message).toMatch(/has 2 entries but there are 3 weights/);
    const indefinite = buildScenario(paramsOf({ ...DEFAULT_LINK, lr: '1, 2, 0; 2, 1, 0; 0, 0, 1' }));
    expect(!indefinite.ok && indefinite.message).toMatch(/eigenvalue -1/);
  });

  it('reads the learning-rate field', () => {
    expect(preconditionerOf('scalar')).toBeNull();
    expect(preconditionerOf(' ')).toBeNull();
    expect(preconditionerOf('1, 2')).toEqual([1, 2]);
    expect(preconditionerOf('1, 0.5; 0.5, 1')).toEqual([
      [1, 0.5],
      [0.5, 1],
    ]);
    expect(() => preconditionerOf('1, 0.5; 0.5, q')).toThrow(/entry 2,2 "q" is not a number/);
  });
});
