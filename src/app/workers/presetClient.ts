// The page's side of the experiment worker: start a preset, hear progress and results, stop it.
// Without Worker support the preset runs on the main thread; the experiments await between
// simulations (and the CPU twin yields), so the page stays responsive.
import type { ExperimentResult } from '../../experiments/types';
import { lazyWorker } from './lazyWorker';
import type { ErrataResult, PresetEvent, PresetRequest } from './presetProtocol';
import { runPreset } from './presetRunner';
import { startStreamJob, type StreamJobHandle, type StreamJobKind } from './streamJobClient';

export interface PresetCallbacks {
  onProgress: (fraction: number, label: string) => void;
  onResult: (r: ExperimentResult) => void;
  onErrata: (e: ErrataResult) => void;
}

export type PresetHandle = StreamJobHandle;

const experiment: StreamJobKind<PresetRequest, PresetEvent> = {
  name: 'experiment',
  worker: lazyWorker(() => new Worker(new URL('./preset.worker.ts', import.meta.url), { type: 'module' })),
  run: runPreset,
};

export function startPreset(
  preset: string,
  quick: boolean,
  done: ExperimentResult[],
  cb: PresetCallbacks,
): PresetHandle {
  return startStreamJob(experiment, { preset, quick, done }, (ev) => {
    switch (ev.type) {
      case 'progress':
        cb.onProgress(ev.fraction, ev.label);
        return;
      case 'result':
        cb.onResult(ev.result);
        return;
      case 'errata':
        cb.onErrata(ev.errata);
        return;
    }
  });
}
