// Without --enable-unsafe-webgpu: the page still works, says WebGPU is unavailable, and runs
// simulations and presets on the CPU engine.
import { entries, expect, gpuStatus, openExplorer, test } from './fixtures';

test('the page works and reports WebGPU unavailable', async ({ page }) => {
  await openExplorer(page);
  await expect(gpuStatus(page)).toHaveText(/^WebGPU unavailable: .+/);
  await expect(entries(page)).toHaveCount(17);
  await page.getByLabel('Order (edges)').selectOption('2');
  await expect(entries(page)).toHaveCount(4);
});

test('the default trajectory count is one the CPU twin runs in seconds', async ({ page }) => {
  await openExplorer(page, '');
  await expect(gpuStatus(page)).toHaveText(/^WebGPU unavailable/);
  await expect(page.getByLabel('Trajectories', { exact: true })).toHaveValue('512');
});

test('ARCHIMEDES on the CPU fallback: the simulated mean lies in its band', async ({ page }) => {
  await openExplorer(page, '#v=1&land=archimedes&obs=weight&w=z&order=3&eta=0.1&N=200&B=1&E=1&K=256&seed=3&opt=sgd');
  await expect(page.getByLabel('Engine')).toContainText('CPU fallback');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByLabel('Agreement', { exact: true })).toHaveText('agrees within simulation error', {
    timeout: 60_000,
  });
  await expect(page.getByLabel('Engine')).toContainText('CPU fallback');
});

test('a preset runs on the CPU twin in its worker and passes', async ({ page }) => {
  await page.goto('./#v=1&preset=loss-vs-eta&quick=1&run=1');
  const verdict = page.getByRole('status', { name: 'Verdict' });
  await expect(verdict.locator('.badge')).toHaveText('pass', { timeout: 60_000 });
  await expect(page.getByText(/^Done \(quick\) in [\d.]+ s · CPU twin$/)).toBeVisible();
  await expect(page.locator('svg[data-plot="loss-vs-eta"] g.dot')).toHaveCount(5);
});
