// Builds the CLI (and the kit's bench) into single ES module files with Vite: every import,
// the WGSL shaders included (shaders.ts inlines them through import.meta.glob), Node built-ins
// and the Dawn addon (`webgpu`, loaded by a computed import at run time) left outside.
// Plain JavaScript so that Node runs it without a compiler: this is what makes the CLI start fast.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cacheDir = path.join(repo, '.cache', 'cli');

/** The newest modification time (ms) of the files a bundle is built from. */
export function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx|mjs|wgsl)$/.test(e.name) && !/\.test\.ts$/.test(e.name))
        newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(path.join(repo, 'src'));
  walk(path.join(repo, 'shaders'));
  return Math.max(newest, statSync(path.join(repo, 'package.json')).mtimeMs);
}

/** True when `file` is missing or older than a source. */
export function isStale(file) {
  return !existsSync(file) || statSync(file).mtimeMs < newestSource();
}

/**
 * Bundle `entry` (relative to the repository) into `outFile`. Built in a private folder and
 * renamed into place, so concurrent builds and readers never see half a file.
 */
export async function bundle(entry, outFile) {
  const { build } = await import('vite');
  const tmp = path.join(path.dirname(outFile), `.build-${process.pid}-${Date.now()}`);
  mkdirSync(tmp, { recursive: true });
  try {
    await build({
      configFile: false,
      root: repo,
      logLevel: 'error',
      // Vite's own messages would land on stdout, where the CLI's JSON goes.
      customLogger: {
        info() {},
        warn: (m) => process.stderr.write(m + '\n'),
        warnOnce: (m) => process.stderr.write(m + '\n'),
        error: (m) => process.stderr.write(m + '\n'),
        clearScreen() {},
        hasErrorLogged: () => false,
        hasWarned: false,
      },
      ssr: { noExternal: true, target: 'node' },
      build: {
        ssr: path.join(repo, entry),
        outDir: tmp,
        emptyOutDir: false,
        target: 'node20',
        minify: false,
        sourcemap: false,
        copyPublicDir: false,
        reportCompressedSize: false,
        rollupOptions: { output: { format: 'es', entryFileNames: 'out.mjs', codeSplitting: false } },
      },
    });
    renameSync(path.join(tmp, 'out.mjs'), outFile);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return outFile;
}

export const CLI_BUNDLE = path.join(cacheDir, 'sgd-diagrams.mjs');

/** The CLI bundle, rebuilt first when a source is newer. */
export async function cliBundle() {
  mkdirSync(cacheDir, { recursive: true });
  if (isStale(CLI_BUNDLE)) {
    // Dated as the sources it was built from: an edit made during the build still counts as newer.
    const built = newestSource();
    await bundle('src/build/cli-entry.ts', CLI_BUNDLE);
    utimesSync(CLI_BUNDLE, new Date(), new Date(built));
  }
  return CLI_BUNDLE;
}
