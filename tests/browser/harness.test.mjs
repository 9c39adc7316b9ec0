// The checkers themselves: axe-core and the Nu Html Checker must report a planted fault, so
// that "0 violations" and "0 errors" in the residents' suites mean something.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serveSite, launch, open, closeContext, deadline, stopProcess, SYNC_LIMIT, CLOSE_LIMIT, TEST_LIMIT } from './site.mjs';

const require = createRequire(import.meta.url);
let site, browser;

before(async () => {
  site = await serveSite(resolve(import.meta.dirname, '../..'));
  browser = await launch();
}, { timeout: 120_000 });
after(async () => {
  await browser?.close();
  site?.close();
}, { timeout: 120_000 });

test('axe-core reports a planted low-contrast text and a nameless link', { timeout: TEST_LIMIT }, async () => {
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
    await closeContext(context);
  }
});

test('the Nu Html Checker reports a planted error in a page and in an SVG', { timeout: TEST_LIMIT }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'hyoka-vnu-'));
  try {
    const html = readFileSync(join(site.out, 'index.html'), 'utf8').replace('<main', '<main><figure><p>x</p><figcaption>c</figcaption><p>y</p></figure');
    writeFileSync(join(dir, 'bad.html'), html);
    writeFileSync(join(dir, 'bad.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><rect widht="3"/></svg>');
    const run = spawnSync('java', ['-jar', require('vnu-jar'), '--errors-only', '--also-check-svg', '--format', 'json',
      join(dir, 'bad.html'), join(dir, 'bad.svg')], { encoding: 'utf8', timeout: SYNC_LIMIT, killSignal: 'SIGKILL' });
    const messages = JSON.parse(run.stderr).messages.filter((m) => m.type === 'error');
    assert.ok(messages.some((m) => m.url.endsWith('bad.html') && /figure/.test(m.message)), run.stderr);
    assert.ok(messages.some((m) => m.url.endsWith('bad.svg')), run.stderr);
    assert.notEqual(run.status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('deadline fails a promise that never settles, naming what was awaited', { timeout: TEST_LIMIT }, async () => {
  const never = new Promise(() => {});
  await assert.rejects(deadline(never, 200, 'a stuck close'), /a stuck close: not done after 200 ms/);
  assert.equal(await deadline(Promise.resolve(7), 200, 'quick'), 7);
});

test('stopProcess kills a child that ignores SIGTERM', { timeout: 30_000 }, async () => {
  const child = spawn('sh', ['-c', 'trap "" TERM; echo ready; while :; do sleep 1; done'], { stdio: ['ignore', 'pipe', 'ignore'] });
  // Only once the shell says so is SIGTERM ignored.
  await new Promise((ok) => child.stdout.once('data', ok));
  await stopProcess(child, 500);
  assert.equal(child.signalCode, 'SIGKILL');
});

test('a browser whose graceful close hangs is killed', { timeout: 60_000 }, async () => {
  const stuck = await launch();
  const chromium = stuck.process();
  // A stopped browser process can never answer a graceful close: close() must kill it.
  process.kill(chromium.pid, 'SIGSTOP');
  const started = Date.now();
  await stuck.close();
  const took = Date.now() - started;
  assert.ok(took >= CLOSE_LIMIT - 1_000 && took < CLOSE_LIMIT + 5_000, `close took ${took} ms`);
  assert.equal(chromium.signalCode, 'SIGKILL');
});
