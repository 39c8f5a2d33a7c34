// Vitest global setup: looks for a WebGPU adapter (Dawn in Node) once, before any test file,
// and hands the answer to the GPU test files (requireGpu in gpuFixture.ts), so that a machine
// without one gets one clear line per GPU file instead of a stack trace per test.
import type { TestProject } from 'vitest/node';
import { acquireDevice } from '../gpu/device';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Why no WebGPU adapter can be had here, or '' when one can. */
    gpuUnavailable: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const ctx = await acquireDevice();
  if ('error' in ctx) {
    const why =
      `no WebGPU adapter (${ctx.error}): the GPU tests need the Vulkan loader and a Vulkan driver — ` +
      'run `node src/tooling/prereqs.mjs` (as root on Debian it installs chromium and libvulkan1; ' +
      'elsewhere: sudo apt-get install chromium libvulkan1)';
    console.error(`GPU tests: ${why}`);
    project.provide('gpuUnavailable', why);
    return;
  }
  ctx.device.destroy();
  project.provide('gpuUnavailable', '');
}
