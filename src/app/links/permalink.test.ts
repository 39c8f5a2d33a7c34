import { describe, expect, it } from 'vitest';
import { DEFAULT_LINK, decodeLink, encodeLink } from './permalink';
import type { LinkState } from './linkFields';

describe('permalink', () => {
  it('opens the renamed plot tab from older links (plot=test-loss showed any observable at T)', () => {
    const d = decodeLink('#v=1&plot=test-loss&obs=weight');
    expect(d.dropped).toEqual([]);
    expect(d.state.plot).toBe('at-T');
    expect(encodeLink(d.state)).toContain('plot=at-T');
  });

  it('round-trips the whole state', () => {
    const s: LinkState = {
      ...DEFAULT_LINK,
      landscape: 'archimedes-tilt',
      params: { eps: 0.02 },
      eta: 0.0316,
      N: 12,
      B: 3,
      epochs: 2,
      shuffle: true,
      batches: [[0], [1, 2], [0]],
      optimizers: ['sgd', 'sde'],
      trajectories: 100,
      seed: 7,
      irreducibleOnly: true,
      ties: '1',
      edges: 2,
      diagram: 'c(0-1-2)(01-12)',
      plot: 'drift',
      run: true,
    };
    const d = decodeLink(encodeLink(s));
    expect(d.dropped).toEqual([]);
    expect(d.state).toEqual(s);
  });

  it('round-trips a custom formula with URL-special characters', () => {
    const s: LinkState = {
      ...DEFAULT_LINK,
      landscape: 'custom',
      custom: { weights: 'a, b', init: '1, -2', loss: '0.5*(a+b)^2 & x*a # 1' },
      observable: 'test-loss',
      weight: 'a',
    };
    const d = decodeLink(encodeLink(s));
    expect(d.dropped).toEqual([]);
    expect(d.state.custom).toEqual(s.custom);
  });

  it('keeps every valid field and names the dropped ones', () => {
    const d = decodeLink('#v=1&land=gauss&eta=banana&N=20&B=3&zzz=1&d=c(0)(');
    expect(d.state.landscape).toBe('gauss');
    expect(d.state.N).toBe(20);
    expect(d.state.eta).toBe(0.1); // gauss's default
    expect(d.state.B).toBe(1);
    expect(d.dropped.some((m) => m.startsWith('eta:'))).toBe(true);
    expect(d.dropped.some((m) => m.startsWith('zzz: unknown'))).toBe(true);
    expect(d.dropped.some((m) => m.startsWith('B:'))).toBe(true);
    expect(d.dropped.some((m) => m.startsWith('d:'))).toBe(true);
  });

  it('reads an unversioned or newer link and says so', () => {
    expect(decodeLink('#eta=0.05').dropped[0]).toMatch(/^v: the link has no version/);
    const d = decodeLink('#v=9&eta=0.05');
    expect(d.dropped[0]).toMatch(/^v: version "9"/);
    expect(d.state.eta).toBe(0.05);
  });

  it('never throws on random input', () => {
    let seed = 1;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = 'v=1&%#|.,:eta0N9Bbatlandcustom()-_ \u00e9';
    for (let i = 0; i < 2000; i++) {
      const len = Math.floor(rnd() * 60);
      let h = '#';
      for (let j = 0; j < len; j++) h += alphabet[Math.floor(rnd() * alphabet.length)];
      expect(() => decodeLink(h)).not.toThrow();
    }
  });
});
