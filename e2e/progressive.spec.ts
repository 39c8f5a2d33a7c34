// Progressive runs as a user drives them: the band narrows live and the run stops at the target
// standard error; Stop stops it; the page keeps answering input while it runs.
import type { Page } from '@playwright/test';
import { expect, openExplorer, test } from './fixtures';

// ARCHIMEDES over 200 steps from 1024 trajectories: the largest s.e. along the curve is ≈ 0.0022
// there, ≈ 0.0011 at 4096 and ≈ 0.0008 at 8192 trajectories, so a target of 0.001 takes rounds.
const HASH = '#v=1&land=archimedes&obs=weight&w=z&order=3&eta=0.1&N=200&B=1&E=1&K=1024&seed=3&opt=sgd';

const live = (page: Page) => page.getByLabel('Trajectories simulated');

function parseLive(text: string): { k: number; se: number } | null {
  const m = /^([\d,]+) trajectories · largest s\.e\. ([\d.e-]+)/.exec(text);
  return m ? { k: Number(m[1].replace(/,/g, '')), se: Number(m[2]) } : null;
}

/** The live line's trajectory count and largest s.e. (null before the first round). */
async function readLive(page: Page): Promise<{ k: number; se: number } | null> {
  return parseLive(
    (await live(page)
      .textContent({ timeout: 5_000 })
      .catch(() => null)) ?? '',
  );
}

/** Every text the live line shows, recorded in the page as it changes. */
async function recordLive(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { liveTexts: string[] }).liveTexts = seen;
    new MutationObserver(() => {
      const t = document.querySelector('[aria-label="Trajectories simulated"]')?.textContent ?? '';
      if (t && seen[seen.length - 1] !== t) seen.push(t);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

async function startProgressive(page: Page, target: string): Promise<void> {
  await openExplorer(page, HASH);
  await page.getByLabel('Progressive').check();
  const field = page.getByLabel('Target standard error');
  await field.fill(target);
  await expect(field).toHaveValue(target);
  await recordLive(page);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
}

test('a progressive run narrows the band round by round and stops at the target', async ({ page }) => {
  await startProgressive(page, '0.001');
  await expect(page.getByLabel('Run status')).toContainText('Done', { timeout: 90_000 });
  const texts = await page.evaluate(() => (window as unknown as { liveTexts: string[] }).liveTexts);
  const seen = texts
    .map(parseLive)
    .filter((x): x is { k: number; se: number } => x !== null)
    .filter((x, i, all) => i === 0 || x.k !== all[i - 1].k);
  await expect(live(page)).toContainText('target reached');
  const last = (await readLive(page))!;
  // More than one round was shown, each with more trajectories and a smaller s.e.
  expect(seen.length).toBeGreaterThanOrEqual(2);
  for (let i = 1; i < seen.length; i++) {
    expect(seen[i].k).toBeGreaterThan(seen[i - 1].k);
    expect(seen[i].se).toBeLessThan(seen[i - 1].se);
  }
  expect(last.se).toBeLessThanOrEqual(0.001);
  expect(last.k).toBeGreaterThan(4096);
  expect(last.k).toBeLessThan(1 << 20);
  await expect(live(page)).toContainText('target reached');
  // The plot's band is the final result's.
  await expect(page.locator('svg[data-plot="trajectory"] path.band:not(.allowance)')).toHaveCount(1);
});

test('Stop ends a progressive run, which then adds no more trajectories', async ({ page }) => {
  await startProgressive(page, '0.0000001');
  await expect.poll(async () => (await readLive(page))?.k ?? 0, { timeout: 60_000 }).toBeGreaterThan(1024);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByLabel('Run status')).toHaveText('Stopped', { timeout: 15_000 });
  const k = (await readLive(page))!.k;
  await page.waitForTimeout(1500);
  expect((await readLive(page))!.k).toBe(k);
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
});

test('the page answers input while a progressive run works', async ({ page }) => {
  await startProgressive(page, '0.0000001');
  await expect.poll(async () => (await readLive(page))?.k ?? 0, { timeout: 60_000 }).toBeGreaterThan(0);
  // A ping loop on the page's main thread: the longest gap between 10 ms timers over 3 s.
  const gap = page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let last = performance.now();
        let worst = 0;
        const id = setInterval(() => {
          const now = performance.now();
          worst = Math.max(worst, now - last);
          last = now;
        }, 10);
        setTimeout(() => (clearInterval(id), resolve(worst)), 3000);
      }),
  );
  // Input during the run: a catalogue filter toggles and the catalogue follows.
  const box = page.getByLabel('Irreducible only');
  const before = await box.isChecked();
  const t0 = Date.now();
  await box.click();
  await expect(box).toBeChecked({ checked: !before });
  const answered = Date.now() - t0;
  const worst = await gap;
  await expect(page.getByLabel('Run status')).toContainText('Running');
  expect(answered).toBeLessThan(2000);
  expect(worst).toBeLessThan(500);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByLabel('Run status')).toHaveText('Stopped', { timeout: 15_000 });
});
