// Formula observables and the per-weight learning rate as a user meets them: a permalink opens
// them, the φ field is checked as you type, the learning-rate editor changes the prediction, the
// spread tab draws the band, and the link carries it all (version 2).
import { expect, openExplorer, prediction, test } from './fixtures';

const LINK = '#v=2&land=archimedes&obs=formula&phi=u%5E2%20%2B%20v%5E2&order=3&eta=0.1&N=200&B=1&E=1&edges=2';

test('a formula observable with a per-weight learning rate', async ({ page }) => {
  await openExplorer(page, LINK);
  const phi = page.getByLabel('Observable formula φ');
  await expect(phi).toHaveValue('u^2 + v^2');
  await expect(prediction(page)).toContainText(/\d/);
  const before = await prediction(page).textContent();

  // checked as you type: a data variable, then a syntax error with a caret
  await phi.fill('u^2 + x');
  await expect(page.locator('#phi-error')).toContainText('"x" is a data variable');
  await phi.fill('u^2 + * v');
  await expect(page.locator('#phi-error pre.caret')).toBeVisible();
  await phi.fill('u^2 + v^2');
  await expect(page.locator('#phi-error')).toHaveCount(0);

  // per-weight rates: scalar by default, then p_u = p_v = 0.5
  const mode = page.getByLabel('Learning rate per weight');
  await expect(mode).toHaveValue('scalar');
  await mode.selectOption('diagonal');
  await page.getByLabel('learning-rate factor of u').fill('0.5');
  await page.getByLabel('learning-rate factor of v').fill('0.5');
  await expect(prediction(page)).not.toHaveText(before!);
  await expect(page).toHaveURL(/#v=2&.*lr=0\.5%2C%200\.5%2C%201/);

  // a bad matrix is named
  await mode.selectOption('matrix');
  await page.getByLabel('Preconditioner matrix P').fill('1, 2, 0; 2, 1, 0; 0, 0, 1');
  await expect(
    page.getByRole('form', { name: 'Scenario' }).getByRole('alert').filter({ hasText: 'not positive definite' }),
  ).toBeVisible();
  await page.getByLabel('Preconditioner matrix P').fill('1, 0, 0; 0, 1, 0; 0, 0, 2');

  // the spread tab draws the predicted band
  await page.getByRole('tab', { name: 'Spread of φ' }).click();
  await expect(page.locator('#plot-panel')).toContainText(/spread of u\^2 \+ v\^2/);
});

test('a version-1 link still opens as before', async ({ page }) => {
  await openExplorer(page, '#v=1&land=archimedes&obs=weight&w=z&order=3&eta=0.1&N=200&B=1&E=1');
  await expect(page.getByLabel('Observable', { exact: true })).toHaveValue('weight');
  await expect(page.getByLabel('Learning rate per weight')).toHaveValue('scalar');
  await expect(page.getByLabel('Observable formula φ')).toHaveCount(0);
});

test('a variance run: the runs report Var φ, the spread tab draws its square root against the band', async ({
  page,
}) => {
  const hash =
    '#v=2&land=archimedes&obs=formula&phi=u%5E2%20%2B%20v%5E2&var=1&lr=0.5%2C%200.5%2C%202' +
    '&order=3&eta=0.1&N=200&B=1&E=1&K=256&seed=3&opt=sgd&plot=spread';
  await openExplorer(page, hash);
  await expect(page.getByLabel('Observable formula φ')).toHaveValue('u^2 + v^2');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByLabel('Run status')).toContainText('Done', { timeout: 60_000 });
  const plot = page.locator('svg[data-plot="spread"]');
  await expect(plot.locator('path.line.sim')).toHaveCount(1);
  await expect(plot.locator('path.line.sim')).toHaveAttribute('data-series', 'SGD simulated s.d.');
});
