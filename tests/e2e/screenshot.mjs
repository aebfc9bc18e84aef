// Renders the README's screenshot: the sample article annotated, one span selected.
// Run after a release build: `node tests/e2e/screenshot.mjs` (writes www/screenshot.png).
import { join } from 'node:path';
import { ROOT, serveDist, launch } from './harness.mjs';

const server = await serveDist();
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 820 }, deviceScaleFactor: 1 });
await page.goto(server.url);
await page.locator('[data-engine="model"]').waitFor();
await page.getByRole('button', { name: 'Load sample' }).click();
await page.locator('.doc mark[data-start="27"]').click();
await page.screenshot({ path: join(ROOT, 'www/screenshot.png') });
await browser.close();
await server.close();
