import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { findChromium, findSwiftShaderIcd } from './src/tooling/prereqs.mjs';

/** Dawn (npm `webgpu`) finds SwiftShader only through the Vulkan loader's variables. */
function vulkanDriver(): string | undefined {
  if (process.env.VK_ICD_FILENAMES) return process.env.VK_ICD_FILENAMES;
  let chromium: string | null = null;
  try {
    chromium = findChromium();
  } catch {
    // A bad CHROMIUM_PATH is reported by the prerequisites step; here only the driver matters.
  }
  return findSwiftShaderIcd(chromium) ?? undefined;
}

// One config for the static site (vite build → dist/) and the unit tests (vitest).
export default defineConfig({
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', target: 'es2022', sourcemap: true },
  assetsInclude: ['**/*.wgsl'],
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    globalSetup: ['src/sim/testing/gpuGlobalSetup.ts'],
    env: {
      ...(vulkanDriver() ? { VK_ICD_FILENAMES: vulkanDriver() } : {}),
      // Only quiets a warning the Vulkan loader prints without it.
      XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp',
    },
  },
});
