// Long texts are annotated in a Web Worker (issue 7): the page shows a pasted megabyte at
// once, says it is annotating, takes keys meanwhile, and ends with exactly the spans the
// page's own pipeline gives (`window.newsmark.annotate`). Without a worker (the browser
// refuses its script) the page annotates on the main thread, to the same spans.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, serveDist, launch } from './harness.mjs';

let server, browser;
const SAMPLE = await readFile(join(ROOT, 'www/samples/paris-talks-2025-09-01.txt'), 'utf8');
// About 1 MB: far past the 64 KB from which the worker annotates.
const repeat = (bytes) => Array.from({ length: Math.ceil(bytes / SAMPLE.length) }, () => SAMPLE).join('\n\n');
const TEXT = repeat(1_000_000);
// About 300 KB, for the quicker tests.
const LONG = repeat(300_000);

before(async () => {
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open({ blockWorker = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  // Records whether the annotated view was ever marked busy.
  await context.addInitScript(() => {
    window.__busySeen = false;
    new MutationObserver(() => {
      if (document.querySelector('section.result[aria-busy="true"]')) window.__busySeen = true;
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'] });
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  if (blockWorker) await page.route('**/annotate-worker.js', (route) => route.abort());
  await page.goto(server.url);
  await page.locator('[data-engine="model"]').waitFor();
  await page.locator(`[data-worker="${blockWorker ? 'off' : 'ready'}"]`).waitFor({ state: 'attached' });
  return page;
}

/** Pastes `text` over the article area's text: clipboard, Ctrl+A, Ctrl+V. */
async function paste(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.getByLabel('Article text').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
}

/** The saved document once it holds `text` fully annotated (long texts are saved a moment
 *  after the repaint; a state still waiting for the worker is saved as `stale`). */
async function savedWhenDone(page, text) {
  const handle = await page.waitForFunction((n) => {
    const raw = localStorage.getItem('newsmark/v1/document');
    if (!raw || document.querySelector('section.result[aria-busy="true"]')) return null;
    const doc = JSON.parse(raw).document;
    return doc.text.length === n && !doc.stale ? doc : null;
  }, text.length, { timeout: 120000, polling: 500 });
  return handle.jsonValue();
}

const spansOf = (doc) => doc.spans.map((s) => [s.start, s.end, s.label, s.value ?? null]);

/** Holds the worker's answers until `worker.evaluate(() => self.__release())`. */
async function holdAnswers(page) {
  const [worker] = page.workers();
  assert.ok(worker, 'the page runs a worker');
  await worker.evaluate(() => {
    const post = self.postMessage.bind(self);
    const held = [];
    self.postMessage = (m, transfer) => (m.type === 'done' ? held.push([m, transfer]) : post(m, transfer));
    self.__release = () => { self.postMessage = post; for (const [m, t] of held) post(m, t); };
  });
  return worker;
}

/** What the page's pipeline gives for `text`, on the main thread. */
const expected = (page, text) => page.evaluate((t) => window.newsmark.annotate(t), text);

test('a 1 MB paste is annotated in the worker while the page takes keys, to the same spans', async () => {
  const page = await open();
  // The worker's answers are held until the test lets them go, so that "meanwhile" does
  // not depend on the machine's speed.
  const worker = await holdAnswers(page);
  await paste(page, TEXT);
  // The text is taken at once and the page says it is annotating.
  await page.locator('section.result[aria-busy="true"]').waitFor({ state: 'attached', timeout: 30000 });
  assert.match(await page.locator('.annotating').innerText(), /annotating/);
  // So long a text is not kept in the text area (see robustness.test.mjs).
  assert.match(await page.locator('.long-text').innerText(), /The text is 1\.\d\d MB/);
  // A key pressed meanwhile is handled meanwhile.
  await page.evaluate(() => {
    document.activeElement?.blur();
    window.__keyWhileBusy = null;
    addEventListener('keydown', () => {
      window.__keyWhileBusy = document.querySelector('section.result').getAttribute('aria-busy');
    }, { once: true, capture: true });
  });
  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  assert.equal(await page.evaluate(() => window.__keyWhileBusy), 'true', 'the key came while annotating');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('section.result').getAttribute('aria-busy'), 'true');
  await worker.evaluate(() => self.__release());

  const doc = await savedWhenDone(page, TEXT);
  assert.equal(doc.text, TEXT);
  await page.locator('.doc mark').first().waitFor();
  assert.equal(await page.locator('.annotating').innerText(), '');
  const want = await expected(page, TEXT);
  assert.ok(want.spans.length > 1000, `${want.spans.length} spans`);
  assert.deepEqual(spansOf(doc), spansOf(want));
  assert.equal(doc.dct, want.dct ?? null);
  // One undo step for the paste, back to the empty page.
  assert.equal(doc.undo.length, 1);
  await page.context().close();
});

test('an answer for a text changed meanwhile is dropped; the new text is annotated as itself', async () => {
  const page = await open();
  const worker = await holdAnswers(page);
  await paste(page, LONG);
  await page.locator('section.result[aria-busy="true"]').waitFor({ state: 'attached', timeout: 30000 });
  // The person changes the text again before the answer for the first one came.
  const second = `Zoë Keller flew to Kyiv.\n\n${LONG}`;
  await paste(page, second);
  await page.waitForFunction(() => document.querySelector('.doc')?.textContent.startsWith('Zoë Keller flew'));
  await worker.evaluate(() => self.__release());
  const doc = await savedWhenDone(page, second);
  assert.equal(doc.text, second);
  assert.deepEqual(spansOf(doc), spansOf(await expected(page, second)));
  await page.context().close();
});

test('when the browser refuses the worker the page annotates on the main thread, to the same spans', async () => {
  const page = await open({ blockWorker: true });
  await paste(page, LONG);
  const doc = await savedWhenDone(page, LONG);
  assert.equal(await page.evaluate(() => window.__busySeen), false, 'never waited for a worker');
  assert.deepEqual(spansOf(doc), spansOf(await expected(page, LONG)));
  await page.context().close();
});
