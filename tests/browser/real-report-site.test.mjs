// The residents' suite (residents.mjs) on tests/fixtures/real-report: goals with several
// indicators, a milestone (step table and step chart), an excluded indicator, notes beside
// values and years not measured (content-format §8.1), and 平成32年度-style years (§8.5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { residentsSuite } from './residents.mjs';
import { open } from './site.mjs';

const siteDir = resolve(import.meta.dirname, '../fixtures/real-report');
const suite = residentsSuite('real-report', siteDir, {
  home: '',
  department: 'kiki/',
  goal: 'kiki/bosai/',
});

test('real-report: every indicator of a goal has its own section, status in words, and anchor', async () => {
  const { page, context } = await open(suite.browser(), suite.url('kiki/bosai/'), { width: 320 });
  try {
    assert.equal(await page.locator('.indicator-section').count(), 3);
    for (const [code, status] of [['4-1-1', '遅れ'], ['4-1-2', '順調'], ['4-1-3', '対象外']]) {
      const section = page.locator(`[id="${code}"]`);
      assert.match(await section.locator('.goal-status').innerText(), new RegExp(status));
    }
    await page.locator('.indicator-index a', { hasText: '地区防災計画の策定' }).click();
    assert.equal(new URL(page.url()).hash, '#4-1-2');
    // The milestone: a step chart drawn (the narrow one at 320 px) and a step table.
    const step = page.locator('[id="4-1-2"] svg.hyoka-step-chart:visible');
    assert.equal(await step.count(), 1);
    assert.match(await page.locator('[id="4-1-2"] .step-table').innerText(), /検討中（現在）/);
    assert.match(await page.locator('[id="4-1-1"] .indicator-table').innerText(), /82\.4%（速報）/);
    assert.match(await page.locator('[id="4-1-3"]').innerText(), /理由：感染症/);
  } finally {
    await context.close();
  }
});
