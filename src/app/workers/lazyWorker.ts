// One module worker per entry, created on first use; null where workers are unavailable (the
// callers then run the same code on the main thread). A worker that reports an error (its script
// failed to load, or a job threw outside its handler) is dropped, so the next run gets a fresh one
// instead of waiting on a worker that will never answer.
export type WorkerHandle = Pick<Worker, 'postMessage' | 'terminate' | 'addEventListener' | 'removeEventListener'>;

export function lazyWorker<W extends WorkerHandle = Worker>(make: () => W): () => W | null {
  let worker: W | null = null;
  return () => {
    if (worker) return worker;
    if (typeof Worker === 'undefined') return null;
    let w: W;
    try {
      w = make();
    } catch {
      return null;
    }
    worker = w;
    w.addEventListener('error', () => {
      if (worker !== w) return;
      worker = null;
      // after the event: the runs on it hear the error first
      setTimeout(() => w.terminate(), 0);
    });
    return w;
  };
}
