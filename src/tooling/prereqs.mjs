#!/usr/bin/env node
// What every test needs from the system, found or installed once, before any test runs:
// Chromium (Playwright drives it) and, for WebGPU through Dawn in Node, the Vulkan loader
// (libvulkan1) and a Vulkan driver: a real GPU's, or the SwiftShader driver that Debian's
// Chromium package ships. Used by `npm test` (first step) and by e2e/run.mjs.
//
// Root on Debian: missing packages are installed with apt-get (idempotent: nothing is installed
// when everything is there). Otherwise: one message naming what to install, exit code 1.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'];
/** Where Debian's chromium package puts SwiftShader's Vulkan driver manifest. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const PACKAGES = ['chromium', 'libvulkan1'];
const INSTALL_HINT = `sudo apt-get install ${PACKAGES.join(' ')}`;

const isExecutable = (p) => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Chromium's path, or null; a CHROMIUM_PATH that is not executable is an error. */
export function findChromium() {
  const env = process.env.CHROMIUM_PATH;
  if (env) {
    if (isExecutable(env)) return env;
    throw new Error(`CHROMIUM_PATH=${env} is not an executable file`);
  }
  return CHROMIUM_CANDIDATES.find(isExecutable) ?? null;
}

/** SwiftShader's Vulkan manifest: Debian's place, or beside the Chromium binary in use. */
export function findSwiftShaderIcd(chromium = null) {
  const candidates = [SWIFTSHADER_ICD];
  if (chromium) candidates.push(join(dirname(chromium), 'vk_swiftshader_icd.json'));
  return candidates.find((p) => existsSync(p)) ?? null;
}

function hasVulkanLoader() {
  const r = spawnSync('/sbin/ldconfig', ['-p'], { encoding: 'utf8' });
  if (r.status === 0 && /libvulkan\.so\.1\b/.test(r.stdout)) return true;
  return [
    '/usr/lib/x86_64-linux-gnu/libvulkan.so.1',
    '/usr/lib/aarch64-linux-gnu/libvulkan.so.1',
    '/usr/lib/libvulkan.so.1',
  ].some((p) => existsSync(p));
}

/** What is missing, as human-readable items (empty when all is there). */
export function missing() {
  const out = [];
  const chromium = findChromium();
  if (!chromium) out.push(`Chromium (looked at $CHROMIUM_PATH, ${CHROMIUM_CANDIDATES.join(', ')})`);
  if (!hasVulkanLoader()) out.push('the Vulkan loader (libvulkan.so.1)');
  // A user-chosen driver (VK_ICD_FILENAMES / VK_DRIVER_FILES) replaces SwiftShader.
  if (!process.env.VK_ICD_FILENAMES && !process.env.VK_DRIVER_FILES && !findSwiftShaderIcd(chromium)) {
    out.push(`SwiftShader's Vulkan driver (${SWIFTSHADER_ICD}, from the chromium package)`);
  }
  return out;
}

function run(cmd, args, env) {
  console.log(`$ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function installWithApt() {
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  return (
    run('apt-get', ['update'], env) && run('apt-get', ['install', '-y', '--no-install-recommends', ...PACKAGES], env)
  );
}

/** Ensure the prerequisites; returns an error message, or null when everything is there. */
export function ensurePrerequisites() {
  let gaps;
  try {
    gaps = missing();
  } catch (e) {
    return e.message;
  }
  if (gaps.length === 0) return null;
  const canInstall = existsSync('/etc/debian_version') && process.getuid?.() === 0;
  if (canInstall) {
    console.log(`prerequisites: missing ${gaps.join('; ')}; installing ${PACKAGES.join(' ')} with apt-get`);
    if (installWithApt()) {
      gaps = missing();
      if (gaps.length === 0) return null;
    }
  }
  return [
    `The tests need ${gaps.join('; ')}.`,
    `Install them: ${INSTALL_HINT}   (Debian/Ubuntu)`,
    'or point CHROMIUM_PATH at a Chromium executable (and VK_ICD_FILENAMES at a Vulkan driver manifest).',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const error = ensurePrerequisites();
  if (error) {
    console.error(`prerequisites: ${error}`);
    process.exit(1);
  }
  console.log(`prerequisites: Chromium at ${findChromium()}; Vulkan loader and driver present`);
}
