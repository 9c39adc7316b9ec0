// The residents' view of a built site, proven in headless Chromium: every page passes axe-core
// (WCAG 2.0/2.1/2.2 A and AA) in light and dark mode and the Nu Html Checker (pages and chart
// SVGs); no page scrolls sideways at 320 or 390 px or at 200 % zoom; charts are drawn with a
// non-zero size and readable text; nothing leaves 127.0.0.1; no console errors; Japanese
// glyphs come from a CJK font; screenshots and an A4 print go to tests/browser/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { serveSite, pagePaths, launch, open, horizontalOverflow, closeContext, SYNC_LIMIT, TEST_LIMIT } from './site.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const VNU_JAR = require('vnu-jar');
const ARTIFACTS = resolve(import.meta.dirname, 'artifacts');
/** Smallest chart text, in CSS px, at phone width. */
const MIN_CHART_TEXT_PX = 12;

/**
 * Registers the suite for the site in `siteDir`. `shots` names the pages photographed:
 * { home, department, goal } as site-relative paths.
 */
export function residentsSuite(name, siteDir, shots) {
  let site, browser, paths;
  const artifacts = join(ARTIFACTS, name);

  before(async () => {
    site = await serveSite(siteDir);
    paths = pagePaths(site.out);
    browser = await launch();
    rmSync(artifacts, { recursive: true, force: true });
    mkdirSync(artifacts, { recursive: true });
  }, { timeout: 120_000 });
  after(async () => {
    await browser?.close();
    site?.close();
  }, { timeout: 120_000 });

  const url = (path) => site.base + path;

  test(`${name}: axe-core finds no WCAG 2.2 A/AA violation on any page, light and dark`, { timeout: TEST_LIMIT }, async () => {
    const found = [];
    for (const colorScheme of ['light', 'dark']) {
      for (const path of paths) {
        const { page, context, errors } = await open(browser, url(path), { js: true, colorScheme });
        try {
          await page.evaluate(AXE_SOURCE);
          const result = await page.evaluate((tags) => globalThis.axe.run(document, {
            runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
          }), AXE_TAGS);
          for (const v of result.violations) {
            found.push(`${colorScheme} /${path}: ${v.id} (${v.impact}) × ${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
          }
          assert.deepEqual(errors, [], `/${path}: console errors`);
        } finally {
          await closeContext(context);
        }
      }
    }
    console.log(`# ${name}: axe-core ${AXE_TAGS.join(',')}: ${paths.length} pages × 2 colour schemes, ${found.length} violations`);
    assert.deepEqual(found, []);
  });

  test(`${name}: the Nu Html Checker finds no error in any page or chart SVG`, { timeout: TEST_LIMIT }, () => {
    const svgDir = join(site.out, '..', 'svg');
    mkdirSync(svgDir, { recursive: true });
    const pages = paths.map((p) => join(site.out, p === '404.html' ? p : `${p}index.html`));
    // Each distinct inline SVG (charts, their narrow drawings, sparklines) as a file of its own.
    const svgs = [...new Set(pages.flatMap((file) => readFileSync(file, 'utf8').match(/<svg[\s\S]*?<\/svg>/g) || []))]
      .map((svg, i) => {
        const out = join(svgDir, `svg-${i + 1}.svg`);
        writeFileSync(out, `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`);
        return out;
      });
    const files = [...pages, ...svgs];
    const run = spawnSync('java', ['-jar', VNU_JAR, '--errors-only', '--also-check-svg', '--format', 'json', ...files], { encoding: 'utf8', timeout: SYNC_LIMIT, killSignal: 'SIGKILL' });
    assert.equal(run.error, undefined, `java could not run: ${run.error}`);
    const messages = JSON.parse(run.stderr || '{"messages":[]}').messages;
    const errors = messages.filter((m) => m.type === 'error' || m.subType === 'fatal')
      .map((m) => `${m.url.split('/public/').pop()}:${m.lastLine}: ${m.message}`);
    console.log(`# ${name}: Nu Html Checker: ${pages.length} pages + ${svgs.length} SVGs, ${errors.length} errors`);
    assert.deepEqual(errors, []);
    assert.equal(run.status, 0, run.stderr.slice(0, 2000));
    assert.ok(svgs.length >= 1, 'some SVG was checked');
  });

  for (const width of [320, 390]) {
    test(`${name}: every page reads at ${width} px without JavaScript, charts readable, nothing leaves 127.0.0.1`, { timeout: TEST_LIMIT }, async () => {
      for (const path of paths) {
        const { page, context, response, external, failed, errors } = await open(browser, url(path), { width });
        try {
          assert.equal(response.status(), 200, `/${path}`);
          assert.deepEqual(external, [], `/${path}: no request may leave the machine`);
          assert.deepEqual(failed, [], `/${path}: every resource loads`);
          assert.deepEqual(errors, [], `/${path}: console errors`);
          assert.ok(await horizontalOverflow(page) <= 0, `/${path} scrolls sideways at ${width}px`);
          assert.equal(await page.evaluate(() => getComputedStyle(document.body).fontSize), '16px', `/${path}: stylesheet applied`);
          const charts = await page.evaluate(() => [...document.querySelectorAll('svg.hyoka-chart')]
            .filter((svg) => svg.getClientRects().length > 0)
            .map((svg) => {
              const box = svg.getBoundingClientRect();
              const scale = box.width / svg.viewBox.baseVal.width;
              const sizes = [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
              return { width: box.width, height: box.height, right: box.right, smallest: Math.min(...sizes) };
            }));
          const html = readFileSync(join(site.out, path === '404.html' ? path : `${path}index.html`), 'utf8');
          // One drawing shown per chart figure (a goal with several indicators has one each).
          const figures = (html.match(/<figure class="chart-figure"[ >]/g) || []).length;
          if (html.includes('hyoka-chart')) assert.equal(charts.length, figures, `/${path}: exactly one drawing of each chart is shown`);
          for (const c of charts) {
            assert.ok(c.width > 200 && c.height > 100, `/${path}: chart has a size (${c.width}×${c.height})`);
            assert.ok(c.right <= width, `/${path}: chart fits the screen`);
            assert.ok(c.smallest >= MIN_CHART_TEXT_PX, `/${path}: chart text ${c.smallest.toFixed(1)}px < ${MIN_CHART_TEXT_PX}px at ${width}px`);
          }
        } finally {
          await closeContext(context);
        }
      }
    });
  }

  test(`${name}: at 200 % zoom (1280 px shown at 640 CSS px) and in dark mode no page scrolls sideways`, { timeout: TEST_LIMIT }, async () => {
    for (const path of paths) {
      for (const colorScheme of ['light', 'dark']) {
        const { page, context } = await open(browser, url(path), { width: 640, colorScheme });
        try {
          assert.ok(await horizontalOverflow(page) <= 0, `/${path} scrolls sideways at 640px (${colorScheme})`);
          const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
          assert.equal(bg, colorScheme === 'dark' ? 'rgb(26, 26, 26)' : 'rgb(255, 255, 255)', `/${path}: ${colorScheme} palette`);
        } finally {
          await closeContext(context);
        }
      }
    }
  });

  test(`${name}: Japanese glyphs come from a CJK font; screenshots of home, department and goal`, { timeout: TEST_LIMIT }, async () => {
    for (const [kind, path] of Object.entries(shots)) {
      for (const width of [390, 1280]) {
        const { page, context } = await open(browser, url(path), { width, height: width < 600 ? 844 : 900 });
        try {
          const cdp = await context.newCDPSession(page);
          await cdp.send('DOM.enable');
          await cdp.send('CSS.enable');
          const { root } = await cdp.send('DOM.getDocument');
          const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
          const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
          assert.ok(fonts.some((f) => /Noto Sans (CJK )?JP/.test(f.familyName) && f.glyphCount > 0),
            `/${path}: h1 drawn with ${JSON.stringify(fonts)}`);
          await page.screenshot({ path: join(artifacts, `${kind}-${width}.png`), fullPage: true });
        } finally {
          await closeContext(context);
        }
      }
    }
  });

  test(`${name}: printed on A4 the goal page drops navigation, keeps the chart and spells out data URLs`, { timeout: TEST_LIMIT }, async () => {
    const { page, context } = await open(browser, url(shots.goal), { width: 1280 });
    try {
      await page.emulateMedia({ media: 'print' });
      const shown = (selector) => page.evaluate((s) => [...document.querySelectorAll(s)].some((e) => e.getClientRects().length > 0), selector);
      assert.equal(await shown('.breadcrumbs'), false, 'no breadcrumbs on paper');
      assert.equal(await shown('.skip-link'), false);
      assert.equal(await shown('.chart-wide svg'), true, 'the wide chart is printed');
      assert.equal(await shown('.chart-data table'), true, 'the chart data table is printed');
      const printed = await page.evaluate(() => getComputedStyle(document.querySelector('a[data-print-url]'), '::after').content);
      assert.ok(printed.includes(`http://127.0.0.1/hyoka/${shots.goal}data.csv`), `data URL printed: ${printed}`);
      assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('figure')).breakInside), 'avoid');
      await page.pdf({ path: join(artifacts, 'goal-a4.pdf'), format: 'A4', printBackground: false });
    } finally {
      await closeContext(context);
    }
  });

  test(`${name}: page titles, descriptions and Open Graph tags`, { timeout: TEST_LIMIT }, async () => {
    for (const path of paths.filter((p) => p !== '404.html')) {
      const { page, context } = await open(browser, url(path));
      try {
        const meta = (p) => page.locator(`meta[property="${p}"]`).getAttribute('content');
        const title = await page.title();
        assert.ok((await page.locator('meta[name="description"]').getAttribute('content')).length > 10, `/${path}: description`);
        assert.equal(await meta('og:title'), title);
        assert.equal(await meta('og:url'), `http://127.0.0.1/hyoka/${path}`);
        assert.equal(await meta('og:locale'), 'ja_JP');
        assert.equal(await page.getAttribute('html', 'lang'), 'ja');
        if (await page.locator('body.page-goal').count()) {
          const dept = (await page.locator('.goal-department a').textContent()).trim();
          const h1 = (await page.locator('h1').textContent()).trim();
          assert.ok(title.startsWith(`${h1} | ${dept} | `), `goal title 「目標名 | 課名 | サイト名」: ${title}`);
        }
      } finally {
        await closeContext(context);
      }
    }
  });

  return { url: (path) => url(path), browser: () => browser };
}
