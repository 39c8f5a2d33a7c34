// Playwright against the built site (dist/, served by `vite preview`) in Debian's Chromium.
// Two projects: one with WebGPU enabled (SwiftShader without a GPU), one without it, where the
// page must still work and say WebGPU is unavailable. `e2e/run.mjs` builds first.
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const root = fileURLToPath(new URL('..', import.meta.url));
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// E2E_PORT lets two checkouts run their browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 4174);
const baseArgs = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: '.',
  outputDir: '../test-results/e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}/`,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium-webgpu',
      testIgnore: /no-webgpu\.spec\.ts$/,
      use: { launchOptions: { executablePath, args: ['--enable-unsafe-webgpu', ...baseArgs] } },
    },
    {
      name: 'chromium-no-webgpu',
      testMatch: /no-webgpu\.spec\.ts$/,
      use: { launchOptions: { executablePath, args: baseArgs } },
    },
  ],
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort`,
    cwd: root,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
