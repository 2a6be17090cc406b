// Site search on the example site: the header's form, the search page's
// results, the kind filter, the announced count, keyboard-only use, the
// path without JavaScript (the A to Z page), and axe-core and the Nu checker
// on the search page (with results showing) and the A to Z page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import {
  launchBrowser, startSiteServer, origin, runAxe, formatViolations, DESKTOP, NARROW,
  COURSE_PAGE, SERVICE_PAGE, waitFor, freezeMotion, testsDir,
} from './helpers.mjs';

const SEARCH = '/search/';
const A_Z = '/a-z/';
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

async function open(url, { viewport = DESKTOP, javaScript = true } = {}) {
  const context = await browser.newContext({ viewport, javaScriptEnabled: javaScript });
  const page = await context.newPage();
  await page.goto(origin + url, { waitUntil: 'load' });
  return { page, close: () => context.close() };
}

/** The results shown: [{ title, href, kind }]. */
function results(page) {
  return page.$$eval('#search-results .search__result', (items) => items.map((li) => ({
    title: li.querySelector('a')?.textContent.trim(),
    href: li.querySelector('a')?.getAttribute('href'),
    kind: li.querySelector('.search__kind')?.textContent.trim(),
  })));
}

async function statusText(page) {
  return (await page.textContent('#search-status')).trim();
}

/** Waits for the status to report a finished search. */
function searched(page) {
  return waitFor(async () => /results? for|No results/.test(await statusText(page)), {
    timeout: 15000, message: 'the search to finish',
  });
}

test('Searching the example site for "reframing" from the header finds the course page', async () => {
  const { page, close } = await open(SERVICE_PAGE);
  try {
    await page.fill('#header-search', 'reframing');
    await Promise.all([page.waitForURL(/\/search\/\?q=reframing/), page.press('#header-search', 'Enter')]);
    await searched(page);
    const found = await results(page);
    assert.ok(
      found.some((r) => r.href === COURSE_PAGE),
      `the course page ${COURSE_PAGE} is among the results: ${JSON.stringify(found)}`,
    );
    assert.equal(await page.inputValue('#search-query'), 'reframing', 'the search page keeps the words');
  } finally {
    await close();
  }
});

/** The words marked in the result that links to `href`. */
function marksOf(page, href) {
  return page.$$eval(`#search-results a[href="${href}"]`, (as) => Array.from(
    as[0]?.closest('li')?.querySelectorAll('mark') || [], (m) => m.textContent.toLowerCase(),
  ));
}

test('Other forms of a word and the start of a word typed find the page, with the words found marked', async () => {
  const { page, close } = await open(`${SEARCH}?q=reframe`);
  try {
    await searched(page);
    let found = await results(page);
    assert.ok(found.some((r) => r.href === COURSE_PAGE), `"reframe" finds the page that says "reframing": ${JSON.stringify(found)}`);
    assert.ok((await marksOf(page, COURSE_PAGE)).includes('reframing'), 'the other form of the word is marked');
    // As you type: no Enter, and only the start of the word.
    await page.fill('#search-query', '');
    await page.type('#search-query', 'refra');
    await waitFor(async () => /results? for \u2018refra\u2019/.test(await statusText(page)), { timeout: 15000, message: 'the search as you type' });
    found = await results(page);
    assert.ok(found.some((r) => r.href === COURSE_PAGE), `"refra" finds the course page: ${JSON.stringify(found)}`);
    const marks = await marksOf(page, COURSE_PAGE);
    assert.ok(marks.includes('reframing'), `the word found is marked in the course page's result: ${JSON.stringify(marks)}`);
  } finally {
    await close();
  }
});

test('The browser cuts words into the same keys as the index (tests/fixtures/search-words.json)', async () => {
  const cases = JSON.parse(fs.readFileSync(path.join(testsDir, '..', 'fixtures', 'search-words.json'), 'utf8'));
  const { page, close } = await open(SEARCH);
  try {
    const got = await page.evaluate((texts) => texts.map((t) => window.signpostSearch.words(t)), cases.map((c) => c[0]));
    cases.forEach(([text, keys], i) => assert.deepEqual(got[i], keys, `the keys of ${JSON.stringify(text)}`));
  } finally {
    await close();
  }
});

test('Filtering the results by vacancies shows only vacancies', async () => {
  const { page, close } = await open(`${SEARCH}?q=peer+support`);
  try {
    await searched(page);
    const everything = await results(page);
    assert.ok(everything.some((r) => r.kind !== 'Vacancies'), `other kinds are found first: ${JSON.stringify(everything)}`);
    await page.check('input[name="kind"][value="Vacancies"]');
    await waitFor(async () => /in vacancies/.test(await statusText(page)), { timeout: 15000, message: 'the filtered search' });
    const only = await results(page);
    assert.ok(only.length > 0, 'some vacancies are found');
    for (const r of only) {
      assert.equal(r.kind, 'Vacancies', `${r.title} is a vacancy`);
      assert.match(r.href, /^\/vacancies\/.+/, `${r.title} is a vacancy's page`);
    }
    assert.match(page.url(), /kind=Vacancies/, 'the filter is kept in the address');
  } finally {
    await close();
  }
});

test('The number of results is announced in an aria-live region', async () => {
  const { page, close } = await open(SEARCH);
  try {
    const region = await page.$eval('#search-status', (el) => ({
      live: el.getAttribute('aria-live'),
      role: el.getAttribute('role'),
      hidden: el.closest('[hidden]') !== null,
    }));
    assert.equal(region.live, 'polite');
    assert.equal(region.role, 'status');
    assert.equal(region.hidden, false, 'the live region is shown (present before the search, so it is announced)');
    await page.fill('#search-query', 'reframing');
    await page.press('#search-query', 'Enter');
    await searched(page);
    const count = (await results(page)).length;
    const said = await statusText(page);
    assert.match(said, new RegExp(`^${count} results? for .reframing.`), `the status says how many: "${said}"`);
    await page.fill('#search-query', 'zzzqqqxxx');
    await page.press('#search-query', 'Enter');
    await waitFor(async () => /^No results/.test(await statusText(page)), { timeout: 15000, message: 'no results' });
  } finally {
    await close();
  }
});

/** Presses Tab until the element with `id` has focus (at most 60 times). */
async function tabTo(page, id) {
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.id || '')) === id) return true;
  }
  return false;
}

test('Search works with the keyboard alone: Tab to the header box, type, Enter, Tab to the filter and to a result', async () => {
  const { page, close } = await open('/');
  try {
    await freezeMotion(page);
    assert.ok(await tabTo(page, 'header-search'), 'Tab reaches the header search box');
    await page.keyboard.type('peer support');
    await Promise.all([page.waitForURL(/\/search\//), page.keyboard.press('Enter')]);
    await searched(page);
    // Into the form: the box, the button, then the kind choices.
    assert.ok(await tabTo(page, 'search-query'), 'Tab reaches the search page\'s box');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.name), 'kind', 'Tab reaches the kind choices');
    // Arrow keys move between radio buttons and choose.
    await page.keyboard.press('ArrowDown');
    const chosen = await page.evaluate(() => document.activeElement?.value);
    assert.ok(chosen, 'an arrow key chooses a kind');
    await waitFor(async () => new RegExp(`in ${chosen.toLowerCase()}|No results`).test(await statusText(page)), {
      timeout: 15000, message: 'the search for one kind',
    });
    // Tab leaves the radio group for the first result.
    await page.keyboard.press('Tab');
    const onResult = await page.evaluate(() => {
      const el = document.activeElement;
      return { inResults: !!el?.closest('#search-results'), href: el?.getAttribute('href') };
    });
    assert.ok(onResult.inResults, `Tab after the choices reaches the first result (${JSON.stringify(onResult)})`);
    await Promise.all([page.waitForURL((u) => u.pathname === onResult.href), page.keyboard.press('Enter')]);
  } finally {
    await close();
  }
});

test('Without JavaScript the header search form leads to the A to Z page, which links every kind of page', async () => {
  const { page, close } = await open(SERVICE_PAGE, { javaScript: false });
  try {
    await page.fill('#header-search', 'reframing');
    await Promise.all([page.waitForURL((u) => u.pathname === A_Z), page.press('#header-search', 'Enter')]);
    assert.equal(await page.textContent('h1'), 'A to Z of pages');
    const groups = await page.$$eval('.a-z__group h2', (hs) => hs.map((h) => h.textContent.trim()));
    for (const kind of ['Courses', 'Services', 'Team members', 'Vacancies', 'Pages']) {
      assert.ok(groups.includes(kind), `the A to Z has ${kind}: ${groups.join(', ')}`);
    }
    const links = await page.$$eval('.a-z__list a', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(links.includes(COURSE_PAGE), 'the course page is listed');
    // The search page itself, without JavaScript, says so and links here.
    await page.goto(origin + SEARCH);
    assert.ok(await page.isVisible('#search-no-script'), 'the search page explains that it needs JavaScript');
    assert.ok(!(await page.isVisible('#search-query')), 'no search box that cannot work');
    await Promise.all([page.waitForURL((u) => u.pathname === A_Z), page.click(`a[href="${A_Z}"]`)]);
  } finally {
    await close();
  }
});

const vnu = path.join(testsDir, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

function runVnu(file) {
  return new Promise((resolve, reject) => {
    const child = spawn('java', ['-jar', vnu, '--errors-only', '--format', 'json', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

for (const [label, url] of [['the search page with results', `${SEARCH}?q=reframing`], ['the A to Z page', A_Z]]) {
  for (const viewport of [DESKTOP, NARROW]) {
    test(`axe-core finds no problems on ${label} at ${viewport.width} pixels wide`, async () => {
      const { page, close } = await open(url, { viewport });
      try {
        if (url.startsWith(SEARCH)) await searched(page);
        const violations = await runAxe(page);
        assert.equal(violations.length, 0, `${url} at ${viewport.width}px:\n${formatViolations(violations)}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${url} scrolls sideways by ${overflow}px at ${viewport.width}px`);
      } finally {
        await close();
      }
    });
  }

  test(`The Nu HTML checker finds no errors on ${label} as the browser shows it`, { timeout: 120_000 }, async () => {
    const { page, close } = await open(url);
    let dir;
    try {
      if (url.startsWith(SEARCH)) await searched(page);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signpost-search-vnu-'));
      const file = path.join(dir, 'page.html');
      fs.writeFileSync(file, '<!DOCTYPE html>\n' + (await page.evaluate(() => document.documentElement.outerHTML)));
      const { code, out } = await runVnu(file);
      let messages = [];
      try {
        messages = JSON.parse(out || '{"messages":[]}').messages || [];
      } catch {
        assert.fail(`vnu.jar did not give JSON (exit ${code}):\n${out}`);
      }
      const errors = messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
      assert.equal(errors.length, 0, errors.map((m) => `  ${m.lastLine}: ${m.message}\n      ${m.extract || ''}`).join('\n'));
    } finally {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      await close();
    }
  });
}
