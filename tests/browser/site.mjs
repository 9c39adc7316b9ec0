// Shared by the browser tests: build a site with the real binary into a temporary folder,
// serve it under a sub-path from a real HTTP server on 127.0.0.1, launch Debian's headless
// Chromium (never a downloaded browser) and open pages that record every request leaving
// the machine, every failed response and every console error.
//
// Nothing here may hang a run: every launch, close and server stop has its own deadline, after
// which the process is killed (the browser with SIGKILL through its launch server), and the
// test runner is started with --test-timeout as well (scripts/test.sh).
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

/**
 * How long one browser test may take (each test() passes it as its own timeout). Node 20's
 * --test-timeout also bounds each test *file* as a whole, so scripts/test.sh gives that flag a
 * larger, file-sized bound and every test carries this one.
 */
export const TEST_LIMIT = 300_000;

/**
 * How long a synchronous child (a build, the Nu checker) may run: it blocks the event loop, so
 * the runner's --test-timeout cannot stop it; the child is killed instead.
 */
export const SYNC_LIMIT = 300_000;

/** How long closing a browser, a context or a server may take before it is killed. */
export const CLOSE_LIMIT = 10_000;

/**
 * `promise`, or a rejection naming `what` once `ms` have passed, whichever comes first; the
 * timer never keeps the process alive.
 */
export function deadline(promise, ms, what) {
  let timer;
  const late = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what}: not done after ${ms} ms`)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Closes a browser context, giving up (not waiting on, say, an open event stream) at the limit. */
export async function closeContext(context) {
  await deadline(context.close(), CLOSE_LIMIT, 'context.close').catch((e) => console.error(String(e)));
}

/**
 * Stops a child process: SIGTERM, then SIGKILL if it has not exited within `ms`. Resolves once
 * it has exited.
 */
export async function stopProcess(child, ms = CLOSE_LIMIT) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((ok) => child.once('exit', ok));
  child.kill('SIGTERM');
  try {
    await deadline(exited, ms, 'process exit');
  } catch {
    child.kill('SIGKILL');
    await deadline(exited, ms, 'process exit after SIGKILL').catch(() => {});
  }
}

/** Builds `siteDir` (a folder with config.toml) and serves it; returns { out, base, close }. */
export async function serveSite(siteDir) {
  const out = join(mkdtempSync(join(tmpdir(), 'hyoka-browser-')), 'public');
  execFileSync(bin, ['build', siteDir, '--output', out, '--base-url', `http://127.0.0.1${prefix}`, '-q'],
    { timeout: SYNC_LIMIT, killSignal: 'SIGKILL' });
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
      // Keep-alive connections would hold server.close() open: end them first.
      server.closeAllConnections();
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

/**
 * Debian's Chromium, headless, with nothing that phones home. It runs behind a launch server so
 * that `browser.close()` can never hang: it closes the browser gracefully within CLOSE_LIMIT,
 * and kills the browser process (SIGKILL) when that does not happen in time. `browser.process()`
 * is the Chromium process.
 */
export async function launch() {
  const server = await chromium.launchServer({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    timeout: 60_000,
  });
  let browser;
  try {
    browser = await deadline(chromium.connect(server.wsEndpoint()), 60_000, 'connect to Chromium');
  } catch (e) {
    await server.kill();
    throw e;
  }
  browser.process = () => server.process();
  browser.close = async () => {
    try {
      await deadline(server.close(), CLOSE_LIMIT, 'browser close');
    } catch (e) {
      console.error(`${e}: killing Chromium`);
      await server.kill();
    }
  };
  return browser;
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
