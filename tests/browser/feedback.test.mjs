// The "Is this page useful?" form, with and without JavaScript, and its honeypot.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, startSiteServer, origin, feedbackUrl, DESKTOP, SERVICE_PAGE, COURSE_PAGE, THANKS,
  runAxe, formatViolations, waitFor, tabThroughPage, closePage,
} from './helpers.mjs';

let browser;
let server;
let withJs;
let withoutJs;

before(async () => {
  // The server first, so that after() can close it even if the browser fails to start.
  server = await startSiteServer();
  browser = await launchBrowser();
  withJs = await browser.newContext({ viewport: DESKTOP });
  withoutJs = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(() => server?.reset());

const received = (n = 1) =>
  waitFor(() => server.submissions.length >= n && server.submissions, { message: `the stub to receive ${n} submission(s)` });

async function openPage(context, path) {
  const page = await context.newPage();
  const response = await page.goto(origin + path);
  assert.equal(response.status(), 200);
  return page;
}

test('Sending the form with JavaScript shows a thank-you message in the status region and moves focus to it', async () => {
  const page = await openPage(withJs, SERVICE_PAGE);
  try {
    const h1 = (await page.locator('h1').first().textContent()).trim();
    await page.getByRole('radio', { name: 'Yes' }).check();
    await page.getByLabel(/report a problem/i).fill('The phone number is missing.');
    await page.getByRole('button', { name: /send feedback/i }).click();
    const status = page.getByRole('status');
    await status.filter({ hasText: 'Thank you for your feedback' }).waitFor({ timeout: 5000 });
    const focusInStatus = await page.evaluate(() => {
      const s = document.querySelector('[role=status]');
      return !!s && (document.activeElement === s || s.contains(document.activeElement));
    });
    assert.ok(focusInStatus, 'focus is on the status region with the thank-you message');
    const [sent] = await received();
    assert.equal(sent.useful, 'yes');
    assert.equal(sent.problem, 'The phone number is missing.');
    assert.equal(sent.page_url, page.url(), 'page_url is the address of the page the form is on');
    assert.equal(sent.page_title, h1, 'page_title is the title of the page the form is on');
    assert.equal(sent.spam, false);
    assert.match(sent.accept, /application\/json/, 'the script asks for a JSON answer');
    const violations = await runAxe(page);
    assert.equal(violations.length, 0, `after sending, axe-core finds:\n${formatViolations(violations)}`);
  } finally {
    await closePage(page);
  }
});

test('Sending the form with nothing chosen shows an error summary linking to the first radio and sends nothing', async () => {
  const page = await openPage(withJs, SERVICE_PAGE);
  try {
    const posts = [];
    page.on('request', (r) => { if (r.url() === feedbackUrl) posts.push(r); });
    await page.getByRole('button', { name: /send feedback/i }).click();
    const summary = page.getByRole('alert').filter({ hasText: /there is a problem/i });
    await summary.waitFor({ state: 'visible', timeout: 5000 });
    const firstRadioId = await page.locator('form input[type=radio]').first().getAttribute('id');
    const link = summary.locator(`a[href="#${firstRadioId}"]`);
    assert.equal(await link.count(), 1, `the error summary links to the first radio (#${firstRadioId})`);
    assert.ok((await link.textContent()).trim().length > 0, 'the link says what is wrong');
    const focusInSummary = await page.evaluate(() => {
      const a = document.querySelector('[role=alert]:not([hidden])');
      return !!a && (document.activeElement === a || a.contains(document.activeElement));
    });
    assert.ok(focusInSummary, 'focus moves to the error summary');
    const focusWalk = await tabThroughPage(page);
    assert.ok(focusWalk.length > 0 && focusWalk[0].desc.startsWith('a'), `Tab from the summary goes to its link, not ${focusWalk[0]?.desc}`);
    assert.deepEqual(focusWalk.filter((r) => !r.visible).map((r) => `${r.desc}: ${r.why}`), [], 'focus is visible with the error showing');
    await link.click();
    assert.equal(await page.evaluate(() => document.activeElement.id), firstRadioId, 'the link moves focus to the first radio');
    const violations = await runAxe(page);
    assert.equal(violations.length, 0, `with the error showing, axe-core finds:\n${formatViolations(violations)}`);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(posts.length, 0, 'the browser posted nothing');
    assert.equal(server.submissions.length, 0, 'the stub received nothing');
  } finally {
    await closePage(page);
  }
});

for (const [how, handler] of [
  ['answers with status 500', (route) => route.fulfill({ status: 500, contentType: 'text/plain', body: 'Server error' })],
  ['cannot be reached', (route) => route.abort('connectionrefused')],
]) {
  test(`When the feedback service ${how}, an error summary appears and the typed text is kept`, async () => {
    const page = await openPage(withJs, COURSE_PAGE);
    try {
      await page.route(feedbackUrl, handler);
      await page.getByRole('radio', { name: 'No' }).check();
      const text = 'The dates are wrong.';
      await page.getByLabel(/report a problem/i).fill(text);
      await page.getByRole('button', { name: /send feedback/i }).click();
      await page.getByRole('alert').filter({ hasText: /there is a problem/i }).waitFor({ state: 'visible', timeout: 5000 });
      const textarea = page.getByLabel(/report a problem/i);
      assert.ok(await textarea.isVisible(), 'the form is still there');
      assert.equal(await textarea.inputValue(), text, 'the typed text is kept');
      assert.ok(await page.getByRole('radio', { name: 'No' }).isChecked(), 'the chosen answer is kept');
      assert.ok(await page.getByRole('button', { name: /send feedback/i }).isEnabled(), 'the button can be pressed again');
      const thanks = await page.getByText('Thank you for your feedback').count();
      assert.equal(thanks, 0, 'no thank-you message is shown');
      assert.equal(server.submissions.length, 0);
    } finally {
      await closePage(page);
    }
  });
}

test('Without JavaScript, sending the form posts it to the endpoint and lands on the thank-you page', async () => {
  const page = await openPage(withoutJs, SERVICE_PAGE);
  try {
    const h1 = (await page.locator('h1').first().textContent()).trim();
    await page.getByRole('radio', { name: 'No' }).check();
    await page.getByLabel(/report a problem/i).fill('Sent without JavaScript');
    await Promise.all([
      page.waitForURL(origin + THANKS, { timeout: 5000 }),
      page.getByRole('button', { name: /send feedback/i }).click(),
    ]);
    const heading = page.locator('h1').first();
    assert.ok(await heading.isVisible(), 'the thank-you page shows its h1');
    assert.ok((await heading.textContent()).trim().length > 0);
    const [sent] = await received();
    assert.equal(sent.useful, 'no');
    assert.equal(sent.problem, 'Sent without JavaScript');
    assert.equal(sent.page_url, origin + SERVICE_PAGE);
    assert.equal(sent.page_title, h1);
    assert.equal(sent.spam, false);
  } finally {
    await closePage(page);
  }
});

test('Without JavaScript, sending an empty form lands on a page that explains the problem', async () => {
  const page = await openPage(withoutJs, SERVICE_PAGE);
  try {
    await Promise.all([
      page.waitForURL(origin + '/feedback/problem/', { timeout: 5000 }),
      page.getByRole('button', { name: /send feedback/i }).click(),
    ]);
    const summary = page.locator('.error-summary[role="alert"]');
    assert.equal(await summary.count(), 1, 'an error summary');
    assert.match(await summary.textContent(), /There is a problem/);
    assert.match(await summary.textContent(), /Select yes or no, or tell us about a problem/);
    assert.match(await page.locator('h1').first().textContent(), /not sent/);
  } finally {
    await closePage(page);
  }
});

test('The honeypot field cannot be reached with Tab', async () => {
  const page = await openPage(withJs, SERVICE_PAGE);
  try {
    const reached = await tabThroughPage(page);
    assert.ok(reached.some((r) => r.id === 'feedback-submit' || /send feedback/i.test(r.desc)), 'Tab reached the send button');
    assert.deepEqual(reached.filter((r) => r.name === 'website').map((r) => r.desc), []);
  } finally {
    await closePage(page);
  }
});

test('The honeypot field is hidden from everyone and left out of the accessibility tree', async () => {
  const page = await openPage(withJs, SERVICE_PAGE);
  try {
    const honeypot = page.locator('input[name=website]');
    assert.equal(await honeypot.count(), 1, 'the form has a honeypot field named "website"');
    const wrapped = await honeypot.evaluate((el) => {
      for (let n = el; n; n = n.parentElement) {
        if (n.hidden || getComputedStyle(n).display === 'none') return true;
      }
      return false;
    });
    assert.ok(wrapped, 'the honeypot is inside a hidden / display:none wrapper');
    assert.equal(await honeypot.isVisible(), false);
    // The feedback form (the header's search form comes first).
    const snapshot = await page.locator('#feedback-form').ariaSnapshot();
    assert.doesNotMatch(snapshot, /leave this field empty|website/i, 'the accessibility tree of the form leaves out the honeypot');
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const exposed = nodes.filter((n) => !n.ignored && /leave this field empty/i.test(n.name?.value || ''));
    assert.deepEqual(exposed.map((n) => n.role?.value), [], 'no accessible node is named like the honeypot');
    await cdp.detach();
  } finally {
    await closePage(page);
  }
});

for (const [how, context] of [['with JavaScript', () => withJs], ['without JavaScript', () => withoutJs]]) {
  test(`A form sent ${how} with the honeypot filled in is recorded as spam`, async () => {
    const page = await openPage(context(), SERVICE_PAGE);
    try {
      await page.getByRole('radio', { name: 'Yes' }).check();
      await page.locator('input[name=website]').evaluate((el) => { el.value = 'https://spam.example'; });
      await page.getByRole('button', { name: /send feedback/i }).click();
      const [sent] = await received();
      if (how === 'without JavaScript') await page.waitForURL(origin + THANKS, { waitUntil: 'load' });
      assert.equal(sent.website, 'https://spam.example');
      assert.equal(sent.spam, true);
    } finally {
      await closePage(page);
    }
  });
}

test('The stub answers a plain form post with a 303 redirect to the thank-you page and a JSON request with {ok: true}', async () => {
  const body = new URLSearchParams({ useful: 'yes', page_url: origin + '/', page_title: 'Home', website: '' });
  const plain = await fetch(feedbackUrl, { method: 'POST', body, redirect: 'manual' });
  assert.equal(plain.status, 303);
  assert.equal(plain.headers.get('location'), THANKS);
  const json = await fetch(feedbackUrl, { method: 'POST', body, headers: { accept: 'application/json' } });
  assert.equal(json.status, 200);
  assert.deepEqual(await json.json(), { ok: true });
  const list = await (await fetch(`${origin}/__stub/submissions`)).json();
  assert.equal(list.length, 2);
  assert.equal(list[0].spam, false);
});

test('On the page not found page, the form reports the address that was asked for', async () => {
  const page = await withJs.newPage();
  try {
    const missing = `${origin}/services/no-such-service/`;
    const response = await page.goto(missing);
    assert.equal(response.status(), 404);
    await page.getByRole('radio', { name: 'No' }).check();
    await page.getByRole('button', { name: /send feedback/i }).click();
    await page.getByRole('status').filter({ hasText: 'Thank you for your feedback' }).waitFor({ timeout: 5000 });
    const [sent] = await received();
    assert.equal(sent.page_url, missing);
  } finally {
    await closePage(page);
  }
});
