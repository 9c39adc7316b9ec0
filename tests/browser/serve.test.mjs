// Browser test of the writing loop: `hyoka serve` on a copy of the repository's site, a real
// Chromium tab (JavaScript on, as staff use it). Saving a file must change the open tab by
// itself; a broken file must show the Japanese error page in that tab, and the fix must
// bring the page back — all without the test navigating. Closing a tab whose event stream is
// open must not wait on that stream, and stopping the server must not wait on open tabs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, cpSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { launch, deadline, stopProcess, CLOSE_LIMIT } from './site.mjs';

const repo = resolve(import.meta.dirname, '../..');
const bin = process.env.HYOKA_BIN || join(repo, 'target/debug/hyoka');
const patience = 30_000;
let site, server, url, browser;

/** Resolves once `ok()` holds (polled every 50 ms); fails naming `what` after `patience`. */
async function until(ok, what) {
  const poll = (async () => { while (!ok()) await new Promise((done) => setTimeout(done, 50)); })();
  await deadline(poll, patience, what);
}

/** Closes a page within CLOSE_LIMIT or fails the test: an open event stream must not hold it. */
async function closePage(page) {
  await deadline(page.close(), CLOSE_LIMIT, 'page.close with the live-reload stream open');
}

before(async () => {
  site = mkdtempSync(join(tmpdir(), 'hyoka-serve-'));
  cpSync(join(repo, 'config.toml'), join(site, 'config.toml'));
  cpSync(join(repo, 'content'), join(site, 'content'), { recursive: true });
  server = spawn(bin, ['serve', '--port', '0', site], { stdio: ['ignore', 'pipe', 'inherit'] });
  url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('serve printed no address')), patience);
    createInterface({ input: server.stdout }).once('line', (line) => {
      clearTimeout(timer);
      ok(line.split(/\s/)[0]);
    });
  });
  browser = await launch();
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  await stopProcess(server);
  if (site) rmSync(site, { recursive: true, force: true });
}, { timeout: 60_000 });

const h1 = (page) => page.locator('h1').first().innerText();

async function waitForH1(page, want) {
  await page.waitForFunction((text) => document.querySelector('h1')?.textContent.includes(text), want, { timeout: patience });
}

test('a saved edit, a broken file and its fix all show in the open tab by themselves', { timeout: 180_000 }, async () => {
  const page = await browser.newPage();
  const home = await browser.newPage();
  try {
    await home.goto(url);
    await page.goto(url + 'somu/jichikai/');
    assert.equal(await h1(page), '地域コミュニティの推進');
    const file = join(site, 'content/somu/jichikai.md');
    const good = readFileSync(file, 'utf8');

    writeFileSync(file, good.replace('title: 地域コミュニティの推進', 'title: 地域のつながりづくり'));
    await waitForH1(page, '地域のつながりづくり');
    // The home page lists every goal: it follows once the site-wide pages are rebuilt.
    await home.waitForFunction(() => document.querySelector('main')?.textContent.includes('地域のつながりづくり'), null, { timeout: patience });

    writeFileSync(file, good.replace('direction: up', 'direction: up\n  unit: ["%"'));
    await waitForH1(page, 'エラーがあります');
    const text = await page.locator('main').innerText();
    assert.ok(text.includes('content/somu/jichikai.md:'), text);
    assert.ok(text.includes('修正方法'), text);

    writeFileSync(file, good);
    await waitForH1(page, '地域コミュニティの推進');
    assert.equal(new URL(page.url()).pathname.endsWith('/somu/jichikai/'), true);
  } finally {
    // Both tabs may be in the middle of a reload the last rebuild started; closing one then
    // has been seen to take over 10 s in Chromium (once in CI). Prompt closing with an open
    // stream is the test below's; here a slow close is reported, not failed, and the
    // browser is killed at the end anyway.
    for (const tab of [page, home]) {
      await closePage(tab).catch((e) => console.error(`${e} (after the reloads of this test)`));
    }
  }
});

test('a draft shows its 下書き mark in the preview', { timeout: 60_000 }, async () => {
  const file = join(site, 'content/somu/madoguchi.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('---\n', '---\ndraft: true\n'));
  const page = await browser.newPage();
  try {
    await page.goto(url + 'somu/madoguchi/');
    await page.waitForSelector('h1 .draft-mark', { timeout: patience });
    assert.equal(await page.locator('h1 .draft-mark').innerText(), '下書き');
    assert.ok(await page.locator('h1 .draft-mark').isVisible());
  } finally {
    await closePage(page);
  }
});

test('a tab with its live-reload stream open closes at once, and leaving a page closes the stream', { timeout: 60_000 }, async () => {
  const page = await browser.newPage();
  let closed = false;
  try {
    const streams = [];
    page.on('request', (r) => { if (r.url().includes('/__hyoka/livereload')) streams.push(r); });
    page.on('requestfailed', (r) => { if (r.url().includes('/__hyoka/livereload')) closed = true; });
    page.on('requestfinished', (r) => { if (r.url().includes('/__hyoka/livereload')) closed = true; });
    await page.goto(url + 'somu/');
    await until(() => streams.length > 0, 'the page opened no live-reload stream');
    // pagehide ends the stream (so a page kept in the back/forward cache holds no connection).
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true })));
    await until(() => closed, 'the stream stayed open after pagehide');
    // pageshow from the cache opens it again.
    const before = streams.length;
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })));
    await until(() => streams.length > before, 'pageshow opened no new stream');
  } finally {
    const started = Date.now();
    await closePage(page);
    assert.ok(Date.now() - started < CLOSE_LIMIT);
  }
});
