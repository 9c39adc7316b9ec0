// The checkers themselves: axe-core and the Nu Html Checker must report a planted fault, so
// that "0 violations" and "0 errors" in the residents' suites mean something.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serveSite, launch, open } from './site.mjs';

const require = createRequire(import.meta.url);
let site, browser;

before(async () => {
  site = await serveSite(resolve(import.meta.dirname, '../..'));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  site?.close();
});

test('axe-core reports a planted low-contrast text and a nameless link', async () => {
  const { page, context } = await open(browser, site.base, { js: true });
  try {
    await page.evaluate(() => {
      document.querySelector('main').insertAdjacentHTML('beforeend',
        '<p style="color:#c8c8c8">薄い文字</p><a href="./"><svg width="10" height="10"></svg></a>');
    });
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const ids = await page.evaluate(() => globalThis.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
    }).then((r) => r.violations.map((v) => v.id)));
    assert.ok(ids.includes('color-contrast'), ids.join());
    assert.ok(ids.includes('link-name'), ids.join());
  } finally {
    await context.close();
  }
});

test('the Nu Html Checker reports a planted error in a page and in an SVG', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hyoka-vnu-'));
  try {
    const html = readFileSync(join(site.out, 'index.html'), 'utf8').replace('<main', '<main><figure><p>x</p><figcaption>c</figcaption><p>y</p></figure');
    writeFileSync(join(dir, 'bad.html'), html);
    writeFileSync(join(dir, 'bad.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><rect widht="3"/></svg>');
    const run = spawnSync('java', ['-jar', require('vnu-jar'), '--errors-only', '--also-check-svg', '--format', 'json',
      join(dir, 'bad.html'), join(dir, 'bad.svg')], { encoding: 'utf8' });
    const messages = JSON.parse(run.stderr).messages.filter((m) => m.type === 'error');
    assert.ok(messages.some((m) => m.url.endsWith('bad.html') && /figure/.test(m.message)), run.stderr);
    assert.ok(messages.some((m) => m.url.endsWith('bad.svg')), run.stderr);
    assert.notEqual(run.status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
