// With --enable-unsafe-webgpu the page finds an adapter (SwiftShader on a machine without a GPU).
import { expect, gpuStatus, openExplorer, test } from './fixtures';

test('the GPU status names the WebGPU adapter', async ({ page }) => {
  await openExplorer(page);
  await expect(gpuStatus(page)).toHaveText(/^WebGPU: \S/);
  await expect(gpuStatus(page)).not.toContainText('unavailable');
  const info = await page.evaluate(async () => {
    const a = await navigator.gpu.requestAdapter();
    return a && { architecture: a.info.architecture, fallback: a.info.isFallbackAdapter };
  });
  expect(info).not.toBeNull();
  if (info!.architecture === 'swiftshader') {
    await expect(gpuStatus(page)).toHaveText('WebGPU: SwiftShader (software)');
  } else if (info!.fallback) {
    await expect(gpuStatus(page)).toContainText('(software)');
  }
  // With WebGPU a Run simulates 16 384 trajectories by default.
  await expect(page.getByLabel('Trajectories', { exact: true })).toHaveValue('16384');
});
