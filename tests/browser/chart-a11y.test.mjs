// Browser test: a screen reader hears each chart once. In Chromium's accessibility tree (CDP
// Accessibility domain) the figure is named by its caption, the image has a short name of its
// own, the description sentence is read exactly once, and the legend (a visual key) is not
// announced as a list before the chart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { serveSite, launch, open as openPage, closeContext, TEST_LIMIT } from './site.mjs';

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

/** Every node of the page's full accessibility tree that is not ignored. */
async function axTree(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  return nodes.filter((n) => !n.ignored);
}

const text = (v) => (v && v.value ? String(v.value) : '');

for (const path of ['somu/jichikai/', 'somu/madoguchi/']) {
  test(`/${path}: the chart's title, image and description each have one place`, { timeout: TEST_LIMIT }, async () => {
    const { page, context } = await openPage(browser, base + path, { width: 1280 });
    try {
      const description = (await page.locator('.chart-description').first().textContent()).trim();
      const caption = (await page.locator('.chart-figure figcaption').first().textContent()).trim();
      assert.ok(description.length > 20, 'the chart has a visible description');
      const nodes = await axTree(page);
      const figures = nodes.filter((n) => text(n.role) === 'figure');
      assert.ok(figures.length >= 1, 'the chart is a figure');
      assert.ok(figures.some((f) => text(f.name) === caption), `the figure is named by its caption: ${JSON.stringify(figures.map((f) => [text(f.name), f.name?.sources?.map((s) => s.type)]))}`);
      const images = nodes.filter((n) => text(n.role) === 'image' && text(n.name));
      assert.equal(images.length, 1, 'one chart image is exposed (the other drawing is hidden)');
      const image = text(images[0].name);
      assert.ok(image.length > 3 && image.length <= 40, `the image has a short name: ${image}`);
      assert.notEqual(image, caption, 'the image does not repeat the caption');
      // The description sentence: 15 characters after its subject (which the caption and the
      // table caption share), wherever a screen reader may read them.
      const probe = description.slice(description.indexOf('、') + 1).slice(0, 15);
      const heard = nodes.flatMap((n) => [text(n.name), text(n.description)])
        .filter((t) => t.includes(probe));
      // The paragraph itself is a node, and its text is again a StaticText and InlineTextBox
      // child: count distinct roles other than those text leaves.
      const carriers = nodes.filter((n) => (text(n.name).includes(probe) || text(n.description).includes(probe))
        && !['StaticText', 'InlineTextBox', 'paragraph'].includes(text(n.role)));
      assert.deepEqual(carriers.map((n) => text(n.role)), [], 'no figure or image repeats the description');
      assert.ok(heard.length >= 1, 'the description is read');
      const lists = nodes.filter((n) => text(n.role) === 'list');
      for (const list of lists) {
        const items = nodes.filter((n) => list.childIds?.includes(n.nodeId));
        const names = items.map((n) => text(n.name)).join('');
        assert.ok(!names.includes('実績（'), 'the legend is not announced as a list');
      }
      const legend = await page.locator('.chart-legend').first().getAttribute('aria-hidden');
      assert.equal(legend, 'true', 'the legend is a visual key only');
    } finally {
      await closeContext(context);
    }
  });
}
