// The experiment worker: runs a preset off the main thread, posting progress, each experiment's
// result and (for the errata view) the errata table. 'abort' stops it between simulations.
import type { FromPresetWorker, ToPresetWorker } from './presetProtocol';
import { runPreset } from './presetRunner';

const post = (m: FromPresetWorker) => (self as unknown as Worker).postMessage(m);
const running = new Map<number, AbortController>();

self.onmessage = async (ev: MessageEvent<ToPresetWorker>) => {
  const msg = ev.data;
  if (msg.type === 'abort') {
    running.get(msg.id)?.abort();
    return;
  }
  const { id } = msg;
  const ctl = new AbortController();
  running.set(id, ctl);
  try {
    await runPreset(msg.preset, msg.quick, msg.done, {
      signal: ctl.signal,
      onProgress: (fraction, label) => post({ type: 'progress', id, fraction, label }),
      onResult: (result) => post({ type: 'result', id, result }),
      onErrata: (errata) => post({ type: 'errata', id, errata }),
    });
    post({ type: 'done', id });
  } catch (e) {
    const err = e as Error;
    post({ type: 'error', id, message: err.message, cancelled: ctl.signal.aborted || err.name === 'AbortError' });
  } finally {
    running.delete(id);
  }
};
