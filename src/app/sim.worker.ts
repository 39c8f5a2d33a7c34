// The simulation worker: runs a list of jobs one after another off the main thread, posting
// progress and each result as it finishes. One run at a time; 'abort' stops it.
import { DeviceHolder, runSimulation } from '../sim/engine';
import { runProgressive } from '../sim/progressive';
import type { FromWorker, ToWorker } from './simProtocol';

const post = (m: FromWorker) => (self as unknown as Worker).postMessage(m);
const running = new Map<number, AbortController>();

self.onmessage = async (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  if (msg.type === 'abort') {
    running.get(msg.id)?.abort();
    return;
  }
  const ctl = new AbortController();
  running.set(msg.id, ctl);
  // One device for all jobs: each distinct kernel is compiled once (the η sweep shares one).
  const devices = new DeviceHolder();
  try {
    for (const [job, { spec, progressive }] of msg.jobs.entries()) {
      const onProgress = (p: { step: number; T: number; engine: 'gpu' | 'cpu'; from?: number; to?: number }) =>
        post({
          type: 'progress',
          id: msg.id,
          job,
          step: p.step,
          T: p.T,
          engine: p.engine,
          rounds: p.to === undefined ? undefined : [p.from ?? 0, p.to],
        });
      if (progressive) {
        const { trajectories, ...rest } = spec;
        await runProgressive(rest, {
          signal: ctl.signal,
          devices,
          onProgress,
          initial: trajectories,
          targetStderr: progressive.target,
          cap: progressive.cap,
          onRound: (result, stop) => post({ type: 'result', id: msg.id, job, result, final: stop !== null }),
        });
        continue;
      }
      const result = await runSimulation(spec, { signal: ctl.signal, devices, onProgress });
      post({ type: 'result', id: msg.id, job, result, final: true });
    }
    post({ type: 'done', id: msg.id });
  } catch (e) {
    const err = e as Error;
    post({
      type: 'error',
      id: msg.id,
      message: err.message,
      cancelled: ctl.signal.aborted || err.name === 'AbortError',
    });
  } finally {
    devices.close();
    running.delete(msg.id);
  }
};
