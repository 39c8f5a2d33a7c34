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

/** Open the page and wait until the first catalogue (order 3, test loss) is on screen. */
export async function openExplorer(page: Page): Promise<void> {
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'sgd-diagrams' })).toBeVisible();
  await expect(entries(page).first()).toBeVisible();
}
