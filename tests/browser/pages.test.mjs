// Browser test: builds the default site with the real binary, serves it under a sub-path
// from a real HTTP server on 127.0.0.1, and checks in headless Chromium what a resident
// would meet: Japanese pages, no horizontal scrolling at 320 px, named charts with data
// tables, status in words, a skip link, no request leaving the machine, no JavaScript needed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, existsSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const repo = resolve(import.meta.dirname, '../..');
const bin = process.env.HYOKA_BIN || join(repo, 'target/debug/hyoka');
const prefix = '/hyoka/';
const pages = ['', 'somu/', 'somu/jichikai/', 'somu/jishu-bosai/', 'somu/madoguchi/', 'about/evaluation/', 'data/'];
let out, server, base, browser;

before(async () => {
  out = join(mkdtempSync(join(tmpdir(), 'hyoka-browser-')), 'public');
  execFileSync(bin, ['build', repo, '--output', out, '--base-url', 'http://127.0.0.1/hyoka/', '-q']);
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.startsWith(prefix) && !path.includes('..') ? join(out, path.slice(prefix.length)) : null;
    if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    const found = file && existsSync(file);
    const type = { html: 'text/html; charset=utf-8', css: 'text/css', csv: 'text/csv', json: 'application/json', xml: 'application/xml' }[
      (found ? file : 'x.html').split('.').pop()] || 'application/octet-stream';
    res.writeHead(found ? 200 : 404, { 'content-type': type });
    res.end(readFileSync(found ? file : join(out, '404.html')));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${server.address().port}${prefix}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  if (out) rmSync(resolve(out, '..'), { recursive: true, force: true });
});

/** A page at a width, with JavaScript off; records every request that leaves 127.0.0.1. */
async function open(path, width) {
  const context = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: false, locale: 'ja-JP' });
  const page = await context.newPage();
  const external = [];
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname !== '127.0.0.1') { external.push(url.href); return route.abort(); }
    return route.continue();
  });
  const failed = [];
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  const response = await page.goto(base + path, { waitUntil: 'load' });
  return { page, context, response, external, failed };
}

for (const path of pages) {
  test(`/${path} reads well at 320 px without JavaScript`, async () => {
    const { page, context, response, external, failed } = await open(path, 320);
    try {
      assert.equal(response.status(), 200);
      assert.deepEqual(external, [], 'no request may leave the machine');
      assert.deepEqual(failed, [], 'every resource loads');
      assert.equal(await page.getAttribute('html', 'lang'), 'ja');
      assert.ok((await page.title()).includes('毛呂山町'), 'title names the town');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px at 320px`);
      assert.equal(await page.locator('h1').count(), 1, 'one h1');
      const css = await page.evaluate(() => getComputedStyle(document.body).fontSize);
      assert.equal(css, '16px', 'the stylesheet is applied');
      // Every chart has an accessible name and description taken from its title/desc.
      for (const svg of await page.locator('svg[role="img"]').all()) {
        const ids = (await svg.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
        assert.ok(ids.length >= 1, 'chart has aria-labelledby');
        for (const id of ids) {
          const text = await page.locator(`[id="${id}"]`).first().textContent();
          assert.ok(text && text.trim().length > 5, `chart label #${id} has text`);
        }
      }
      await page.screenshot({ path: join(out, '..', `${path.replaceAll('/', '_') || 'home'}-320.png`), fullPage: true });
    } finally {
      await context.close();
    }
  });
}

test('the goal page gives the chart a data table and the status in words', async () => {
  const { page, context } = await open('somu/jichikai/', 1280);
  try {
    const figure = page.locator('figure').filter({ has: page.locator('svg[role="img"]') }).first();
    assert.equal(await figure.count(), 1, 'the chart sits in a figure');
    const tables = await page.locator('table').allTextContents();
    const all = tables.join('\n');
    for (const text of ['令和5年度（2023年度）', '74.6', '72.1', '72.7', '75.0']) {
      assert.ok(all.includes(text), `a table shows ${text}`);
    }
    const body = await page.locator('main').innerText();
    assert.ok(body.includes('悪化'), 'status is written as a word');
    assert.ok(body.includes('-625%'), '進捗率 is shown');
    assert.ok(await page.locator('th[scope]').count() > 0, 'table headers have scope');
    const csv = page.locator('a[href$="data.csv"]');
    assert.ok(await csv.count() > 0, 'link to the CSV');
  } finally {
    await context.close();
  }
});

test('the first Tab reaches the skip link, which leads to main', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    await page.goto(base + 'somu/');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({ text: document.activeElement.textContent.trim(), href: document.activeElement.getAttribute('href') }));
    assert.equal(focused.text, '本文へ移動');
    assert.equal(focused.href, '#main');
    assert.equal(await page.locator('main#main').count(), 1);
  } finally {
    await context.close();
  }
});

test('an unknown address shows the 404 page with working links', async () => {
  const { page, context, response, failed } = await open('no/such/page/', 1280);
  try {
    assert.equal(response.status(), 404);
    assert.deepEqual(failed.filter((f) => !f.includes('/no/such/page/')), [], 'the 404 page loads its stylesheet');
    assert.ok((await page.locator('main').innerText()).includes('見つかりません'));
    const home = page.locator('main a').first();
    await home.click();
    assert.equal(new URL(page.url()).pathname, prefix);
  } finally {
    await context.close();
  }
});
