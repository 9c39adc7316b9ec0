// The residents' suite (residents.mjs) on tests/fixtures/judgement: the pages of §8.2–§8.4
// (事業費 tables, the town's grades and reviews, /plan/, /tags/) pass axe-core and the Nu Html
// Checker and fit 320 px; the plan tree is walked by its links without JavaScript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { residentsSuite } from './residents.mjs';
import { open, horizontalOverflow, closeContext, TEST_LIMIT } from './site.mjs';

const suite = residentsSuite('judgement', resolve(import.meta.dirname, '../fixtures/judgement'), {
  home: '',
  department: 'somu/',
  goal: 'somu/jishu-bosai/',
});

test('judgement: from a goal to its place in the plan and back, without JavaScript at 320 px', { timeout: TEST_LIMIT }, async () => {
  const { page, context } = await open(suite.browser(), suite.url('somu/jishu-bosai/'), { width: 320 });
  try {
    assert.ok(await horizontalOverflow(page) <= 0, 'the goal page with its cost table fits');
    await page.locator('.plan-steps a', { hasText: '4-1 防災・消防' }).click();
    assert.equal(new URL(page.url()).hash, '#plan-4-1');
    assert.equal(await page.locator('#plan-4-1').isVisible(), true);
    assert.ok(await horizontalOverflow(page) <= 0, 'the plan page fits');
    assert.equal(await page.locator('.plan-tree > li').count(), 2, 'two 基本目標');
    assert.equal(await page.locator('.plan-tree > li > .plan-children > li').count(), 3, 'three 施策');
    await page.locator('#plan-4-1 .placed-goals a', { hasText: '自主防災組織の育成' }).click();
    assert.match(new URL(page.url()).pathname, /\/somu\/jishu-bosai\/$/);
    await page.locator('.tags a', { hasText: '総合戦略' }).click();
    assert.match(await page.locator('h1').innerText(), /タグ：総合戦略/);
    assert.equal(await page.locator('.placed-goals li').count(), 2);
  } finally {
    await closeContext(context);
  }
});
