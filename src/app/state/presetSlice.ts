// Presets: the experiment (or errata) view on screen, its quick/full toggle, and the runs of
// this session, one per preset. One preset runs at a time; Run again replaces its result.
import type { StateCreator } from 'zustand';
import type { AppState } from './store';
import type { ExperimentResult, Verdict } from '../../experiments/types';
import type { ErrataResult } from '../workers/presetProtocol';
import { startPreset, type PresetHandle } from '../workers/presetClient';
import { ERRATA_PRESET, presetByName } from '../presets/presets';

export interface PresetRun {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  quick: boolean;
  fraction: number;
  label: string;
  result: ExperimentResult | null;
  errata: ErrataResult | null;
  error: string | null;
  seconds: number;
}

export interface PresetSlice {
  preset: string | null;
  quick: boolean;
  /** by preset name; results of experiments run inside the errata view land here too */
  presetRuns: Record<string, PresetRun>;
  openPreset: (name: string | null) => void;
  setQuick: (quick: boolean) => void;
  runPreset: () => void;
  stopPreset: () => void;
}

export const IDLE_PRESET_RUN: PresetRun = {
  status: 'idle',
  quick: true,
  fraction: 0,
  label: '',
  result: null,
  errata: null,
  error: null,
  seconds: 0,
};

/** The verdict of a finished run, experiment or errata. */
export const verdictOf = (r: PresetRun): Verdict | null => r.result?.verdict ?? r.errata?.verdict ?? null;

let handle: PresetHandle | null = null;
/** the latest run of each preset: a stopped or replaced run never writes over a newer one */
const latest = new Map<string, number>();
let runs = 0;

export const createPresetSlice: StateCreator<AppState, [], [], PresetSlice> = (set, get) => {
  const patch = (name: string, p: Partial<PresetRun>) =>
    set((s) => ({ presetRuns: { ...s.presetRuns, [name]: { ...(s.presetRuns[name] ?? IDLE_PRESET_RUN), ...p } } }));
  return {
    preset: null,
    quick: true,
    presetRuns: {},
    openPreset: (preset) => set({ preset: preset !== null && presetByName(preset) ? preset : null }),
    setQuick: (quick) => set({ quick }),
    stopPreset: () => handle?.stop(),
    runPreset: () => {
      const { preset, quick, presetRuns } = get();
      if (preset === null) return;
      handle?.stop();
      const token = ++runs;
      latest.set(preset, token);
      const mine = () => latest.get(preset) === token;
      const started = performance.now();
      const done =
        preset === ERRATA_PRESET
          ? Object.values(presetRuns).flatMap((r) => (r.result && r.result.quick === quick ? [r.result] : []))
          : [];
      patch(preset, { ...IDLE_PRESET_RUN, status: 'running', quick, label: 'starting' });
      const h = startPreset(preset, quick, done, {
        onProgress: (fraction, label) => mine() && patch(preset, { fraction, label }),
        // an experiment run by the errata view is recorded under its own name as well
        onResult: (result) => {
          if (!mine()) return;
          if (result.experiment === preset) patch(preset, { result });
          else
            patch(result.experiment, {
              ...IDLE_PRESET_RUN,
              status: 'done',
              quick,
              fraction: 1,
              result,
              seconds: result.seconds,
            });
        },
        onErrata: (errata) => mine() && patch(preset, { errata }),
      });
      handle = h;
      const finish = (p: Partial<PresetRun>) => {
        if (handle === h) handle = null;
        if (mine()) patch(preset, { ...p, seconds: (performance.now() - started) / 1000 });
      };
      h.done.then(
        (how) => finish({ status: how, ...(how === 'done' ? { fraction: 1 } : {}) }),
        (err: Error) => finish({ status: 'error', error: err.message }),
      );
    },
  };
};
