// A `test` whose every page fails the test on an uncaught exception or a console error.
import { test as base, expect, type Page } from '@playwright/test';

export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
      });
      await use(errors);
      expect(errors, 'no uncaught errors or console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export const catalogue = (page: Page) => page.getByRole('list', { name: 'Catalogue' });
export const entries = (page: Page) => catalogue(page).getByRole('listitem');
export const gpuStatus = (page: Page) => page.getByRole('status', { name: 'GPU' });

/** The state the catalogue tests start from: test loss, order 3, only the 3-edge classes. */
export const CATALOGUE_HASH = '#v=1&obs=test-loss&order=3&edges=3';

/** Open the page (optionally at a permalink hash) and wait until the catalogue is on screen. */
export async function openExplorer(page: Page, hash = CATALOGUE_HASH): Promise<void> {
  await page.goto(`./${hash}`);
  await expect(page.getByRole('heading', { name: 'sgd-diagrams' })).toBeVisible();
  await expect(entries(page).first()).toBeVisible();
}

export const grid = (page: Page) => page.getByRole('grid', { name: 'Spacetime' });
export const cell = (page: Page, n: number, t: number) =>
  grid(page).getByRole('gridcell', { name: `n=${n}, t=${t}`, exact: true });
export const prediction = (page: Page) =>
  page.getByRole('status', { name: 'Prediction' }).or(page.getByLabel('Prediction', { exact: true }));
