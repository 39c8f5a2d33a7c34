// The explorer's own GPU engine for `npm run bench`: ARCHIMEDES SGD run in Chromium's WebGPU
// (SwiftShader without a GPU) through the page's `window.sgdDiagrams`, on the built site served by
// `vite preview`. Same runs and fields as the Node engine's (src/sim/bench.ts).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import type { Automation } from '../app/browser/automation';
import { sweepEtas } from '../app/state/runSlice';
import type { BenchEntry } from '../sim/bench';
import { archimedes } from '../sim/testing/scenarios';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PORT = 4175;
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'];

function findChromium(): string | null {
  for (const p of [process.env.CHROMIUM_PATH, ...CANDIDATES]) {
    if (!p) continue;
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not there; try the next
    }
  }
  return null;
}

async function waitForServer(url: string, server: ChildProcess, seconds: number): Promise<void> {
  for (let i = 0; i < seconds * 10; i++) {
    if (server.exitCode !== null) throw new Error(`vite preview exited with ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`vite preview did not answer at ${url} within ${seconds} s`);
}

/**
 * The explorer's Run path as a user meets it: the built page on ARCHIMEDES (η = 0.1, N = T), K
 * trajectories set by permalink, Run pressed, timed until the status says Done. Run simulates
 * SGD with the page's default recording plus the η sweep (five η, final values only), all
 * counted in the rate.
 */
export interface RunPathEntry {
  engine: 'gpu';
  runtime: 'chromium';
  path: 'explorer Run path';
  trajectories: number;
  steps: number;
  jobs: number;
  seconds: number;
  trajectoryStepsPerSecond: number;
  /** What the page itself reported in its run status. */
  pageStatus: string;
  /** The page's main thread during the run: tasks over 50 ms, their total and the longest (ms). */
  longTasks: { count: number; totalMs: number; maxMs: number };
  /**
   * The engine's own rate in the same page (K × T, two records), averaged over a run just before
   * and one just after the Run path (a shared machine's load drifts), and the ratio to it.
   */
  engineTrajectoryStepsPerSecond?: number;
  engineOverRunPath?: number;
}

type Page = Awaited<ReturnType<Awaited<ReturnType<typeof chromium.launch>>['newPage']>>;

async function runPath(page: Page, url: string, K: number, T: number): Promise<RunPathEntry> {
  const eta = 0.1;
  await page.goto(`${url}#v=1&land=archimedes&obs=weight&w=z&order=3&eta=${eta}&N=${T}&B=1&E=1&K=${K}&seed=0&opt=sgd`);
  const run = page.getByRole('button', { name: 'Run', exact: true });
  const status = page.getByLabel('Run status');
  await run.waitFor();
  await page.evaluate(() => {
    const w = window as unknown as { benchLongTasks: number[] };
    w.benchLongTasks = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => w.benchLongTasks.push(e.duration))).observe({
      type: 'longtask',
    });
  });
  const t0 = Date.now();
  await run.click();
  await page.waitForFunction(
    () => /Done|Failed|Stopped/.test(document.querySelector('[aria-label="Run status"]')?.textContent ?? ''),
    null,
    {
      timeout: 600_000,
      polling: 50,
    },
  );
  const seconds = (Date.now() - t0) / 1000;
  const pageStatus = (await status.textContent()) ?? '';
  if (!pageStatus.includes('Done')) throw new Error(`the page's run ended with "${pageStatus}"`);
  const jobs = 1 + sweepEtas(eta).length;
  const long = await page.evaluate(() => (window as unknown as { benchLongTasks: number[] }).benchLongTasks);
  return {
    engine: 'gpu',
    runtime: 'chromium',
    path: 'explorer Run path',
    trajectories: K,
    steps: T,
    jobs,
    seconds,
    trajectoryStepsPerSecond: (jobs * K * T) / seconds,
    pageStatus,
    longTasks: {
      count: long.length,
      totalMs: Math.round(long.reduce((a, b) => a + b, 0)),
      maxMs: Math.round(Math.max(0, ...long)),
    },
  };
}

/** K trajectories × T steps in the page, after a one-step run of the same size (its fixed cost); then the Run path. */
export async function chromiumBench(
  K: number,
  T: number,
): Promise<(BenchEntry & { runPath?: RunPathEntry | { error: string } }) | { skipped: string } | { error: string }> {
  const exe = findChromium();
  if (!exe) return { skipped: `no Chromium found (CHROMIUM_PATH or ${CANDIDATES.join(', ')})` };
  const vite = fileURLToPath(new URL('../../node_modules/.bin/vite', import.meta.url));
  const built = spawnSync(vite, ['build', '--logLevel', 'error'], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) return { error: `vite build failed: ${(built.stderr || built.stdout).trim()}` };
  const server = spawn(vite, ['preview', '--port', String(PORT), '--strictPort'], { cwd: root, stdio: 'ignore' });
  const url = `http://localhost:${PORT}/`;
  try {
    await waitForServer(url, server, 30);
    const browser = await chromium.launch({
      executablePath: exe,
      args: [
        '--enable-unsafe-webgpu',
        '--no-sandbox',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage();
      await page.goto(url);
      await page.waitForFunction(() => 'sgdDiagrams' in window);
      const run = (steps: number, K: number) =>
        page.evaluate(
          async ({ scenario, K }) => {
            const api = (window as unknown as { sgdDiagrams: Automation }).sgdDiagrams;
            const t0 = performance.now();
            const r = await api.runSimulation(
              { scenario, trajectories: K, seed: 0, record: 2 },
              { engine: 'gpu', chunkSeconds: 2 },
            );
            return { seconds: (performance.now() - t0) / 1000, adapter: r.adapter, meanZ: r.mean[1] };
          },
          { scenario: archimedes(steps, 0.1), K },
        );
      await run(1, 64); // the page's first WebGPU use starts the GPU process's adapter
      const fixed = await run(1, K);
      const full = await run(T, K);
      let path: RunPathEntry | { error: string };
      try {
        path = await runPath(page, url, K, T);
        const after = await run(T, K);
        const engineRate = ((K * T) / full.seconds + (K * T) / after.seconds) / 2;
        path.engineTrajectoryStepsPerSecond = engineRate;
        path.engineOverRunPath = engineRate / path.trajectoryStepsPerSecond;
      } catch (e) {
        path = { error: (e as Error).message };
      }
      return {
        runPath: path,
        engine: 'gpu',
        runtime: 'chromium',
        adapter: `Chromium WebGPU, ${full.adapter}`,
        trajectories: K,
        steps: T,
        seconds: full.seconds,
        trajectoryStepsPerSecond: (K * T) / full.seconds,
        fixedSeconds: fixed.seconds,
        netTrajectoryStepsPerSecond: (K * (T - 1)) / Math.max(full.seconds - fixed.seconds, 1e-9),
        meanZ: full.meanZ,
      };
    } finally {
      await browser.close();
    }
  } catch (e) {
    return { error: (e as Error).message };
  } finally {
    server.kill();
  }
}
