// The page's entry to the simulation: WebGPU when an adapter exists (GPU work does not block
// the page), otherwise the CPU twin in a Web Worker. Cancelling terminates the worker.
import { capabilities, type Capability, runSimulation, type RunOptions } from './engine';
import type { SimSpec } from './plan';
import { CancelledError, type SimResult } from './stats';
import type { WorkerReply, WorkerRequest } from './worker';

export type { Capability };

/** Run the CPU twin in a module worker. */
export function runCpuInWorker(spec: SimSpec, opts: Pick<RunOptions, 'onProgress' | 'signal' | 'chunkSeconds'> = {}): Promise<SimResult> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new CancelledError());
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    const done = () => {
      worker.terminate();
      opts.signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      done();
      reject(new CancelledError());
    };
    opts.signal?.addEventListener('abort', onAbort);
    worker.onmessage = (ev: MessageEvent<WorkerReply>) => {
      const m = ev.data;
      if (m.type === 'progress') opts.onProgress?.({ step: m.step, T: m.T, engine: 'cpu' });
      else if (m.type === 'result') {
        done();
        resolve(m.result);
      } else {
        done();
        const err = new Error(m.message);
        err.name = m.name;
        reject(err);
      }
    };
    worker.onerror = (ev) => {
      done();
      reject(new Error(`simulation worker failed: ${ev.message}`));
    };
    const req: WorkerRequest = { type: 'run', spec, chunkSeconds: opts.chunkSeconds };
    worker.postMessage(req);
  });
}

/** engine 'auto' (default): WebGPU if available, else the twin in a worker. */
export async function runInBrowser(spec: SimSpec, opts: RunOptions = {}): Promise<SimResult> {
  const choice = opts.engine ?? 'auto';
  if (choice === 'cpu') return runCpuInWorker(spec, opts);
  const cap = await capabilities();
  if (cap.engine === 'gpu') return runSimulation(spec, { ...opts, engine: 'gpu' });
  if (choice === 'gpu') throw new Error(`the GPU engine is unavailable: ${cap.reason}`);
  const r = await runCpuInWorker(spec, opts);
  r.messages.unshift(`no GPU (${cap.reason}); ran on the CPU twin in a worker`);
  return r;
}
