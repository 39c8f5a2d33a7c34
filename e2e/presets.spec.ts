// Presets: the paper's experiments run from a link or the list, with a verdict and plots; the
// errata table typesets every corollary before anything runs; a bad preset name is reported.
import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';

const presets = (page: Page) => page.getByRole('list', { name: 'Presets' });
const verdict = (page: Page) => page.getByRole('status', { name: 'Verdict' });
const LOSS_TITLE = 'Test loss against η: series orders 1–4 and the resummed prediction';

test('a preset link runs loss-vs-eta (quick): a pass verdict and its plot', async ({ page }) => {
  await page.goto('./#v=1&preset=loss-vs-eta&quick=1&run=1');
  await expect(page.getByRole('heading', { name: LOSS_TITLE })).toBeVisible();
  await expect(verdict(page).locator('.badge')).toHaveText('pass', { timeout: 60_000 });
  await expect(verdict(page)).toContainText(/z = −?\d/);
  await expect(verdict(page)).toContainText('order 4 holds to');
  await expect(page.getByLabel('Experiment progress')).toHaveJSProperty('value', 1);
  const plot = page.locator('svg[data-plot="loss-vs-eta"]');
  await expect(plot.locator('g.dot')).toHaveCount(5);
  await expect(plot.locator('path.line.series')).toHaveCount(4);
  await expect(plot.locator('path.line.prediction')).toHaveAttribute('d', /^M[\d.]+,[\d.]+L/);
  await expect(presets(page).getByRole('listitem', { name: LOSS_TITLE }).locator('.badge')).toHaveText('pass');
  const hash = new URL(page.url()).hash;
  expect(hash).toContain('preset=loss-vs-eta');
  expect(hash).toContain('run=1');
});

test('the preset list opens a view; Quick and Close follow into the link; Stop stops a run', async ({ page }) => {
  await page.goto('./');
  await expect(presets(page).getByRole('listitem')).toHaveCount(9);
  const item = presets(page).getByRole('listitem', { name: 'ARCHIMEDES: drift along a valley of minima (Cor. 1)' });
  await item.getByRole('button').click();
  await expect(
    page.getByRole('heading', { name: 'ARCHIMEDES: drift along a valley of minima (Cor. 1)' }),
  ).toBeFocused();
  await expect(page).toHaveURL(/preset=archimedes&quick=1$/);
  await expect(verdict(page)).toHaveText('No verdict yet: run it.');
  await page.getByRole('checkbox', { name: 'Quick' }).uncheck();
  await expect(page).toHaveURL(/preset=archimedes&quick=0$/);
  await page.getByRole('checkbox', { name: 'Quick' }).check();
  await page.getByRole('button', { name: 'Run experiment' }).click();
  await expect(page.getByText(/^Running \(quick\)/)).toBeVisible();
  await page.getByRole('button', { name: 'Stop the experiment' }).click();
  await expect(page.getByText('Stopped', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Run experiment' })).toBeEnabled();
  await page.getByRole('button', { name: 'Close the preset view' }).click();
  await expect(page.getByRole('heading', { name: /^ARCHIMEDES/ })).toHaveCount(0);
  expect(new URL(page.url()).hash).not.toContain('preset=');
});

test('the errata view typesets the printed and verified form of every corollary before running', async ({ page }) => {
  await page.goto('./#v=1&preset=errata');
  const table = page.getByRole('table', { name: 'Errata' });
  await expect(table).toBeVisible();
  for (const c of ['Cor. 1', 'Cor. 2', 'Cor. 3', 'Cor. 4', 'Cor. 5', 'Example 1']) {
    const rows = table.locator(`tr[data-corollary="${c}"]`);
    await expect(rows.first()).toBeVisible();
    for (const row of await rows.all()) {
      await expect(row.locator('.katex')).toHaveCount(2);
      await expect(row.getByLabel(`${c} as printed`).locator('.katex-mathml')).toHaveCount(1);
      await expect(row.getByLabel(`${c} verified`).locator('.katex-html')).toHaveCount(1);
    }
  }
  await expect(table.locator('tbody tr')).toHaveCount(7);
  await expect(page.getByRole('button', { name: 'Run the deciding simulations' })).toBeEnabled();
});

test('an unknown preset is named in an alert and the page stays usable', async ({ page }) => {
  await page.goto('./#v=1&preset=no-such-experiment&eta=0.05');
  const notice = page.getByRole('alert').filter({ hasText: 'could not be read completely' });
  await expect(notice).toContainText('preset: unknown preset "no-such-experiment"');
  await expect(page.getByLabel('η value')).toHaveValue('0.05');
  await expect(page.getByRole('heading', { name: 'sgd-diagrams' })).toBeVisible();
  await presets(page)
    .getByRole('listitem', { name: 'GAUSS: SGD vs SDE vs GD vs gradient flow (Cor. 5)' })
    .getByRole('button')
    .click();
  await expect(page.getByRole('button', { name: 'Run experiment' })).toBeEnabled();
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
});
