// The agreement line tells simulation error from the theory's truncation. ARCHIMEDES at η = 0.3,
// T = 100 with 16 384 trajectories: the simulation (≈ 1.816 ± 0.005) is far more precise than
// order 3 (1.849, allowance ± 0.079 from order 5), and order 5 (1.928) misses by more than both.
// The default page (N = T = 1000, η = 0.1) at 2¹⁶ trajectories is the same story at order 3.
// (Agreement within simulation error is the ARCHIMEDES test in explorer.spec.ts.)
import { expect, openExplorer, test } from './fixtures';

const CASE = '#v=1&land=archimedes&obs=weight&w=z&eta=0.3&N=100&B=1&E=1&K=16384&seed=0&opt=sgd';

test('order 3: outside the simulation band, within the truncation allowance', async ({ page }) => {
  test.setTimeout(120_000);
  await openExplorer(page, `${CASE}&order=3`);
  await expect(page.getByLabel('Truncation allowance')).toHaveText(
    /^± 0\.079\d* \(\|order 5 − order 3\|; order 4 adds nothing\)$/,
  );
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByLabel('Agreement', { exact: true })).toHaveText(
    "agrees within the theory's truncation (the simulation is more precise than order 3)",
    { timeout: 90_000 },
  );
  await expect(page.getByLabel('Agreement details')).toContainText('allowance ± 0.079');
  // the plot against t shows the allowance around the prediction
  await expect(page.locator('svg[data-plot="trajectory"] path.band.allowance')).toHaveCount(1);
  await expect(page.getByRole('figure').getByText('truncation allowance (order 3)')).toBeVisible();
});

test('order 5: disagrees beyond both', async ({ page }) => {
  test.setTimeout(120_000);
  await openExplorer(page, `${CASE}&order=5`);
  await expect(page.getByLabel('Truncation allowance')).toContainText(
    '|order 5 − order 4|; the last included order stands in',
  );
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByLabel('Agreement', { exact: true })).toHaveText(
    'disagrees beyond both the simulation error and the truncation allowance',
    { timeout: 90_000 },
  );
});

test('the default page at 2¹⁶ trajectories: within the truncation, not the simulation error', async ({ page }) => {
  test.setTimeout(180_000);
  await openExplorer(page, '#v=1&K=65536');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByLabel('Agreement', { exact: true })).toHaveText(
    "agrees within the theory's truncation (the simulation is more precise than order 3)",
    { timeout: 160_000 },
  );
});

test('changing the order keeps the simulation (it does not depend on the order) and judges it anew', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openExplorer(page, `${CASE}&order=3`);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByLabel('Run status')).toContainText('Done', { timeout: 90_000 });
  const mean = await page.getByLabel('Simulated mean').textContent();
  // a rerun would first take the simulated mean off the panel
  await page.evaluate(() => {
    const w = window as unknown as { meanLost: boolean };
    w.meanLost = false;
    new MutationObserver(() => {
      if (!document.querySelector('[aria-label="Simulated mean"]')) w.meanLost = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.getByLabel('Order (edges)').selectOption('5');
  await expect(page.getByLabel('Truncation allowance')).toContainText('the last included order stands in');
  await expect(page.getByLabel('Agreement', { exact: true })).toHaveText(
    'disagrees beyond both the simulation error and the truncation allowance',
  );
  await expect(page.getByLabel('Simulated mean')).toHaveText(mean!);
  await expect(page.getByLabel('Run status')).toContainText('Done');
  expect(await page.evaluate(() => (window as unknown as { meanLost: boolean }).meanLost)).toBe(false);
});
