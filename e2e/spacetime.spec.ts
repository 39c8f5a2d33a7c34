// The spacetime view at the default page's size (N = T = 1000) and beyond: a window of named
// cells, pan and zoom by keyboard and mouse, the overview, a catalogue diagram dropped onto the
// window, its nodes moved by keyboard and by mouse, and the reasons a placement is illegal.
import type { Locator, Page } from '@playwright/test';
import { catalogue, cell, expect, grid, openExplorer, test } from './fixtures';

const windowText = (page: Page) => page.getByLabel('Window', { exact: true }).first().textContent();

/** HTML5 drag and drop driven by the mouse, with intermediate moves so the drag starts. */
async function dragAndDrop(page: Page, src: Locator, dst: Locator) {
  await src.scrollIntoViewIfNeeded();
  const s = (await src.boundingBox())!;
  const d = (await dst.boundingBox())!;
  expect(d.y, 'the drop target is on screen with the source').toBeGreaterThan(0);
  await page.mouse.move(s.x + s.width / 2, s.y + s.height / 2);
  await page.mouse.down();
  await page.mouse.move(s.x + s.width / 2 + 10, s.y + s.height / 2 + 10, { steps: 4 });
  await page.mouse.move(d.x + d.width / 2, d.y + d.height / 2, { steps: 10 });
  await page.mouse.up();
}

async function centre(loc: Locator) {
  const b = (await loc.boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

const nodeCell = async (node: Locator) => {
  const m = /n=(\d+), t=(\d+)$/.exec((await node.getAttribute('aria-label'))!)!;
  return { n: Number(m[1]), t: Number(m[2]) };
};

test('the default page: drop a diagram on the 1000 × 1000 spacetime, move a node by keyboard and mouse', async ({
  page,
}) => {
  await openExplorer(page, '');
  await expect(page.getByRole('heading', { name: /Spacetime/ })).toContainText('N = 1000 × T = 1000');
  await expect(page.getByText(/at most 64/)).toHaveCount(0);
  // a window of real cells, the last updates first; one-epoch B = 1 uses cell (n, n)
  await expect(cell(page, 999, 999)).toBeVisible();
  await expect(cell(page, 999, 999)).toHaveAttribute('aria-selected', 'true');
  await expect(cell(page, 998, 999)).toHaveAttribute('aria-selected', 'false');
  const count = await grid(page).getByRole('gridcell').count();
  expect(count).toBeGreaterThan(100);
  expect(count).toBeLessThan(5000);
  await expect(
    page.getByRole('img', { name: /Overview of the whole spacetime, 1000 datapoints by 1000 updates/ }),
  ).toBeVisible();

  const chain = catalogue(page).getByRole('listitem', { name: 'c(0-1-2-3)(01-12-23)', exact: true });
  await dragAndDrop(page, chain, cell(page, 990, 990));
  const node0 = page.getByRole('button', { name: /^node 0 at n=\d+, t=\d+$/ });
  await expect(node0).toBeVisible();
  await expect(page.getByRole('button', { name: /^node 2 at n=\d+, t=\d+$/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /^root node 3 at t=T$/ })).toBeVisible();
  await expect(page.getByLabel('Placement problems')).toHaveCount(0);
  // Emb(D) of the whole spacetime: three distinct updates out of 1000, C(1000, 3)
  await expect(page.getByLabel('Embeddings')).toHaveText('Emb(D) = 166167000');
  await expect(page.getByLabel('Embedding value')).toContainText(/this embedding \(resummed\): [−\d]/);
  const start = await nodeCell(node0);
  expect(start.n).toBe(start.t);

  // keyboard: one update earlier is off the schedule (the reason is written out), one row up is legal again
  await node0.focus();
  await page.keyboard.press('ArrowLeft');
  const moved = page.getByRole('button', { name: `node 0 at n=${start.n}, t=${start.t - 1}` });
  await expect(moved).toBeFocused();
  await expect(page.getByLabel('Placement problems')).toContainText(
    `datapoint ${start.n} is not used at update ${start.t - 1}`,
  );
  await expect(page.getByLabel('Embedding value')).toContainText('illegal');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('button', { name: `node 0 at n=${start.n - 1}, t=${start.t - 1}` })).toBeFocused();
  await expect(page.getByLabel('Placement problems')).toHaveCount(0);

  // mouse: drag node 0 onto the schedule's cell three steps earlier
  const target = cell(page, start.n - 4, start.t - 4);
  const from = await centre(page.getByRole('button', { name: /^node 0 at / }));
  const to = await centre(target);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
  await expect(page.getByRole('button', { name: `node 0 at n=${start.n - 4}, t=${start.t - 4}` })).toBeVisible();
  await expect(page.getByLabel('Placement problems')).toHaveCount(0);
});

test('pan and zoom with the keyboard; a node moved past the edge takes the window with it', async ({ page }) => {
  await openExplorer(page, '');
  const first = await windowText(page);
  const focused = grid(page).locator('[role=gridcell][tabindex="0"]');
  await focused.focus();
  const c0 = await focused.getAttribute('aria-label');
  // Shift+ArrowLeft jumps a whole window back in time
  await page.keyboard.press('Shift+ArrowLeft');
  await expect.poll(() => windowText(page)).not.toBe(first);
  const focusedNow = page.locator(':focus');
  await expect(focusedNow).toHaveAttribute('role', 'gridcell');
  expect(await focusedNow.getAttribute('aria-label')).not.toBe(c0);
  // − zooms out (more cells), + zooms back in
  const before = await grid(page).getByRole('gridcell').count();
  await page.keyboard.press('-');
  await expect.poll(() => grid(page).getByRole('gridcell').count()).toBeGreaterThan(before);
  await expect(page.locator(':focus')).toHaveAttribute('role', 'gridcell');
  await page.keyboard.press('+');
  await expect.poll(() => grid(page).getByRole('gridcell').count()).toBe(before);

  // the overview: a click near its top-left corner brings the window to the first cells
  const ov = page.getByRole('img', { name: /Overview of the whole spacetime/ });
  const box = (await ov.boundingBox())!;
  await page.mouse.click(box.x + 1, box.y + 1);
  await expect(page.getByLabel('Window', { exact: true }).first()).toHaveText(/^n \d–\d+ · t \d–\d+$/);
  await expect(cell(page, 12, 12)).toBeVisible();

  // drop a one-edge diagram at the window's first cells, then walk its node down the diagonal
  // past the window's edge: the window follows and the node keeps the focus
  const leaf = catalogue(page).getByRole('listitem', { name: 'c(0-1)(01)', exact: true });
  await dragAndDrop(page, leaf, cell(page, 12, 12));
  const node = page.getByRole('button', { name: /^node 0 at / });
  await expect(node).toBeVisible();
  const at = await nodeCell(node);
  await node.focus();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
  }
  const end = page.getByRole('button', { name: `node 0 at n=${at.n + 60}, t=${at.t + 60}` });
  await expect(end).toBeFocused();
  await expect(cell(page, at.n + 60, at.t + 60)).toBeVisible();
  await expect(page.getByLabel('Window', { exact: true }).first()).not.toHaveText(/^n \d–/);
  await expect(page.getByLabel('Placement problems')).toHaveCount(0);
});

test("mouse: a node held at the window's edge takes the window along", async ({ page }) => {
  await openExplorer(page, '');
  const chain = catalogue(page).getByRole('listitem', { name: 'c(0-1)(01)', exact: true });
  await dragAndDrop(page, chain, cell(page, 990, 990));
  const node = page.getByRole('button', { name: /^node 0 at / });
  await expect(node).toBeVisible();
  const start = await nodeCell(node);
  const first = await windowText(page);
  const from = await centre(node);
  const edge = (await grid(page).boundingBox())!;
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(edge.x + 4, from.y, { steps: 6 });
  await expect.poll(() => windowText(page)).not.toBe(first);
  await page.waitForTimeout(800);
  await page.mouse.move(edge.x + 12, from.y, { steps: 2 });
  await page.mouse.up();
  const end = await nodeCell(page.getByRole('button', { name: /^node 0 at / }));
  expect(end.n).toBe(start.n);
  // dropped on an update left of the first window: the node crossed it
  const t0 = Number(/· t (\d+)–/.exec(first!)![1]);
  expect(end.t).toBeLessThan(t0);
});

test('mouse: dragging the background pans, the wheel zooms', async ({ page }) => {
  await openExplorer(page, '');
  const first = await windowText(page);
  const c = await centre(cell(page, 995, 995));
  await page.mouse.move(c.x, c.y);
  await page.mouse.down();
  await page.mouse.move(c.x + 60, c.y + 60, { steps: 6 });
  await page.mouse.up();
  await expect.poll(() => windowText(page)).not.toBe(first);
  // the pan did not edit the schedule
  await expect(page.getByRole('button', { name: 'Reset schedule' })).toHaveCount(0);
  const before = await grid(page).getByRole('gridcell').count();
  await page.mouse.move(c.x, c.y);
  await page.mouse.wheel(0, 300);
  await expect.poll(() => grid(page).getByRole('gridcell').count()).toBeGreaterThan(before);
});

test('a 10⁵ × 10⁵ spacetime: the window, a drop and Emb(D) of the whole spacetime', async ({ page }) => {
  await openExplorer(page, '#v=1&N=100000');
  await expect(page.getByRole('heading', { name: /Spacetime/ })).toContainText('N = 100000 × T = 100000');
  await expect(cell(page, 99_999, 99_999)).toBeVisible();
  const leaf = catalogue(page).getByRole('listitem', { name: 'c(0-1)(01)', exact: true });
  await dragAndDrop(page, leaf, cell(page, 99_990, 99_990));
  await expect(page.getByRole('button', { name: /^node 0 at n=999\d\d, t=999\d\d$/ })).toBeVisible();
  await expect(page.getByLabel('Embeddings')).toHaveText('Emb(D) = 100000');
});

test('a custom schedule is edited in the window', async ({ page }) => {
  await openExplorer(page, '');
  const off = cell(page, 990, 995);
  await expect(off).toHaveAttribute('aria-selected', 'false');
  await off.click();
  await expect(cell(page, 990, 995)).toHaveAttribute('aria-selected', 'true');
  await cell(page, 990, 995).press('Space');
  await expect(cell(page, 990, 995)).toHaveAttribute('aria-selected', 'false');
});
