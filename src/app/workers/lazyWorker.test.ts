// The worker cache: one worker per entry, and a fresh one after the cached worker failed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lazyWorker, type WorkerHandle } from './lazyWorker';

class StandIn extends EventTarget implements WorkerHandle {
  terminated = false;
  postMessage(): void {}
  terminate(): void {
    this.terminated = true;
  }
}

describe('lazyWorker', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is null where workers are unavailable', () => {
    vi.stubGlobal('Worker', undefined);
    expect(lazyWorker(() => new StandIn())()).toBeNull();
  });

  it('creates one worker on first use and reuses it', () => {
    vi.stubGlobal('Worker', StandIn);
    let made = 0;
    const get = lazyWorker(() => (made++, new StandIn()));
    const a = get();
    expect(get()).toBe(a);
    expect(made).toBe(1);
  });

  it('drops a worker that reported an error and makes a fresh one next time', async () => {
    vi.stubGlobal('Worker', StandIn);
    const get = lazyWorker(() => new StandIn());
    const a = get()!;
    let heard = false;
    a.addEventListener('error', () => (heard = true));
    a.dispatchEvent(new Event('error'));
    expect(heard).toBe(true);
    const b = get();
    expect(b).not.toBe(a);
    await new Promise((r) => setTimeout(r, 0));
    expect(a.terminated).toBe(true);
    expect((b as StandIn).terminated).toBe(false);
  });

  it('is null when the worker cannot be constructed', () => {
    vi.stubGlobal('Worker', StandIn);
    expect(
      lazyWorker((): StandIn => {
        throw new Error('blocked');
      })(),
    ).toBeNull();
  });
});
