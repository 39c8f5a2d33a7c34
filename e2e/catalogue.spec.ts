// The catalogue as a user drives it: observable, order and filters change the list.
import { catalogue, entries, expect, openExplorer, test } from './fixtures';

const notations = (page: import('@playwright/test').Page) =>
  entries(page).evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));

test.beforeEach(async ({ page }) => {
  await openExplorer(page);
});

test('order 3, test loss: 17 classes, the drift diagram among them', async ({ page }) => {
  await expect(page.getByLabel('Observable')).toHaveValue('test-loss');
  await expect(page.getByLabel('Order (edges)')).toHaveValue('3');
  await expect(entries(page)).toHaveCount(17);
  const drift = catalogue(page).getByRole('listitem', { name: 'c(01-2-3)(02-12-23)', exact: true });
  await expect(drift).toBeVisible();
  await expect(drift).toHaveAttribute('draggable', 'true');
  await expect(drift.locator('code')).toHaveText('c(01-2-3)(02-12-23)');
  // two tied leaves: one outline around both, four nodes, three edges
  await expect(drift.locator('path.hull')).toHaveCount(1);
  await expect(drift.locator('path.hull')).toHaveAttribute('data-part', '01');
  await expect(drift.locator('circle.node')).toHaveCount(4);
  await expect(drift.locator('line.edge')).toHaveCount(3);
  await expect(drift.getByText('|Aut|')).toBeVisible();
});

test('order 2, test loss: the four expected classes with their counts', async ({ page }) => {
  await page.getByLabel('Order (edges)').selectOption('2');
  await expect(entries(page)).toHaveCount(4);
  expect(await notations(page)).toEqual(['c(0-1-2)(01-12)', 'c(0-1-2)(02-12)', 'c(01-2)(01-12)', 'c(01-2)(02-12)']);
  const cherry = catalogue(page).getByRole('listitem', { name: 'c(01-2)(02-12)', exact: true });
  const stat = (term: string) => cherry.locator('dl div', { has: page.locator('dt', { hasText: term }) }).locator('dd');
  await expect(stat('|Aut|')).toHaveText('2');
  await expect(stat('ties')).toHaveText('1');
  await expect(stat('irreducible')).toHaveText('yes');
  const chain = catalogue(page).getByRole('listitem', { name: 'c(0-1-2)(01-12)', exact: true });
  await expect(chain.locator('dd.no')).toHaveText('no');
  await expect(chain.locator('path.hull')).toHaveCount(0);
});

test('switching the observable changes the list', async ({ page }) => {
  await page.getByLabel('Order (edges)').selectOption('2');
  await page.getByLabel('Observable').selectOption('train-loss');
  await expect(entries(page)).toHaveCount(9);
  // for the train loss the root may share a part with other nodes
  await expect(catalogue(page).getByRole('listitem', { name: 'c(012)(02-12)', exact: true })).toBeVisible();
  await page.getByLabel('Observable').selectOption('weight');
  await expect(entries(page)).toHaveCount(2);
  await expect(page.getByText('2 classes · 2 edges · weight')).toBeVisible();
  await page.getByLabel('Edges', { exact: true }).selectOption('all');
  await expect(page.getByText('4 classes · up to 2 edges · weight')).toBeVisible();
});

test('order 0 and order 5', async ({ page }) => {
  await page.getByLabel('Order (edges)').selectOption('0');
  await expect(entries(page)).toHaveCount(1);
  await expect(entries(page).first()).toHaveAccessibleName('c(0)()');
  await page.getByLabel('Order (edges)').selectOption('5');
  await page.getByLabel('Edges', { exact: true }).selectOption('5');
  await expect(page.getByText('700 classes · 5 edges · test loss')).toBeVisible();
  // large catalogues come a page at a time
  await expect(entries(page)).toHaveCount(240);
  await page.getByRole('button', { name: 'Show all 700' }).click();
  await expect(entries(page)).toHaveCount(700);
});

test('filters: irreducible only and ties', async ({ page }) => {
  await page.getByLabel('Irreducible only').check();
  await expect(entries(page)).toHaveCount(12);
  await expect(page.getByText('12 of 17 classes')).toBeVisible();
  await page.getByLabel('Irreducible only').uncheck();
  const ties = page.getByRole('group', { name: 'Ties' });
  const expected: [string, number][] = [
    ['0', 4],
    ['1', 9],
    ['2+', 4],
    ['Any', 17],
  ];
  for (const [label, count] of expected) {
    await ties.getByLabel(label, { exact: true }).check();
    await expect(entries(page)).toHaveCount(count);
  }
  await ties.getByLabel('0', { exact: true }).check();
  for (const n of await notations(page)) expect(n).toMatch(/^c\(0-1-2-3\)/);
  // the lone order-0 diagram has no tie, so asking for one tie leaves nothing
  await ties.getByLabel('1', { exact: true }).check();
  await page.getByLabel('Order (edges)').selectOption('0');
  await expect(page.getByText('No diagram class with 0 edges passes these filters.')).toBeVisible();
});

test('keyboard: the controls and the catalogue are operable without a mouse', async ({ page }) => {
  await page.getByLabel('Order (edges)').focus();
  await page.keyboard.press('ArrowUp'); // 3 → 2 on a focused select
  await expect(entries(page)).toHaveCount(4);
  await page.getByLabel('Edges', { exact: true }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Irreducible only')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(entries(page)).toHaveCount(3);
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight'); // radio group: Any → 0
  await expect(page.getByRole('radio', { name: '0', exact: true })).toBeChecked();
  await expect(entries(page)).toHaveCount(1);
  await page.keyboard.press('ArrowLeft');
  await expect(entries(page)).toHaveCount(3);
  // one tab stop into the catalogue, arrows move between entries, Enter loads into the editor
  await page.keyboard.press('Tab');
  await expect(entries(page).nth(0)).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(entries(page).nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(entries(page).nth(2)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(entries(page).nth(0)).toBeFocused();
  const first = await entries(page).nth(0).getAttribute('aria-label');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Editor notation')).toHaveText(first!);
});

test('dragging an entry carries its notation', async ({ page }) => {
  const drift = catalogue(page).getByRole('listitem', { name: 'c(01-2-3)(02-12-23)', exact: true });
  const text = await drift.evaluate((el) => {
    const dt = new DataTransfer();
    el.dispatchEvent(new DragEvent('dragstart', { bubbles: true, cancelable: true, dataTransfer: dt }));
    return dt.getData('text/plain');
  });
  expect(text).toBe('c(01-2-3)(02-12-23)');
});
