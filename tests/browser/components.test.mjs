// The page with every component (tests/browser/fixtures/components.md, built
// as /every-component/ by run.sh): details open and close by keyboard and
// without JavaScript, nothing is wider than the screen at 320 pixels, and a
// picture of each component. The pictures go to target/screenshots/components/;
// with SIGNPOST_DOCS_PICTURES=1 also to docs/components/ for the README.
// (axe-core, the Nu checker and the Tab walk test this page with the others.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  launchBrowser, startSiteServer, origin, DESKTOP, NARROW, freezeMotion, screenshotsDir, repoRoot,
} from './helpers.mjs';

const PAGE = '/every-component/';
let browser;
let server;

before(async () => {
  // The server first, so that after() can close it even if the browser fails to start.
  server = await startSiteServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Tabs until the element matching `selector` has focus. */
async function tabTo(page, selector, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
  }
  assert.fail(`${selector} never got focus in ${max} presses of Tab`);
}

const isOpen = (page, n) => page.evaluate((i) => document.querySelectorAll('details.details')[i].open, n);

test('A details box opens with Enter and closes with Space, by keyboard alone', async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  try {
    await page.goto(origin + PAGE);
    await freezeMotion(page);
    assert.equal(await isOpen(page, 0), false, 'a details box starts closed');
    await tabTo(page, 'details.details summary');
    const hidden = await page.locator('details.details >> nth=0').locator('.details__text').isVisible();
    assert.equal(hidden, false, 'its text is hidden while it is closed');
    await page.keyboard.press('Enter');
    assert.equal(await isOpen(page, 0), true, 'Enter on the summary opens it');
    assert.ok(await page.locator('details.details >> nth=0').locator('.details__text').isVisible(), 'its text shows');
    await page.keyboard.press('Space');
    assert.equal(await isOpen(page, 0), false, 'Space on the summary closes it again');
  } finally {
    await context.close();
  }
});

test('Details in a group open one by one by keyboard, and work with JavaScript turned off', async () => {
  const context = await browser.newContext({ viewport: NARROW, javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto(origin + PAGE);
    await tabTo(page, '.details-group details summary');
    await page.keyboard.press('Enter');
    assert.equal(await isOpen(page, 1), true, 'the first of the group opens');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal(await isOpen(page, 2), true, 'Tab reaches the next one, and Enter opens it');
    await page.locator('.details-group summary >> nth=0').click();
    assert.equal(await isOpen(page, 1), false, 'a click closes the first without JavaScript');
  } finally {
    await context.close();
  }
});

test('At 320 pixels wide no component is wider than the screen', async () => {
  const context = await browser.newContext({ viewport: NARROW });
  const page = await context.newPage();
  try {
    await page.goto(origin + PAGE);
    const wide = await page.evaluate(() => [...document.querySelectorAll('main *')]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`));
    assert.deepEqual(wide, [], 'elements wider than the screen');
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= 320, `the page scrolls sideways: ${scroll}px wide`);
  } finally {
    await context.close();
  }
});

/** Component → where it is on the page, for its picture. */
const PICTURES = [
  ['inset', '.inset'],
  ['warning', '.warning-callout >> nth=0'],
  ['care-card-non-urgent', '.care-card--non-urgent'],
  ['care-card-urgent', '.care-card--urgent'],
  ['care-card-emergency', '.care-card--emergency'],
  ['do', '.do-dont--do'],
  ['dont', '.do-dont--dont'],
  ['details', 'details.details >> nth=0'],
  ['details-group', '.details-group'],
  ['action-link', 'main .action-link >> nth=-1'],
  ['summary-list', 'main .summary-list'],
  ['card', '.card--component >> nth=0'],
  ['card-group', 'main .card-group'],
  ['contents', '.contents-list'],
  ['quote', '.quote'],
  ['lang', '.lang-passage[lang="ar"]'],
];

test('Every component has a picture, taken at 640 pixels wide', async () => {
  const context = await browser.newContext({ viewport: { width: 640, height: 900 } });
  const page = await context.newPage();
  const dirs = [path.join(screenshotsDir, 'components')];
  if (process.env.SIGNPOST_DOCS_PICTURES === '1') dirs.push(path.join(repoRoot, 'docs', 'components'));
  for (const d of dirs) fs.mkdirSync(d, { recursive: true });
  try {
    await page.goto(origin + PAGE);
    await freezeMotion(page);
    // Opened by keyboard, and focus moved off it: the mouse never hovers
    // anything, so every picture shows the resting look.
    await page.locator('.details-group summary >> nth=0').focus();
    await page.keyboard.press('Enter');
    await page.evaluate(() => document.activeElement.blur());
    for (const [name, selector] of PICTURES) {
      const el = page.locator(selector);
      assert.equal(await el.count() > 0, true, `${name}: nothing matches ${selector}`);
      const shot = await el.first().screenshot({ animations: 'disabled' });
      for (const d of dirs) fs.writeFileSync(path.join(d, `${name}.png`), shot);
    }
  } finally {
    await context.close();
  }
});

test('In forced colours (Windows high contrast) a details triangle keeps its shape, and pictures are saved', async () => {
  const context = await browser.newContext({ viewport: { width: 640, height: 900 } });
  const page = await context.newPage();
  try {
    await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
    await page.goto(origin + PAGE);
    await freezeMotion(page);
    const sides = () => page.evaluate(() => {
      const cs = getComputedStyle(document.querySelector('details.details summary'), '::before');
      return { top: cs.borderTopColor, left: cs.borderLeftColor };
    });
    const transparent = /^(transparent|rgba\(0, 0, 0, 0\))$/;
    const closed = await sides();
    assert.match(closed.top, transparent, 'the closed triangle has no top side (it points right)');
    assert.doesNotMatch(closed.left, transparent, 'and a coloured left side');
    await page.locator('details.details summary >> nth=0').focus();
    await page.keyboard.press('Enter');
    await page.evaluate(() => document.activeElement.blur());
    const open = await sides();
    assert.match(open.left, transparent, 'the open triangle has no left side (it points down)');
    assert.doesNotMatch(open.top, transparent, 'and a coloured top side');
    const dir = path.join(screenshotsDir, 'components');
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, selector] of [['details', 'details.details >> nth=0'], ['care-card-urgent', '.care-card--urgent'], ['dont', '.do-dont--dont'], ['action-link', 'main .action-link >> nth=-1']]) {
      await page.locator(selector).first().screenshot({ path: path.join(dir, `forced-colours-${name}.png`) });
    }
  } finally {
    await context.close();
  }
});

test('Printed, a closed details box shows its text, and care cards keep their colours', async () => {
  const context = await browser.newContext({ viewport: { width: 640, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(origin + PAGE);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await isOpen(page, 0), false, 'the details box is closed');
    assert.ok(await page.locator('.details__text >> nth=0').isVisible(), 'its text is printed');
    const adjust = await page.evaluate(() => getComputedStyle(document.querySelector('.care-card--emergency')).printColorAdjust);
    assert.equal(adjust, 'exact', 'the emergency care card prints its dark background behind its white text');
    fs.mkdirSync(path.join(screenshotsDir, 'components'), { recursive: true });
    await page.screenshot({ path: path.join(screenshotsDir, 'components', 'print.png'), fullPage: true });
  } finally {
    await context.close();
  }
});
