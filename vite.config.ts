import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

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
    // Dawn (npm `webgpu`) finds SwiftShader only through this variable.
    // (XDG_RUNTIME_DIR only quiets a warning the Vulkan loader prints without it.)
    env: { VK_ICD_FILENAMES: '/usr/lib/chromium/vk_swiftshader_icd.json', XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' },
  },
});
