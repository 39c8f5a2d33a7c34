// Plots that survive divergent series: on the default page (T = 1000) the series of z at T of
// orders 3 and 4 run off to ±10⁶ within the η range; the axis follows the simulation and the
// resummed prediction, each series is clipped with a mark where it leaves, and the legend says where.
import { expect, openExplorer, test } from './fixtures';

test('At T vs η: a divergent series is clipped, marked and named; the axis stays on the prediction', async ({
  page,
}) => {
  await openExplorer(page, '');
  await page.getByRole('tablist', { name: 'Plots' }).getByRole('tab', { name: 'At T vs η' }).click();
  const plot = page.locator('svg[data-plot="at-T"]');
  const legend = page.getByRole('figure', { name: /at T against η/ }).locator('.plot-legend');
  await expect(legend.getByText(/^series, order 3 — leaves the plot at η ≈ 0\.0\d+$/)).toBeVisible();
  await expect(legend.getByText('series, order 4 — below the plot from η ≈ 0.025', { exact: true })).toBeVisible();
  await expect(plot.locator('path.exit-mark[data-exit="series, order 3"]')).toHaveCount(1);
  await expect(plot.locator('path.exit-mark[data-exit="series, order 4"]')).toHaveCount(1);
  await expect(plot.locator('path.exit-mark[data-exit="resummed prediction"]')).toHaveCount(0);
  // the y axis spans the prediction (z ≈ 1.8 at η = 0.1), not the series' millions
  const ticks = (await plot.locator('g.axis text[x]').allTextContents())
    .map((t) => Number(t.replace('−', '-')))
    .filter(Number.isFinite);
  expect(Math.max(...ticks.map(Math.abs))).toBeLessThan(100);
  // the truncation allowance band has been computed and drawn
  await expect(plot.locator('path.band.allowance')).toHaveCount(1);
  await expect(plot).toHaveScreenshot('test-loss-divergent-series.png', { maxDiffPixelRatio: 0.01 });
});
