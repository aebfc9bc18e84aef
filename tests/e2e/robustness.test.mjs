// Work is never lost: a page killed right after an edit finds the edit back, and a full
// storage is said out loud rather than dropping work silently.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch } from './harness.mjs';

let server, browser, context;

before(async () => {
  server = await serveDist();
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open() {
  const page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  await page.goto(server.url);
  await page.getByLabel('Article text').waitFor();
  return page;
}

test('a page killed right after an edit finds every committed edit back', async () => {
  let page = await open();
  await page.getByRole('button', { name: 'Load sample' }).click();
  const zel = () => page.locator('.doc mark[data-start="27"][data-end="45"]');
  await zel().waitFor();
  await zel().click();
  await page.keyboard.press('3'); // LOC
  await page.waitForFunction(() => document.querySelector('.doc mark[data-start="27"]')?.dataset.label === 'LOC');
  // No unload handlers, no waiting: the tab is gone.
  await page.close({ runBeforeUnload: false });
  page = await open();
  await zel().waitFor();
  assert.equal(await zel().getAttribute('data-label'), 'LOC');
  assert.equal(await page.getByRole('button', { name: 'Undo' }).isEnabled(), true);
  await page.close();
});

test('when storage is full the page says so and keeps the work on screen', async () => {
  const page = await open();
  await page.locator('.doc mark').first().waitFor();
  // Fill the origin's storage to the brim with something else.
  await page.evaluate(() => {
    const chunk = 'x'.repeat(256 * 1024);
    for (let i = 0; i < 1000; i++) {
      try { localStorage.setItem(`filler-${i}`, chunk); } catch { break; }
    }
    let small = 1024;
    for (let i = 0; ; i++) {
      try { localStorage.setItem(`crumb-${i}`, 'x'.repeat(small)); } catch { if (small === 1) break; small = Math.floor(small / 2); }
    }
  });
  await page.locator('.doc mark').first().click();
  await page.keyboard.press('4'); // MISC: a change that must be saved
  await page.getByRole('status').getByText(/could not save .*export your work/).waitFor();
  assert.equal(await page.locator('.doc mark').first().getAttribute('data-label'), 'MISC');
  // The work can still be taken away.
  assert.equal(await page.getByRole('button', { name: 'Export JSON' }).isEnabled(), true);
  await page.evaluate(() => Object.keys(localStorage).filter((k) => !k.startsWith('newsmark/')).forEach((k) => localStorage.removeItem(k)));
  await page.close();
});
