// Shared set-up for the browser tests. run.sh builds the example site and
// tells the tests where it is through two environment variables:
//   SIGNPOST_BROWSER_SITE  the built site folder
//   SIGNPOST_BROWSER_PORT  the port the site was built for (its base URL is
//                          http://127.0.0.1:<port>/ and its feedback form posts
//                          to http://127.0.0.1:<port>/__stub/feedback)

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer, FEEDBACK_PATH } from './server.mjs';

export const testsDir = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(testsDir, '..', '..');
export const screenshotsDir = path.join(repoRoot, 'target', 'screenshots');

const siteEnv = process.env.SIGNPOST_BROWSER_SITE;
const portEnv = process.env.SIGNPOST_BROWSER_PORT;
if (!siteEnv || !portEnv || !fs.existsSync(siteEnv)) {
  throw new Error(
    'The browser tests need a built site. Run them with: bash tests/browser/run.sh ' +
      '(it builds the example site and sets SIGNPOST_BROWSER_SITE and SIGNPOST_BROWSER_PORT).',
  );
}
export const siteDir = path.resolve(siteEnv);
export const port = Number(portEnv);
export const origin = `http://127.0.0.1:${port}`;
export const feedbackUrl = origin + FEEDBACK_PATH;

export const DESKTOP = { width: 1280, height: 900 };
export const NARROW = { width: 320, height: 800 };

export const CHROMIUM_PATH = process.env.SIGNPOST_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * One browser per test file: call in before(), close in after(). Headless
 * Chromium now and then crashes as it starts on a busy machine (SIGSEGV
 * before the first page): a second try, said in the log, keeps that from
 * failing a run; a browser that fails twice fails the tests.
 */
export async function launchBrowser() {
  const launch = () =>
    chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    return await launch();
  } catch (e) {
    process.stderr.write(`Chromium did not start (${String(e.message).split('\n')[0]}); trying once more.\n`);
    return launch();
  }
}

/** Serves the built site and the feedback stub on the port the site was built for. */
export function startSiteServer() {
  return startServer({ root: siteDir, port });
}

/**
 * Every built HTML page, as { file, path, label }: `file` relative to the
 * site folder, `path` the address to load, `label` for test names.
 */
export function listPages() {
  const pages = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      // The browser editor's page is the CMS's program, not a page of the
      // site: cms.test.mjs checks it.
      if (dir === siteDir && entry.name === 'admin') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.html')) {
        const rel = path.relative(siteDir, full).split(path.sep).join('/');
        let urlPath = '/' + rel;
        if (rel === 'index.html') urlPath = '/';
        else if (rel.endsWith('/index.html')) urlPath = '/' + rel.slice(0, -'index.html'.length);
        const label = urlPath === '/' ? 'the home page' : rel === '404.html' ? 'the page not found page' : `the page ${urlPath}`;
        pages.push({ file: rel, path: urlPath, label });
      }
    }
  };
  walk(siteDir);
  if (pages.length === 0) throw new Error(`No HTML pages found in ${siteDir}`);
  return pages;
}

/** Pages the screenshots and feature tests use. */
export const HOME = '/';
export const SERVICE_PAGE = '/services/early-intervention-in-psychosis/';
export const COURSE_PAGE = '/training/peer-support-course/';
export const VACANCIES_PAGE = '/vacancies/';
export const THANKS = '/feedback/thanks/';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const axePath = path.join(testsDir, 'node_modules', 'axe-core', 'axe.min.js');

/** Runs axe-core on the page; resolves to the list of violations. */
export async function runAxe(page) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ path: axePath });
  return page.evaluate(
    (tags) =>
      window.axe
        .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((r) => r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          helpUrl: v.helpUrl,
          nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), summary: n.failureSummary })),
        }))),
    AXE_TAGS,
  );
}

export function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `      - ${n.target}\n        ${String(n.summary || '').replace(/\n/g, '\n        ')}`).join('\n');
      return `  * ${v.id} (${v.impact}): ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

/** Waits until `check()` returns a truthy value, or fails after `timeout` ms. */
export async function waitFor(check, { timeout = 5000, interval = 25, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Turns off CSS transitions and animations so computed styles are final at once. */
export async function freezeMotion(page) {
  await page.addStyleTag({
    content: '*, *::before, *::after { transition: none !important; animation: none !important; scroll-behavior: auto !important; }',
  });
}

/**
 * Presses Tab from the top of the page until focus comes back round (or
 * leaves the page), and for every element focused on the way checks that
 * focus is visible. Resolves to [{ desc, name, id, visible, why }].
 *
 * Focus counts as visible when, while the element has focus, the element
 * itself has an outline (style not 'none', width > 0, not transparent), or a
 * box-shadow that is not 'none' and differs from its unfocused box-shadow, or
 * a different background colour from when it is not focused. For a form
 * control that draws itself with its label (radios and checkboxes), the same
 * change on the label or its ::before/::after counts too.
 */
export async function tabThroughPage(page, { max = 250 } = {}) {
  await page.evaluate(() => {
    const opaque = (c) => c && c !== 'transparent' && !/rgba\([^)]*,\s*0\)$/.test(c) && !/\/\s*0\)$/.test(c);
    const read = (node, pseudo) => {
      const cs = getComputedStyle(node, pseudo);
      return {
        outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 && opaque(cs.outlineColor),
        outlineText: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
        boxShadow: cs.boxShadow,
        background: cs.backgroundColor,
        content: cs.content,
      };
    };
    const parts = (el) => {
      const list = [['element', el, null]];
      for (const label of el.labels ? [...el.labels] : []) {
        list.push(['label', label, null], ['label::before', label, '::before'], ['label::after', label, '::after']);
      }
      return list;
    };
    const describe = (el) => {
      const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '';
      const text = (el.getAttribute('aria-label') || el.textContent || el.value || '').replace(/\s+/g, ' ').trim().slice(0, 40);
      return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls}${text ? ` "${text}"` : ''}`;
    };
    window.__tabWalk = {
      results: [],
      prev: null,
      snapshot(el) {
        return parts(el).map(([kind, node, pseudo]) => ({ kind, ...read(node, pseudo) }));
      },
      judge(focused, unfocused) {
        const reasons = [];
        focused.forEach((f, i) => {
          const u = unfocused[i];
          const drawn = f.kind === 'element' || f.kind === 'label' || f.content !== 'none';
          if (!drawn) return;
          if (f.outline && (f.kind === 'element' || !u.outline || f.outlineText !== u.outlineText)) reasons.push(`${f.kind} outline ${f.outlineText}`);
          if (f.boxShadow !== 'none' && f.boxShadow !== u.boxShadow) reasons.push(`${f.kind} box-shadow ${f.boxShadow}`);
          if (f.background !== u.background) reasons.push(`${f.kind} background ${u.background} -> ${f.background}`);
        });
        return reasons;
      },
      step() {
        const active = document.activeElement;
        const prev = this.prev;
        if (prev) {
          const reasons = this.judge(prev.focused, this.snapshot(prev.el));
          this.results.push({
            desc: prev.desc, id: prev.el.id, name: prev.el.getAttribute('name'), visible: reasons.length > 0 && prev.onScreen,
            why: reasons.length ? (prev.onScreen ? reasons.join('; ') : 'it has no size on screen while focused') : `no focus style (focused: ${JSON.stringify(prev.focused)})`,
          });
          this.prev = null;
        }
        if (!active || active === document.body || active === document.documentElement) return 'left';
        if (this.results.length && this.first === active) return 'wrapped';
        if (!this.first) this.first = active;
        const boxes = [active, ...(active.labels ? [...active.labels] : [])].map((n) => n.getBoundingClientRect());
        const onScreen = boxes.some((r) => r.width >= 1 && r.height >= 1);
        this.prev = { el: active, desc: describe(active), focused: this.snapshot(active), onScreen };
        return 'more';
      },
    };
  });
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const state = await page.evaluate(() => window.__tabWalk.step());
    if (state !== 'more') break;
    if (i === max - 1) throw new Error(`Tabbed ${max} times without coming back round`);
  }
  return page.evaluate(() => window.__tabWalk.results);
}

/**
 * Closes a page without letting the test hang: Chromium sometimes never
 * confirms closing a page that is in the middle of a navigation.
 */
export async function closePage(page) {
  let timer;
  await Promise.race([
    page.close().catch(() => {}),
    new Promise((resolve) => { timer = setTimeout(resolve, 5000); }),
  ]);
  clearTimeout(timer);
}
