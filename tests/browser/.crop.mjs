import { chromium } from 'playwright-core';
import { launch } from './site.mjs';
const [src, y, h, out] = process.argv.slice(2);
const b = await launch(); const c = await b.newContext(); const p = await c.newPage();
await p.goto('file://' + src); await p.screenshot({ path: out, clip: { x: 0, y: +y, width: 1280, height: +h } });
await b.close(); process.exit(0);
