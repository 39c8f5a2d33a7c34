// One module worker per entry, created on first use; null where workers are unavailable (the
// callers then run the same code on the main thread).
export function lazyWorker(make: () => Worker): () => Worker | null {
  let worker: Worker | null = null;
  return () => {
    if (worker) return worker;
    if (typeof Worker === 'undefined') return null;
    try {
      worker = make();
    } catch {
      worker = null;
    }
    return worker;
  };
}
