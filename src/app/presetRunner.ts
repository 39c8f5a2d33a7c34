// Runs one preset: an experiment, or the errata view (every experiment not yet run in this
// form, then the errata table). Shared by the experiment worker and the main-thread fallback.
import { EXPERIMENTS, experimentByName, runErrata } from '../experiments/registry';
import type { ExperimentResult } from '../experiments/types';
import type { ErrataResult } from './presetProtocol';
import { ERRATA_PRESET } from './presets';

export interface PresetRunHooks {
  signal: AbortSignal;
  onProgress: (fraction: number, label: string) => void;
  onResult: (r: ExperimentResult) => void;
  onErrata: (e: ErrataResult) => void;
}

export async function runPreset(
  preset: string,
  quick: boolean,
  done: readonly ExperimentResult[],
  hooks: PresetRunHooks,
): Promise<void> {
  const ctx = (offset: number, span: number, prefix: string) => ({
    quick,
    signal: hooks.signal,
    onProgress: (f: number, label: string) => hooks.onProgress(offset + span * f, prefix + label),
  });
  if (preset !== ERRATA_PRESET) {
    const r = await experimentByName(preset).run(ctx(0, 1, ''));
    hooks.onProgress(1, 'done');
    hooks.onResult(r);
    return;
  }
  const have = new Map(done.filter((r) => r.quick === quick).map((r) => [r.experiment, r]));
  const todo = EXPERIMENTS.filter((e) => !have.has(e.name));
  for (const [i, e] of todo.entries()) {
    const r = await e.run(ctx(i / todo.length, 1 / todo.length, `${e.name}: `));
    have.set(e.name, r);
    hooks.onResult(r);
  }
  // every experiment is in `have` now, so this only collects and scores
  const { errata, verdict } = await runErrata({ quick, signal: hooks.signal }, have);
  hooks.onProgress(1, 'done');
  hooks.onErrata({ quick, errata, verdict });
}
