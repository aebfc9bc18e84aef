// `window.newsmark.annotateAsync` (#27: a 30 MB string given to `annotate` blocked the page
// for seconds): a promise of exactly what `annotate` returns, annotated in the page's worker
// so that the page answers meanwhile; the same refusals, as rejections; requests made before
// the worker is ready wait for it, and without a worker the main thread answers; the API's
// answers never reach the editor's document, nor the editor's the API's promises.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, serveDist, launch } from './harness.mjs';

let server, browser;
const SAMPLE = await readFile(join(ROOT, 'www/samples/paris-talks-2025-09-01.txt'), 'utf8');
const repeat = (chars) => Array.from({ length: Math.ceil(chars / SAMPLE.length) }, () => SAMPLE).join('\n\n');
// Astral emoji (two UTF-16 units each), a ZWJ sequence, a flag, CJK, accents.
const WIDE = '東京 (Tokyo), Sept. 3 — 岸田文雄 met Zoë Keller 🇫🇷 in Paris 👩‍👩‍👧 on Thursday; ' +
  'Olaf Scholz 😀 will visit Beijing 北京 next week.\n\n' + SAMPLE.replaceAll('. ', '. 🙂 ');

before(async () => {
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page, once the model has loaded (`engine`) and the worker is ready (`worker`);
 *  `route` is given the page before it loads, to route its requests. */
async function open({ worker = 'ready', engine = 'model', route } = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  const page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  if (route) await route(page);
  await page.goto(server.url);
  if (engine) await page.locator(`[data-engine="${engine}"]`).waitFor();
  if (worker) await page.locator(`[data-worker="${worker}"]`).waitFor({ state: 'attached' });
  return page;
}

/** Counts the API's texts the worker receives (`self.__exports`). */
async function countExports(page) {
  const [worker] = page.workers();
  assert.ok(worker, 'the page runs a worker');
  await worker.evaluate(() => {
    const on = self.onmessage;
    self.__exports = 0;
    self.onmessage = (e) => {
      if (e.data.type === 'export') self.__exports++;
      return on(e);
    };
  });
  return () => worker.evaluate(() => self.__exports);
}

/** `annotate` and `annotateAsync` on the same inputs, as JSON texts (fields in order). */
const both = (page, cases) => page.evaluate(async (cases) => {
  const out = [];
  for (const [text, options] of cases) {
    const sync = JSON.stringify(window.newsmark.annotate(text, options));
    const later = window.newsmark.annotateAsync(text, options);
    out.push({ promise: later instanceof Promise, sync, async: JSON.stringify(await later) });
  }
  return out;
}, cases);

test('annotateAsync gives exactly what annotate gives, computed in the worker', async () => {
  const page = await open();
  const exports = await countExports(page);
  const cases = [[SAMPLE], [SAMPLE, { dct: '2025-09-01' }], [WIDE, {}], [WIDE, { dct: '2024-02-29' }],
    ['Macron will meet Putin in Paris on Sept. 4.', { dct: '2025-09-01' }], ['', null]];
  const got = await both(page, cases);
  for (const [i, g] of got.entries()) {
    assert.equal(g.promise, true);
    assert.equal(g.async, g.sync, `case ${i}: the same fields in the same order, the same values`);
  }
  const sample = JSON.parse(got[0].async);
  assert.equal(sample.schema, 'newsmark/1');
  assert.ok(sample.spans.length > 40, `${sample.spans.length} spans`);
  const wide = JSON.parse(got[2].async);
  assert.equal(wide.text, WIDE);
  const scholz = wide.spans.find((s) => s.text === 'Olaf Scholz');
  assert.ok(scholz, 'a span after emoji and CJK');
  assert.equal(WIDE.slice(scholz.utf16.start, scholz.utf16.end), 'Olaf Scholz');
  assert.equal(Array.from(WIDE).slice(scholz.start, scholz.end).join(''), 'Olaf Scholz');
  assert.equal(await exports(), cases.length, 'each text went to the worker');
  await page.context().close();
});

test('annotateAsync rejects what annotate throws, with the same codes, before the worker sees it', async () => {
  const page = await open();
  const exports = await countExports(page);
  const got = await page.evaluate(async () => {
    const cases = [['x', { dct: 'soon' }], ['x', { dct: '2025-02-30' }], ['x', { dct: '-0001-01-01' }],
      [42, {}], [null, {}], ['x', { dct: 7 }], ['x', 'tomorrow'], ['x', { date: '2025-01-01' }],
      ['a'.repeat(64 * 1024 * 1024 + 1), {}]];
    const out = [];
    for (const [t, o] of cases) {
      let thrown, returned, rejected;
      try { thrown = window.newsmark.annotate(t, o) && null; } catch (e) { thrown = { code: e.code, message: e.message }; }
      try {
        returned = window.newsmark.annotateAsync(t, o);
      } catch (e) {
        out.push({ thrown, threw: String(e) });
        continue;
      }
      try { await returned; } catch (e) { rejected = { isError: e instanceof Error, code: e.code, message: e.message }; }
      out.push({ thrown, promise: returned instanceof Promise, rejected });
    }
    return out;
  });
  const codes = got.map((g) => g.rejected?.code);
  assert.deepEqual(codes, ['dct', 'dct', 'dct', 'text', 'text', 'options', 'options', 'options', 'too-long'], JSON.stringify(got));
  for (const g of got) {
    assert.equal(g.promise, true, 'a promise, never a throw');
    assert.equal(g.rejected.isError, true);
    assert.deepEqual(g.rejected, { isError: true, ...g.thrown }, 'the same code and message as annotate');
  }
  assert.match(got[0].rejected.message, /options\.dct: .*YYYY-MM-DD/);
  assert.match(got.at(-1).rejected.message, /up to 67108864/);
  // Refusals are made on the main thread: none of those texts was sent; a good one then is.
  assert.equal(await exports(), 0, 'no refused text went to the worker');
  const good = await page.evaluate(async () => (await window.newsmark.annotateAsync('a '.repeat(1 << 19), {})).text.length);
  assert.equal(good, 1 << 20);
  assert.equal(await exports(), 1);
  await page.context().close();
});

test('the page keeps answering while annotateAsync annotates 8 MB', async (t) => {
  const page = await open();
  const got = await page.evaluate(async (sample) => {
    const text = Array.from({ length: Math.ceil(8e6 / sample.length) }, () => sample).join('\n\n');
    // Long tasks (over 50 ms) and the longest wait of a zero timeout, while the call runs.
    const observe = async (f) => {
      const tasks = [];
      const observer = new PerformanceObserver((l) => tasks.push(...l.getEntries().map((e) => e.duration)));
      observer.observe({ type: 'longtask' });
      let gap = 0, last = performance.now(), ticks = 0, running = true;
      const tick = () => {
        const now = performance.now();
        gap = Math.max(gap, now - last);
        last = now;
        ticks++;
        if (running) setTimeout(tick, 0);
      };
      setTimeout(tick, 0);
      const t0 = performance.now();
      const doc = await f();
      const ms = performance.now() - t0;
      running = false;
      // Long tasks are reported a moment after they end.
      await new Promise((r) => setTimeout(r, 200));
      observer.disconnect();
      return { doc, ms, gap, ticks, longest: Math.max(0, ...tasks), tasks: tasks.length };
    };
    const later = await observe(() => window.newsmark.annotateAsync(text));
    const now = await observe(async () => window.newsmark.annotate(text));
    const same = JSON.stringify(later.doc) === JSON.stringify(now.doc);
    const spans = later.doc.spans.length;
    delete later.doc; delete now.doc;
    return { later, now, same, spans, chars: text.length };
  }, SAMPLE);
  t.diagnostic(JSON.stringify(got));
  assert.ok(got.spans > 100000, `${got.spans} spans`);
  assert.equal(got.same, true, 'the same object as annotate');
  // The observer sees what blocks: annotate on the main thread is one long task, the call.
  assert.ok(got.now.longest >= 0.9 * got.now.ms, `annotate: ${got.now.ms} ms, its longest task ${got.now.longest} ms`);
  // annotateAsync leaves the main thread free: no task near that long.
  assert.ok(got.later.longest < 500, `the longest task during annotateAsync: ${got.later.longest} ms`);
  assert.ok(got.later.ticks > 10, `${got.later.ticks} timeouts ran meanwhile`);
  await page.context().close();
});

test('concurrent calls and the editor share the worker, each answer going to its sender', async () => {
  const page = await open();
  const [worker] = page.workers();
  // The worker's answers are held, then given back in the reverse order.
  await worker.evaluate(() => {
    const post = self.postMessage.bind(self);
    const held = [];
    self.postMessage = (m, transfer) => (m.type === 'done' || m.type === 'exported' ? held.push([m, transfer]) : post(m, transfer));
    self.__held = () => held.length;
    self.__release = () => { self.postMessage = post; for (const [m, t] of held.reverse()) post(m, t); };
  });
  const LONG = repeat(300_000);
  const texts = [[SAMPLE, { dct: '2025-09-02' }], [WIDE], [repeat(200_000)], ['Angela Merkel arrived in Berlin on Monday.']];
  await page.evaluate((texts) => {
    window.__results = [];
    texts.forEach(([t, o], i) => window.newsmark.annotateAsync(t, o).then((d) => { window.__results[i] = d; }));
  }, texts);
  // The editor's own run of a long paste goes to the worker among them.
  await page.evaluate((t) => navigator.clipboard.writeText(t), LONG);
  await page.getByLabel('Article text').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await page.locator('section.result[aria-busy="true"]').waitFor({ state: 'attached', timeout: 30000 });
  const held = () => worker.evaluate(() => self.__held());
  for (let i = 0; i < 600 && (await held()) < texts.length + 1; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(await held(), texts.length + 1, 'four API answers and the editor\'s are held');
  assert.equal(await page.evaluate(() => window.__results.length), 0, 'nothing resolved before its answer');
  await worker.evaluate(() => self.__release());

  await page.waitForFunction((n) => window.__results.filter(Boolean).length === n, texts.length, { timeout: 60000 });
  const check = await page.evaluate((texts) => texts.map(([t, o], i) =>
    JSON.stringify(window.__results[i]) === JSON.stringify(window.newsmark.annotate(t, o))), texts);
  assert.deepEqual(check, texts.map(() => true), 'each promise has its own text\'s object');
  // The document got the editor's answer, for its own text, and no API answer.
  const doc = (await page.waitForFunction((n) => {
    const raw = localStorage.getItem('newsmark/v1/document');
    if (!raw || document.querySelector('section.result[aria-busy="true"]')) return null;
    const d = JSON.parse(raw).document;
    return d.text.length === n && !d.stale ? d : null;
  }, LONG.length, { timeout: 60000, polling: 250 })).jsonValue();
  const want = await page.evaluate((t) => window.newsmark.annotate(t), LONG);
  const spansOf = (d) => d.spans.map((s) => [s.start, s.end, s.label, s.value ?? null]);
  assert.deepEqual(spansOf(await doc), spansOf(want));
  await page.context().close();
});

test('a call made before the worker is ready waits for it, and gets the model\'s answer', async () => {
  let release;
  const model = new Promise((r) => { release = r; });
  const page = await open({
    worker: null,
    engine: 'rules',
    // The model (and so the worker, which starts with it) is held back.
    route: (p) => p.route('**/model/ner.bin', async (route) => { await model; await route.continue(); }),
  });
  await page.waitForFunction(() => window.newsmark?.annotateAsync);
  const rules = await page.evaluate((t) => JSON.stringify(window.newsmark.annotate(t)), SAMPLE);
  await page.evaluate((t) => {
    window.__early = null;
    window.newsmark.annotateAsync(t).then((d) => { window.__early = JSON.stringify(d); });
  }, SAMPLE);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(await page.evaluate(() => window.__early), null, 'waiting for the worker');
  assert.equal(await page.locator('[data-engine="rules"]').count(), 1);
  release();
  await page.locator('[data-engine="model"]').waitFor();
  await page.waitForFunction(() => window.__early !== null, null, { timeout: 60000 });
  const early = await page.evaluate(() => window.__early);
  const model_ = await page.evaluate((t) => JSON.stringify(window.newsmark.annotate(t)), SAMPLE);
  assert.equal(early, model_, 'the trained model\'s annotation, as annotate gives it now');
  assert.notEqual(early, rules, 'not the rules\' (the sample tells them apart)');
  await page.context().close();
});

test('without a worker (refused, or no model to start it with) the main thread answers', async () => {
  for (const [route, engine] of [['**/annotate-worker.js', 'model'], ['**/model/ner.bin', 'rules-only']]) {
    const page = await open({ worker: 'off', engine, route: (p) => p.route(route, (r) => r.abort()) });
    const got = await both(page, [[SAMPLE], [WIDE, { dct: '2025-09-01' }]]);
    for (const g of got) assert.equal(g.async, g.sync, route);
    const rejected = await page.evaluate(() => window.newsmark.annotateAsync('x', { dct: 'soon' }).catch((e) => e.code));
    assert.equal(rejected, 'dct');
    await page.context().close();
  }
});
