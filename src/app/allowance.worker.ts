// The allowance worker: builds the models of the orders after the scenario's (seconds for
// custom schedules on large N) off the main thread, so the page never waits for them.
import { computeAllowance, type FromAllowanceWorker, type ToAllowanceWorker } from './allowanceProtocol';

self.onmessage = (ev: MessageEvent<ToAllowanceWorker>) => {
  const { id, request } = ev.data;
  const out: FromAllowanceWorker = (() => {
    try {
      return { id, ok: true, report: computeAllowance(request) };
    } catch (e) {
      return { id, ok: false, message: (e as Error).message };
    }
  })();
  (self as unknown as Worker).postMessage(out);
};
