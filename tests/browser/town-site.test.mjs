// The residents' suite (residents.mjs) on the larger fixture site tests/fixtures/town (7 課,
// 24 目標 and a draft), plus the dashboard: counts by status, grouping and filtering by
// department and status without JavaScript, and the filter that JavaScript adds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { residentsSuite } from './residents.mjs';
import { open, closeContext, TEST_LIMIT } from './site.mjs';

const siteDir = resolve(import.meta.dirname, '../fixtures/town');
const suite = residentsSuite('town', siteDir, {
  home: '',
  department: 'kikaku/',
  goal: 'kikaku/gyosei-cost/',
});

/** Goals per status, worked out by hand from the fixture's values (spec §5). */
const EXPECTED = { achieved: 4, on_track: 7, behind: 5, worse: 4, no_data: 4 };

test('town: the fixture has at least six departments and twenty published goals', { timeout: TEST_LIMIT }, () => {
  const content = join(siteDir, 'content');
  const depts = readdirSync(content, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const goals = depts.flatMap((d) => readdirSync(join(content, d)).filter((f) => f !== '_index.md').map((f) => join(content, d, f)))
    .filter((file) => !/^draft: true$/m.test(readFileSync(file, 'utf8')));
  assert.ok(depts.length >= 6, `${depts.length} departments`);
  assert.ok(goals.length >= 20, `${goals.length} goals`);
  assert.equal(goals.length, Object.values(EXPECTED).reduce((a, b) => a + b));
});

test('town: without JavaScript the dashboard counts by status and groups by department and status', { timeout: TEST_LIMIT }, async () => {
  const { page, context } = await open(suite.browser(), suite.url(''), { width: 390 });
  try {
    assert.equal(await page.locator('.goal-filter').isVisible(), false, 'the JavaScript filter stays hidden');
    assert.match(await page.locator('.summary-lead').innerText(), /全24目標のうち、11目標が計画どおり以上/);
    for (const [code, count] of Object.entries(EXPECTED)) {
      const link = page.locator(`.status-count-${code} a`);
      assert.match(await link.innerText(), new RegExp(`${count}件`));
      await link.click();
      assert.equal(new URL(page.url()).hash, `#status-${code}`);
      assert.equal(await page.locator(`#status-${code} li`).count(), count, `${code}: ${count} goals listed`);
    }
    assert.equal(await page.locator('.department-section').count(), 7);
    assert.equal(await page.locator('.department-section .goal-card').count(), 24);
    assert.equal(await page.getByText('駅前広場の再整備').count(), 0, 'the draft is not published');
    await page.locator('.dept-index a', { hasText: '環境課' }).click();
    assert.equal(new URL(page.url()).hash, '#dept-kankyo');
    assert.equal(await page.locator('#dept-kankyo').isVisible(), true);
  } finally {
    await closeContext(context);
  }
});

test('town: with JavaScript the dashboard filters the cards by department and status', { timeout: TEST_LIMIT }, async () => {
  const { page, context, errors } = await open(suite.browser(), suite.url(''), { width: 1280, js: true });
  try {
    const form = page.locator('.goal-filter');
    assert.equal(await form.isVisible(), true);
    const visibleCards = () => page.locator('.department-section .goal-card:visible').count();
    assert.equal(await visibleCards(), 24);
    await page.selectOption('#filter-status', 'behind');
    assert.equal(await visibleCards(), EXPECTED.behind);
    assert.match(await page.locator('.goal-filter-result').innerText(), /24目標のうち5目標/);
    await page.selectOption('#filter-department', 'kankyo/');
    assert.equal(await visibleCards(), 1, '環境課 has one goal 遅れ (リサイクル率)');
    assert.equal(await page.locator('.department-section:visible').count(), 1);
    await page.selectOption('#filter-status', '');
    assert.equal(await visibleCards(), 4);
    assert.deepEqual(errors, []);
  } finally {
    await closeContext(context);
  }
});
