// Journeys, in both browsers, on the generated mini-Meta (journey-site.js): eight languages × Facebook and
// Instagram, from the feed to the objection form, clicking ONLY what carries data-objector-target — as a user
// following the highlights — within the route's six clicks. Every highlight must be the element the fixture
// marks as the next click (posts full of "privacy", "settings", "object", "Privacy Center" links are decoys).
// Variants: reworded labels still arrive (link targets as far as they reach, then the direct link the panel
// offers once it says it cannot find the next step); a broken path ends with "not found" and no highlight; the
// single-page app's pushState/popstate move the highlight without a page load.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { launchers, REPO } from './browsers.js';
import { startFixtureServer } from './server.js';
import { FORMS, journeyPage, WORDING } from './journey-site.js';
import { sleep, untilState } from './wait.js';

const EMAIL = 'jane.doe+meta@example.org';
const ROUTE_CLICKS = 6;
const START = { facebook: 'https://www.facebook.com/', instagram: 'https://www.instagram.com/' };

/** What the guide shows now, read from the page. */
function state() {
  const g = document.querySelector('objector-guide');
  const t = [...document.querySelectorAll('[data-objector-target]')];
  return {
    url: location.href,
    page: g?.dataset.page ?? null,
    status: g?.dataset.status ?? null,
    step: g?.dataset.step ?? null,
    targets: t.length,
    expected: t.length === 1 && (t[0].hasAttribute('data-expect-target') || t[0].hasAttribute('data-expect-next-target')),
    text: t[0] ? (t[0].textContent || t[0].getAttribute('aria-label') || '').trim().slice(0, 60) : null,
    blank: t[0]?.getAttribute('target') === '_blank' ? t[0].href : null,
    filled: document.querySelector('[data-objector-filled="email"]')?.value ?? null,
  };
}

const until = (page, want, what) => untilState(page, state, want, what);

/** Follows highlights from the current page until the form; returns the number of clicks. */
async function followToForm(page, label) {
  let clicks = 0;
  let prev = null;
  for (;;) {
    const s = await until(page, (x) => x.targets === 1 && (x.url !== prev?.url || x.step !== prev?.step),
      `${label}: the next highlight after ${clicks} clicks`);
    assert.equal(s.expected, true, `${label}: highlighted "${s.text}" (${s.step}), not the fixture's next click`);
    if (s.page === 'objection_form') {
      assert.equal(s.step, 'send', `${label}: on the form, Send should be highlighted`);
      return { clicks, state: s };
    }
    assert.ok(clicks < ROUTE_CLICKS, `${label}: still not on the form after ${clicks} clicks`);
    // Meta opens the form link in a new tab; the user lands on it there — the test follows it in this tab.
    if (s.blank) await page.goto(s.blank, { waitUntil: 'load' });
    else await page.click('[data-objector-target]');
    clicks++;
    prev = s;
  }
}

for (const browser of ['chromium', 'firefox']) {
  describe(`${browser}: journeys on a generated mini-Meta`, { timeout: 600_000 }, () => {
    let server;
    let session;
    before(async () => {
      server = await startFixtureServer({ dynamic: (host, url) => journeyPage(host, url) });
      session = await launchers[browser]({ port: server.port });
      const opts = await session.extensionPage('options.html');
      await opts.evaluate(() => new Promise((r) => setTimeout(r, 300)));
      await opts.evaluate((email) => {
        document.getElementById('email').value = email;
        document.getElementById('save').click();
      }, EMAIL);
      await sleep(500);
      await opts.close();
    });
    after(async () => {
      await session?.close();
      await server?.close();
    });

    for (const lang of Object.keys(WORDING)) {
      test(`${lang}: Facebook and Instagram, feed → form by highlights only, in ≤ ${ROUTE_CLICKS} clicks`, async () => {
        const page = await session.newPage();
        for (const site of ['facebook', 'instagram']) {
          await page.goto(`${START[site]}?hl=${lang}&v=normal`, { waitUntil: 'load' });
          const { clicks, state: s } = await followToForm(page, `${site} ${lang}`);
          assert.ok(clicks <= ROUTE_CLICKS, `${site} ${lang}: ${clicks} clicks`);
          assert.ok(s.url.startsWith(FORMS[site]), `${site} ${lang}: ended on ${s.url}`);
          const filled = await until(page, (x) => x.filled !== null, `${site} ${lang}: the email filled`);
          assert.equal(filled.filled, EMAIL);
          // The page's language when Objector ships it, else the browser's (English here).
          const speaks = existsSync(path.join(REPO, 'extension', '_locales', lang, 'messages.json')) ? lang : 'en';
          assert.equal(await page.evaluate(() => document.querySelector('objector-guide')?.lang?.split('-')[0]), speaks,
            `${site} ${lang}: the panel does not speak ${speaks}`);
        }
        await page.close();
      });
    }

    test('reworded labels: link targets lead on as far as they reach, then "not found" and the direct link', async () => {
      const page = await session.newPage();
      // From settings, every step but the collapsed section is found by its link target.
      await page.goto('https://www.facebook.com/settings/?hl=de&v=reworded', { waitUntil: 'load' });
      let clicks = 0;
      for (;;) {
        const s = await until(page, (x) => x.targets === 1 || x.status === 'not-found', 'a highlight or "not found"');
        if (s.status === 'not-found') break;
        assert.equal(s.expected, true, `highlighted "${s.text}", not the next click`);
        await page.click('[data-objector-target]');
        clicks++;
        await until(page, (x) => x.url !== s.url, 'the next page');
      }
      assert.equal(clicks, 2, 'settings → Privacy Center → AI page should need two clicks by link target');
      const end = await page.evaluate(state);
      assert.deepEqual({ page: end.page, targets: end.targets }, { page: 'genai', targets: 0 });
      // The feed's reworded account button: nothing to go on but the direct link, and no wrong guess.
      await page.goto('https://www.facebook.com/?hl=de&v=reworded', { waitUntil: 'load' });
      const feed = await until(page, (x) => x.status === 'not-found', '"not found" on the reworded feed');
      assert.equal(feed.targets, 0, 'a guess was highlighted on the reworded feed');
      // The user takes "Open the form directly" (the site's direct_form in rules/meta.json).
      await page.goto(FORMS.facebook, { waitUntil: 'load' });
      const form = await until(page, (x) => x.page === 'objection_form' && x.targets === 1, 'the form');
      assert.equal(form.step, 'send');
      await page.close();
    });

    test('broken path: a Privacy Center with no way on ends with "not found" and no highlight', async () => {
      const page = await session.newPage();
      for (const url of ['https://www.facebook.com/privacy/center/?hl=fr&v=broken', 'https://privacycenter.instagram.com/?hl=pl&v=broken']) {
        await page.goto(url, { waitUntil: 'load' });
        const s = await until(page, (x) => x.status === 'not-found', `"not found" on ${url}`);
        assert.deepEqual({ page: s.page, targets: s.targets }, { page: 'privacy_center', targets: 0 });
        await sleep(500);
        assert.equal((await page.evaluate(state)).targets, 0, 'a highlight appeared after "not found"');
      }
      await page.close();
    });

    test('single-page app: pushState moves the highlight without a load; Back (popstate) moves it back', async () => {
      const page = await session.newPage();
      await page.goto('https://www.facebook.com/privacy/center/?hl=it&v=spa', { waitUntil: 'load' });
      const center = await until(page, (x) => x.targets === 1, 'the AI tile');
      assert.equal(center.step, 'genai_link');
      await page.evaluate(() => { window.__sameDocument = true; });
      await page.click('[data-objector-target]');
      const genai = await until(page, (x) => x.step === 'object_link' && x.targets === 1, 'the objection link after pushState');
      assert.equal(genai.expected, true);
      assert.match(genai.url, /\/privacy\/genai\//);
      assert.equal(genai.page, 'genai');
      assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was reloaded (not a single-page navigation)');
      await page.evaluate(() => history.back());
      const back = await until(page, (x) => x.step === 'genai_link' && x.targets === 1, 'the AI tile again after Back');
      assert.equal(back.page, 'privacy_center');
      assert.equal(await page.evaluate(() => window.__sameDocument), true);
      await page.close();
    });
  });
}
