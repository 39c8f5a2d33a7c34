import { describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../experiments/registry';
import { DEFAULT_LINK, decodeLink, encodeLink } from '../links/permalink';
import { PRESET_LINKS } from './presets';

describe('preset links', () => {
  it('lists every experiment and the errata view', () => {
    expect(PRESET_LINKS.map((p) => p.name)).toEqual([...EXPERIMENTS.map((e) => e.name), 'errata']);
    expect(PRESET_LINKS.find((p) => p.name === 'gauss')!.hash).toBe('#v=1&preset=gauss&quick=1');
  });

  it('each hash opens its preset, quick, with nothing dropped', () => {
    for (const p of PRESET_LINKS) {
      const d = decodeLink(p.hash);
      expect(d.dropped).toEqual([]);
      expect(d.state).toEqual({ ...DEFAULT_LINK, preset: p.name, quick: true });
    }
  });

  it('round-trips a full-run preset with run=1', () => {
    const s = { ...DEFAULT_LINK, preset: 'archimedes', quick: false, run: true };
    expect(encodeLink(s)).toMatch(/&run=1&preset=archimedes&quick=0$/);
    expect(decodeLink(encodeLink(s)).state).toEqual(s);
  });

  it('names an unknown preset and keeps the rest', () => {
    const d = decodeLink('#v=1&preset=nope&eta=0.05');
    expect(d.state.preset).toBeNull();
    expect(d.state.eta).toBe(0.05);
    expect(d.dropped).toEqual([
      expect.stringMatching(/^preset: unknown preset "nope" \(known: archimedes, .*errata\)$/),
    ]);
  });

  it('writes no quick without a preset', () => {
    expect(encodeLink(DEFAULT_LINK)).not.toContain('quick');
  });
});
