// Awaiting a GPU promise in Node without taking a core from a software GPU.
//
// Dawn's Node binding resolves GPU promises from a setImmediate loop that runs for as long as
// any is pending, so an ordinary await spins one core at 100%. With SwiftShader the shaders run
// on those same cores: on two cores the spinning took a third of their time. Here the event loop
// turns only every SLICE_MS instead; in between the thread blocks in Atomics.wait, using no CPU.
// Each turn still runs every other callback that is due, so timers and I/O are delayed by at
// most SLICE_MS.

const SLICE_MS = 2;

/** Node's setImmediate (this module is only used where Dawn's Node binding runs). */
const nextTurn = () =>
  new Promise<void>((r) => (globalThis as unknown as { setImmediate(f: () => void): void }).setImmediate(r));

export async function awaitWithoutSpinning<T>(promise: Promise<T>): Promise<T> {
  // The outcome is captured rather than chained, so a rejection is handled as soon as it happens.
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | null = null;
  promise.then(
    (value) => (outcome = { ok: true, value }),
    (error: unknown) => (outcome = { ok: false, error }),
  );
  const cell = new Int32Array(new SharedArrayBuffer(4));
  while (outcome === null) {
    Atomics.wait(cell, 0, 0, SLICE_MS);
    await nextTurn();
  }
  const done = outcome as { ok: true; value: T } | { ok: false; error: unknown };
  if (!done.ok) throw done.error;
  return done.value;
}
