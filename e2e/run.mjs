#!/usr/bin/env node
// End-to-end tests in one command: find (or install) Chromium, build the site, run Playwright
// against the built site, and exit with Playwright's status.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'];

const isExecutable = (p) => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

function run(cmd, args, opts = {}) {
  console.log(`$ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function findChromium() {
  const env = process.env.CHROMIUM_PATH;
  if (env) {
    if (isExecutable(env)) return env;
    console.error(`e2e: CHROMIUM_PATH=${env} is not an executable file.`);
    process.exit(1);
  }
  return CANDIDATES.find(isExecutable) ?? null;
}

function installChromium() {
  const debianRoot = existsSync('/etc/debian_version') && process.getuid?.() === 0;
  if (!debianRoot) return false;
  console.log('e2e: no Chromium found; installing Debian\'s chromium and libvulkan1 with apt-get');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update'], { env }) !== 0) return false;
  return run('apt-get', ['install', '-y', 'chromium', 'libvulkan1'], { env }) === 0;
}

let chromium = findChromium();
if (!chromium && installChromium()) chromium = findChromium();
if (!chromium) {
  console.error(
    [
      'e2e: no Chromium found (looked at $CHROMIUM_PATH, ' + CANDIDATES.join(', ') + ').',
      'Install it: sudo apt-get install chromium libvulkan1   (Debian/Ubuntu)',
      'or point CHROMIUM_PATH at a Chromium executable: CHROMIUM_PATH=/path/to/chromium npm run e2e',
    ].join('\n'),
  );
  process.exit(1);
}
console.log(`e2e: Chromium at ${chromium}`);

const built = run(bin('vite'), ['build', '--logLevel', 'warn']);
if (built !== 0) process.exit(built);

const status = run(bin('playwright'), ['test', '-c', 'e2e/playwright.config.ts', ...process.argv.slice(2)], {
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
process.exit(status);
