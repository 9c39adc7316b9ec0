// 検索 (search/) in headless Chromium on the fixture site tests/fixtures/search (served under a
// sub-path, and opened from disk without a server): typing 防災 finds the goals about it in
// several departments, kana and widths are folded, results are announced; without
// JavaScript the page lists every goal by department; axe-core passes at 320 px in light and
// dark mode; and on a generated corpus the index size and the time from the input event to
// the first result drawn are measured (1,000 goals by default; HYOKA_SEARCH_GOALS=10000 for
// the larger measurement, which is not part of the suite).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  serveSite, launch, open, closeContext, horizontalOverflow, repo, SYNC_LIMIT, TEST_LIMIT,
} from './site.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const siteDir = resolve(import.meta.dirname, '../fixtures/search');
const GEN_CORPUS = process.env.HYOKA_GEN_CORPUS || join(repo, 'target/debug/examples/gen_corpus');
const CORPUS_GOALS = Number(process.env.HYOKA_SEARCH_GOALS || 1000);
/** The bounds: the index at 10,000 goals, the first result after typing. */
const INDEX_LIMIT_BYTES = 3 * 1024 * 1024;
const FIRST_RESULT_LIMIT_MS = 100;

let site;
let browser;
before(async () => {
  site = await serveSite(siteDir);
  browser = await launch();
}, { timeout: 120_000 });
after(async () => {
  await browser?.close();
  site?.close();
}, { timeout: 120_000 });

/** The results listed now: title, department and status text of each. */
const results = (page) => page.locator('.search-results li').evaluateAll((items) => items.map((li) => ({
  title: li.querySelector('a').textContent,
  href: li.querySelector('a').getAttribute('href'),
  department: li.querySelector('.search-result-department').textContent,
  statuses: [...li.querySelectorAll('.status')].map((s) => s.textContent),
})));

/** Types `text` into the search box as a person would (one input event per character). */
async function type(page, text) {
  await page.locator('#search-query').fill('');
  await page.locator('#search-query').pressSequentially(text);
}

const BOSAI = [
  { title: '地域の防災力の向上', department: '（総務課）' },
  { title: '避難所の備蓄の充実', department: '（総務課）' },
  { title: '学校の安全の確保', department: '（教育課）' },
  { title: '雨水の排水路の整備', department: '（都市整備課）' },
];

test('search: typing 防災 finds the goals about it in each department, with status and department', { timeout: TEST_LIMIT }, async () => {
  const { page, context, errors, failed } = await open(browser, `${site.base}search/`, { js: true });
  try {
    await page.locator('#search-query').focus();
    await type(page, '防災');
    await page.locator('.search-status', { hasText: '4件見つかりました' }).waitFor({ timeout: 10_000 });
    const found = await results(page);
    assert.deepEqual(found.map(({ title, department }) => ({ title, department })), BOSAI);
    assert.deepEqual(found[0].statuses, ['○順調'], 'the word with its shape');
    assert.equal(await page.locator('.search-results .status-symbol[aria-hidden="true"]').count(), 4);
    assert.ok(await page.locator('.search-results-box').evaluate((box) => box.getBoundingClientRect().bottom
      <= document.querySelector('.search-all').getBoundingClientRect().top), 'the results come before the list of every goal');
    // The links work under the sub-path.
    await page.locator('.search-results a', { hasText: '学校の安全の確保' }).click();
    await page.waitForURL(`${site.base}kyoiku/gakko-anzen/`);
    assert.equal(await page.locator('h1').innerText(), '学校の安全の確保');
    assert.deepEqual(errors, []);
    assert.deepEqual(failed, []);
  } finally {
    await closeContext(context);
  }
});

test('search: katakana, hiragana, half-width kana and full-width digits find each other', { timeout: TEST_LIMIT }, async () => {
  const { page, context, errors } = await open(browser, `${site.base}search/`, { js: true });
  try {
    const cases = [
      ['ボウサイ', ['ぼうさいマップを使った健康と避難の講座']],
      ['ｾﾝﾀｰ', ['地域交流センターの利用の促進']],
      ['うぉーきんぐ', ['ウォーキング教室の参加者の増加']],
      ['4-1-1', ['地域の防災力の向上']],
      ['総務課 ひなんじょ', []],
      ['総務課　避難所', ['避難所の備蓄の充実']],
    ];
    for (const [query, titles] of cases) {
      await type(page, query);
      await page.locator('.search-status', { hasText: titles.length ? `${titles.length}件見つかりました` : '見つかりませんでした' })
        .waitFor({ timeout: 10_000 });
      assert.deepEqual((await results(page)).map((r) => r.title), titles, query);
    }
    await type(page, '');
    assert.equal(await page.locator('.search-results-box').isVisible(), false, 'an empty query shows no results');
    assert.equal(await page.locator('.search-all').isVisible(), true);
    // The search reached through the form's own submit (Enter), and from the address (?q=).
    await type(page, '排水路');
    await page.keyboard.press('Enter');
    await page.locator('.search-status', { hasText: '1件見つかりました' }).waitFor({ timeout: 10_000 });
    assert.match(page.url(), /\?q=/);
    await page.goto(`${site.base}search/?q=${encodeURIComponent('ウォーキング')}`);
    await page.locator('.search-status', { hasText: '1件見つかりました' }).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('#search-query').inputValue(), 'ウォーキング');
    assert.deepEqual(errors, []);
  } finally {
    await closeContext(context);
  }
});

test('search: without JavaScript the page lists every goal by department and says why', { timeout: TEST_LIMIT }, async () => {
  const { page, context } = await open(browser, `${site.base}search/`, { js: false });
  try {
    assert.equal(await page.locator('form.search-form label[for="search-query"]').innerText(), '目標を探す言葉');
    assert.equal(await page.locator('#search-query').isVisible(), true, 'the form is still there');
    assert.match(await page.locator('.search-noscript').innerText(), /検索にはJavaScriptが必要です/);
    assert.deepEqual(await page.locator('.search-all h3 a').allInnerTexts(), ['総務課', '教育課', '健康づくり課', '都市整備課']);
    assert.equal(await page.locator('.search-all li').count(), 9);
    assert.equal(await page.locator('.search-all li', { hasText: '雨水の排水路の整備' }).locator('.status').textContent(), '×悪化');
    assert.equal(await page.locator('.search-results-box').isVisible(), false);
    // Every page's header links here.
    await page.goto(`${site.base}toshi/usui/`);
    await page.locator('.site-search-link a').click();
    await page.waitForURL(`${site.base}search/`);
  } finally {
    await closeContext(context);
  }
});

test('search: works opened from disk, without a server', { timeout: TEST_LIMIT }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: true, locale: 'ja-JP' });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(join(site.out, 'search/index.html')).href);
    await type(page, '防災');
    await page.locator('.search-status', { hasText: '4件見つかりました' }).waitFor({ timeout: 10_000 });
    assert.deepEqual((await results(page)).map((r) => r.title), BOSAI.map((b) => b.title));
    assert.equal((await results(page))[0].href, '../somu/bosai-kunren/');
    assert.deepEqual(errors, []);
  } finally {
    await closeContext(context);
  }
});

test('search: keyboard only, at 320 px, light and dark, axe-core finds nothing with results shown', { timeout: TEST_LIMIT }, async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page, context, errors } = await open(browser, `${site.base}search/`, { js: true, width: 320, colorScheme });
    try {
      // From the top of the page to the box by Tab, as a keyboard user goes.
      let focused = '';
      for (let i = 0; i < 20 && focused !== 'search-query'; i += 1) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => document.activeElement?.id);
      }
      assert.equal(focused, 'search-query', 'the box is reached by Tab');
      await page.keyboard.type('の');
      await page.locator('.search-status', { hasText: '件見つかりました' }).waitFor({ timeout: 10_000 });
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), '検索', 'Tab moves on: no trap');
      assert.ok(await horizontalOverflow(page) <= 0, `${colorScheme}: no sideways scroll at 320 px`);
      await page.evaluate(AXE_SOURCE);
      const result = await page.evaluate(() => globalThis.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
        resultTypes: ['violations'],
      }));
      assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`), [], colorScheme);
      assert.deepEqual(errors, []);
    } finally {
      await closeContext(context);
    }
  }
});

test(`search: at ${CORPUS_GOALS} goals the index is small and the first result comes within ${FIRST_RESULT_LIMIT_MS} ms`, { timeout: TEST_LIMIT }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hyoka-search-corpus-'));
  let corpus;
  try {
    execFileSync(GEN_CORPUS, ['--goals', String(CORPUS_GOALS), '--seed', '1', dir],
      { timeout: SYNC_LIMIT, killSignal: 'SIGKILL', stdio: 'ignore' });
    corpus = await serveSite(dir);
    const bytes = statSync(join(corpus.out, 'search/index.js')).size;
    // The index grows with the goals: at 1,000 it must leave room for ten times as many.
    assert.ok(bytes * (10_000 / CORPUS_GOALS) < INDEX_LIMIT_BYTES, `index ${bytes} bytes at ${CORPUS_GOALS} goals`);
    const { page, context, errors } = await open(browser, `${corpus.base}search/`, { js: true });
    try {
      // A reader first finds the box: the page has drawn itself and is idle.
      await page.evaluate(() => new Promise((ok) => requestIdleCallback(() => requestAnimationFrame(() => requestAnimationFrame(ok)))));
      // From the input event (the first listener of the document) to the first result drawn
      // (the frame after the list changed).
      await page.evaluate(() => {
        window.searchTimes = [];
        window.listedTimes = [];
        let started = 0;
        document.addEventListener('input', () => { started = performance.now(); }, { capture: true });
        new MutationObserver(() => {
          if (!started || !document.querySelector('.search-results li')) return;
          const from = started;
          started = 0;
          const listed = performance.now() - from;
          requestAnimationFrame(() => {
            window.searchTimes.push(performance.now() - from);
            window.listedTimes.push(listed);
          });
        }).observe(document.querySelector('.search-results'), { childList: true });
      });
      const queries = ['防災', '地域', '参加者', '町民', '4'];
      for (const query of queries) {
        await page.locator('#search-query').fill('');
        await page.locator('#search-query').pressSequentially(query.slice(0, 1));
        await page.waitForFunction((n) => window.searchTimes.length >= n, queries.indexOf(query) + 1, { timeout: 10_000 });
      }
      const times = await page.evaluate(() => window.searchTimes);
      const listed = await page.evaluate(() => window.listedTimes);
      // The median of the queries: one query slowed by another process on a shared CI machine
      // does not fail the suite; a slow search does.
      const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
      console.log(`in the list after ${listed.map((t) => t.toFixed(1)).join(', ')} ms`);
      console.log(`search at ${CORPUS_GOALS} goals: index ${bytes} bytes; first result after ${times.map((t) => t.toFixed(1)).join(', ')} ms (median ${median.toFixed(1)})`);
      assert.ok(median < FIRST_RESULT_LIMIT_MS, `first result after ${median.toFixed(1)} ms (median)`);
      assert.deepEqual(errors, []);
    } finally {
      await closeContext(context);
    }
  } finally {
    corpus?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
