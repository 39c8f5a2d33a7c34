// Web Worker entry: runs the CPU twin off the page's main thread (see browser.ts).
import { runSimulation } from './engine';
import type { SimSpec } from './plan';

export type WorkerRequest = { type: 'run'; spec: SimSpec; chunkSeconds?: number };
export type WorkerReply =
  | { type: 'progress'; step: number; T: number }
  | { type: 'result'; result: Awaited<ReturnType<typeof runSimulation>> }
  | { type: 'error'; name: string; message: string };

const scope = globalThis as unknown as {
  onmessage: ((ev: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(m: WorkerReply): void;
};

scope.onmessage = async (ev) => {
  const { spec, chunkSeconds } = ev.data;
  try {
    const result = await runSimulation(spec, {
      engine: 'cpu',
      chunkSeconds,
      onProgress: (p) => scope.postMessage({ type: 'progress', step: p.step, T: p.T }),
    });
    scope.postMessage({ type: 'result', result });
  } catch (e) {
    scope.postMessage({ type: 'error', name: (e as Error).name, message: (e as Error).message });
  }
};
