// Streamed jobs in a module worker: a run sends events (progress, partial results) as it goes and
// ends done, failed or cancelled (stop). Runs may share one worker; an id tells them apart, and a
// run's page-side listeners go when it ends. Each kind of job is one `run` function, which serves
// the worker and, where workers are unavailable, the main thread (it must then await now and
// then, as the simulations and experiments do, so the page stays responsive).
// Short computations where the newest request wins use jobClient.ts instead.

export interface StreamJobHooks<Ev> {
  signal: AbortSignal;
  emit: (event: Ev) => void;
}

/** One kind of job: resolves when done; throws to fail; stops soon after `signal` aborts. */
export type StreamJobRun<Req, Ev> = (req: Req, hooks: StreamJobHooks<Ev>) => Promise<void>;

export type ToStreamWorker<Req> = { type: 'run'; id: number; req: Req } | { type: 'abort'; id: number };

/** How a run ended; `cancelled`: it failed because it was stopped. */
export type StreamEnd = { type: 'done' } | { type: 'error'; message: string; cancelled: boolean };

export type FromStreamWorker<Ev> = { type: 'event'; id: number; event: Ev } | ({ id: number } & StreamEnd);

/** The page's view of a worker (a real Worker, or a stand-in in tests). */
export interface StreamWorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message' | 'error', listener: (ev: Event) => void): void;
  removeEventListener(type: 'message' | 'error', listener: (ev: Event) => void): void;
}

/** The worker's view of its own scope. */
export interface StreamWorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (ev: MessageEvent) => void): void;
}

export interface StreamJobKind<Req, Ev> {
  /** what runs, for messages ('simulation') */
  name: string;
  /** the shared worker, or null where workers are unavailable (`run` then runs on the main thread) */
  worker: () => StreamWorkerLike | null;
  run: StreamJobRun<Req, Ev>;
}

export interface StreamJobHandle {
  /** 'done', 'cancelled' after stop, or rejected with the run's error */
  done: Promise<'done' | 'cancelled'>;
  stop: () => void;
}

/** Run to the end, whatever happens: the one place that decides how a run ended. */
async function runToEnd<Req, Ev>(
  run: StreamJobRun<Req, Ev>,
  req: Req,
  signal: AbortSignal,
  emit: (event: Ev) => void,
): Promise<StreamEnd> {
  try {
    await run(req, { signal, emit });
    return { type: 'done' };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    return { type: 'error', message: err.message, cancelled: signal.aborted || err.name === 'AbortError' };
  }
}

function settle(end: StreamEnd): 'done' | 'cancelled' {
  if (end.type === 'done') return 'done';
  if (end.cancelled) return 'cancelled';
  throw new Error(end.message);
}

let nextId = 1;

/** Start one run of `kind` with `req`; each event goes to `onEvent`, in order. */
export function startStreamJob<Req, Ev>(
  kind: StreamJobKind<Req, Ev>,
  req: Req,
  onEvent: (event: Ev) => void,
): StreamJobHandle {
  const w = kind.worker();
  return w ? viaWorker(w, kind.name, req, onEvent) : inline(kind.run, req, onEvent);
}

function viaWorker<Req, Ev>(
  w: StreamWorkerLike,
  name: string,
  req: Req,
  onEvent: (event: Ev) => void,
): StreamJobHandle {
  const id = nextId++;
  let ended = false;
  const done = new Promise<'done' | 'cancelled'>((resolve, reject) => {
    // both listeners go when the run ends, so runs do not pile them up on the shared worker
    const end = (outcome: () => 'done' | 'cancelled') => {
      ended = true;
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      try {
        resolve(outcome());
      } catch (e) {
        reject(e as Error);
      }
    };
    const onMessage = (ev: Event) => {
      const m = (ev as MessageEvent<FromStreamWorker<Ev>>).data;
      if (m.id !== id) return;
      if (m.type === 'event') onEvent(m.event);
      else end(() => settle(m));
    };
    // the worker itself failed (it did not load, or threw outside any run): every run on it ends
    const onError = (ev: Event) => {
      const message = (ev as ErrorEvent).message;
      end(() => {
        throw new Error(`the ${name} worker failed${message ? `: ${message}` : ''}`);
      });
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
  });
  w.postMessage({ type: 'run', id, req } satisfies ToStreamWorker<Req>);
  return {
    done,
    stop: () => {
      if (!ended) w.postMessage({ type: 'abort', id } satisfies ToStreamWorker<Req>);
    },
  };
}

function inline<Req, Ev>(run: StreamJobRun<Req, Ev>, req: Req, onEvent: (event: Ev) => void): StreamJobHandle {
  const ctl = new AbortController();
  const done = runToEnd(run, req, ctl.signal, onEvent).then(settle);
  return { done, stop: () => ctl.abort() };
}

/** The worker's side: run each request with `run`, posting its events and how it ended. */
export function serveStreamJobs<Req, Ev>(
  run: StreamJobRun<Req, Ev>,
  scope: StreamWorkerScope = self as unknown as StreamWorkerScope,
): void {
  const running = new Map<number, AbortController>();
  const post = (m: FromStreamWorker<Ev>) => scope.postMessage(m);
  scope.addEventListener('message', (ev: MessageEvent<ToStreamWorker<Req>>) => {
    const msg = ev.data;
    switch (msg.type) {
      case 'abort':
        running.get(msg.id)?.abort();
        return;
      case 'run': {
        const { id } = msg;
        const ctl = new AbortController();
        running.set(id, ctl);
        void runToEnd(run, msg.req, ctl.signal, (event) => post({ type: 'event', id, event })).then((end) => {
          running.delete(id);
          post({ id, ...end });
        });
        return;
      }
    }
  });
}
