#!/usr/bin/env node
// End-to-end tests in one command: check (or install) the prerequisites, build the site, run
// Playwright against the built site, and exit with Playwright's status.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePrerequisites, findChromium } from '../src/tooling/prereqs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

function run(cmd, args, opts = {}) {
  console.log(`$ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

const error = ensurePrerequisites();
if (error) {
  console.error(`e2e: ${error}`);
  process.exit(1);
}
const chromium = findChromium();
console.log(`e2e: Chromium at ${chromium}`);

const built = run(bin('vite'), ['build', '--logLevel', 'warn']);
if (built !== 0) process.exit(built);

const status = run(bin('playwright'), ['test', '-c', 'e2e/playwright.config.ts', ...process.argv.slice(2)], {
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
process.exit(status);
