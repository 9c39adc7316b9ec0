// The booklet (report/) printed by Chromium: A4 pages, the cover alone on the first page, each
// goal starting a page of its own with its number and title, the running header with the town
// and fiscal year on the pages after the cover, and a page count that grows with the goals but
// stays sensible. The PDF's text is read with pdftotext (poppler-utils). Also `hyoka build --pdf`
// itself, which prints the same page with the same Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { serveSite, launch, open, closeContext, horizontalOverflow, bin, repo, TEST_LIMIT, SYNC_LIMIT } from './site.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const siteDir = resolve(import.meta.dirname, '../fixtures/town');
let site, browser, scratch;

before(async () => {
  site = await serveSite(siteDir);
  browser = await launch();
  scratch = mkdtempSync(join(tmpdir(), 'hyoka-report-'));
}, { timeout: 120_000 });
after(async () => {
  await browser?.close();
  site?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}, { timeout: 120_000 });

/** The PDF at `file`: its page count and each page's text (pdftotext, pages split at \f). */
function readPdf(file) {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8', timeout: 60_000 });
  const pages = Number(info.match(/^Pages:\s+(\d+)/m)[1]);
  const size = info.match(/^Page size:\s+(.*)$/m)[1];
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
  return { pages, size, texts: text.split('\f').slice(0, pages) };
}

/** Text without any white space (pdftotext breaks long lines and spaces out table cells). */
const squeeze = (text) => text.replace(/\s+/g, '');

/**
 * Asserts the printed booklet: `goals` lists each goal's number and title in order; `header` is
 * the running header's text.
 */
function assertPrinted({ pages, size, texts }, goals, header) {
  assert.match(size, /\(A4\)/, 'A4 pages');
  // The cover and the contents, then at least one page per goal; a goal takes a few pages at
  // most (its figures, table, chart with its data and text), never dozens.
  assert.ok(pages >= 2 + goals.length, `${pages} pages for ${goals.length} goals`);
  assert.ok(pages <= 2 + goals.length * 6, `${pages} pages for ${goals.length} goals is too many`);
  // The running header is each page's first line, the page number its last; not on the cover.
  const lines = (text) => text.split('\n').map(squeeze).filter((l) => l !== '');
  assert.notEqual(lines(texts[0])[0], squeeze(header), 'no running header on the cover');
  assert.ok(!lines(texts[0]).includes(`1/${pages}`), 'no page number on the cover');
  for (let i = 1; i < pages; i += 1) {
    assert.equal(lines(texts[i])[0], squeeze(header), `page ${i + 1}: running header`);
    assert.equal(lines(texts[i]).at(-1), `${i + 1}/${pages}`, `page ${i + 1}: page number`);
  }
  // Each goal's title, with its number, heads a page of its own, in order, after the contents.
  let last = 1;
  for (const { number, title } of goals) {
    const wanted = squeeze(`${number} ${title}`);
    const at = texts.findIndex((t, i) => i > last && squeeze(t).includes(wanted));
    assert.ok(at > last, `${number} ${title}: not on a page of its own after page ${last + 1}`);
    last = at;
  }
}

test('the booklet prints on A4: cover, contents, a new page for each goal, the running header', { timeout: TEST_LIMIT }, async () => {
  const { page, context, failed, external } = await open(browser, site.base + 'report/');
  try {
    const goals = await page.locator('.report-toc-goals > li > a').evaluateAll((links) => links.map((a) => {
      const number = a.querySelector('.report-number').textContent;
      return { number, title: a.textContent.slice(number.length).trim() };
    }));
    assert.equal(goals.length, 24, 'every published goal of the town is in the contents');
    assert.equal(await page.locator('article.report-goal').count(), 24);
    assert.deepEqual(failed, []);
    assert.deepEqual(external, []);
    // Printed: no site chrome.
    await page.emulateMedia({ media: 'print' });
    for (const chrome of ['.site-header', '.breadcrumbs', '.site-footer', '.skip-link']) {
      assert.equal(await page.locator(chrome).isVisible(), false, `${chrome} is not printed`);
    }
    const file = join(scratch, 'playwright.pdf');
    writeFileSync(file, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
    const printed = readPdf(file);
    assertPrinted(printed, goals, 'みどり町 行政評価　令和6年度（2024年度）');
    // Every goal title is on some page (the contents have them all, and each goal's part).
    const all = squeeze(printed.texts.join(''));
    for (const { title } of goals) assert.ok(all.includes(squeeze(title)), title);
    // Links out of the site and into it are printed as addresses or section numbers.
    assert.ok(all.includes('（https://example.jp/midori/') || all.includes('（http://127.0.0.1'), 'printed URLs');
    console.log(`# booklet of ${goals.length} goals: ${printed.pages} A4 pages`);
  } finally {
    await closeContext(context);
  }
});

// axe-core at desktop width: at 320 px the goal pages' own chart data tables of two town goals
// scroll without being focusable (scrollable-region-focusable), on the goal pages as here.
test('on screen the booklet passes axe-core and does not scroll sideways at 320 px', { timeout: TEST_LIMIT }, async () => {
  for (const width of [1280, 320]) {
    const { page, context, errors } = await open(browser, site.base + 'report/', { width, js: true });
    try {
      if (width === 1280) {
        await page.evaluate(AXE_SOURCE);
        const result = await page.evaluate(() => globalThis.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'],
        }));
        assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), []);
      }
      assert.deepEqual(errors, []);
      assert.ok(await horizontalOverflow(page) <= 0, `${width} px: no sideways scrolling`);
      assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
    } finally {
      await closeContext(context);
    }
  }
});

test('hyoka build --pdf writes report/report.pdf with the same pages', { timeout: TEST_LIMIT }, () => {
  const dir = join(scratch, 'default');
  cpSync(join(repo, 'config.toml'), join(dir, 'config.toml'));
  cpSync(join(repo, 'content'), join(dir, 'content'), { recursive: true });
  const out = join(dir, 'public');
  execFileSync(bin, ['build', dir, '--output', out, '--pdf', '-q'], {
    timeout: SYNC_LIMIT, killSignal: 'SIGKILL', stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PATH: `/usr/bin:${process.env.PATH}` },
  });
  const file = join(out, 'report/report.pdf');
  assert.equal(readFileSync(file).subarray(0, 5).toString(), '%PDF-');
  const goals = [
    { number: '1-1', title: '地域コミュニティの推進' },
    { number: '1-2', title: '災害に強いまちづくり' },
    { number: '1-3', title: '住民満足度の向上' },
  ];
  assertPrinted(readPdf(file), goals, '毛呂山町 行政評価　令和6年度（2024年度）');
});
