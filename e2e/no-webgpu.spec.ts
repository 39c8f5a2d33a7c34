// Without --enable-unsafe-webgpu: the page still works and says WebGPU is unavailable.
import { entries, expect, gpuStatus, openExplorer, test } from './fixtures';

test('the page works and reports WebGPU unavailable', async ({ page }) => {
  await openExplorer(page);
  await expect(gpuStatus(page)).toHaveText(/^WebGPU unavailable: .+/);
  await expect(entries(page)).toHaveCount(17);
  await page.getByLabel('Order (edges)').selectOption('2');
  await expect(entries(page)).toHaveCount(4);
});
