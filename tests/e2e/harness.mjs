// Shared set-up for the browser tests: serve dist/ on 127.0.0.1 and drive Debian's
// headless Chromium through playwright-core (no browser download).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The build the tests and the benchmark load: dist/, or the folder `DIST` names. */
export const DIST = process.env.DIST ?? join(ROOT, 'dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves dist/ on a free loopback port; resolves to { url, close }. */
export async function serveDist() {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(DIST, path.endsWith('/') ? join(path, 'index.html') : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/** Launches headless Chromium with the flags this machine needs. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Code-point slice, as Python and the newsmark JSON count. */
export function slice(text, start, end) {
  return Array.from(text).slice(start, end).join('');
}

/** Selects chars [from, to) of the annotated view with the mouse, as a person drags. */
export async function dragSelect(page, from, to) {
  const box = await page.evaluate(([from, to]) => {
    // Find the text node holding each boundary: a mark's text starts at its data-start;
    // bare text between marks where the mark before it ends, or at its block's data-from.
    const textNodes = () => {
      const out = [];
      for (const block of document.querySelectorAll('.doc .block')) {
        let at = +block.dataset.from;
        for (const n of block.childNodes) {
          if (n.nodeType === Node.TEXT_NODE) {
            out.push({ node: n, start: at });
            at += Array.from(n.textContent).length;
          } else {
            out.push({ node: n.firstChild, start: +n.dataset.start });
            at = +n.dataset.end;
          }
        }
      }
      return out;
    };
    const point = (at, isEnd) => {
      for (const { node, start: s } of textNodes()) {
        const cps = Array.from(node?.textContent ?? '');
        const e = s + cps.length;
        if (at >= s && (isEnd ? at <= e : at < e)) {
          const units = cps.slice(0, at - s).join('').length;
          const r = document.createRange();
          r.setStart(node, units); r.setEnd(node, units);
          const rectOf = () => r.getClientRects()[0] ?? r.getBoundingClientRect();
          // The start point is brought to the middle of the window.
          if (!isEnd) window.scrollBy(0, rectOf().top - innerHeight / 2);
          const rect = rectOf();
          return { x: rect.left, y: rect.top + rect.height / 2 };
        }
      }
      throw new Error(`no segment holds ${at}`);
    };
    return { a: point(from, false), b: point(to, true) };
  }, [from, to]);
  await page.mouse.move(box.a.x + 1, box.a.y);
  await page.mouse.down();
  await page.mouse.move((box.a.x + box.b.x) / 2, box.b.y, { steps: 4 });
  await page.mouse.move(box.b.x - 1, box.b.y, { steps: 4 });
  await page.mouse.up();
}
