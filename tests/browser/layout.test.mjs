// Layout: nothing scrolls sideways at 320 pixels wide, the server answers
// like a host would, and full-page screenshots for people to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  launchBrowser, startSiteServer, listPages, origin, DESKTOP, NARROW, screenshotsDir, repoRoot,
  HOME, SERVICE_PAGE, COURSE_PAGE, VACANCIES_PAGE,
} from './helpers.mjs';

const pages = listPages();
let browser;
let server;
let narrow;

before(async () => {
  // The server first, so that after() can close it even if the browser fails to start.
  server = await startSiteServer();
  browser = await launchBrowser();
  narrow = await (await browser.newContext({ viewport: NARROW })).newPage();
  fs.mkdirSync(screenshotsDir, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

for (const p of pages) {
  test(`${p.label[0].toUpperCase()}${p.label.slice(1)} does not scroll sideways at 320 pixels wide`, async () => {
    await narrow.goto(origin + p.path, { waitUntil: 'load' });
    const { scrollWidth, wide } = await narrow.evaluate(() => {
      const limit = document.documentElement.clientWidth;
      // Name the elements that stick out, to make a failure easy to fix.
      const wide = [...document.body.querySelectorAll('*')]
        .filter((el) => el.getBoundingClientRect().right > limit + 0.5)
        .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= limit + 0.5)
        .slice(0, 10)
        .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} (right edge ${Math.round(el.getBoundingClientRect().right)}px)`);
      return { scrollWidth: document.documentElement.scrollWidth, wide };
    });
    assert.ok(scrollWidth <= 320, `${p.path} is ${scrollWidth}px wide at a 320px viewport; too wide: ${wide.join(', ') || '(none found)'}`);
  });
}

test('An address that does not exist gets the page not found page with status 404', async () => {
  const response = await narrow.goto(`${origin}/no-such-page/`);
  assert.equal(response.status(), 404);
  const h1 = await narrow.locator('h1').first().textContent();
  assert.ok(h1 && h1.trim().length > 0, 'the page not found page has a heading');
  // Its styles load from a nested address too.
  const css = await narrow.evaluate(() => getComputedStyle(document.body).fontFamily);
  assert.ok(css, 'the page has styles');
});

test('The server sends CSS and JavaScript with the right content types', async () => {
  const html = await fetch(`${origin}/`);
  assert.match(html.headers.get('content-type'), /^text\/html/);
  // The build names stylesheets and scripts after their contents: follow the page's own links.
  const page = await html.text();
  const cssHref = page.match(/<link rel="stylesheet" href="([^"]+)"/)?.[1];
  const jsSrc = page.match(/<script src="([^"]+)"/)?.[1];
  assert.ok(cssHref, 'the home page links a stylesheet');
  assert.match(cssHref, /^\/css\/site\.[0-9a-f]{8}\.css$/);
  const css = await fetch(origin + cssHref);
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type'), /^text\/css/);
  assert.ok(jsSrc, 'the home page loads the feedback script');
  const js = await fetch(origin + jsSrc);
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type'), /^text\/javascript/);
});

const shots = [
  ['home', HOME],
  ['service', SERVICE_PAGE],
  ['course', COURSE_PAGE],
  ['vacancies', VACANCIES_PAGE],
];
for (const [name, urlPath] of shots) {
  test(`A full-page screenshot of the ${name} page is saved at 1280 and 320 pixels wide`, async () => {
    for (const [suffix, viewport] of [['desktop', DESKTOP], ['320', NARROW]]) {
      const context = await browser.newContext({ viewport });
      try {
        const page = await context.newPage();
        const response = await page.goto(origin + urlPath, { waitUntil: 'load' });
        assert.equal(response.status(), 200, `${urlPath} loads`);
        const file = path.join(screenshotsDir, `${name}-${suffix}.png`);
        await page.screenshot({ path: file, fullPage: true });
        assert.ok(fs.statSync(file).size > 1000, `${path.relative(repoRoot, file)} was written`);
      } finally {
        await context.close();
      }
    }
  });
}
