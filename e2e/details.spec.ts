// Small things a user sees: the presets on screen at 1280×800 without scrolling, the catalogue
// drawn while a preset runs, the spacetime's note on shuffled epochs, and the editor's Scaling
// line following the schedule.
import { catalogue, entries, expect, openExplorer, test } from './fixtures';

test('the Presets panel is on screen at 1280×800 without scrolling', async ({ page }) => {
  await openExplorer(page, '');
  const items = page.getByRole('list', { name: 'Presets' }).getByRole('listitem');
  await expect(items).toHaveCount(9); // eight experiments and the errata view
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const last = (await items.last().boundingBox())!;
  expect(last.y + last.height).toBeLessThanOrEqual(800);
  await expect(items.last()).toBeInViewport();
});

test('the catalogue is drawn while a preset runs', async ({ page }) => {
  await openExplorer(page, '#v=1&preset=errata&quick=0&run=1');
  await expect(page.locator('.preset-run')).toContainText('Running', { timeout: 20_000 });
  await catalogue(page).scrollIntoViewIfNeeded();
  await expect(page.locator('.preset-run')).toContainText('Running');
  for (const i of [0, 1, 4]) {
    const card = entries(page).nth(i);
    await expect(card).toBeInViewport();
    await expect(card.locator('circle.node').first()).toBeVisible();
    expect((await card.locator('svg').boundingBox())!.height).toBeGreaterThan(20);
  }
  await page.getByRole('button', { name: 'Stop the experiment' }).click();
});

test('shuffled epochs: the spacetime says it shows one example order', async ({ page }) => {
  await openExplorer(page, '#v=1&N=100&E=3&shuf=1');
  await expect(page.getByLabel('Shuffle note')).toContainText('shows the identity order as one example');
  await openExplorer(page, '#v=1&N=100&E=3&shuf=0');
  await expect(page.getByLabel('Shuffle note')).toHaveCount(0);
});

test("the editor's Scaling line follows the schedule", async ({ page }) => {
  await openExplorer(page, '#v=1&N=100&E=2');
  const scaling = page.getByLabel('Scaling', { exact: true });
  await expect(scaling).toContainText('SGD, 2 epochs of N = 100, B = 1');
  await expect(scaling).not.toContainText('one epoch');
  await openExplorer(page, '#v=1&N=100&E=1');
  await expect(page.getByLabel('Scaling', { exact: true })).toContainText('SGD, one epoch, B = 1');
});
