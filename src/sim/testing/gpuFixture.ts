// GPU test files: fail once, with the reason, when no adapter can be had; one Dawn device per
// test file, acquired before the tests and destroyed after them.
import { afterAll, beforeAll, inject } from 'vitest';
import { acquireDevice, type GpuContext } from '../gpu/device';

/** An error that prints as its one line (no stack: the reason is all there is to say). */
function oneLine(message: string): Error {
  const e = new Error(message);
  e.stack = `Error: ${message}`;
  return e;
}

/** Every test of this file needs WebGPU: without an adapter, the file fails once with why. */
export function requireGpu(): void {
  beforeAll(() => {
    const why = inject('gpuUnavailable');
    if (why) throw oneLine(why);
  });
}

export function useGpuDevice(set: (ctx: GpuContext) => void): void {
  let ctx: GpuContext | undefined;
  requireGpu();
  beforeAll(async () => {
    const c = await acquireDevice();
    if ('error' in c) throw oneLine(c.error);
    set((ctx = c));
  });
  afterAll(() => ctx?.device.destroy());
}
