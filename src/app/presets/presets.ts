// The presets: one per experiment of the paper plus the errata view, each with a short
// permalink (`#v=1&preset=gauss&quick=1`) that the docs list.
import { EXPERIMENTS } from '../../experiments/registry';

export const ERRATA_PRESET = 'errata';

export interface PresetInfo {
  name: string;
  title: string;
  claim: string;
}

export const PRESETS: readonly PresetInfo[] = [
  ...EXPERIMENTS.map(({ name, title, claim }) => ({ name, title, claim })),
  {
    name: ERRATA_PRESET,
    title: 'Errata: printed against verified corollaries',
    claim:
      'Where the paper prints a formula that differs from the verified one, both are scored against the same simulation.',
  },
];

export const PRESET_NAMES: readonly string[] = PRESETS.map((p) => p.name);

export const presetByName = (name: string): PresetInfo | undefined => PRESETS.find((p) => p.name === name);

/** The shortest link that opens a preset; everything else stays at its default. */
export const presetHash = (name: string, quick = true, run = false): string =>
  `#v=1&preset=${encodeURIComponent(name)}&quick=${quick ? 1 : 0}${run ? '&run=1' : ''}`;

export const PRESET_LINKS: { name: string; title: string; hash: string }[] = PRESETS.map((p) => ({
  name: p.name,
  title: p.title,
  hash: presetHash(p.name),
}));
