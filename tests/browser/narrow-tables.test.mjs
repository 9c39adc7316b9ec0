// Browser test: on a phone, every table shows every cell. The page never scrolling sideways is
// not enough (a table inside a scroll box can hide its right-hand columns), so at 320 and 390 px
// every cell and caption of every table on every page type must lie inside the viewport, and
// no number in a table is broken across lines (74. over 6%).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { serveSite, launch, open as openPage, closeContext, TEST_LIMIT } from './site.mjs';

const pages = ['', 'somu/', 'somu/jichikai/', 'somu/madoguchi/', 'about/evaluation/', 'about/accessibility/', 'data/'];
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

/** Cells (and captions) of open tables whose box reaches outside [0, viewport width]. */
function cellsOutside(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    for (const cell of document.querySelectorAll('table th, table td, table caption, table th *, table td *')) {
      const box = cell.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // inside a closed <details>
      if (box.left < -0.5 || box.right > width + 0.5) {
        out.push(`${cell.tagName} 「${cell.textContent.trim().slice(0, 20)}」 ${Math.round(box.left)}–${Math.round(box.right)}px`);
      } else if (cell.scrollWidth > cell.clientWidth + 1 && getComputedStyle(cell).overflowX !== 'visible') {
        out.push(`${cell.tagName} 「${cell.textContent.trim().slice(0, 20)}」 clips its text`);
      }
    }
    return out;
  });
}

/** Numbers in table cells (74.6%, 73.65%, -2.5) that the line breaks inside. */
function brokenNumbers(page) {
  return page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement.closest('table td, table th')) continue;
      for (const m of node.data.matchAll(/[-+−]?\d[\d,.]*%?/g)) {
        if (m[0].length < 2) continue;
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) out.push(`「${m[0]}」 on ${lines.size} lines`);
      }
    }
    return out;
  });
}

for (const width of [320, 390]) {
  for (const path of pages) {
    test(`/${path} shows every table cell at ${width} px`, { timeout: TEST_LIMIT }, async () => {
      const { page, context } = await openPage(browser, base + path, { width });
      try {
        assert.deepEqual(await cellsOutside(page), [], `cells outside the ${width}px viewport`);
        assert.deepEqual(await brokenNumbers(page), [], `numbers broken across lines at ${width}px`);
      } finally {
        await closeContext(context);
      }
    });
  }
}
