// Browser test (issue 15 item 9): in Chromium, at 320 and 1280 px, the texts of every goal
// chart of the default site and of the town and real-report fixtures overlap neither each
// other nor a marker, a line or an axis, stay inside the drawing, and are rendered large
// enough to read (≥ 12 px on a phone, near the 16 px body text on a desktop). Boxes are the
// browser's own (getBBox), in the drawing's user units.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { resolve, join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { serveSite, launch, open as openPage, closeContext, pagePaths, TEST_LIMIT } from './site.mjs';

const repo = resolve(import.meta.dirname, '../..');
const SITES = [
  ['default', repo],
  ['town', join(repo, 'tests/fixtures/town')],
  ['real-report', join(repo, 'tests/fixtures/real-report')],
];
/** Smallest rendered chart text, in CSS px, at each width. */
const MIN_PX = { 320: 12, 1280: 14 };

let browser;
const served = [];

before(async () => {
  browser = await launch();
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  for (const s of served) s.close();
}, { timeout: 120_000 });

/** What the visible line charts of the page draw: texts, markers and lines, in user units. */
function measure() {
  const out = [];
  for (const svg of document.querySelectorAll('svg.hyoka-chart')) {
    if (!svg.getClientRects().length) continue; // the other drawing, hidden at this width
    if (!svg.querySelector('polyline[stroke-dasharray]')) continue; // a milestone's step chart
    const [, , vw, vh] = svg.getAttribute('viewBox').split(/\s+/).map(Number);
    const scale = svg.getBoundingClientRect().width / vw;
    const box = (el) => { const b = el.getBBox(); return { x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height }; };
    const texts = [...svg.querySelectorAll('text')].map((t) => ({
      text: t.textContent,
      box: box(t),
      px: parseFloat(getComputedStyle(t).fontSize) * scale,
      value: t.parentElement.hasAttribute('font-size'), // a value label or the unit note
    }));
    const markers = [...svg.querySelectorAll('circle, polygon, rect')]
      .filter((m) => !(m.tagName === 'rect' && (m.getAttribute('width') === String(vw) || m.getAttribute('height') === '7')))
      .map(box);
    const segments = [];
    for (const line of svg.querySelectorAll('polyline')) {
      const pts = line.getAttribute('points').trim().split(/\s+/).map((p) => p.split(',').map(Number));
      for (let i = 1; i < pts.length; i++) segments.push([pts[i - 1], pts[i]]);
    }
    // The axes (not the light grid): "M38 35V300", "M39 301H623".
    for (const path of svg.querySelectorAll('path')) {
      const stroke = path.closest('[stroke]')?.getAttribute('stroke');
      if (stroke === '#DDDDDD') continue;
      const m = path.getAttribute('d').match(/^M(-?\d+) (-?\d+)([HVL])(-?\d+)(?: (-?\d+))?$/);
      if (!m) continue;
      const [x, y] = [Number(m[1]), Number(m[2])];
      const end = m[3] === 'H' ? [Number(m[4]), y] : m[3] === 'V' ? [x, Number(m[4])] : [Number(m[4]), Number(m[5])];
      segments.push([[x, y], end]);
    }
    out.push({ id: svg.getAttribute('aria-labelledby'), width: vw, height: vh, texts, markers, segments });
  }
  return out;
}

const overlaps = (a, b) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Whether segment p–q passes through box r (Liang–Barsky). */
function crosses(r, [p, q]) {
  const [dx, dy] = [q[0] - p[0], q[1] - p[1]];
  let t0 = 0; let t1 = 1;
  for (const [a, b] of [[-dx, p[0] - r.x0], [dx, r.x1 - p[0]], [-dy, p[1] - r.y0], [dy, r.y1 - p[1]]]) {
    if (a === 0) { if (b < 0) return false; continue; }
    const t = b / a;
    if (a < 0) t0 = Math.max(t0, t); else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

/** Goal pages with a line chart. */
function chartPages(out) {
  return pagePaths(out).filter((p) => {
    const file = join(out, p.endsWith('.html') ? p : `${p}index.html`);
    return existsSync(file) && readFileSync(file, 'utf8').includes('class="chart-figure"');
  });
}

for (const [name, dir] of SITES) {
  test(`${name}: chart texts never overlap and are large enough, at 320 and 1280 px`, { timeout: TEST_LIMIT }, async () => {
    const site = await serveSite(dir);
    served.push(site);
    const pages = chartPages(site.out);
    assert.ok(pages.length >= 1, `${name} has goal charts`);
    const problems = [];
    let labels = 0;
    let drawn = 0;
    for (const width of [320, 1280]) {
      for (const path of pages) {
        const { page, context } = await openPage(browser, site.base + path, { width });
        try {
          const charts = await page.evaluate(measure);
          drawn += charts.length;
          for (const chart of charts) {
            const where = `${name} /${path} ${chart.id} at ${width} px`;
            const all = { x0: 0, y0: 0, x1: chart.width, y1: chart.height };
            chart.texts.forEach((t, i) => {
              if (t.px < MIN_PX[width]) problems.push(`${where}: 「${t.text}」 is ${t.px.toFixed(1)} px`);
              if (!(t.box.x0 >= all.x0 && t.box.x1 <= all.x1 && t.box.y0 >= all.y0 && t.box.y1 <= all.y1)) {
                problems.push(`${where}: 「${t.text}」 leaves the drawing ${JSON.stringify(t.box)}`);
              }
              for (const other of chart.texts.slice(i + 1)) {
                if (overlaps(t.box, other.box)) problems.push(`${where}: 「${t.text}」 overlaps 「${other.text}」`);
              }
              if (!t.value) return;
              labels += 1;
              if (chart.markers.some((m) => overlaps(t.box, m))) problems.push(`${where}: 「${t.text}」 covers a marker`);
              if (chart.segments.some((s) => crosses(t.box, s))) problems.push(`${where}: 「${t.text}」 crosses a line`);
            });
          }
        } finally {
          await closeContext(context);
        }
      }
    }
    assert.ok(drawn >= pages.length, `line charts were measured (${drawn})`);
    assert.ok(labels >= drawn, `value labels were measured (${labels})`);
    assert.deepEqual(problems, []);
  });
}
