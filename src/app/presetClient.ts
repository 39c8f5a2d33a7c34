// The page's side of the experiment worker: start a preset, hear progress and results, stop it.
// Without Worker support the preset runs on the main thread; the experiments await between
// simulations (and the CPU twin yields), so the page stays responsive.
import type { ExperimentResult } from '../experiments/types';
import type { ErrataResult, FromPresetWorker, ToPresetWorker } from './presetProtocol';
import { runPreset } from './presetRunner';
import { lazyWorker } from './lazyWorker';

export interface PresetCallbacks {
  onProgress: (fraction: number, label: string) => void;
  onResult: (r: ExperimentResult) => void;
  onErrata: (e: ErrataResult) => void;
}

export interface PresetHandle {
  done: Promise<'done' | 'cancelled'>;
  stop: () => void;
}

let nextId = 1;

const getWorker = lazyWorker(() => new Worker(new URL('./preset.worker.ts', import.meta.url), { type: 'module' }));

export function startPreset(
  preset: string,
  quick: boolean,
  done: ExperimentResult[],
  cb: PresetCallbacks,
): PresetHandle {
  const w = getWorker();
  return w ? viaWorker(w, preset, quick, done, cb) : inline(preset, quick, done, cb);
}

function viaWorker(
  w: Worker,
  preset: string,
  quick: boolean,
  done: ExperimentResult[],
  cb: PresetCallbacks,
): PresetHandle {
  const id = nextId++;
  let listener: (ev: MessageEvent<FromPresetWorker>) => void = () => {};
  let onError: (e: ErrorEvent) => void = () => {};
  const finished = new Promise<'done' | 'cancelled'>((resolve, reject) => {
    const stopListening = () => {
      w.removeEventListener('message', listener);
      w.removeEventListener('error', onError);
    };
    listener = (ev) => {
      const m = ev.data;
      if (m.id !== id) return;
      if (m.type === 'progress') cb.onProgress(m.fraction, m.label);
      else if (m.type === 'result') cb.onResult(m.result);
      else if (m.type === 'errata') cb.onErrata(m.errata);
      else {
        stopListening();
        if (m.type === 'done') resolve('done');
        else if (m.cancelled) resolve('cancelled');
        else reject(new Error(m.message));
      }
    };
    onError = (e) => {
      stopListening();
      reject(new Error(e.message || 'the experiment worker failed'));
    };
    w.addEventListener('message', listener);
    w.addEventListener('error', onError);
  });
  w.postMessage({ type: 'run', id, preset, quick, done } satisfies ToPresetWorker);
  return { done: finished, stop: () => w.postMessage({ type: 'abort', id } satisfies ToPresetWorker) };
}

function inline(preset: string, quick: boolean, done: ExperimentResult[], cb: PresetCallbacks): PresetHandle {
  const ctl = new AbortController();
  const finished = (async () => {
    try {
      await runPreset(preset, quick, done, { signal: ctl.signal, ...cb });
      return 'done' as const;
    } catch (e) {
      if (ctl.signal.aborted) return 'cancelled' as const;
      throw e;
    }
  })();
  return { done: finished, stop: () => ctl.abort() };
}
