// Trunk post-build hook: writes a strict Content-Security-Policy into the built index.html.
// Trunk loads the app with one inline module script and the page carries its style sheet
// inline (no request for it before the first paint), so the policy allows exactly those
// scripts and that style element by their SHA-256 hashes (recomputed on every build) and
// nothing inline besides.
// No remote source is allowed anywhere; the page may fetch only its own files (the wasm
// and the entity model), and start only its own worker script (the annotator of long texts).
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('csp.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)');
const file = join(dir, 'index.html');
let html = await readFile(file, 'utf8');
/** The CSP hash sources of what the elements `pattern` matches hold (its first group). */
const hashesOf = (pattern) => [...html.matchAll(pattern)]
  .map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
const hashes = hashesOf(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g);
const styles = hashesOf(/<style[^>]*>([\s\S]*?)<\/style>/g);
const policy = [
  "default-src 'none'",
  `script-src 'self' ${hashes.join(' ')} 'wasm-unsafe-eval'`,
  `style-src 'self' ${styles.join(' ')}`.trimEnd(),
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/g, '');
html = html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
if (!html.includes('Content-Security-Policy')) throw new Error('index.html has no <meta charset="utf-8" /> to place the policy after');
await writeFile(file, html);
