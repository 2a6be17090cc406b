// Keyboard use: the skip link, visible focus, and the feedback form without a mouse.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, startSiteServer, listPages, origin, DESKTOP, NARROW, SERVICE_PAGE, THANKS,
  tabThroughPage, freezeMotion, waitFor, closePage,
} from './helpers.mjs';

const pages = listPages();
let browser;
let server;
let desktop;
let narrow;

before(async () => {
  // The server first, so that after() can close it even if the browser fails to start.
  server = await startSiteServer();
  browser = await launchBrowser();
  desktop = await browser.newContext({ viewport: DESKTOP });
  narrow = await browser.newContext({ viewport: NARROW });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(() => server?.reset());

const title = (p) => `${p.label[0].toUpperCase()}${p.label.slice(1)}`;

for (const p of pages) {
  test(`On ${p.label}, the first Tab focuses a visible skip link and Enter on it moves focus into the main content`, async () => {
    const page = await desktop.newPage();
    try {
      await page.goto(origin + p.path);
      await freezeMotion(page);
      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => {
        const el = document.activeElement;
        const r = el.getBoundingClientRect();
        return {
          tag: el.tagName.toLowerCase(),
          href: el.getAttribute('href'),
          text: el.textContent.trim(),
          inView: r.width >= 1 && r.height >= 1 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth,
        };
      });
      assert.equal(skip.tag, 'a', 'the first Tab focuses a link');
      assert.equal(skip.href, '#maincontent', 'the first link is the skip link to #maincontent');
      assert.match(skip.text, /skip to main content/i);
      assert.ok(skip.inView, 'the skip link is visible on screen when it has focus');
      await page.keyboard.press('Enter');
      const inMain = await waitFor(
        () => page.evaluate(() => {
          const main = document.querySelector('main#maincontent');
          return !!main && (document.activeElement === main || main.contains(document.activeElement));
        }),
        { timeout: 2000, message: 'focus to move into main#maincontent' },
      ).catch(() => false);
      assert.ok(inMain, 'after Enter on the skip link, focus is on main#maincontent or inside it');
    } finally {
      await closePage(page);
    }
  });
}

const focusCases = [
  ...pages.map((p) => [p, DESKTOP]),
  ...pages.map((p) => [p, NARROW]),
];
for (const [p, viewport] of focusCases) {
  test(`${title(p)} shows where keyboard focus is on every element Tab reaches, at ${viewport.width} pixels wide`, async () => {
    const page = await (viewport === DESKTOP ? desktop : narrow).newPage();
    try {
      await page.goto(origin + p.path);
      await freezeMotion(page);
      const results = await tabThroughPage(page);
      assert.ok(results.length > 3, `Tab reached only ${results.length} element(s) on ${p.path}`);
      const hidden = results.filter((r) => !r.visible);
      assert.deepEqual(
        hidden.map((r) => `${r.desc}: ${r.why}`),
        [],
        `on ${p.path} focus is not visible on ${hidden.length} element(s)`,
      );
    } finally {
      await closePage(page);
    }
  });
}

async function tabTo(page, selector, max = 120) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function fillFeedbackByKeyboard(page, text) {
  await tabTo(page, 'input[type=radio][name=useful][value=yes]');
  await page.keyboard.press('Space');
  assert.ok(await page.locator('input[name=useful][value=yes]').isChecked(), 'Space selects the Yes radio');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'problem', 'Tab from the radios goes to the text box');
  await page.keyboard.type(text);
  await page.keyboard.press('Tab');
  assert.equal(
    await page.evaluate(() => document.activeElement.tagName === 'BUTTON' && document.activeElement.type === 'submit'),
    true,
    'Tab from the text box goes to the send button',
  );
  await page.keyboard.press('Enter');
}

test('The feedback form can be filled in and sent with the keyboard alone', async () => {
  const page = await desktop.newPage();
  try {
    await page.goto(origin + SERVICE_PAGE);
    await fillFeedbackByKeyboard(page, 'Sent with the keyboard');
    await page.getByRole('status').filter({ hasText: 'Thank you for your feedback' }).waitFor({ timeout: 5000 });
    const got = await waitFor(() => server.submissions.length > 0 && server.submissions, { message: 'the stub to receive the form' });
    assert.equal(got.length, 1);
    assert.equal(got[0].useful, 'yes');
    assert.equal(got[0].problem, 'Sent with the keyboard');
  } finally {
    await closePage(page);
  }
});

test('Without JavaScript the feedback form can be sent with the keyboard alone and leads to the thank-you page', async () => {
  const context = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(origin + SERVICE_PAGE);
    const landed = page.waitForURL(origin + THANKS, { timeout: 5000 });
    await fillFeedbackByKeyboard(page, 'Keyboard, no JavaScript');
    await landed;
    const got = await waitFor(() => server.submissions.length > 0 && server.submissions, { message: 'the stub to receive the form' });
    assert.equal(got[0].problem, 'Keyboard, no JavaScript');
    assert.ok(await page.locator('h1').first().isVisible(), 'the thank-you page has a visible h1');
  } finally {
    await context.close();
  }
});
