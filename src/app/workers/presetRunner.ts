// Runs one preset: an experiment, or the errata view (every experiment not yet run in this
// form, then the errata table). Shared by the experiment worker and the main-thread fallback
// (streamJobClient.ts).
import { EXPERIMENTS, experimentByName, runErrata } from '../../experiments/registry';
import type { PresetEvent, PresetRequest } from './presetProtocol';
import { ERRATA_PRESET } from '../presets/presets';
import type { StreamJobRun } from './streamJobClient';

export const runPreset: StreamJobRun<PresetRequest, PresetEvent> = async (
  { preset, quick, done },
  { signal, emit },
) => {
  const progress = (fraction: number, label: string) => emit({ type: 'progress', fraction, label });
  const ctx = (offset: number, span: number, prefix: string) => ({
    quick,
    signal,
    onProgress: (f: number, label: string) => progress(offset + span * f, prefix + label),
  });
  if (preset !== ERRATA_PRESET) {
    const r = await experimentByName(preset).run(ctx(0, 1, ''));
    progress(1, 'done');
    emit({ type: 'result', result: r });
    return;
  }
  const have = new Map(done.filter((r) => r.quick === quick).map((r) => [r.experiment, r]));
  const todo = EXPERIMENTS.filter((e) => !have.has(e.name));
  for (const [i, e] of todo.entries()) {
    const r = await e.run(ctx(i / todo.length, 1 / todo.length, `${e.name}: `));
    have.set(e.name, r);
    emit({ type: 'result', result: r });
  }
  // every experiment is in `have` now, so this only collects and scores
  const { errata, verdict } = await runErrata({ quick, signal }, have);
  progress(1, 'done');
  emit({ type: 'errata', errata: { quick, errata, verdict } });
};
