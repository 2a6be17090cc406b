// Editing in the browser: Decap CMS (installed from npm into
// tests/browser/node_modules, served by the preview from this computer) at
// /admin/ of the preview of a COPY of the example site. An editor changes a
// vacancy's closing date with the date picker and adds an eligibility
// criterion; the preview's page shows both. Then a new team member with a
// photo and its description. The copy then checks with no findings, and the
// markdown on disk is what a person would have written. axe-core runs on
// the editor's screens: what fails in Decap's own UI is printed, not hidden.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { closePage, formatViolations, launchBrowser, repoRoot, runAxe, testsDir, waitFor } from './helpers.mjs';
import { binary, startPreview } from './preview.mjs';

const docs = path.join(repoRoot, 'docs', 'cms');
const VACANCY = 'content/vacancies/peer-support-worker-community.md';
let site;
let stop;
let url;
let browser;

/** Whether the preview's answers have caught up with a save. */
async function previewShows(address, text) {
  const res = await fetch(url + address.replace(/^\//, ''));
  return (await res.text()).includes(text);
}

/** Logs in to the editor (the preview needs no account) and waits for it. */
async function openEditor(page, hash = '') {
  await page.goto(`${url}admin/`);
  const login = page.getByRole('button', { name: 'Login' });
  await login.click({ timeout: 30000 });
  await page.getByText('Collections').first().waitFor({ timeout: 30000 });
  if (hash) await page.evaluate((h) => { window.location.hash = h; }, hash);
}

/** Publishes the entry being edited (simple mode: "Publish", then "Publish now"). */
async function publish(page) {
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByText('Publish now', { exact: true }).click();
  // Decap's notice in simple mode.
  await page.getByText(/Entry (saved|published)/).first().waitFor({ timeout: 20000 });
}

/** axe-core on an editor screen: violations are printed, and those in Signpost's own page fail. */
async function axeReport(page, where) {
  const violations = await runAxe(page);
  if (violations.length) {
    process.stderr.write(`axe-core on Decap CMS (${where}): ${violations.length} kinds of violation in the CMS's own UI:\n${formatViolations(violations)}\n`);
  }
  // What Signpost writes (admin/index.html): the page's language and title.
  const ours = violations.filter((v) => ['html-has-lang', 'html-lang-valid', 'document-title'].includes(v.id));
  assert.deepEqual(ours, [], `${where}: ${formatViolations(ours)}`);
}

before(async () => {
  fs.mkdirSync(docs, { recursive: true });
  ({ site, url, stop } = await startPreview({
    prefix: 'signpost-cms-',
    // The CMS as installed from npm: the preview serves it from node_modules.
    prepare: (dir) => fs.symlinkSync(path.join(testsDir, 'node_modules'), path.join(dir, 'node_modules')),
  }));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  stop?.();
});

test('the editor loads from this computer and finds the preview as its backend', async () => {
  const admin = await (await fetch(`${url}admin/`)).text();
  assert.match(admin, /<script src="\/__signpost\/cms\/app\/decap-cms.js"><\/script>/);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const outside = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) outside.push(r.url());
  });
  try {
    await page.goto(`${url}admin/`);
    await page.getByRole('button', { name: 'Login' }).waitFor({ timeout: 30000 });
    await axeReport(page, 'the login screen');
    await openEditor(page);
    for (const name of ['Services', 'Team', 'Training', 'Vacancies', 'Pages']) {
      await page.getByRole('link', { name, exact: true }).first().waitFor();
    }
    await axeReport(page, 'the list of collections');
    assert.deepEqual(outside, [], 'the editor asked another site for something');
  } finally {
    await closePage(page);
  }
});

test("an editor changes a vacancy's closing date and adds an eligibility criterion, and the preview shows them", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await openEditor(page, '#/collections/vacancies/entries/peer-support-worker-community');
    const date = page.locator('input[type="date"][id^="closing_date"]');
    await date.waitFor({ timeout: 30000 });
    assert.equal(await date.inputValue(), '2027-03-31');
    // The date picker: typed into as a person would, day by day.
    await date.click();
    await date.fill('2027-04-30');
    await page.getByRole('button', { name: 'Add eligibility criteria' }).click();
    const items = page.locator('input[id^="item-field"]');
    await waitFor(async () => (await items.count()) === 4, { message: 'a fourth criterion' });
    await items.nth(3).fill('Have a full UK driving licence, or be able to travel by other means');
    await axeReport(page, 'the vacancy form');
    await date.evaluate((el) => el.closest('[class*="ControlContainer"], div')?.scrollIntoView({ block: 'start' }));
    await page.mouse.wheel(0, -120);
    await page.screenshot({ path: path.join(docs, 'vacancy-form.png') });
    // The vacancy's page, open in another tab of the preview as the editor saves.
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await tab.goto(`${url}vacancies/peer-support-worker-community/`);
      await publish(page);
      // While it reloads, its content cannot be read: that is not yet.
      const shown = () => tab.content().then((html) => html.includes('Have a full UK driving licence'), () => false);
      await waitFor(shown, {
        timeout: 20000,
        message: 'the open tab of the preview to reload with the new criterion',
      });
      assert.match(await tab.locator('main').innerText(), /30 April 2027/);
    } finally {
      await closePage(tab);
    }
    const text = fs.readFileSync(path.join(site, VACANCY), 'utf8');
    assert.match(text, /^closing_date: 2027-04-30$/m);
  } finally {
    await closePage(page);
  }
});

test("a component in a page's text is an editor component with its parts as fields", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning' && /editor component/.test(m.text())) warnings.push(m.text()); });
  try {
    await openEditor(page, '#/collections/pages/entries/contact');
    // contact.md has a `:::care-card urgent` box.
    await page.getByText('Care card', { exact: true }).first().waitFor({ timeout: 30000 });
    await page.getByText('Which', { exact: true }).first().waitFor();
    assert.deepEqual(warnings, [], 'the CMS refused a component pattern');
  } finally {
    await closePage(page);
  }
});

test('an editor creates a team member with a photo and its description', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await openEditor(page, '#/collections/team/new');
    await page.locator('input[id^="name-field"]').fill('Sam Jones');
    await page.locator('input[id^="role-field"]').fill('Peer support worker');
    await page.getByRole('button', { name: 'Choose an image' }).click();
    const upload = page.locator('input[type="file"]');
    await upload.setInputFiles(path.join(repoRoot, 'tests', 'fixtures', 'serve_site', 'content', 'building-map.png'));
    await page.getByRole('button', { name: 'Choose selected' }).click();
    await page.locator('input[id^="photo_alt-field"]').fill('Sam smiling, in a blue jumper');
    await page.locator('input[id^="bio-field"]').fill('Sam supports people on the wards.');
    await axeReport(page, 'a new team member');
    await page.screenshot({ path: path.join(docs, 'team-member-form.png') });
    await publish(page);
    const file = path.join(site, 'content', 'team', 'sam-jones.md');
    await waitFor(() => fs.existsSync(file), { timeout: 20000, message: 'the new page on disk' });
    await waitFor(() => previewShows('/team/sam-jones/', 'Sam smiling, in a blue jumper'), {
      timeout: 20000,
      message: 'the preview to show the new team member',
    });
    assert.ok(fs.existsSync(path.join(site, 'content', 'team', 'building-map.png')), 'the photo is beside the page');
  } finally {
    await closePage(page);
  }
});

test('the edited copy checks with no findings, and the markdown reads as a person would write it', () => {
  const check = spawnSync(binary, ['check', '--root', site, '--today', '2026-11-24'], { encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout + check.stderr);
  assert.match(check.stdout + check.stderr, /0 mistakes and 0 warnings/);
  const vacancy = fs.readFileSync(path.join(site, VACANCY), 'utf8');
  const original = fs.readFileSync(path.join(repoRoot, VACANCY), 'utf8');
  // Only the two changes: the file's order, quotes and body are as they were.
  assert.equal(
    vacancy,
    original
      .replace('closing_date: 2027-03-31', 'closing_date: 2027-04-30')
      .replace(
        '  - Be able to travel between places in the County north locality\n',
        '  - Be able to travel between places in the County north locality\n  - Have a full UK driving licence, or be able to travel by other means\n',
      ),
  );
  const sam = fs.readFileSync(path.join(site, 'content', 'team', 'sam-jones.md'), 'utf8');
  assert.equal(
    sam,
    '---\nname: Sam Jones\nrole: Peer support worker\nphoto: building-map.png\nphoto_alt: Sam smiling, in a blue jumper\nbio: Sam supports people on the wards.\n---\n',
  );
});
