// End to end, as a person works: load the sample, check the highlights, relabel, delete,
// add a span by dragging the mouse, undo/redo from the keyboard, export and read the
// downloaded JSON, copy it, reload and find every correction still there — and no request
// ever leaves the page's own origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, serveDist, launch, slice, dragSelect } from './harness.mjs';

const SAMPLE = await readFile(join(ROOT, 'www/samples/paris-talks-2025-09-01.txt'), 'utf8');
const at = (needle, nth = 0) => {
  // Code-point offset of the nth occurrence of needle in the sample.
  let from = -1;
  for (let i = 0; i <= nth; i++) from = SAMPLE.indexOf(needle, from + 1);
  return Array.from(SAMPLE.slice(0, from)).length;
};

let server, browser, context, page;
const requests = [];
const dialogs = [];

before(async () => {
  server = await serveDist();
  browser = await launch();
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  // Any breach of the page's Content-Security-Policy is recorded from the first byte on.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation',
      (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  page.on('pageerror', (e) => { throw e; });
  await page.goto(server.url);
  await page.getByLabel('Article text').waitFor();
  // The trained entity model arrives after the first paint.
  await page.locator('[data-engine="model"]').waitFor();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const mark = (start, end) => page.locator(`.doc mark[data-start="${start}"][data-end="${end}"]`);

test('without the model file the page still annotates with rules', async () => {
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  await p.route('**/model/ner.bin', (route) => route.abort());
  await p.goto(server.url);
  await p.locator('[data-engine="rules-only"]').waitFor();
  await p.getByRole('button', { name: 'Load sample' }).click();
  const zel = p.locator('.doc mark[data-start="27"][data-end="45"]');
  assert.equal(await zel.getAttribute('data-label'), 'PER');
  await ctx.close();
});

test('load sample shows highlighted entities and dates with values', async () => {
  await page.getByRole('button', { name: 'Load sample' }).click();
  const zel = mark(27, 45);
  await zel.waitFor();
  assert.equal(await zel.getAttribute('data-label'), 'PER');
  assert.equal(await zel.textContent(), 'Volodymyr Zelensky');
  const paris = mark(at('Paris'), at('Paris') + 5);
  assert.equal(await paris.getAttribute('data-label'), 'LOC');
  const sept = mark(at('Sept. 4'), at('Sept. 4') + 7);
  assert.equal(await sept.getAttribute('data-label'), 'DATE');
  assert.equal(await sept.getAttribute('data-value'), '2025-09-04');
  // The document date was read from the dateline.
  assert.equal(await page.getByLabel('Document date').inputValue(), '2025-09-01');
  // Every mark's offsets select exactly its text; the legend counts what is shown.
  const marks = await page.locator('.doc mark').evaluateAll((ms) =>
    ms.map((m) => [+m.dataset.start, +m.dataset.end, m.textContent, m.dataset.label]));
  assert.ok(marks.length >= 40, `only ${marks.length} marks`);
  for (const [s, e, t] of marks) assert.equal(slice(SAMPLE, s, e), t);
  const perCount = await page.locator('.legend [data-label="PER"]').getAttribute('data-count');
  assert.equal(+perCount, marks.filter((m) => m[3] === 'PER').length);
  // The label name is visible on the mark itself (not colour alone).
  const badge = await zel.evaluate((m) => getComputedStyle(m, '::after').content);
  assert.equal(badge, '"PER"');
});

test('relabel, delete, add by mouse selection, undo and redo', async () => {
  const p = at('Paris');
  await mark(p, p + 5).click();
  const editor = page.getByRole('region', { name: 'Span editor' });
  await editor.getByRole('button', { name: 'MISC' }).click();
  assert.equal(await mark(p, p + 5).getAttribute('data-label'), 'MISC');

  const k = at('Kyiv');
  await mark(k, k + 4).click();
  await editor.getByRole('button', { name: 'Delete', exact: true }).click();
  assert.equal(await mark(k, k + 4).count(), 0);

  // Drag from inside "reassurance" to inside "force": snaps to the two whole words.
  const r = at('reassurance force');
  await dragSelect(page, r + 3, r + 15);
  const add = page.getByRole('region', { name: 'New span' });
  await add.getByText('reassurance force').waitFor();
  await add.getByRole('button', { name: 'MISC' }).click();
  const added = mark(r, r + 'reassurance force'.length);
  assert.equal(await added.getAttribute('data-label'), 'MISC');

  // Keyboard undo removes the added span, redo brings it back.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await added.waitFor({ state: 'detached' });
  await page.keyboard.press('Control+Shift+Z');
  await added.waitFor();
  // The Undo button works too, and redo restores again.
  await page.getByRole('button', { name: 'Undo' }).click();
  await added.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Redo' }).click();
  await added.waitFor();
});

test('export downloads the corrected JSON and copy gives the same', async () => {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'newsmark.json');
  const text = await readFile(await download.path(), 'utf8');
  const doc = JSON.parse(text);
  assert.equal(doc.schema, 'newsmark/1');
  assert.equal(doc.offsets, 'unicode-scalar-values');
  assert.equal(doc.text, SAMPLE);
  assert.equal(doc.dct, '2025-09-01');
  for (const s of doc.spans) assert.equal(slice(doc.text, s.start, s.end), s.text);
  const find = (start, end) => doc.spans.find((s) => s.start === start && s.end === end);
  const p = at('Paris');
  assert.equal(find(p, p + 5).label, 'MISC');
  assert.equal(find(p, p + 5).status, 'accepted');
  assert.equal(find(at('Kyiv'), at('Kyiv') + 4), undefined);
  const r = at('reassurance force');
  assert.deepEqual(
    (({ label, source, text }) => ({ label, source, text }))(find(r, r + 17)),
    { label: 'MISC', source: 'user', text: 'reassurance force' });
  const sept = find(at('Sept. 4'), at('Sept. 4') + 7);
  assert.deepEqual([sept.label, sept.value], ['DATE', '2025-09-04']);

  await page.getByRole('button', { name: 'Copy JSON' }).click();
  await page.getByRole('status').getByText('copied').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
});

test('a reload keeps the text, the date and every correction', async () => {
  await page.reload();
  const p = at('Paris');
  await mark(p, p + 5).waitFor();
  assert.equal(await mark(p, p + 5).getAttribute('data-label'), 'MISC');
  assert.equal(await mark(at('Kyiv'), at('Kyiv') + 4).count(), 0);
  const r = at('reassurance force');
  assert.equal(await mark(r, r + 17).getAttribute('data-label'), 'MISC');
  assert.equal(await page.getByLabel('Article text').inputValue(), SAMPLE);
  assert.equal(await page.getByLabel('Document date').inputValue(), '2025-09-01');
  // The undo history survived too.
  assert.equal(await page.getByRole('button', { name: 'Undo' }).isEnabled(), true);
});

test('an edit is saved after its repaint, or as the page is left if that comes first', async () => {
  const p = at('Paris');
  await mark(p, p + 5).click();
  const first = await page.locator('.legend li').first().getAttribute('data-label');
  assert.notEqual(first, 'MISC');
  // The key and the page's leaving in one task: no frame comes in between.
  const saved = await page.evaluate(async () => {
    const label = () => JSON.parse(localStorage.getItem('newsmark/v1/document')).document.spans
      .map((s) => s.label);
    const was = label();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: '1', bubbles: true }));
    await Promise.resolve(); // the page renders the edit in a microtask
    const beforeLeaving = label();
    dispatchEvent(new PageTransitionEvent('pagehide'));
    return { was, beforeLeaving, left: label(), shown: document.querySelector('.doc mark.selected').dataset.label };
  });
  assert.equal(saved.shown, first);
  assert.deepEqual(saved.beforeLeaving, saved.was, 'not saved before the repaint');
  assert.notDeepEqual(saved.left, saved.was, 'saved as the page was left');
  // A person's key and reload: the edit is there after it.
  await page.reload();
  await mark(p, p + 5).waitFor();
  assert.equal(await mark(p, p + 5).getAttribute('data-label'), first);
  await mark(p, p + 5).click();
  await page.keyboard.press('Control+z');
  assert.equal(await mark(p, p + 5).getAttribute('data-label'), 'MISC');
  await page.reload();
  await mark(p, p + 5).waitFor();
  assert.equal(await mark(p, p + 5).getAttribute('data-label'), 'MISC');
});

test('changing the document date re-resolves relative values', async () => {
  // Something that is not a YYYY-MM-DD date is refused with a message, and changes nothing.
  await page.getByLabel('Document date').fill('10/03/2024');
  await page.getByLabel('Document date').dispatchEvent('change');
  await page.getByRole('status').getByText(/“10\/03\/2024” is not a date .* YYYY-MM-DD/).waitFor();
  assert.equal(await page.getByLabel('Document date').inputValue(), '2025-09-01');
  await page.getByLabel('Document date').fill('2024-03-10');
  await page.getByLabel('Document date').dispatchEvent('change');
  const s = at('Sept. 4');
  await page.waitForFunction((s) =>
    document.querySelector(`.doc mark[data-start="${s}"]`)?.dataset.value === '2024-09-04', s);
  await page.keyboard.press('Escape');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await page.waitForFunction((s) =>
    document.querySelector(`.doc mark[data-start="${s}"]`)?.dataset.value === '2025-09-04', s);
});

test('pasted text with emoji and accents gets exact code-point offsets', async () => {
  const text = '😀 Zoë told reporters in Paris on Sept. 4, 2025 that Emmanuel Macron would attend.';
  const area = page.getByLabel('Article text');
  await area.fill('');
  await area.focus();
  await page.keyboard.insertText(text);
  await page.waitForFunction((t) => {
    const d = document.querySelector('.doc');
    return d && d.textContent === t && d.querySelector('mark');
  }, text);
  const marks = await page.locator('.doc mark').evaluateAll((ms) =>
    ms.map((m) => [+m.dataset.start, +m.dataset.end, m.textContent]));
  for (const [s, e, t] of marks) assert.equal(slice(text, s, e), t);
  const paris = marks.find((m) => m[2] === 'Paris');
  assert.deepEqual(paris && paris.slice(0, 2), [Array.from(text).indexOf('P'), Array.from(text).indexOf('P') + 5]);
  // The JS API gives for the same text and date the very object the page exports (which
  // is written as one JSON text; the API builds its spans from numbers).
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  const api = await page.evaluate(([t, dct]) => window.newsmark.annotate(t, { dct }), [text, exported.dct ?? '']);
  assert.ok(exported.spans.some((s) => s.value) && exported.spans.some((s) => s.entity !== undefined));
  // Ids aside: the page numbers on from the spans of its earlier texts.
  const ids = (d) => d.spans.map((s) => s.id);
  const noIds = (d) => ({ ...d, spans: d.spans.map(({ id, ...s }) => s) });
  assert.deepEqual(ids(api), api.spans.map((_, i) => i + 1));
  assert.ok(ids(exported).every((id, i, all) => Number.isInteger(id) && (i === 0 || id > all[i - 1])));
  assert.deepEqual(noIds(api), noIds(exported));
  assert.equal(JSON.stringify(noIds(api)), JSON.stringify(noIds(exported)), 'the same fields in the same order');
});

test('the JS API annotates with a given document date', async () => {
  const doc = await page.evaluate(() =>
    window.newsmark.annotate('Macron will meet Putin in Paris on Sept. 4.', { dct: '2025-09-01' }));
  assert.equal(doc.schema, 'newsmark/1');
  assert.equal(doc.dct, '2025-09-01');
  const date = doc.spans.find((s) => s.label === 'DATE');
  assert.deepEqual([date.text, date.value], ['Sept. 4', '2025-09-04']);
  await assert.rejects(page.evaluate(() => window.newsmark.annotate('x', { dct: 'soon' })), /YYYY-MM-DD/);
});

// #27: the API parsed leniently ("-0001-01-01" gave a dct that broke the schema and values
// like "-002-09-04") and threw bare strings, whose `message` is undefined.
test('the JS API refuses impossible dates and throws Errors with a code', async () => {
  const thrown = await page.evaluate(() => {
    const cases = [['x', { dct: '-0001-01-01' }], ['x', { dct: '+12345-01-01' }], ['x', { dct: '-262143-01-01' }],
      ['x', { dct: '0000-01-01' }], ['x', { dct: '2025-02-30' }], ['x', { dct: 'soon' }], [42, {}], ['x', { dct: 7 }]];
    return cases.map(([t, o]) => {
      try {
        const r = window.newsmark.annotate(t, o);
        return { returned: r.dct };
      } catch (e) {
        return { isError: e instanceof Error, message: e.message, code: e.code };
      }
    });
  });
  const codes = thrown.map((t) => t.code);
  assert.deepEqual(codes, ['dct', 'dct', 'dct', 'dct', 'dct', 'dct', 'text', 'options'], JSON.stringify(thrown));
  for (const t of thrown) {
    assert.equal(t.isError, true, JSON.stringify(t));
    assert.equal(typeof t.message, 'string');
  }
  assert.match(thrown[0].message, /options\.dct: “-0001-01-01” is not a YYYY-MM-DD date/);
  const ok = await page.evaluate(() => window.newsmark.annotate('On Sept. 4.', { dct: '0001-01-01' }));
  assert.equal(ok.dct, '0001-01-01');
  assert.match(ok.spans[0].value, /^\d{4}-\d{2}-\d{2}$/);
});

test('pasted markup is shown as text and never runs', async () => {
  const payload = 'Hi <img src=x onerror="window.__xss=1"> <script>window.__xss=2</script> ' +
    '<a href="javascript:window.__xss=3">Paris</a> in Paris.';
  const area = page.getByLabel('Article text');
  await area.fill(payload);
  await page.waitForFunction((t) => document.querySelector('.doc')?.textContent === t, payload);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator('.doc img, .doc script, .doc a').count(), 0);
  assert.deepEqual(dialogs, []);
});

test('the page carries a strict Content-Security-Policy and nothing breached it', async () => {
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /connect-src 'self'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|https?:/);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
});

test('nothing left the page but requests for its own files', async () => {
  assert.ok(requests.length > 0);
  const foreign = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, []);
});
