// One Dawn device per test file: acquired before the tests, destroyed after them.
import { afterAll, beforeAll } from 'vitest';
import { acquireDevice, type GpuContext } from '../gpu/device';

export function useGpuDevice(set: (ctx: GpuContext) => void): void {
  let ctx: GpuContext | undefined;
  beforeAll(async () => {
    const c = await acquireDevice();
    if ('error' in c) throw new Error(c.error);
    set((ctx = c));
  });
  afterAll(() => ctx?.device.destroy());
}
