// Latest-wins jobs in a module worker, so that no computation ever holds the page. One job is in
// flight at a time and only the newest request waits behind it. A newer request that shares the
// job's expensive part (its work key: the same scenario at another η) waits for it; one that does
// not kills the obsolete job after a short grace by terminating the worker, which is respawned on
// demand. A job past the time limit is killed too and refused with a message saying what to
// change; later requests with that work key are refused at once instead of rerun.
// Without Worker support the same function runs on the main thread, where nothing can be killed.
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((ev: MessageEvent) => void) | null;
  onerror: ((ev: ErrorEvent) => void) | null;
}

export type ToJobWorker<Req> = { id: number; req: Req };
export type FromJobWorker<Res> = { id: number; ok: true; value: Res } | { id: number; ok: false; message: string };

export type JobOutcome<Res> = { ok: true; value: Res; ms: number } | { ok: false; message: string; timedOut: boolean };

export interface JobClientOptions<Req, Res> {
  /** a fresh worker, or null where workers are unavailable (then `inline` runs on the main thread) */
  spawn: () => WorkerLike | null;
  inline: (req: Req) => Res;
  workKey: (req: Req) => string;
  /** a job running longer than this is killed and refused (default TIMEOUT_MS) */
  timeoutMs?: number;
  /** an obsolete job younger than this is left to finish, as respawning costs time too (default GRACE_MS) */
  graceMs?: number;
  /** what to change when a request took too long */
  tooLong: (req: Req) => string;
  /** every finished job; `latest` is false when a newer request is already waiting */
  onOutcome: (req: Req, outcome: JobOutcome<Res>, latest: boolean) => void;
  /** the clock (milliseconds) */
  now?: () => number;
}

export const TIMEOUT_MS = 10_000;
export const GRACE_MS = 150;

/**
 * A `spawn` for a module worker, or null where workers are unavailable. `make` must construct the
 * worker itself (`new Worker(new URL('./x.worker.ts', import.meta.url), …)`), which is how the
 * bundler finds the worker's entry.
 */
export function moduleWorker(make: () => Worker): () => WorkerLike | null {
  return () => (typeof Worker === 'undefined' ? null : (make() as unknown as WorkerLike));
}

interface Flight<Req> {
  id: number;
  req: Req;
  key: string;
  started: number;
}

const clock = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class JobClient<Req, Res> {
  private worker: WorkerLike | null | undefined;
  private flight: Flight<Req> | null = null;
  private pending: Req | null = null;
  private nextId = 1;
  private timeout: ReturnType<typeof setTimeout> | undefined;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly refused = new Map<string, string>();
  /** workers terminated so far (obsolete or over time), for tests and the status line */
  killed = 0;

  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly graceMs: number;

  constructor(private readonly o: JobClientOptions<Req, Res>) {
    this.now = o.now ?? clock;
    this.timeoutMs = o.timeoutMs ?? TIMEOUT_MS;
    this.graceMs = o.graceMs ?? GRACE_MS;
  }

  /** Ask for `req`; it supersedes every request not yet started. */
  submit(req: Req): void {
    this.pending = req;
    this.pump();
  }

  /** Stop everything (the page is going away). */
  dispose(): void {
    this.pending = null;
    if (this.flight) this.kill();
    this.worker?.terminate();
    this.worker = undefined;
  }

  get busy(): boolean {
    return this.flight !== null;
  }

  private pump(): void {
    clearTimeout(this.graceTimer);
    if (this.flight) {
      const next = this.pending;
      if (next === null || this.o.workKey(next) === this.flight.key) return;
      const age = this.now() - this.flight.started;
      if (age < this.graceMs) {
        this.graceTimer = setTimeout(() => this.pump(), this.graceMs - age);
        return;
      }
      this.kill();
    }
    const req = this.pending;
    if (req === null) return;
    this.pending = null;
    const key = this.o.workKey(req);
    const refusal = this.refused.get(key);
    if (refusal !== undefined) {
      this.o.onOutcome(req, { ok: false, message: refusal, timedOut: true }, this.pending === null);
      return;
    }
    this.start(req, key);
  }

  private start(req: Req, key: string): void {
    const flight: Flight<Req> = { id: this.nextId++, req, key, started: this.now() };
    this.flight = flight;
    if (this.worker === undefined) this.worker = this.spawn();
    const w = this.worker;
    if (!w) {
      // no worker: run on the main thread, after the current event so input is handled first
      setTimeout(() => {
        let outcome: JobOutcome<Res>;
        try {
          outcome = { ok: true, value: this.o.inline(req), ms: this.now() - flight.started };
        } catch (e) {
          outcome = { ok: false, message: e instanceof Error ? e.message : String(e), timedOut: false };
        }
        this.finish(flight, outcome);
      }, 0);
      return;
    }
    this.timeout = setTimeout(() => this.overTime(flight), this.timeoutMs);
    w.postMessage({ id: flight.id, req } satisfies ToJobWorker<Req>);
  }

  private spawn(): WorkerLike | null {
    let w: WorkerLike | null;
    try {
      w = this.o.spawn();
    } catch {
      w = null;
    }
    if (!w) return null;
    w.onmessage = (ev: MessageEvent) => {
      const m = ev.data as FromJobWorker<Res>;
      const f = this.flight;
      if (!f || m.id !== f.id) return;
      this.finish(
        f,
        m.ok
          ? { ok: true, value: m.value, ms: this.now() - f.started }
          : { ok: false, message: m.message, timedOut: false },
      );
    };
    w.onerror = (ev: ErrorEvent) => {
      ev.preventDefault?.();
      const f = this.flight;
      this.kill();
      if (f)
        this.finish(f, {
          ok: false,
          message: `the computation failed: ${ev.message || 'the worker stopped'}`,
          timedOut: false,
        });
    };
    return w;
  }

  private overTime(f: Flight<Req>): void {
    if (this.flight !== f) return;
    const message = `took too long (over ${Math.round(this.timeoutMs / 1000)} s): ${this.o.tooLong(f.req)}`;
    this.kill();
    if (this.refused.size > 64) this.refused.clear();
    this.refused.set(f.key, message);
    this.finish(f, { ok: false, message, timedOut: true });
  }

  private kill(): void {
    clearTimeout(this.timeout);
    clearTimeout(this.graceTimer);
    this.worker?.terminate();
    this.worker = undefined;
    this.flight = null;
    this.killed++;
  }

  private finish(f: Flight<Req>, outcome: JobOutcome<Res>): void {
    if (this.flight === f) {
      clearTimeout(this.timeout);
      this.flight = null;
    }
    this.o.onOutcome(f.req, outcome, this.pending === null);
    this.pump();
  }
}

/** The worker's side: answer each request with `compute`'s result or its error message. */
export function serveJobs<Req, Res>(compute: (req: Req) => Res): void {
  const scope = self as unknown as {
    onmessage: ((ev: MessageEvent<ToJobWorker<Req>>) => void) | null;
    postMessage: (m: unknown) => void;
  };
  scope.onmessage = (ev) => {
    const { id, req } = ev.data;
    let reply: FromJobWorker<Res>;
    try {
      reply = { id, ok: true, value: compute(req) };
    } catch (e) {
      reply = { id, ok: false, message: e instanceof Error ? e.message : String(e) };
    }
    scope.postMessage(reply);
  };
}
