// Interchange as a person does it: import a doccano file and a Label Studio file with the
// file picker, export them back in the same formats, drop a brat pair on the page, and see
// a broken file refused without touching the current work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serveDist, launch, slice } from './harness.mjs';

let server, browser, page;

before(async () => {
  server = await serveDist();
  browser = await launch();
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  await page.goto(server.url);
  await page.getByLabel('Article text').waitFor();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function pick(name, contents) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Import…' }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(contents) });
}

async function exportAs(format) {
  await page.getByLabel('Export format').selectOption(format);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download' }).click(),
  ]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

const marks = () => page.locator('.doc mark').evaluateAll((ms) =>
  ms.map((m) => [+m.dataset.start, +m.dataset.end, m.dataset.label, m.textContent]));

const TEXT = '😀 Zoë met 北京 officials\r\nin Paris on Sept. 4.';

test('a doccano file comes in with exact offsets and goes out the same', async () => {
  const line = JSON.stringify({ text: TEXT, label: [[2, 5, 'PER'], [10, 12, 'LOC'], [27, 32, 'LOC']] });
  await pick('batch.jsonl', line + '\n');
  await page.locator('.doc mark[data-start="10"]').waitFor();
  assert.deepEqual(await marks(), [[2, 5, 'PER', 'Zoë'], [10, 12, 'LOC', '北京'], [27, 32, 'LOC', 'Paris']]);
  for (const [s, e, , t] of await marks()) assert.equal(slice(TEXT, s, e), t);
  const out = await exportAs('doccano');
  assert.equal(out.name.endsWith('.jsonl'), true);
  const back = JSON.parse(out.text.trim());
  assert.equal(back.text, TEXT);
  assert.deepEqual(back.label, [[2, 5, 'PER'], [10, 12, 'LOC'], [27, 32, 'LOC']]);
  // "Copy" gives the same text as the download.
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  await page.getByRole('status').getByText('copied').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), out.text);
});

test('a Label Studio file comes in and goes out with its regions', async () => {
  const text = 'Ursula von der Leyen spoke in Brussels 🇪🇺 on Monday.';
  const cp = Array.from(text);
  const at = (w) => Array.from(text.slice(0, text.indexOf(w))).length;
  const region = (w, label) => ({
    from_name: 'label', to_name: 'text', type: 'labels',
    value: { start: at(w), end: at(w) + Array.from(w).length, text: w, labels: [label] },
  });
  const task = [{ id: 1, data: { text }, annotations: [{ result: [region('Ursula von der Leyen', 'PER'), region('Brussels', 'LOC')] }] }];
  await pick('tasks.json', JSON.stringify(task));
  await page.locator(`.doc mark[data-start="${at('Brussels')}"]`).waitFor();
  assert.deepEqual((await marks()).map((m) => [m[2], m[3]]), [['PER', 'Ursula von der Leyen'], ['LOC', 'Brussels']]);
  assert.equal(cp.length > 0, true);
  const out = await exportAs('label-studio');
  const tasks = JSON.parse(out.text);
  const results = tasks[0].annotations[0].result.map((r) => [r.value.start, r.value.end, r.value.text, r.value.labels[0]]);
  assert.deepEqual(results, [
    [0, 20, 'Ursula von der Leyen', 'PER'],
    [at('Brussels'), at('Brussels') + 8, 'Brussels', 'LOC'],
  ]);
  // The import is one undoable step: undo brings back the doccano document.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.locator('.doc mark[data-start="10"][data-label="LOC"]').waitFor();
  await page.getByRole('button', { name: 'Redo' }).click();
  await page.locator(`.doc mark[data-start="${at('Brussels')}"]`).waitFor();
});

test('a brat .txt + .ann pair dropped on the page is imported', async () => {
  const txt = 'Macron met Merz in Berlin.';
  const ann = 'T1\tPER 0 6\tMacron\nT2\tPER 11 15\tMerz\nT3\tLOC 19 25\tBerlin\n';
  await page.evaluate(([txt, ann]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([txt], 'doc.txt', { type: 'text/plain' }));
    dt.items.add(new File([ann], 'doc.ann', { type: 'text/plain' }));
    document.querySelector('.doc').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [txt, ann]);
  await page.locator('.doc mark[data-start="19"][data-end="25"][data-label="LOC"]').waitFor();
  assert.equal(await page.getByLabel('Article text').inputValue(), txt);
});

test('a broken file is refused with a message and the work is untouched', async () => {
  const before = await marks();
  const text = await page.getByLabel('Article text').inputValue();
  await pick('broken.jsonl', '{"text": "abc", "label": [[1, 99, "PER"]]}\n');
  const status = page.getByRole('status');
  await status.getByText('Import failed').waitFor();
  assert.match(await status.innerText(), /line 1/);
  assert.deepEqual(await marks(), before);
  assert.equal(await page.getByLabel('Article text').inputValue(), text);
  await pick('junk.bin', '\u0000\u0001\u0002 not a format');
  await status.getByText('not a format newsmark reads').waitFor();
  assert.deepEqual(await marks(), before);
});

test('typing in an imported CRLF document keeps its line ends and the spans after them', async () => {
  const line = JSON.stringify({ text: TEXT, label: [[2, 5, 'PER'], [27, 32, 'LOC']] });
  await pick('crlf.jsonl', line + '\n');
  await page.locator('.doc mark[data-start="27"]').waitFor();
  const area = page.getByLabel('Article text');
  await area.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' More.');
  await page.waitForFunction(() => document.querySelector('.doc').textContent.endsWith('More.'));
  assert.deepEqual((await marks()).filter((m) => m[2] === 'LOC' && m[3] === 'Paris').map((m) => m.slice(0, 2)), [[27, 32]]);
  assert.ok(await page.locator('.doc mark[data-start="2"][data-end="5"]').count() === 1, 'the person’s span before the line end stays');
});

test('imported markup is shown as text and never runs, in the text and in labels', async () => {
  const text = 'Hi <img src=x onerror="window.__xss=1"> <script>window.__xss=2</script> ' +
    '<a href="javascript:window.__xss=3">Paris</a> in Paris.';
  const at = Array.from(text).lastIndexOf('P');
  const label = '<img src=x onerror=__xss=4>';
  await pick('markup.jsonl', JSON.stringify({ text, label: [[at, at + 5, label]] }) + '\n');
  await page.waitForFunction((t) => document.querySelector('.doc')?.textContent === t, text);
  const mark = page.locator(`.doc mark[data-start="${at}"]`);
  assert.equal(await mark.getAttribute('data-label'), label);
  await pick('markup.txt', text.replace('Hi', 'Bye'));
  await page.waitForFunction((t) => document.querySelector('.doc')?.textContent === t, text.replace('Hi', 'Bye'));
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator('.app img, .app script, .app a[href^="javascript"]').count(), 0);
});

test('a pasted dateline sets the document date and the page quotes the line it read', async () => {
  const area = page.getByLabel('Article text');
  await area.fill('MOSCOW 1996-12-06\nBoris Yeltsin met Helmut Kohl in Moscow the next day.');
  await page.locator('.doc mark[data-label="PER"]').first().waitFor();
  assert.equal(await page.getByLabel('Document date').inputValue(), '1996-12-06');
  const note = await page.locator('.dct-note').textContent();
  assert.match(note, /read from the dateline “MOSCOW 1996-12-06/);
  // "the next day" is resolved against the date the dateline gave.
  assert.equal(await page.locator('.doc mark[data-label="DATE"]').last().getAttribute('data-value'), '1996-12-07');
});

test('the spaCy DocBin export downloads a .spacy file holding the article and its labels', async () => {
  const text = '😀 Zoë Martin visited Paris on 4 May 2021.';
  await pick('docbin.jsonl', JSON.stringify({ text, label: [[2, 12, 'PER'], [21, 26, 'LOC']] }) + '\n');
  await page.locator('.doc mark[data-start="21"]').waitFor();
  await page.getByLabel('Export format').selectOption('spacy-docbin');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download' }).click(),
  ]);
  assert.equal(download.suggestedFilename().endsWith('.spacy'), true);
  const bytes = await readFile(await download.path());
  // A zlib stream (what DocBin.from_bytes inflates) of msgpack holding the text's strings
  // and the labels; spaCy itself reads these files in scripts/test.sh (check_exports.py).
  const { inflateSync } = await import('node:zlib');
  const inner = inflateSync(bytes);
  for (const s of ['Zoë', 'Martin', 'Paris', 'PER', 'LOC']) {
    assert.ok(inner.includes(Buffer.from(s)), `${s} is in the DocBin`);
  }
  // A binary file is not copied as text.
  assert.equal(await page.getByRole('button', { name: 'Copy', exact: true }).isDisabled(), true);
});
