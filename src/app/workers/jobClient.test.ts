// The latest-wins policy of the job client, against a worker stand-in whose jobs finish when the
// test says (the real module worker runs in the browser tests, e2e/robust.spec.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JobClient, moduleWorker, type JobOutcome, type WorkerLike } from './jobClient';

interface Req {
  key: string;
  n: number;
}

class StandIn implements WorkerLike {
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  posted: { id: number; req: Req }[] = [];
  terminated = false;
  postMessage(m: unknown): void {
    this.posted.push(m as { id: number; req: Req });
  }
  terminate(): void {
    this.terminated = true;
  }
  /** finish the last posted job with its request's n squared */
  answer(): void {
    const { id, req } = this.posted[this.posted.length - 1];
    this.onmessage?.({ data: { id, ok: true, value: req.n * req.n } } as MessageEvent);
  }
  fail(message: string): void {
    const { id } = this.posted[this.posted.length - 1];
    this.onmessage?.({ data: { id, ok: false, message } } as MessageEvent);
  }
}

function setup(opts: { workers?: boolean } = {}) {
  const workers: StandIn[] = [];
  const outcomes: { n: number; outcome: JobOutcome<number>; latest: boolean }[] = [];
  const client = new JobClient<Req, number>({
    spawn: () => {
      if (opts.workers === false) return null;
      const w = new StandIn();
      workers.push(w);
      return w;
    },
    inline: (r) => r.n * r.n,
    workKey: (r) => r.key,
    timeoutMs: 10_000,
    graceMs: 150,
    tooLong: (r) => `make ${r.key} smaller`,
    onOutcome: (req, outcome, latest) => outcomes.push({ n: req.n, outcome, latest }),
    now: () => Date.now(),
  });
  return { client, workers, outcomes };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('job client', () => {
  it('answers a request from the worker', () => {
    const { client, workers, outcomes } = setup();
    client.submit({ key: 'a', n: 3 });
    expect(workers).toHaveLength(1);
    workers[0].answer();
    expect(outcomes).toEqual([{ n: 3, outcome: { ok: true, value: 9, ms: 0 }, latest: true }]);
    expect(client.busy).toBe(false);
  });

  it('runs only the newest of the requests that arrive while a job with their work key runs', () => {
    const { client, workers, outcomes } = setup();
    client.submit({ key: 'a', n: 1 });
    client.submit({ key: 'a', n: 2 });
    client.submit({ key: 'a', n: 3 });
    vi.advanceTimersByTime(5_000); // the same scenario: waiting, not killing
    expect(workers[0].terminated).toBe(false);
    workers[0].answer();
    expect(workers[0].posted.map((p) => p.req.n)).toEqual([1, 3]);
    workers[0].answer();
    expect(outcomes.map((o) => [o.n, o.latest])).toEqual([
      [1, false],
      [3, true],
    ]);
  });

  it('kills an obsolete job after the grace and starts the newest on a fresh worker', () => {
    const { client, workers, outcomes } = setup();
    client.submit({ key: 'a', n: 1 });
    client.submit({ key: 'b', n: 2 });
    vi.advanceTimersByTime(100);
    expect(workers).toHaveLength(1); // still within the grace
    vi.advanceTimersByTime(60);
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(workers[1].posted.map((p) => p.req.n)).toEqual([2]);
    workers[1].answer();
    expect(outcomes.map((o) => o.n)).toEqual([2]); // the killed job says nothing
    expect(client.killed).toBe(1);
  });

  it('an obsolete job that finishes within the grace is kept, and the newest follows', () => {
    const { client, workers, outcomes } = setup();
    client.submit({ key: 'a', n: 1 });
    client.submit({ key: 'b', n: 2 });
    vi.advanceTimersByTime(50);
    workers[0].answer();
    expect(workers[0].posted.map((p) => p.req.n)).toEqual([1, 2]);
    expect(outcomes[0]).toMatchObject({ n: 1, latest: false });
    vi.advanceTimersByTime(1_000);
    expect(workers[0].terminated).toBe(false);
  });

  it('refuses a job over the time limit, says what to change, and refuses its work key at once after', () => {
    const { client, workers, outcomes } = setup();
    client.submit({ key: 'big', n: 1 });
    vi.advanceTimersByTime(9_999);
    expect(outcomes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(workers[0].terminated).toBe(true);
    expect(outcomes[0]).toEqual({
      n: 1,
      outcome: { ok: false, message: 'took too long (over 10 s): make big smaller', timedOut: true },
      latest: true,
    });
    client.submit({ key: 'big', n: 2 });
    expect(outcomes[1].outcome).toEqual({
      ok: false,
      message: 'took too long (over 10 s): make big smaller',
      timedOut: true,
    });
    expect(workers).toHaveLength(1); // nothing was started for it
    client.submit({ key: 'small', n: 4 });
    expect(workers).toHaveLength(2);
    workers[1].answer();
    expect(outcomes[2].outcome).toMatchObject({ ok: true, value: 16 });
  });

  it('passes on an error thrown in the worker as a refusal', () => {
    const { client, workers, outcomes } = setup();
    client.submit({ key: 'a', n: 1 });
    workers[0].fail('order 9 is over the budget');
    expect(outcomes[0].outcome).toEqual({ ok: false, message: 'order 9 is over the budget', timedOut: false });
  });

  it('a worker that dies is replaced, and its job reported as failed', () => {
    const { client, workers, outcomes } = setup();
    client.submit({ key: 'a', n: 1 });
    workers[0].onerror?.({ message: 'out of memory', preventDefault: () => {} } as ErrorEvent);
    expect(outcomes[0].outcome).toEqual({
      ok: false,
      message: 'the computation failed: out of memory',
      timedOut: false,
    });
    client.submit({ key: 'a', n: 2 });
    expect(workers).toHaveLength(2);
  });

  it('without workers runs the same function after the current event', () => {
    const { client, outcomes } = setup({ workers: false });
    client.submit({ key: 'a', n: 5 });
    expect(outcomes).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(outcomes[0].outcome).toMatchObject({ ok: true, value: 25 });
  });
});

describe('moduleWorker', () => {
  afterEach(() => vi.unstubAllGlobals());
  it('spawns nothing where workers are unavailable, so the job runs inline', () => {
    vi.stubGlobal('Worker', undefined);
    let made = 0;
    const spawn = moduleWorker(() => {
      made++;
      return {} as Worker;
    });
    expect(spawn()).toBeNull();
    expect(made).toBe(0);
  });
  it('makes a fresh worker on each call where they exist (the client keeps one)', () => {
    vi.stubGlobal('Worker', class {});
    const made: object[] = [];
    const spawn = moduleWorker(() => {
      const w = {} as Worker;
      made.push(w);
      return w;
    });
    expect(spawn()).toBe(made[0]);
    expect(spawn()).toBe(made[1]);
    expect(made.length).toBe(2);
  });
});
