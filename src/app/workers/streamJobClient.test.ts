// Streamed jobs: the page side and the worker side talk through a real MessageChannel (structured
// clone, asynchronous delivery); the page's worker stand-in counts its listeners and can fail as
// a worker does. Every case that can run without a worker runs inline as well.
import { afterEach, describe, expect, it } from 'vitest';
import {
  serveStreamJobs,
  startStreamJob,
  type StreamJobKind,
  type StreamJobRun,
  type StreamWorkerLike,
  type StreamWorkerScope,
} from './streamJobClient';

interface Req {
  tag: string;
  /** events to emit, one per turn of the event loop */
  n: number;
  /** then fail with this message */
  fail?: string;
  /** then wait until stopped */
  hang?: boolean;
}
interface Ev {
  tag: string;
  i: number;
}

const turn = () => new Promise((r) => setTimeout(r, 0));

const run: StreamJobRun<Req, Ev> = async (req, { signal, emit }) => {
  for (let i = 0; i < req.n; i++) {
    if (signal.aborted) throw new Error('stopped');
    emit({ tag: req.tag, i });
    await turn();
  }
  if (req.hang) {
    if (!signal.aborted) await new Promise((r) => signal.addEventListener('abort', r));
    throw new Error('stopped');
  }
  if (req.fail) throw new Error(req.fail);
};

type Listener = (ev: Event) => void;

/** A worker over a MessageChannel, served by serveStreamJobs on the other port. */
class ChannelWorker implements StreamWorkerLike {
  private readonly ch = new MessageChannel();
  readonly listeners = { message: new Set<Listener>(), error: new Set<Listener>() };
  readonly posted: { type: string }[] = [];

  constructor() {
    serveStreamJobs(run, this.ch.port2 as unknown as StreamWorkerScope);
    this.ch.port1.addEventListener('message', (ev) => {
      for (const l of [...this.listeners.message]) l(ev);
    });
    this.ch.port1.start();
    this.ch.port2.start();
  }
  postMessage(message: { type: string }): void {
    this.posted.push(message);
    this.ch.port1.postMessage(message);
  }
  addEventListener(type: 'message' | 'error', l: Listener): void {
    this.listeners[type].add(l);
  }
  removeEventListener(type: 'message' | 'error', l: Listener): void {
    this.listeners[type].delete(l);
  }
  /** what a Worker does when its script fails outside any run */
  fail(message: string): void {
    const ev = Object.assign(new Event('error'), { message });
    for (const l of [...this.listeners.error]) l(ev);
  }
  get listening(): number {
    return this.listeners.message.size + this.listeners.error.size;
  }
  close(): void {
    this.ch.port1.close();
    this.ch.port2.close();
  }
}

let workers: ChannelWorker[] = [];
afterEach(() => {
  workers.forEach((w) => w.close());
  workers = [];
});

function viaWorker(): { kind: StreamJobKind<Req, Ev>; w: ChannelWorker } {
  const w = new ChannelWorker();
  workers.push(w);
  return { kind: { name: 'test', worker: () => w, run }, w };
}
const inline: StreamJobKind<Req, Ev> = { name: 'test', worker: () => null, run };

function collect(kind: StreamJobKind<Req, Ev>, req: Req) {
  const events: Ev[] = [];
  const handle = startStreamJob(kind, req, (e) => events.push(e));
  return { events, handle };
}

const paths = [
  ['worker', () => viaWorker().kind],
  ['inline', () => inline],
] as const;

describe.each(paths)('a streamed job (%s)', (_, kind) => {
  it('sends its events in order, then is done', async () => {
    const { events, handle } = collect(kind(), { tag: 'a', n: 5 });
    await expect(handle.done).resolves.toBe('done');
    expect(events).toEqual([0, 1, 2, 3, 4].map((i) => ({ tag: 'a', i })));
  });

  it("fails with the run's own message, after the events before it", async () => {
    const { events, handle } = collect(kind(), { tag: 'a', n: 2, fail: 'η must be positive' });
    await expect(handle.done).rejects.toThrow(/^η must be positive$/);
    expect(events).toHaveLength(2);
  });

  it("is 'cancelled' when stopped, and sends nothing after", async () => {
    const { events, handle } = collect(kind(), { tag: 'a', n: 1, hang: true });
    await expect.poll(() => events.length).toBe(1);
    handle.stop();
    await expect(handle.done).resolves.toBe('cancelled');
    expect(events).toHaveLength(1);
  });

  it("is 'cancelled' when stopped while emitting", async () => {
    const { events, handle } = collect(kind(), { tag: 'a', n: 1000 });
    await expect.poll(() => events.length).toBeGreaterThan(2);
    handle.stop();
    await expect(handle.done).resolves.toBe('cancelled');
    expect(events.length).toBeLessThan(1000);
  });

  it('keeps concurrent runs apart', async () => {
    const k = kind();
    const a = collect(k, { tag: 'a', n: 6 });
    const b = collect(k, { tag: 'b', n: 4, fail: 'b failed' });
    const c = collect(k, { tag: 'c', n: 1, hang: true });
    const ends = Promise.all([
      expect(a.handle.done).resolves.toBe('done'),
      expect(b.handle.done).rejects.toThrow('b failed'),
      expect(c.handle.done).resolves.toBe('cancelled'),
    ]);
    await expect.poll(() => c.events.length).toBe(1);
    c.handle.stop();
    await ends;
    expect(a.events).toEqual([0, 1, 2, 3, 4, 5].map((i) => ({ tag: 'a', i })));
    expect(b.events).toEqual([0, 1, 2, 3].map((i) => ({ tag: 'b', i })));
    expect(c.events).toEqual([{ tag: 'c', i: 0 }]);
  });
});

describe('a streamed job in a worker', () => {
  it('leaves no listener behind when it ends done, failed or cancelled', async () => {
    const { kind, w } = viaWorker();
    const done = collect(kind, { tag: 'a', n: 2 });
    const failed = collect(kind, { tag: 'b', n: 2, fail: 'no' });
    const cancelled = collect(kind, { tag: 'c', n: 1, hang: true });
    expect(w.listening).toBe(6);
    await Promise.all([done.handle.done, expect(failed.handle.done).rejects.toThrow('no')]);
    expect(w.listening).toBe(2);
    cancelled.handle.stop();
    await cancelled.handle.done;
    expect(w.listening).toBe(0);
  });

  it('ends every run on it, named, when the worker itself fails, and leaves no listener', async () => {
    const { kind, w } = viaWorker();
    const a = collect(kind, { tag: 'a', n: 1, hang: true });
    const b = collect(kind, { tag: 'b', n: 1, hang: true });
    await expect.poll(() => a.events.length + b.events.length).toBe(2);
    w.fail('Uncaught SyntaxError: bad module');
    await Promise.all(
      [a, b].map((r) =>
        expect(r.handle.done).rejects.toThrow(/^the test worker failed: Uncaught SyntaxError: bad module$/),
      ),
    );
    expect(w.listening).toBe(0);
    const c = collect(kind, { tag: 'c', n: 0, hang: true });
    w.fail('');
    await expect(c.handle.done).rejects.toThrow(/^the test worker failed$/);
  });

  it('asks the worker to abort only a run that has not ended', async () => {
    const { kind, w } = viaWorker();
    const { handle } = collect(kind, { tag: 'a', n: 1 });
    await handle.done;
    handle.stop();
    expect(w.posted.map((m) => m.type)).toEqual(['run']);
  });
});
