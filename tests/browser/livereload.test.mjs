// The preview (`signpost serve`) in a real browser: saving a markdown file
// shows the new text without the test navigating, and saving a stylesheet
// changes the computed style without reloading the page (a marker set on
// `window` survives).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { closePage, formatViolations, launchBrowser, runAxe, waitFor } from './helpers.mjs';
import { startPreview } from './preview.mjs';

let site;
let stop;
let url;
let browser;

before(async () => {
  ({ site, url, stop } = await startPreview({ prefix: 'signpost-preview-', timeout: 30000 }));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  stop?.();
});

/** Opens a page and waits until its live-reload connection is open. */
async function openPreview(address) {
  const page = await browser.newPage();
  const connected = page.waitForResponse((r) => r.url().endsWith('/__signpost/events'), { timeout: 10000 })
    .catch(() => null);
  await page.goto(new URL(address, url).toString());
  await connected;
  // Give the event stream a moment to be registered by the server.
  await page.waitForTimeout(300);
  return page;
}

test('Saving a markdown file shows the new text without the test navigating', async () => {
  const page = await openPreview('/contact/');
  try {
    const file = path.join(site, 'content', 'contact.md');
    fs.appendFileSync(file, '\nA sentence added while the preview is open.\n');
    await waitFor(
      async () => (await page.textContent('main').catch(() => '')).includes('A sentence added while the preview is open.'),
      { timeout: 10000, message: 'the new text to appear' },
    );
  } finally {
    await closePage(page);
  }
});

test('Saving a stylesheet changes the page style without reloading it', async () => {
  const page = await openPreview('/about-peer-support/');
  try {
    await page.evaluate(() => { window.signpostMarker = 'still here'; });
    const before = await page.evaluate(() => getComputedStyle(document.querySelector('h1')).color);
    const css = path.join(site, 'themes', 'default', 'static', 'css', 'site.css');
    fs.appendFileSync(css, '\nh1 { color: rgb(0, 48, 135) !important; }\n');
    await waitFor(
      async () => (await page.evaluate(() => getComputedStyle(document.querySelector('h1')).color)) === 'rgb(0, 48, 135)',
      { timeout: 10000, message: 'the new heading colour' },
    );
    assert.notEqual(before, 'rgb(0, 48, 135)');
    assert.equal(await page.evaluate(() => window.signpostMarker), 'still here', 'the page was reloaded');
  } finally {
    await closePage(page);
  }
});

test('A mistake shows the error panel in the page, and fixing it clears the panel', async () => {
  const page = await openPreview('/contact/');
  const file = path.join(site, 'content', 'contact.md');
  const good = fs.readFileSync(file, 'utf8');
  try {
    fs.writeFileSync(file, good.replace(/^title:/m, 'titel:'));
    await waitFor(async () => (await page.locator('#signpost-errors[role="alert"]').count()) === 1, {
      timeout: 10000,
      message: 'the error panel',
    });
    const panel = await page.textContent('#signpost-errors');
    assert.match(panel, /content\/contact\.md, line \d+/);
    assert.match(panel, /titel/);
    const violations = await runAxe(page);
    assert.equal(violations.length, 0, formatViolations(violations));
    fs.writeFileSync(file, good);
    await waitFor(async () => (await page.locator('#signpost-errors').count()) === 0, {
      timeout: 10000,
      message: 'the panel to go',
    });
  } finally {
    fs.writeFileSync(file, good);
    await closePage(page);
  }
});

test('A warning shows as a collapsed list linking to its page, axe-clean, without the red panel', async () => {
  const page = await openPreview('/');
  const file = path.join(site, 'content', 'contact.md');
  const good = fs.readFileSync(file, 'utf8');
  try {
    fs.writeFileSync(file, `${good}\nSee [the old site](http://old.example.org/).\n`);
    await waitFor(async () => (await page.locator('#signpost-warnings').count()) === 1, {
      timeout: 10000,
      message: 'the warnings list',
    });
    assert.equal(await page.locator('#signpost-errors').count(), 0, 'a warning is not a mistake');
    assert.equal(await page.locator('#signpost-warnings details[open]').count(), 0, 'the list starts collapsed');
    await page.click('#signpost-warnings summary');
    assert.equal(await page.locator('#signpost-warnings a[href="/contact/"]').count(), 1);
    const violations = await runAxe(page);
    assert.equal(violations.length, 0, formatViolations(violations));
  } finally {
    fs.writeFileSync(file, good);
    await closePage(page);
  }
});
