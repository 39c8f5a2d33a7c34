// The explorer as a user drives it: drag diagrams onto the grid, move nodes, slide η, run,
// share a link, type a formula, survive broken links, and plots with the expected structure.
import { cell, entries, expect, grid, openExplorer, test } from './fixtures';
import type { Page } from '@playwright/test';

const SMALL = '#v=1&land=gauss&obs=test-loss&order=3&N=4&B=1&E=1&edges=2';
const predictionText = (page: Page) => page.getByLabel('Prediction', { exact: true }).textContent();

async function dragPointer(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

/** HTML5 drag and drop driven by the mouse, with intermediate moves so the drag starts. */
async function dragAndDrop(
  page: Page,
  src: import('@playwright/test').Locator,
  dst: import('@playwright/test').Locator,
) {
  await src.scrollIntoViewIfNeeded();
  const s = (await src.boundingBox())!;
  const d = (await dst.boundingBox())!;
  expect(d.y, 'the drop target is on screen with the source').toBeGreaterThan(50);
  await page.mouse.move(s.x + s.width / 2, s.y + s.height / 2);
  await page.mouse.down();
  await page.mouse.move(s.x + s.width / 2 + 10, s.y + s.height / 2 + 10, { steps: 4 });
  await page.mouse.move(d.x + d.width / 2, d.y + d.height / 2, { steps: 10 });
  await page.mouse.up();
}

const centre = async (loc: import('@playwright/test').Locator) => {
  const b = (await loc.boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
};

test('drag a catalogue diagram onto the grid and read Emb(D)', async ({ page }) => {
  await openExplorer(page, SMALL);
  await expect(grid(page).getByRole('gridcell')).toHaveCount(16);
  await page.getByLabel('Irreducible only').check(); // two entries, one row
  const cherry = entries(page).filter({ has: page.locator('code', { hasText: /^c\(01-2\)\(02-12\)$/ }) });
  await dragAndDrop(page, cherry, cell(page, 1, 1));
  await expect(page.getByLabel('Embeddings')).toHaveText('Emb(D) = 4');
  await expect(page.getByRole('button', { name: /^node 0 at n=\d, t=\d$/ })).toBeVisible();
  await expect(page.getByLabel('Embedding value')).toContainText(/this embedding \(resummed\): [−\d]/);
});

test('drag a node to an illegal cell and read the reason', async ({ page }) => {
  await openExplorer(page, SMALL);
  const chain = entries(page).filter({ has: page.locator('code', { hasText: /^c\(0-1-2\)\(01-12\)$/ }) });
  await dragAndDrop(page, chain, cell(page, 0, 0));
  const node1 = page.getByRole('button', { name: /^node 1 at / });
  await expect(node1).toBeVisible();
  const name1 = (await node1.getAttribute('aria-label'))!;
  const t1 = Number(/t=(\d+)/.exec(name1)![1]);
  await expect(page.getByLabel('Placement problems')).toHaveCount(0);
  // node 0 onto its parent's time: edges must go strictly forward in time
  const node0 = page.getByRole('button', { name: /^node 0 at / });
  const row = t1 === 3 ? 3 : 0;
  await dragPointer(page, await centre(node0), await centre(cell(page, row, t1)));
  await expect(page.getByRole('button', { name: `node 0 at n=${row}, t=${t1}` })).toBeVisible();
  await expect(page.getByLabel('Placement problems')).toContainText(
    `node 0 at t=${t1} must be strictly earlier than its parent node 1 at t=${t1}`,
  );
  await expect(page.getByLabel('Embedding value')).toContainText('illegal');
});

test('changing η by keyboard moves the prediction', async ({ page }) => {
  await openExplorer(page, SMALL);
  const before = await predictionText(page);
  const slider = page.getByRole('slider', { name: 'Learning rate η' });
  await slider.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByLabel('η value')).not.toHaveValue('0.1');
  await expect(page.getByLabel('Prediction', { exact: true })).not.toHaveText(before!);
  await expect(page.getByLabel('Prediction update time')).toContainText(/update \d+\.\d\d ms/);
});

const ARCHIMEDES = '#v=1&land=archimedes&obs=weight&w=z&order=3&eta=0.1&N=200&B=1&E=1&K=256&seed=3&opt=sgd';

test('ARCHIMEDES: the simulated mean lies in its band around the prediction', async ({ page }) => {
  await openExplorer(page, ARCHIMEDES);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByLabel('Agreement', { exact: true })).toHaveText('agrees within simulation error', {
    timeout: 60_000,
  });
  await expect(page.getByLabel('Engine')).toContainText(/Engine: (GPU: |CPU fallback)/);
  await expect(page.getByLabel('Run status')).toContainText('trajectory-steps/s');
  // the trajectory plot: prediction line, simulated mean and its band
  const plot = page.locator('svg[data-plot="trajectory"]');
  await expect(plot.locator('path.line.prediction')).toHaveAttribute('d', /^M[\d.]+,[\d.]+L/);
  await expect(plot.locator('path.band:not(.allowance)')).toHaveCount(1);
  await expect(plot.locator('path.band.allowance')).toHaveCount(1);
  await expect(plot.locator('path.line.sim')).toHaveCount(1);
});

test('Copy link → a new page shows the same state and the same numbers', async ({ page, context }) => {
  await openExplorer(page, ARCHIMEDES);
  await page.getByRole('slider', { name: 'Learning rate η' }).focus();
  await page.keyboard.press('ArrowLeft');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const sim = page.getByLabel('Simulated mean');
  await expect(sim).toBeVisible({ timeout: 60_000 });
  await expect(page.getByLabel('Run status')).toContainText('Done', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.getByLabel('Permalink').inputValue();
  expect(link).toContain('#v=1&');
  const [pred, mean, eta] = [
    await predictionText(page),
    await sim.textContent(),
    await page.getByLabel('η value').inputValue(),
  ];
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByLabel('η value')).toHaveValue(eta);
  await expect(other.getByLabel('Prediction', { exact: true })).toHaveText(pred!);
  await expect(other.getByLabel('Simulated mean')).toHaveText(mean!, { timeout: 60_000 });
  await expect(other.getByRole('alert')).toHaveCount(0);
});

test('a formula typo gives a message with its position', async ({ page }) => {
  await openExplorer(page, SMALL);
  await page.getByRole('combobox', { name: 'Landscape' }).selectOption('custom');
  const loss = page.getByLabel('Loss l_x(θ), x ~ N(0, 1)');
  await loss.fill('0.5*w^2 + * x');
  await expect(page.locator('#formula-error')).toContainText('column 11');
  await expect(page.locator('#formula-error')).toHaveAttribute('role', 'alert');
  await loss.fill('0.5*w^2 + x*w');
  await expect(page.locator('#formula-error')).toHaveCount(0);
  await expect(page.getByLabel('Prediction', { exact: true })).toHaveText(/\d/);
});

test('a broken link names what was dropped and keeps the rest', async ({ page }) => {
  await openExplorer(page, '#v=1&land=gauss&eta=banana&N=8&zzz=1');
  const notice = page.getByRole('alert').filter({ hasText: 'could not be read completely' });
  await expect(notice).toContainText('eta: expected a number');
  await expect(notice).toContainText('zzz: unknown field');
  await expect(page.getByRole('combobox', { name: 'Landscape' })).toHaveValue('gauss');
  await expect(page.getByLabel('N', { exact: true })).toHaveValue('8');
});

test('200 random and malformed hashes: no uncaught error, the page stays usable', async ({ page }) => {
  test.setTimeout(120_000);
  await openExplorer(page, SMALL);
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const keys = [
    'v',
    'land',
    'eta',
    'N',
    'B',
    'E',
    'shuf',
    'bat',
    'obs',
    'w',
    'order',
    'opt',
    'K',
    'seed',
    'd',
    'plot',
    'lp',
    'loss',
    'edges',
    'ties',
    'preset',
    'quick',
    '%',
    '',
  ];
  const vals = [
    '1',
    '0',
    '-1',
    '1e9',
    'NaN',
    'abc',
    '%E0%A4',
    'gauss',
    'custom',
    'c(0)()',
    'c(01-2)(02-12)',
    'c(((',
    '0.1|2',
    '0.0|1',
    'eps:2',
    'x:y',
    '',
    '%',
    '&',
    '==',
    'sgd,ode,xx',
    'weight',
    'all',
    '3',
    'errata',
    'loss-vs-eta',
  ];
  for (let i = 0; i < 200; i++) {
    const n = Math.floor(rnd() * 6);
    const parts: string[] = [];
    for (let j = 0; j < n; j++)
      parts.push(`${keys[Math.floor(rnd() * keys.length)]}=${vals[Math.floor(rnd() * vals.length)]}`);
    let hash = parts.join(rnd() < 0.9 ? '&' : '&&=');
    if (rnd() < 0.1) hash = String.fromCharCode(...Array.from({ length: 12 }, () => 32 + Math.floor(rnd() * 90)));
    if (i % 40 === 0) await page.goto(`./#${hash}`);
    else await page.evaluate((h) => (location.hash = h), hash);
  }
  await page.evaluate(() => (location.hash = '#v=1&land=gauss&N=4'));
  await expect(page.getByRole('heading', { name: 'sgd-diagrams' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  await expect(page.getByLabel('Prediction', { exact: true })).toHaveText(/\d/);
});

test('plots: structure of each SVG and the exports', async ({ page }) => {
  await openExplorer(page, SMALL);
  const tabs = page.getByRole('tablist', { name: 'Plots' });
  await expect(page.locator('svg[data-plot="trajectory"] path.line')).toHaveCount(2); // resummed + exact series
  await tabs.getByRole('tab', { name: 'At T vs η' }).click();
  await expect(page.locator('svg[data-plot="at-T"] path.line.series')).toHaveCount(4);
  await tabs.getByRole('tab', { name: 'Drift vs η' }).click();
  // GAUSS has no drift law of its own: no reference line (ARCHIMEDES' η²/6 is checked below)
  await expect(page.locator('svg[data-plot="drift"] path.line.prediction')).toHaveCount(1);
  await expect(page.locator('svg[data-plot="drift"] path.line.reference')).toHaveCount(0);
  await tabs.getByRole('tab', { name: 'Diagrams' }).click();
  await expect(page.locator('svg[data-plot="diagrams"] g.bar').first()).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'CSV' }).click();
  expect((await download).suggestedFilename()).toBe('sgd-diagrams.csv');
  // hovering shows values
  await page.locator('svg[data-plot="diagrams"]').hover();
  await expect(page.locator('svg[data-plot="diagrams"] g.tooltip')).toBeVisible();
  // the plot has the same shape in every run (snapshot of its structure)
  await tabs.getByRole('tab', { name: 'Against t' }).click();
  const shape = await page
    .locator('svg[data-plot="trajectory"]')
    .evaluate((svg) =>
      [...svg.querySelectorAll('path.line')].map(
        (p) => `${p.getAttribute('data-series')}:${(p.getAttribute('d') ?? '').split('L').length}`,
      ),
    );
  expect(shape).toEqual(['resummed prediction:5', 'exact series (order 3):5']);
});

test('the layout fits 1280×800 in dark mode and is keyboard reachable', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openExplorer(page, SMALL);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.getByRole('slider', { name: 'Steps T' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('T value')).toBeFocused();
  await page.getByRole('button', { name: 'Run', exact: true }).focus();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeFocused();
});

test('plot screenshots match their stored baselines', async ({ page }) => {
  await openExplorer(page, SMALL);
  const tabs = page.getByRole('tablist', { name: 'Plots' });
  // the same state always draws the same picture (a changed axis, line or label shows up here),
  // once the truncation allowance has arrived from its worker
  await expect(page.locator('svg[data-plot="trajectory"] path.band.allowance')).toHaveCount(1);
  await expect(page.locator('svg[data-plot="trajectory"]')).toHaveScreenshot('trajectory.png', {
    maxDiffPixelRatio: 0.01,
  });
  await tabs.getByRole('tab', { name: 'At T vs η' }).click();
  await expect(page.locator('svg[data-plot="at-T"] path.band.allowance')).toHaveCount(1);
  await expect(page.locator('svg[data-plot="at-T"]')).toHaveScreenshot('test-loss-vs-eta.png', {
    maxDiffPixelRatio: 0.01,
  });
});

test('the drift plot draws the landscape’s own law: η²/6 on ARCHIMEDES', async ({ page }) => {
  await openExplorer(page, '#v=1&plot=drift');
  await expect(page.locator('svg[data-plot="drift"] path.line.reference')).toHaveAttribute('data-series', 'η²/6');
});
