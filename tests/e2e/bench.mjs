// In-browser benchmark of the wasm build: times window.newsmark.annotate (trained model +
// dates) in headless Chromium on news text, against a baseline measured in the same page
// in the same run (a JavaScript regex scan for capitalised words, the crudest "NER", over
// the same text). Not a test: it prints.
// Run after a release build: `node tests/e2e/bench.mjs [copies]`.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, serveDist, launch } from './harness.mjs';

const copies = +(process.argv[2] ?? 200);
const sample = await readFile(join(ROOT, 'www/samples/paris-talks-2025-09-01.txt'), 'utf8');
// Paragraphs of the sample, shuffled deterministically, so the text is news but not one
// article repeated verbatim.
const paras = sample.split('\n\n');
let seed = 7;
const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
const text = Array.from({ length: copies * paras.length }, () => paras[next() % paras.length]).join('\n\n');

const server = await serveDist();
const browser = await launch();
const page = await browser.newPage();
await page.goto(server.url);
await page.locator('[data-engine="model"]').waitFor();
const r = await page.evaluate((text) => {
  const time = (f, runs) => {
    f(); // warm up
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) f();
    return (performance.now() - t0) / runs;
  };
  const bytes = new TextEncoder().encode(text).length;
  let spans = 0;
  const annotate = time(() => { spans = window.newsmark.annotate(text, { dct: '2025-09-01' }).spans.length; }, 3);
  const split = time(() => (text.match(/\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+\p{Lu}[\p{L}\p{M}'’.-]*)*/gu) ?? []).length, 20);
  return { bytes, spans, annotate, split };
}, text);
const mbps = (ms) => (r.bytes / 1e6) / (ms / 1000);
console.log(`text: ${(r.bytes / 1e6).toFixed(2)} MB (${copies} × the sample's paragraphs), ${r.spans} spans`);
console.log(`| measure | ms | MB/s | × baseline |`);
console.log(`|---|---|---|---|`);
console.log(`| baseline: JS regex scan for capitalised word runs | ${r.split.toFixed(1)} | ${mbps(r.split).toFixed(1)} | 1 |`);
console.log(`| newsmark.annotate (model + dates, wasm) | ${r.annotate.toFixed(1)} | ${mbps(r.annotate).toFixed(2)} | ${(r.split / r.annotate).toFixed(3)} |`);
await browser.close();
await server.close();
