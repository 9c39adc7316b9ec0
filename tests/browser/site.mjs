// Shared by the browser tests: build a site with the real binary into a temporary folder,
// serve it under a sub-path from a real HTTP server on 127.0.0.1, launch Debian's headless
// Chromium (never a downloaded browser) and open pages that record every request leaving
// the machine, every failed response and every console error.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, existsSync, statSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, relative, sep } from 'node:path';
import { chromium } from 'playwright-core';

export const repo = resolve(import.meta.dirname, '../..');
export const bin = process.env.HYOKA_BIN || join(repo, 'target/debug/hyoka');
export const prefix = '/hyoka/';

const TYPES = {
  html: 'text/html; charset=utf-8', css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8',
  csv: 'text/csv; charset=utf-8', json: 'application/json', xml: 'application/xml', svg: 'image/svg+xml',
  png: 'image/png',
};

/** Builds `siteDir` (a folder with config.toml) and serves it; returns { out, base, close }. */
export async function serveSite(siteDir) {
  const out = join(mkdtempSync(join(tmpdir(), 'hyoka-browser-')), 'public');
  execFileSync(bin, ['build', siteDir, '--output', out, '--base-url', `http://127.0.0.1${prefix}`, '-q']);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.startsWith(prefix) && !path.includes('..') ? join(out, path.slice(prefix.length)) : null;
    if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    const found = file && existsSync(file);
    const type = TYPES[(found ? file : 'x.html').split('.').pop()] || 'application/octet-stream';
    res.writeHead(found ? 200 : 404, { 'content-type': type });
    res.end(readFileSync(found ? file : join(out, '404.html')));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}${prefix}`;
  return {
    out,
    base,
    close() {
      server.close();
      rmSync(resolve(out, '..'), { recursive: true, force: true });
    },
  };
}

/** Site-relative URL paths of every HTML page in `out` (`''`, `somu/`, …, `404.html`). */
export function pagePaths(out) {
  const paths = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.html')) {
        const rel = relative(out, full).split(sep).join('/');
        paths.push(rel === '404.html' ? rel : rel.replace(/index\.html$/, ''));
      }
    }
  };
  walk(out);
  return paths;
}

/** Debian's Chromium, headless, with nothing that phones home. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Opens `url` in a fresh context. Options: width (CSS px), height, js (JavaScript on),
 * colorScheme ('light' | 'dark'). Returns the page with what it recorded: `external`
 * (requests that tried to leave 127.0.0.1; they are aborted), `failed` (responses ≥ 400),
 * `errors` (console errors and uncaught exceptions).
 */
export async function open(browser, url, { width = 1280, height = 800, js = false, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled: js, locale: 'ja-JP', colorScheme });
  const page = await context.newPage();
  const external = [];
  const failed = [];
  const errors = [];
  await page.route('**/*', (route) => {
    const target = new URL(route.request().url());
    if (target.hostname !== '127.0.0.1') { external.push(target.href); return route.abort(); }
    return route.continue();
  });
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const response = await page.goto(url, { waitUntil: 'load' });
  return { page, context, response, external, failed, errors };
}

/** How far the page scrolls sideways, in CSS px (0 or less: it does not). */
export function horizontalOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
