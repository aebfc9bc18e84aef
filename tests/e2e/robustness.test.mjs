// Work is never lost, no input breaks the page: a page killed right after an edit finds the
// edit back, a full storage is said out loud rather than dropping work silently, big and
// strange input works or is refused with a message, old saved copies are migrated, and a
// panic shows a banner that offers the saved work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, serveDist, launch, slice, dragSelect } from './harness.mjs';

let server, browser, context;

before(async () => {
  server = await serveDist();
  browser = await launch();
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(ctx = context) {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => { throw e; });
  await page.goto(server.url);
  await page.getByLabel('Article text').waitFor();
  // Once the trained model is in, its suggestions are proposed anew (not an undo step, but a
  // change that is saved): wait for it, so that nothing moves under a test's comparisons.
  await page.locator('[data-engine="model"]').waitFor();
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
  await page.getByRole('button', { name: 'Load sample' }).click();
  await page.locator('.doc mark').first().waitFor();
  await saveDone(page);
  const before = await page.evaluate(() => localStorage.getItem('newsmark/v1/document'));
  try {
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
    // A change that does not fit even without its undo history: the text grows fortyfold.
    const sample = await page.getByLabel('Article text').inputValue();
    const longer = Array(40).fill(sample).join('\n\n');
    await page.getByLabel('Article text').fill(longer);
    await page.getByRole('status').getByText(/could not save .*export your work/).waitFor();
    // A long text is shown a few blocks at a time (again once the worker's spans are in).
    await page.waitForFunction((t) => document.querySelector('.doc')?.textContent === t, longer);
    // The work can still be taken away, and the last copy that fitted is still there.
    assert.equal(await page.getByRole('button', { name: 'Export JSON' }).isEnabled(), true);
    assert.equal(await page.evaluate(() => localStorage.getItem('newsmark/v1/document')), before);
  } finally {
    await page.evaluate(() => Object.keys(localStorage).filter((k) => !k.startsWith('newsmark/')).forEach((k) => localStorage.removeItem(k)));
  }
  await page.close();
});

// ---------------------------------------------------------------------------------------
// Big and strange input.

const status = (page) => page.getByRole('status');

/** Resolves once a save the last change started has run: the page saves a short document
 *  in the task after the repaint. */
function saveDone(page) {
  return page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 50))));
}

/** Everything that must survive a refused paste or import, as the page shows and stores it. */
async function snapshot(page) {
  await saveDone(page);
  return {
    text: await page.getByLabel('Article text').inputValue(),
    marks: await page.locator('.doc mark').evaluateAll((ms) =>
      ms.map((m) => [+m.dataset.start, +m.dataset.end, m.dataset.label, m.textContent])),
    saved: await page.evaluate(() => localStorage.getItem('newsmark/v1/document')),
    undo: await page.getByRole('button', { name: 'Undo' }).isEnabled(),
  };
}

async function pick(page, name, bytes) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Import…' }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
}

/** An edited sample: something of the person's that a refused input must not touch. */
async function editedSample(page) {
  await page.getByRole('button', { name: 'Load sample' }).click();
  const zel = page.locator('.doc mark[data-start="27"][data-end="45"]');
  await zel.click();
  await page.keyboard.press('4'); // MISC
  await page.locator('.doc mark[data-start="27"][data-label="MISC"]').waitFor();
  await page.keyboard.press('Escape');
}

/** A page in a context of its own: no saved document (an earlier test's may be long). */
async function openFresh() {
  const fresh = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await fresh.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  const page = await open(fresh);
  page.on('close', () => fresh.close().catch(() => {}));
  return page;
}

/** Puts `text` on the clipboard and selects the whole text area; resolves to the paste. */
async function readyToPaste(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.getByLabel('Article text').focus();
  await page.keyboard.press('Control+A');
  return () => page.keyboard.press('Control+V');
}

test('a 20 MB paste is refused at once with its size and the limit, and the work stays', async () => {
  const page = await open();
  await editedSample(page);
  const before = await snapshot(page);
  const sentence = 'Emmanuel Macron met Olaf Scholz in Berlin on Monday. ';
  const big = sentence.repeat(Math.ceil(20 * 1048576 / sentence.length));
  const paste = await readyToPaste(page, big);
  const t0 = Date.now();
  await paste();
  await status(page).getByText('The pasted text is 20.0 MB; the page takes texts up to 2 MB').waitFor({ timeout: 20000 });
  const refusedAfter = Date.now() - t0;
  assert.match(await status(page).innerText(), /nothing was changed.*newsmark annotate FILE/s);
  // The tab answers, nothing was annotated, and the area shows the document again.
  const t1 = Date.now();
  await page.evaluate(() => 1);
  assert.ok(Date.now() - t1 < 1000, 'the tab answers');
  assert.ok(refusedAfter < 5000, `refused after ${refusedAfter} ms`);
  await page.waitForTimeout(600); // past the typing debounce: nothing may follow
  assert.deepEqual(await snapshot(page), before);
  await page.close();
});

// #27: two tabs of the same saved article; a relabel in tab A, then a different one in tab
// B, both reloaded: A's was gone (B's save, from its older document, replaced it) and
// neither tab said anything.
test('two tabs of the same article keep both tabs\' edits and say so', async () => {
  const a = await open();
  await a.getByRole('button', { name: 'Load sample' }).click();
  const mark = (page, s, e) => page.locator(`.doc mark[data-start="${s}"][data-end="${e}"]`);
  await mark(a, 27, 45).waitFor();
  const savedLabel = (page, s) => page.evaluate((s) => JSON.parse(localStorage.getItem('newsmark/v1/document'))
    .document.spans.find((x) => x.start === s)?.label, s);
  await a.waitForFunction(() => JSON.parse(localStorage.getItem('newsmark/v1/document') ?? 'null')?.document.text.includes('Zelensky'));
  const b = await open();
  await mark(b, 27, 45).waitFor();
  // Tab A: Volodymyr Zelensky becomes LOC.
  await mark(a, 27, 45).click();
  await a.keyboard.press('3');
  await a.waitForFunction(() => JSON.parse(localStorage.getItem('newsmark/v1/document'))
    .document.spans.find((x) => x.start === 27)?.label === 'LOC');
  // Tab B follows at once and says why its document changed.
  await b.waitForFunction(() => document.querySelector('.doc mark[data-start="27"]')?.dataset.label === 'LOC');
  assert.match(await status(b).innerText(), /changed in another tab/);
  // Tab B: Paris (85–90) becomes MISC.
  await mark(b, 85, 90).click();
  await b.keyboard.press('4');
  await b.waitForFunction(() => JSON.parse(localStorage.getItem('newsmark/v1/document'))
    .document.spans.find((x) => x.start === 85)?.label === 'MISC');
  assert.equal(await savedLabel(b, 27), 'LOC', 'tab A\'s relabel is still in the saved copy');
  await a.reload();
  await b.reload();
  for (const page of [a, b]) {
    await mark(page, 27, 45).waitFor();
    assert.equal(await mark(page, 27, 45).getAttribute('data-label'), 'LOC');
    assert.equal(await mark(page, 85, 90).getAttribute('data-label'), 'MISC');
  }
  await a.close();
  await b.close();
});

// #27: the text area hands typed text to the document after a 250 ms pause, and that
// pause was never cut short when the tab closed: words typed 100 ms before were lost.
test('words typed just before the tab closes are there when it is opened again', async () => {
  let page = await open();
  await page.getByRole('button', { name: 'Load sample' }).click();
  await page.locator('.doc mark').first().waitFor();
  const area = page.getByLabel('Article text');
  await area.focus();
  await area.press('Control+End');
  await page.keyboard.type(' Angela Merkel arrived.');
  await page.waitForTimeout(100);
  await page.close();
  page = await open();
  await page.waitForFunction(() => document.querySelector('#article').value.endsWith(' Angela Merkel arrived.'));
  // Saved before its annotation was done; the page does it on opening.
  const merkel = page.locator('.doc mark', { hasText: 'Angela Merkel' });
  await merkel.waitFor();
  assert.equal(await merkel.getAttribute('data-label'), 'PER');
  assert.equal(await page.getByRole('button', { name: 'Undo' }).isEnabled(), true, 'the history came along');
  await page.close();
});

// A long document is saved a second after the person pauses; a tab closed before that
// second saves it as it goes.
test('a relabel on a 300 KB document just before the tab closes is kept', async () => {
  let page = await open();
  const sample = await readFile(join(ROOT, 'www/samples/paris-talks-2025-09-01.txt'), 'utf8');
  let text = '';
  while (text.length < 300_000) text += sample + '\n\n';
  await (await readyToPaste(page, text))();
  await page.waitForFunction((n) => document.querySelector('.doc')?.textContent.length === n, text.length,
    { timeout: 120000, polling: 250 });
  await page.waitForFunction((n) => JSON.parse(localStorage.getItem('newsmark/v1/document'))?.document.text.length === n,
    text.length, { timeout: 30000, polling: 250 });
  const first = page.locator('.doc mark[data-label="PER"]').first();
  const [start, end] = [await first.getAttribute('data-start'), await first.getAttribute('data-end')];
  await first.click();
  await page.keyboard.press('3'); // LOC
  await page.waitForFunction(([s]) => document.querySelector(`.doc mark[data-start="${s}"]`)?.dataset.label === 'LOC', [start]);
  await page.waitForTimeout(100);
  await page.close();
  page = await open();
  const back = page.locator(`.doc mark[data-start="${start}"][data-end="${end}"]`);
  await back.waitFor({ timeout: 60000 });
  assert.equal(await back.getAttribute('data-label'), 'LOC');
  await page.close();
});

test('a 1 MB paste goes through and is saved, even when its undo history no longer fits', async () => {
  const page = await open();
  const sample = await readFile(join(ROOT, 'www/samples/paris-talks-2025-09-01.txt'), 'utf8');
  let text = '';
  while (text.length < 1_000_000) text += sample + '\n\n';
  await (await readyToPaste(page, text))();
  await page.waitForFunction((n) => document.querySelector('.doc')?.textContent.length === n, text.length,
    { timeout: 120000, polling: 250 });
  const saved = () => page.evaluate(() => JSON.parse(localStorage.getItem('newsmark/v1/document')));
  // A long text is saved once the person pauses (a second after the last change).
  await page.waitForFunction((n) => JSON.parse(localStorage.getItem('newsmark/v1/document'))?.document.text.length === n,
    text.length, { timeout: 30000, polling: 250 });
  assert.equal((await saved()).document.text, text);
  // So long a text is not kept in the text area (the browser would lay all of it out on every
  // change): the area says where the text is, and gives it back on request.
  const note = page.locator('.long-text');
  assert.match(await note.innerText(), /The text is 1\.\d\d MB: it is shown annotated on the right/);
  assert.equal(await page.getByLabel('Article text').inputValue(), '', 'the area is left empty');
  // A key typed there does nothing (only a paste replaces the text).
  await page.getByLabel('Article text').press('x');
  await page.waitForTimeout(400);
  assert.equal(await page.getByLabel('Article text').inputValue(), '');
  assert.equal(await page.locator('.doc').evaluate((d) => d.textContent.length), text.length);
  // A change: the saved copy with the whole history (two 1 MB states) is too big for the
  // storage, so the document is saved with fewer undo steps, and without a complaint.
  const first = page.locator('.doc mark').first();
  const [start, end] = [await first.getAttribute('data-start'), await first.getAttribute('data-end')];
  await first.click();
  await page.keyboard.press('4');
  await page.waitForFunction(([s, e]) => JSON.parse(localStorage.getItem('newsmark/v1/document'))
    .document.spans.some((a) => a.start === +s && a.end === +e && a.label === 'MISC'), [start, end],
  { timeout: 60000, polling: 500 });
  assert.doesNotMatch(await status(page).innerText(), /could not save/);
  assert.equal((await saved()).document.text, text);
  await note.getByRole('button', { name: 'Edit the text here anyway' }).click();
  const area = page.locator('textarea#article');
  assert.equal((await area.inputValue()).length, text.length);
  await page.close();
});

// #27: a 1 MB paste through the clipboard was one task of 270–860 ms: before the page saw
// the text, the browser inserted it into the text area and laid all of it out, only for the
// page to swap the area for a note at once (the area keeps texts up to 200 KB). The page now
// takes so long a paste itself, and the browser inserts and lays out nothing. How long the
// tasks are is the benchmark's to measure (scripts/bench.sh, "1 MB: longest task, Ctrl+V →
// idle"): on this shared 2-core machine a timed bound here failed under load even after the
// fix (the render of the annotation and the save, not the paste, passed 200 ms at a load
// average of 8), so the test checks what the fix does, which no load changes.
test('a 1 MB paste through the clipboard is taken by the page, not laid out in the text area', async () => {
  const page = await openFresh();
  const sample = await readFile(join(ROOT, 'www/samples/paris-talks-2025-09-01.txt'), 'utf8');
  let text = '';
  while (text.length < 1_000_000) text += sample + '\n\n';
  const paste = await readyToPaste(page, text);
  await page.evaluate(() => {
    const seen = (window.__paste = { taken: null, inserted: 0 });
    addEventListener('paste', (e) => { seen.taken = e.defaultPrevented; });
    // What the browser's own paste fires once it has put the text into the area.
    addEventListener('input', (e) => { if (e.inputType === 'insertFromPaste') seen.inserted++; }, { capture: true });
  });
  await paste();
  await page.waitForFunction((n) => document.querySelector('.doc')?.textContent.length === n, text.length,
    { timeout: 120000, polling: 250 });
  const seen = await page.evaluate(() => window.__paste);
  assert.deepEqual(seen, { taken: true, inserted: 0 }, 'the page took the paste; the browser put nothing into the area');
  assert.equal(await page.getByLabel('Article text').inputValue(), '', 'the area is left empty');
  assert.match(await page.locator('.long-text').innerText(), /The text is 1\.\d\d MB/);
  assert.equal(await page.locator('.doc').evaluate((d) => d.textContent), text);
  await page.close();
});

// The page does what the browser's paste did: the clipboard's text replaces the selection,
// with its line ends as a text area has them ("\n").
test('a long paste into part of the text replaces just the selection, as the browser would', async () => {
  const page = await openFresh();
  const sample = await readFile(join(ROOT, 'www/samples/paris-talks-2025-09-01.txt'), 'utf8');
  const head = 'Before the paste. ', tail = ' After the paste \u{1F600}.';
  const area = page.getByLabel('Article text');
  await area.fill(`${head}REPLACED${tail}`);
  let pasted = '';
  while (pasted.length < 300_000) pasted += sample + '\r\n';
  await page.evaluate((t) => navigator.clipboard.writeText(t), pasted);
  await area.evaluate((a, [from, to]) => { a.focus(); a.setSelectionRange(from, to); }, [head.length, head.length + 'REPLACED'.length]);
  await page.keyboard.press('Control+V');
  const want = head + pasted.replace(/\r\n?/g, '\n') + tail;
  await page.waitForFunction((n) => document.querySelector('.doc')?.textContent.length === n, want.length,
    { timeout: 60000, polling: 250 });
  assert.equal(await page.locator('.doc').evaluate((d) => d.textContent), want);
  await page.close();
});

test('a text with hundreds of entities lists a hundred at a time', async () => {
  const page = await open();
  // 250 distinct people, each named twice in a sentence of its own.
  const given = ['Anna', 'Boris', 'Clara', 'David', 'Elena', 'Felix', 'Greta', 'Hans', 'Irina', 'Jonas'];
  const family = Array.from({ length: 25 }, (_, k) => `Kowal${'abcdefghijklmnopqrstuvwxy'[k]}ski`);
  let text = '';
  for (const f of family) for (const g of given) text += `${g} ${f} met reporters in Warsaw on Monday, and ${g} ${f} said nothing.\n`;
  // The page opens with what the tests before left in storage, and its entity list: the
  // list read is the new text's, once its marks show and the list has followed them (in
  // the task after that frame).
  const list = page.getByRole('region', { name: 'Entities' });
  const before = await list.getByRole('heading').innerText();
  await (await readyToPaste(page, text))();
  await page.locator('.doc mark', { hasText: 'Jonas Kowalyski' }).first().waitFor({ timeout: 30000 });
  await page.waitForFunction((b) => document.querySelector('section.entities h2')?.textContent !== b, before, { timeout: 30000 });
  await list.locator('button.entity').first().waitFor({ timeout: 30000 });
  const heading = await list.getByRole('heading').innerText();
  const total = +heading.match(/\((\d+)\)/)[1];
  assert.ok(total > 200, `${total} entities found`);
  assert.equal(await list.locator('button.entity').count(), 100);
  const more = list.getByRole('button', { name: /^Show 100 more \(\d+ not shown\)$/ });
  assert.match(await more.innerText(), new RegExp(`\\(${total - 100} not shown\\)`));
  await more.click();
  assert.equal(await list.locator('button.entity').count(), 200);
  await list.getByRole('button', { name: /^Show \d+ more/ }).click();
  assert.equal(await list.locator('button.entity').count(), total);
  assert.equal(await list.getByRole('button', { name: /^Show \d+ more/ }).count(), 0);
  await page.close();
});

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** Deterministic noise (xorshift), so a failure can be replayed. */
function noise(n, seed = 0x9e3779b9) {
  const out = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

test('binary files and text that is not UTF-8 are refused with a message, the work untouched', async () => {
  const page = await open();
  await editedSample(page);
  const before = await snapshot(page);
  const latin1 = Buffer.from('Caf\xe9 au lait \xe0 Paris', 'latin1');
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Macron in Paris', 'utf16le')]);
  const head = Buffer.from('{"schema": "newsmark/1", "text": "Caf');
  const badJson = Buffer.concat([head, Buffer.from([0xe9]), Buffer.from('"}')]);
  const cases = [
    ['photo.png', PNG, '“photo.png” is not a format newsmark reads'],
    ['noise.bin', noise(4096), '“noise.bin” is not a format newsmark reads'],
    ['photo.txt', PNG, 'photo.txt line 1: not UTF-8 text (invalid byte 0x89 at byte 0)'],
    ['latin1.txt', latin1, 'latin1.txt line 1: not UTF-8 text (invalid byte 0xE9 at byte 3)'],
    ['windows.txt', utf16, 'windows.txt line 1: UTF-16 text (it starts with a UTF-16 byte-order mark): save it as UTF-8'],
    ['doc.json', badJson, `doc.json line 1: not UTF-8 text (invalid byte 0xE9 at byte ${head.length})`],
  ];
  for (const [name, bytes, says] of cases) {
    await pick(page, name, bytes);
    await status(page).getByText(says).waitFor();
    assert.match(await status(page).innerText(), /Import failed/);
    assert.deepEqual(await snapshot(page), before, name);
    await page.keyboard.press('Escape'); // clears the message, so the next one is new
  }
  await page.close();
});

const FAMILY = '👨‍👩‍👧';
const LONG_LINE = 'Angela Merkel visited Berlin and Hamburg. '.repeat(239).slice(0, 10000);
const STRANGE = [
  `${FAMILY} Zoë Ndiaye met Emmanuel Macron in Paris on Sept. 4, 2025.`,
  'Three\u0000NUL\u0000 bytes came before Olaf Scholz spoke.',
  'قال الرئيس إيمانويل ماكرون في باريس — ראש הממשלה בנימין נתניהו בירושלים, and Reuters said so.',
  LONG_LINE,
  'x'.repeat(10000),
  '🇺🇦🇪🇺 👍🏽 Cafe\u0301 and Zoë at the end.',
].join('\n');
const cp = (s, needle) => Array.from(s.slice(0, s.indexOf(needle))).length;

test('NUL bytes, 10,000-character lines, RTL text, ZWJ sequences and emoji keep exact offsets', async () => {
  const page = await open();
  await pick(page, 'strange.txt', Buffer.from(STRANGE, 'utf8'));
  await page.waitForFunction((t) => document.querySelector('.doc')?.textContent === t, STRANGE);
  assert.equal(await page.getByLabel('Article text').inputValue(), STRANGE);
  // The machine found people on either side of the ZWJ sequence and the NULs.
  const merkel = cp(STRANGE, 'Angela Merkel');
  await page.locator(`.doc mark[data-start="${merkel}"][data-end="${merkel + 13}"]`).waitFor();
  // The person marks a word after the emoji and the NULs with the mouse…
  const bytes = cp(STRANGE, 'bytes');
  await dragSelect(page, bytes, bytes + 5);
  await page.keyboard.press('4'); // MISC
  await page.locator(`.doc mark[data-start="${bytes}"][data-end="${bytes + 5}"][data-label="MISC"]`).waitFor();
  // …and an Arabic word from the text area, whose offsets count UTF-16 units.
  const paris = STRANGE.indexOf('باريس');
  await page.getByLabel('Article text').evaluate((el, [a, b]) => { el.focus(); el.setSelectionRange(a, b); },
    [paris, paris + 5]);
  await page.getByRole('button', { name: 'Annotate selected text' }).click();
  await page.keyboard.press('3'); // LOC
  const arParis = cp(STRANGE, 'باريس');
  await page.locator(`.doc mark[data-start="${arParis}"][data-end="${arParis + 5}"][data-label="LOC"]`).waitFor();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  const doc = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(doc.text, STRANGE);
  assert.ok(doc.spans.length > 100, `${doc.spans.length} spans`);
  for (const s of doc.spans) {
    assert.equal(slice(STRANGE, s.start, s.end), s.text, JSON.stringify(s));
    assert.equal(STRANGE.slice(s.utf16.start, s.utf16.end), s.text, JSON.stringify(s));
  }
  const find = (t) => doc.spans.filter((s) => s.text === t).map((s) => [s.start, s.end, s.label, s.source]);
  assert.deepEqual(find('bytes'), [[bytes, bytes + 5, 'MISC', 'user']]);
  assert.deepEqual(find('باريس'), [[arParis, arParis + 5, 'LOC', 'user']]);
  assert.ok(find('Scholz').length + find('Olaf Scholz').length === 1, 'a name after the NULs');
  assert.ok(doc.spans.filter((s) => s.text === 'Angela Merkel').length >= 200, 'names all along the long line');
  await page.close();
});

// ---------------------------------------------------------------------------------------
// The saved copy: versioned, migrated, refused with a message when it cannot be read.

/** Stores `raw` as the saved copy from a page of the origin that runs no app (a running page
 * could save its own document over it before a reload). */
async function seed(raw) {
  const page = await context.newPage();
  await page.goto(`${server.url}no-app-here`);
  await page.evaluate((v) => localStorage.setItem('newsmark/v1/document', v), raw);
  await page.close();
}

test('a document saved in the old unversioned format is found back and saved anew', async () => {
  const text = 'Macron met Merkel in Paris.';
  const span = (id, start, end, label, status) => ({
    id, start, end, text: text.slice(start, end), label, source: status === 'accepted' ? 'user' : 'rule', status,
  });
  // What an early page wrote under this key: the bare document, no label set.
  const v1 = {
    text, dct: null, dct_source: 'none',
    spans: [span(1, 0, 6, 'PER', 'accepted'), span(2, 11, 17, 'PER', 'predicted'), span(3, 21, 26, 'MISC', 'accepted')],
    rejected: [], next_id: 4,
    undo: [{ text, dct: null, dct_source: 'none', spans: [span(1, 0, 6, 'PER', 'predicted')], rejected: [] }],
    redo: [],
  };
  await seed(JSON.stringify(v1));
  const page = await open();
  await page.locator('.doc mark[data-start="21"][data-end="26"][data-label="MISC"]').waitFor();
  assert.equal(await page.getByLabel('Article text').inputValue(), text);
  // "Merkel" has a suggestion again: the machine's own of today (its label is the shipped
  // model's, not the old copy's).
  assert.equal(await page.locator('.doc mark[data-start="11"][data-end="17"]').count(), 1);
  // The page rewrote it in the current version, history included.
  await saveDone(page);
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('newsmark/v1/document')));
  assert.equal(saved.format, 'newsmark-save');
  assert.equal(saved.version, 2);
  // The person's spans as they were (the machine's suggestions are proposed anew).
  const mine = (spans) => spans.filter((a) => a.status === 'accepted');
  assert.deepEqual(mine(saved.document.spans), mine(v1.spans));
  assert.ok(saved.document.spans.some((a) => a.text === 'Merkel'));
  assert.deepEqual(saved.document.labels.map((l) => l.name), ['PER', 'ORG', 'LOC', 'MISC', 'DATE', 'TIME', 'DURATION', 'SET']);
  // Undo goes back to the old copy's undo step.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.locator('.doc mark[data-start="21"]').waitFor({ state: 'detached' });
  assert.equal(await page.locator('.doc mark').count(), 1);
  await page.close();
});

test('a copy saved by a newer version is kept aside with a message, not overwritten', async () => {
  const newer = JSON.stringify({ format: 'newsmark-save', version: 3, document: { text: 'from the future' } });
  await seed(newer);
  const page = await open();
  await status(page).getByText('written by a newer newsmark').waitFor();
  assert.match(await status(page).innerText(), /format version 3.*kept under “newsmark\/v1\/unreadable”/s);
  assert.equal(await page.evaluate(() => localStorage.getItem('newsmark/v1/unreadable')), newer);
  await page.evaluate(() => { localStorage.removeItem('newsmark/v1/unreadable'); localStorage.removeItem('newsmark/v1/document'); });
  await page.close();
});

// ---------------------------------------------------------------------------------------
// A panic in the wasm.

test('a panic in the page shows the crash banner; the saved work downloads and comes back', async () => {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await editedSample(page);
  // A long article after the edit: its saved copy is far over the 2 MB a link's URL may hold.
  const sample = await page.getByLabel('Article text').inputValue();
  const long = Array(300).fill(sample).join('\n\n');
  await (await readyToPaste(page, long))();
  await page.waitForFunction((n) => document.querySelector('.doc')?.textContent.length === n, long.length,
    { timeout: 60000, polling: 250 });
  await page.waitForFunction((n) => JSON.parse(localStorage.getItem('newsmark/v1/document')).document.text.length === n,
    long.length, { timeout: 60000, polling: 250 });
  // A browser extension (a translator, a grammar checker) wraps part of the page in its own
  // element. Yew then cannot put the shortcut overlay before a node that is no longer
  // where it left it, and panics: a real panic of the release build, no test hook.
  await page.evaluate(() => {
    const panes = document.querySelector('main.panes');
    const wrapper = document.createElement('div');
    panes.replaceWith(wrapper);
    wrapper.append(panes);
  });
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  const banner = page.getByRole('alert');
  await banner.getByText('Something went wrong — your work is saved.').waitFor();
  assert.deepEqual(errors, ['unreachable'], 'the wasm trapped after the panic hook ran');
  assert.match(await banner.locator('pre').textContent(), /failed to insert node/);
  // The download is the saved copy, with the edit made before the crash.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    banner.getByRole('link', { name: 'Download the saved work' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'newsmark-saved.json');
  const file = await readFile(await download.path(), 'utf8');
  assert.equal(file, await page.evaluate(() => localStorage.getItem('newsmark/v1/document')));
  assert.ok(file.length > 2 * 1024 * 1024, `${file.length} characters`);
  const saved = JSON.parse(file);
  assert.equal(saved.document.text, long);
  assert.ok(saved.document.spans.some((s) => s.start === 27 && s.end === 45 && s.label === 'MISC'));
  // Reload brings the page and the work back.
  await banner.getByRole('link', { name: 'Reload' }).click();
  await page.locator('.doc mark[data-start="27"][data-label="MISC"]').waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  // And the downloaded copy imports like any file.
  await page.getByRole('button', { name: 'Load sample' }).click();
  await page.locator('.doc mark[data-start="27"][data-label="PER"]').waitFor();
  await pick(page, 'newsmark-saved.json', file);
  await page.locator('.doc mark[data-start="27"][data-label="MISC"]').waitFor();
  assert.deepEqual(errors, ['unreachable']);
  await page.close();
});

test('when the program cannot be downloaded the loading line says so, not "Loading…" for ever', async () => {
  const page = await context.newPage();
  await page.route(/_bg\.wasm$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(server.url);
  const line = page.getByRole('alert');
  await line.waitFor();
  assert.match(await line.textContent(), /^newsmark could not start: .+\. Reload the page to try again; work saved in this browser is kept\.$/);
  assert.equal(await page.locator('#boot').getAttribute('aria-busy'), null);
  await page.close();
});
