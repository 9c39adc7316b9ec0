// Browser test: the chart colours keep their contrast on the rendered page, in the light and
// dark palettes and in forced colours (Windows high contrast). For every line of every chart
// and sparkline, and every legend key, the colour Chromium paints is compared with the
// background actually behind it (the nearest painted ancestor): lines and markers need 3:1
// (WCAG 1.4.11); the light grey grid is decoration and not checked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { serveSite, launch, closeContext, TEST_LIMIT } from './site.mjs';

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

/** Pairs [what, foreground, background] for chart strokes and legend keys on the page. */
function pairs(page) {
  return page.evaluate(() => {
    const parse = (c) => {
      const m = c.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?/);
      return m && (m[4] === undefined || +m[4] > 0) ? [+m[1], +m[2], +m[3]] : null;
    };
    const behind = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg) return bg;
      }
      return [255, 255, 255];
    };
    const out = [];
    for (const line of document.querySelectorAll('.hyoka-sparkline polyline, .hyoka-sparkline circle, .hyoka-chart polyline, .hyoka-chart circle, .hyoka-chart rect[stroke]')) {
      const stroke = parse(getComputedStyle(line).stroke);
      const svg = line.closest('svg');
      if (!stroke || svg.getBoundingClientRect().width === 0) continue;
      out.push([`${svg.getAttribute('class')} ${line.tagName}`, stroke, behind(svg)]);
    }
    for (const key of document.querySelectorAll('.legend-key')) {
      out.push([`legend ${key.className}`, parse(getComputedStyle(key).borderTopColor), behind(key)]);
    }
    return out;
  });
}

function ratio(a, b) {
  const lum = ([r, g, b]) => [r, g, b]
    .map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

for (const [scheme, forcedColors] of [['light', 'none'], ['dark', 'none'], ['dark', 'active'], ['light', 'active']]) {
  for (const path of ['somu/', 'somu/jichikai/']) {
    test(`/${path}: chart lines keep 3:1 (${scheme}, forced colours ${forcedColors})`, { timeout: TEST_LIMIT }, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme, forcedColors, javaScriptEnabled: false });
      try {
        const page = await context.newPage();
        await page.goto(base + path);
        const found = await pairs(page);
        assert.ok(found.length > 0, 'the page has chart lines');
        const weak = found.filter(([, fg, bg]) => fg && ratio(fg, bg) < 3)
          .map(([what, fg, bg]) => `${what}: rgb(${fg}) on rgb(${bg}) ${ratio(fg, bg).toFixed(2)}:1`);
        assert.deepEqual(weak, [], 'colour pairs under 3:1');
      } finally {
        await closeContext(context);
      }
    });
  }
}
