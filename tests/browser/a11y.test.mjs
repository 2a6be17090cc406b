// axe-core on every built page, at desktop width and at 320 pixels wide, with
// the WCAG 2.0/2.1/2.2 A and AA rules and axe's best practices (see AXE_TAGS).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, startSiteServer, listPages, origin, runAxe, formatViolations, DESKTOP, NARROW,
} from './helpers.mjs';

const pages = listPages();
let browser;
let server;
const tabs = {};

before(async () => {
  // The server first, so that after() can close it even if the browser fails to start.
  server = await startSiteServer();
  browser = await launchBrowser();
  for (const [name, viewport] of Object.entries({ desktop: DESKTOP, narrow: NARROW })) {
    const context = await browser.newContext({ viewport });
    tabs[name] = await context.newPage();
  }
});

after(async () => {
  await browser?.close();
  await server?.close();
});

for (const [name, width] of [['desktop', DESKTOP.width], ['narrow', NARROW.width]]) {
  for (const p of pages) {
    test(`${p.label[0].toUpperCase()}${p.label.slice(1)} has no accessibility problems that axe-core finds at ${width} pixels wide`, async () => {
      const page = tabs[name];
      const response = await page.goto(origin + p.path, { waitUntil: 'load' });
      assert.ok(response, `no response for ${p.path}`);
      const violations = await runAxe(page);
      assert.equal(
        violations.length,
        0,
        `${p.path} at ${width}px has ${violations.length} axe-core violation(s):\n${formatViolations(violations)}`,
      );
    });
  }
}
