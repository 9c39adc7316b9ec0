// Browser test: builds the default site with the real binary, serves it under a sub-path
// from a real HTTP server on 127.0.0.1, and checks in headless Chromium what a resident
// would meet: Japanese pages, no horizontal scrolling at 320 px, named charts with data
// tables, status in words, a skip link, no request leaving the machine, no JavaScript needed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { serveSite, launch, open as openPage, horizontalOverflow, prefix, closeContext, TEST_LIMIT } from './site.mjs';

const pages = ['', 'somu/', 'somu/jichikai/', 'somu/jishu-bosai/', 'somu/madoguchi/', 'about/evaluation/', 'about/accessibility/', 'data/'];
let site, base, browser;

before(async () => {
  site = await serveSite(resolve(import.meta.dirname, '../..'));
  base = site.base;
  browser = await launch();
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  site?.close();
}, { timeout: 120_000 });

/** A page at a width, with JavaScript off. */
function open(path, width) {
  return openPage(browser, base + path, { width });
}

for (const path of pages) {
  test(`/${path} reads well at 320 px without JavaScript`, { timeout: TEST_LIMIT }, async () => {
    const { page, context, response, external, failed } = await open(path, 320);
    try {
      assert.equal(response.status(), 200);
      assert.deepEqual(external, [], 'no request may leave the machine');
      assert.deepEqual(failed, [], 'every resource loads');
      assert.equal(await page.getAttribute('html', 'lang'), 'ja');
      assert.ok((await page.title()).includes('毛呂山町'), 'title names the town');
      const overflow = await horizontalOverflow(page);
      assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px at 320px`);
      assert.equal(await page.locator('h1').count(), 1, 'one h1');
      // A favicon of the site's own, linked relatively (no request for /favicon.ico at the host root).
      const icon = await page.getAttribute('link[rel="icon"]', 'href');
      assert.ok(icon && !icon.startsWith('/'), `the favicon is linked relatively: ${icon}`);
      const iconUrl = new URL(icon, page.url());
      assert.ok(iconUrl.pathname.startsWith(prefix), 'the favicon sits under the site');
      assert.equal((await page.request.get(iconUrl.href)).status(), 200, 'the favicon loads');
      const header = await page.locator('header').innerText();
      assert.equal(header.split('毛呂山町').length - 1, 1, `the header names the town once: ${header}`);
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
    } finally {
      await closeContext(context);
    }
  });
}

test('the goal page gives the chart a data table and the status in words', { timeout: TEST_LIMIT }, async () => {
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
    await closeContext(context);
  }
});

test('the first Tab reaches the skip link, which leads to main', { timeout: TEST_LIMIT }, async () => {
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
    await closeContext(context);
  }
});

test('an unknown address shows the 404 page with working links', { timeout: TEST_LIMIT }, async () => {
  const { page, context, response, failed } = await open('no/such/page/', 1280);
  try {
    assert.equal(response.status(), 404);
    assert.deepEqual(failed.filter((f) => !f.includes('/no/such/page/')), [], 'the 404 page loads its stylesheet');
    assert.ok((await page.locator('main').innerText()).includes('見つかりません'));
    const home = page.locator('main a').first();
    await home.click();
    assert.equal(new URL(page.url()).pathname, prefix);
  } finally {
    await closeContext(context);
  }
});
