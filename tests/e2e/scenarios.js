// The end-to-end scenarios, shared by chromium.test.js and firefox.test.js: both browsers run the same checks.
//
// Everything the tests look at goes through the page (page.evaluate in the page's main world, mouse and
// keyboard input), never through the extension's internals. The element the extension should highlight is
// marked in the fixtures with data-expect-target (the extension never reads it).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { launchers, REPO, withTimeout } from './browsers.js';
import { startFixtureServer } from './server.js';

const FB = 'https://www.facebook.com';
const FORM_ID = '6359191084165019';
const STORED_EMAIL = 'jane.doe+meta@example.org';
const GUIDE_TIMEOUT = 10_000;
const QUIET_MS = 2_000; // how long "nothing happens" is watched
const SCREENSHOT = path.join(REPO, 'docs', 'screenshots', 'guide-panel.png');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------------------------------ page helpers

async function open(page, url) {
  const res = await page.goto(url, { waitUntil: 'load' });
  assert.ok(res, `no response for ${url}`);
  assert.equal(res.status(), 200, `fixture ${url} answered ${res.status()}`);
  return page;
}

/** Polls `fn(arg)` in the page until it returns a truthy value; on timeout fails with the last value. */
async function waitFor(page, fn, arg, { timeout = GUIDE_TIMEOUT, interval = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await page.evaluate(fn, arg);
      if (last && (typeof last !== 'object' || last.ok !== false)) return last;
    } catch (err) {
      last = { error: String(err?.message ?? err) };
    }
    if (Date.now() > deadline) {
      assert.fail(`timed out after ${timeout} ms waiting for ${what}; last state: ${JSON.stringify(last)}`);
    }
    await sleep(interval);
  }
}

/** What the extension shows on the page right now (read from the page's main world). */
function guideState() {
  const guides = document.querySelectorAll('objector-guide');
  const g = guides[0];
  const targets = [...document.querySelectorAll('[data-objector-target]')];
  const rect = g ? g.getBoundingClientRect() : null;
  return {
    guides: guides.length,
    parentIsRoot: g ? g.parentNode === document.documentElement : null,
    site: g?.getAttribute('data-site') ?? null,
    page: g?.getAttribute('data-page') ?? null,
    step: g?.getAttribute('data-step') ?? null,
    openShadow: g ? g.shadowRoot !== null : null,
    position: g ? getComputedStyle(g).position : null,
    rect: rect && { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom, width: rect.width, height: rect.height },
    viewport: { width: innerWidth, height: innerHeight },
    targets: targets.map((t) => ({
      value: t.getAttribute('data-objector-target'),
      expected: t.hasAttribute('data-expect-target'),
      expectedNext: t.hasAttribute('data-expect-next-target'),
      tag: t.tagName.toLowerCase(),
      href: t.getAttribute('href'),
      text: (t.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60),
    })),
    filled: [...document.querySelectorAll('[data-objector-filled]')].map((f) => ({
      name: f.getAttribute('name'), value: f.getAttribute('data-objector-filled'),
    })),
  };
}

/** Waits until the guide is there and exactly one element carries data-objector-target matching `want`. */
async function waitForGuide(page, { targetFlag = 'expected', requireTarget = true } = {}) {
  return waitFor(page, (args) => {
    const s = (0, eval)(`(${args.guideState})`)();
    const ok = s.guides === 1 && (!args.requireTarget || (s.targets.length === 1 && s.targets[0][args.targetFlag]));
    return ok ? s : { ok: false, ...s };
  }, { guideState: guideState.toString(), targetFlag, requireTarget }, { what: 'the guide panel and its target' });
}

async function readGuide(page) {
  return page.evaluate((src) => (0, eval)(`(${src})`)(), guideState.toString());
}

/** Proves nothing of the extension is on the page and the DOM is what the page itself left at load. */
async function assertUntouched(page, label) {
  await sleep(QUIET_MS);
  const r = await page.evaluate(() => {
    const objectorAttrs = [];
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) if (a.name.startsWith('data-objector')) objectorAttrs.push(`${el.tagName}[${a.name}]`);
    }
    const values = [...document.querySelectorAll('input, textarea, select')].map((el) => `${el.name || el.id || el.type}=${el.value}`);
    return {
      haveSnapshot: typeof window.__domAtLoad === 'string',
      same: document.documentElement.outerHTML === window.__domAtLoad,
      sameValues: JSON.stringify(values) === JSON.stringify(window.__valuesAtLoad),
      guide: document.querySelectorAll('objector-guide').length,
      objectorAttrs,
      submissions: Array.isArray(window.__submissions) ? window.__submissions.length : null,
      lengthNow: document.documentElement.outerHTML.length,
      lengthAtLoad: window.__domAtLoad?.length,
    };
  });
  assert.ok(r.haveSnapshot, `${label}: the fixture took no DOM snapshot at load (harness problem)`);
  assert.equal(r.guide, 0, `${label}: an <objector-guide> was added`);
  assert.deepEqual(r.objectorAttrs, [], `${label}: data-objector-* attributes were added`);
  assert.ok(r.same, `${label}: the DOM changed after load (${r.lengthAtLoad} → ${r.lengthNow} chars)`);
  assert.ok(r.sameValues, `${label}: a form field's value changed`);
  if (r.submissions !== null) assert.equal(r.submissions, 0, `${label}: the form was submitted`);
}

/** Center of the first element matching `selector`, scrolled into view (for a real mouse click). */
async function centerOf(page, selector) {
  // Measured until it holds still: Firefox may still scroll the caret of a field just typed into back into
  // view after our scrollIntoView (seen on the options page: the click then landed on another control).
  let c = null;
  for (let i = 0; i < 10; i++) {
    const prev = c;
    c = await page.evaluate((sel) => {
      const el = document.querySelector(sel);
      if (!el) return null;
      const r0 = el.getBoundingClientRect();
      if (r0.top < 0 || r0.bottom > innerHeight) el.scrollIntoView({ block: 'center', inline: 'center' });
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height };
    }, selector);
    if (!c || (prev && prev.x === c.x && prev.y === c.y)) break;
    await sleep(50);
  }
  assert.ok(c, `no element matches ${selector}`);
  assert.ok(c.w > 0 && c.h > 0, `${selector} has no size (${c.w}×${c.h}): a user could not click it`);
  return c;
}

async function clickLikeAUser(page, selector) {
  const c = await centerOf(page, selector);
  await page.mouse.click(c.x, c.y);
}

/** Replaces the text of an input by typing, as a user would. */
async function typeInto(page, selector, text) {
  await clickLikeAUser(page, selector);
  await page.evaluate((sel) => { const el = document.querySelector(sel); el.focus(); el.select?.(); }, selector);
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

async function storageOf(page) {
  return page.evaluate(() => (globalThis.browser ?? globalThis.chrome).storage.local.get(null));
}

async function waitForPopupReady(page) {
  await waitFor(page, () => {
    const boxes = document.querySelectorAll('input[type="checkbox"][role="switch"][data-site]');
    return boxes.length >= 2 && [...boxes].every((b) => !b.disabled);
  }, undefined, { what: 'the popup switches to be enabled' });
}

/** Whether the extension holds the site's host access now (asked from one of its own pages). */
async function hasAccess(page, site) {
  return page.evaluate((s) => (globalThis.browser ?? globalThis.chrome).permissions.contains({ origins: [`https://*.${s}.com/*`] }), site);
}

async function switchStates(page) {
  return page.evaluate(() => Object.fromEntries(
    [...document.querySelectorAll('input[type="checkbox"][role="switch"][data-site]')].map((b) => [b.dataset.site, b.checked])));
}

// ------------------------------------------------------------------------------------------ the suite

/**
 * Defines the suite for one browser. Tests run in order and share one browser session (the profile carries
 * state from test to test, as a user's would): guide pages → options → form filling → untouched pages →
 * popup switches → restart.
 */
export function defineScenarios(browserName) {
  describe(`Objector end-to-end in ${browserName}`, { timeout: 300_000 }, () => {
    let server;
    let session;
    let page; // a reusable tab for page visits

    // Set up lazily by the first test, and awaited by every test: when the browser or dist/ is missing, every
    // test FAILS with the reason (a failing before() hook would only mark them cancelled).
    let setup = null;
    const ready = () => (setup ??= (async () => {
      server = await startFixtureServer();
      session = await withTimeout(launchers[browserName]({ port: server.port }), 60_000, `launching ${browserName}`);
      page = await session.newPage();
    })());

    after(async () => {
      try {
        if (session) await session.close();
      } finally {
        if (server) await server.close();
      }
    }, { timeout: 30_000 });

    const t = (name, fn) => test(name, { timeout: 90_000 }, async (ctx) => {
      await ready();
      await fn(ctx);
    });

    t('installs: on first install the extension opens its options page in a tab', async () => {
      const first = await session.firstRunPage(10_000);
      assert.ok(first, 'no extension tab was opened after install');
      assert.match(await first.evaluate(() => location.pathname), /\/options\.html$/);
      await waitFor(first, () => !!document.querySelector('form#options-form input#email[type="email"]'),
        undefined, { what: 'the options form' });
      const stored = await storageOf(first);
      assert.equal(stored.email, undefined, `a fresh install already has an email stored: ${JSON.stringify(stored)}`);
    });

    t('Facebook feed: panel (feed) highlights the account menu; opening it moves the highlight to "Settings & privacy"', async () => {
      await open(page, `${FB}/`);
      const s = await waitForGuide(page);
      assert.equal(s.site, 'facebook');
      assert.equal(s.page, 'feed');
      assert.ok(s.step, 'data-step is empty');
      assert.equal(s.targets[0].value, s.step, 'data-objector-target should name the current step');
      assert.equal(s.parentIsRoot, true, '<objector-guide> is not a child of <html>');
      assert.equal(s.openShadow, false, 'the panel\'s shadow root is open (must be closed)');
      assert.equal(s.position, 'fixed', 'the panel host is not position:fixed');
      assert.ok(s.rect.width > 0 && s.rect.height > 0, 'the panel has no size');
      assert.ok(s.rect.right > s.viewport.width / 2 && s.rect.bottom > s.viewport.height / 2,
        `the panel is not in the bottom-right area: ${JSON.stringify(s.rect)}`);
      // The user opens the account menu (a real click on the highlighted button).
      await clickLikeAUser(page, '[data-expect-target]');
      const after = await waitForGuide(page, { targetFlag: 'expectedNext' });
      assert.equal(after.targets[0].href, '/settings/?tab=privacy');
      assert.equal(after.targets[0].value, after.step);
    });

    const guidePages = [
      { name: 'Facebook settings: highlights "Privacy Center"', url: `${FB}/settings/?tab=privacy`, site: 'facebook', kind: 'settings', href: '/privacy/center/?entry_point=settings_menu' },
      { name: 'Facebook Privacy Center: highlights the "Generative AI at Meta" tile', url: `${FB}/privacy/center/?entry_point=settings_menu`, site: 'facebook', kind: 'privacy_center', href: '/privacy/genai/?entry_point=privacy_center_home', screenshot: true },
      { name: 'Facebook Privacy Center in German (web.facebook.com): highlights "Generative KI bei Meta"', url: 'https://web.facebook.com/privacy/center/', site: 'facebook', kind: 'privacy_center', href: '/privacy/genai/?entry_point=privacy_center_home' },
      { name: 'Facebook generative-AI article: highlights "Learn more and object here", not the third-party form', url: `${FB}/privacy/genai/`, site: 'facebook', kind: 'genai', href: `https://www.facebook.com/help/contact/${FORM_ID}` },
      { name: 'Facebook Privacy Policy: highlights the "Right to object" form link, not the table of contents', url: `${FB}/privacy/policy/`, site: 'facebook', kind: 'privacy_policy', href: `/help/contact/${FORM_ID}` },
      { name: 'Instagram Privacy Center: highlights the generative-AI page', url: 'https://privacycenter.instagram.com/', site: 'instagram', kind: 'privacy_center', href: 'https://privacycenter.instagram.com/privacy/genai/' },
    ];
    for (const g of guidePages) {
      t(g.name, async () => {
        await open(page, g.url);
        const s = await waitForGuide(page);
        assert.equal(s.site, g.site);
        assert.equal(s.page, g.kind);
        assert.equal(s.targets[0].href, g.href);
        assert.equal(s.targets[0].value, s.step, 'data-objector-target should name the current step');
        if (g.screenshot && session.name === 'chromium') {
          mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.emulateMedia({ reducedMotion: 'reduce' }); // a still ring: the same build, the same picture
          await sleep(300); // let the highlight settle
          await page.screenshot({ path: SCREENSHOT });
          await page.emulateMedia({ reducedMotion: null });
        }
      });
    }

    // read.js asks the core about each candidate's text, aria-label and link as its full read gives them, with the
    // separator of its one-string read (U+001F after every field but the last) replaced in page text: a separator
    // in page text must never shift a record, move the highlight onto another element, nor lose it. (U+001E, the
    // record separator of earlier versions, is now page text like any other.)
    t('Facebook settings with separator characters in its text: a whole read still highlights "Privacy Center"', async () => {
      await open(page, `${FB}/settings/?tab=privacy`);
      await waitForGuide(page);
      await page.evaluate(() => {
        const target = document.querySelector('[data-expect-target]');
        const parent = target.parentElement;
        parent.insertAdjacentHTML('afterbegin', '<div role="button" tabindex="0">Menu\u001ePrivacy Center</div>' +
          '<a href="/groups/1/" role="link" aria-label="Groups\u001f\u001f">Privacy\u001fCenter</a>');
        // The link leaves and comes back after a new URL (a whole read), without the marks the extension set on it.
        const again = target.cloneNode(true);
        for (const a of [...again.attributes]) if (a.name.startsWith('data-objector')) again.removeAttribute(a.name);
        again.id = 'again';
        target.remove();
        history.pushState(null, '', '/settings/?tab=privacy&again=1');
        parent.append(again);
      });
      await waitFor(page, () => {
        const t = [...document.querySelectorAll('[data-objector-target]')];
        return t.length === 1 && t[0].id === 'again' ? true : { ok: false, got: t.map((e) => e.id || e.outerHTML.slice(0, 80)) };
      }, undefined, { what: 'the highlight on the Privacy Center link after a whole read of a page with separators' });
    });

    t('Instagram feed: highlights "More"; opening it moves the highlight to "Settings"', async () => {
      await open(page, 'https://www.instagram.com/');
      const s = await waitForGuide(page);
      assert.equal(s.site, 'instagram');
      assert.equal(s.page, 'feed');
      assert.equal(s.step, 'ig_more_menu');
      await clickLikeAUser(page, '[data-expect-target]');
      const step = await waitFor(page, () => {
        const t = [...document.querySelectorAll('[data-objector-target]')];
        return t.length === 1 && t[0].getAttribute('href') === '/accounts/edit/' ? t[0].getAttribute('data-objector-target') : null;
      }, undefined, { what: 'the highlight on the Settings link of the opened menu' });
      assert.equal(step, 'settings_link');
    });

    // After its first scan the extension reads only what the page changes (added elements, the control around a
    // changed text or attribute); each change here must move the highlight exactly as a fresh page would.
    t('Facebook feed changing in place: words, role, visibility, removal and re-insertion all move the highlight', async () => {
      await open(page, `${FB}/`);
      await waitForGuide(page);
      const targets = () => [...document.querySelectorAll('[data-objector-target]')].map((e) => e.id || e.tagName);
      const highlight = (want, what) => waitFor(page, (args) => {
        const got = (0, eval)(`(${args.targets})`)();
        return JSON.stringify(got) === JSON.stringify(args.want) ? got : { ok: false, got };
      }, { targets: targets.toString(), want }, { what });
      await page.evaluate(() => { document.querySelector('[data-expect-target]').id = 'menu'; });
      await highlight(['menu'], 'the account menu highlighted');

      // Its accessible name goes (an attribute the page changes), then comes back as text inside it.
      await page.evaluate(() => document.getElementById('menu').removeAttribute('aria-label'));
      await highlight([], 'no highlight once the button no longer says what it is');
      await page.evaluate(() => { document.getElementById('menu').append(document.createTextNode('Loading')); });
      await sleep(300);
      assert.deepEqual(await page.evaluate(targets), [], 'a button that says "Loading" is nobody\'s menu');
      await page.evaluate(() => { document.getElementById('menu').lastChild.data = 'Your profile'; });
      await highlight(['menu'], 'the highlight back when the text node says "Your profile" (characterData)');

      // Its role goes and comes back.
      await page.evaluate(() => document.getElementById('menu').removeAttribute('role'));
      await highlight([], 'no highlight without the button role');
      await page.evaluate(() => document.getElementById('menu').setAttribute('role', 'button'));
      await highlight(['menu'], 'the highlight back with the role');

      // A class on an ancestor hides it, then shows it again.
      await page.evaluate(() => {
        const style = document.createElement('style');
        style.textContent = '.xbench-hidden { display: none !important; }';
        document.head.append(style);
        document.getElementById('menu').parentElement.classList.add('xbench-hidden');
      });
      await highlight([], 'no highlight while an ancestor is display:none');
      await page.evaluate(() => document.getElementById('menu').parentElement.classList.remove('xbench-hidden'));
      await highlight(['menu'], 'the highlight back when the ancestor shows again');

      // The page removes it, then renders a copy deep inside a new subtree.
      await page.evaluate(() => { window.__menu = document.getElementById('menu'); window.__menu.remove(); });
      await highlight([], 'no highlight once the menu button is gone');
      await page.evaluate(() => {
        let box = document.createElement('div');
        const top = box;
        for (let i = 0; i < 12; i++) { const d = document.createElement('div'); d.className = `x${i}z9`; box.append(d); box = d; }
        const copy = window.__menu.cloneNode(true);
        copy.id = 'copy';
        copy.removeAttribute('data-objector-target');
        box.append(copy);
        document.body.prepend(top);
      });
      await highlight(['copy'], 'the copy highlighted inside the new subtree');
    });

    t('third-party-information form: recognised as third_party_form, nothing filled or sent', async () => {
      await open(page, `${FB}/help/contact/1266025207620918`);
      const s = await waitForGuide(page, { requireTarget: false });
      assert.equal(s.site, 'facebook');
      assert.equal(s.page, 'third_party_form');
      await sleep(QUIET_MS);
      const r = await page.evaluate(() => ({ subs: window.__submissions.length, state: window.__formState() }));
      assert.equal(r.subs, 0, 'the extension submitted the form');
    });

    t('objection form with no email stored: guide shows, nothing filled, nothing sent', async () => {
      await open(page, `${FB}/help/contact/${FORM_ID}`);
      const s = await waitForGuide(page, { requireTarget: false });
      assert.equal(s.page, 'objection_form');
      await sleep(QUIET_MS);
      const r = await page.evaluate(() => ({
        value: document.querySelector('input[name="email"]').value,
        filled: document.querySelectorAll('[data-objector-filled]').length,
        subs: window.__submissions.length,
      }));
      assert.deepEqual(r, { value: '', filled: 0, subs: 0 });
    });

    t('options page: malformed emails are refused with a message and change nothing in storage', async () => {
      const opts = await session.extensionPage('options.html');
      await waitFor(opts, () => !!document.querySelector('#options-form #email') && !!document.querySelector('#save'),
        undefined, { what: 'the options form' });
      await sleep(300); // let the page load its stored state
      const storedBefore = await storageOf(opts);
      for (const bad of ['not-an-email', 'a@b', 'a@@b.com']) {
        await opts.evaluate(() => { document.querySelector('#email-msg').textContent = ''; });
        await typeInto(opts, '#email', bad);
        await clickLikeAUser(opts, '#save');
        const r = await waitFor(opts, () => {
          const msg = document.querySelector('#email-msg').textContent.trim();
          const invalid = document.querySelector('#email').getAttribute('aria-invalid');
          return msg && invalid === 'true' ? { msg, invalid } : { ok: false, msg, invalid };
        }, undefined, { timeout: 5_000, what: `the error for "${bad}"` });
        assert.ok(r.msg.length > 0);
        await sleep(300);
        assert.deepEqual(await storageOf(opts), storedBefore, `storage changed after saving "${bad}"`);
      }
    });

    t('options page: a valid email is saved in storage.local (schema 2) and confirmed', async () => {
      const opts = await session.extensionPage('options.html');
      await waitFor(opts, () => !!document.querySelector('#options-form #email'), undefined, { what: 'the options form' });
      await sleep(300);
      await typeInto(opts, '#email', STORED_EMAIL);
      await clickLikeAUser(opts, '#save');
      const r = await waitFor(opts, async () => {
        const st = await (globalThis.browser ?? globalThis.chrome).storage.local.get(null);
        const status = document.querySelector('#status').textContent.trim();
        return st.email && status ? { st, status, invalid: document.querySelector('#email').getAttribute('aria-invalid'), msg: document.querySelector('#email-msg').textContent.trim() } : { ok: false, st, status };
      }, undefined, { timeout: 5_000, what: 'the email to be stored and confirmed' });
      assert.equal(r.st.email, STORED_EMAIL);
      assert.equal(r.st.schema, 2, `storage.schema: ${JSON.stringify(r.st)}`);
      assert.ok(r.status.length > 0);
      assert.notEqual(r.invalid, 'true', 'the valid email is still marked aria-invalid');
      assert.equal(r.msg, '', 'an error message is still shown for the valid email');
      await opts.close();
    });

    const forms = [
      { name: 'Facebook objection form (en)', url: `${FB}/help/contact/${FORM_ID}`, site: 'facebook', lang: 'en', send: 'Send' },
      { name: 'Facebook objection form (fr-fr host, French)', url: 'https://fr-fr.facebook.com/help/contact/712876720715583', site: 'facebook', lang: 'fr', send: 'Envoyer' },
      { name: 'Instagram objection form', url: 'https://help.instagram.com/contact/233964459562201', site: 'instagram', lang: 'en', send: 'Send' },
    ];
    for (const f of forms) {
      t(`${f.name}: fills the stored email React-compatibly, highlights ${f.send}, never submits`, async () => {
        await open(page, f.url);
        assert.equal(await page.evaluate(() => document.documentElement.lang), f.lang);
        const s = await waitForGuide(page);
        assert.equal(s.site, f.site);
        assert.equal(s.page, 'objection_form');
        assert.equal(s.targets[0].text, f.send, `the highlighted element is not the ${f.send} button`);
        assert.equal(s.targets[0].value, s.step);
        const filled = await waitFor(page, () => {
          const el = document.querySelector('input[name="email"]');
          return el.hasAttribute('data-objector-filled') && el.value ? { value: el.value } : { ok: false, value: el.value };
        }, undefined, { what: 'the email field to be filled' });
        assert.equal(filled.value, STORED_EMAIL);
        await sleep(QUIET_MS);
        const before = await page.evaluate(() => ({ subs: window.__submissions.length, state: window.__formState().email }));
        assert.equal(before.subs, 0, 'the extension submitted the form by itself');
        assert.equal(before.state, STORED_EMAIL,
          `the page's own (React-like) state did not take the filled email: state is "${before.state}"`);
        // The user clicks Send: it must be reachable, not hidden under the panel.
        const hit = await page.evaluate(() => {
          const t = document.querySelector('[data-objector-target]');
          t.scrollIntoView({ block: 'center', inline: 'center' });
          const r = t.getBoundingClientRect();
          const x = r.left + r.width / 2;
          const y = r.top + r.height / 2;
          const el = document.elementFromPoint(x, y);
          return { covered: !(el && t.contains(el)), by: el ? el.tagName.toLowerCase() : null, at: [Math.round(x), Math.round(y)] };
        });
        assert.equal(hit.covered, false,
          `the highlighted ${f.send} button is covered at its centre ${JSON.stringify(hit.at)} by <${hit.by}>: a user cannot click it`);
        await clickLikeAUser(page, '[data-objector-target]');
        const sub = await waitFor(page, () => window.__submissions.length > 0 && window.__submissions[0],
          undefined, { timeout: 5_000, what: 'the submission after clicking Send' });
        assert.equal(sub.state.email, STORED_EMAIL,
          `the page's own state did not take the filled email (React would send "${sub.state.email}")`);
        assert.equal(sub.trusted, true);
      });
    }

    t('objection form that already holds another address: left alone', async () => {
      const other = 'someone.else@example.net';
      await open(page, `${FB}/help/contact/${FORM_ID}?prefill=${encodeURIComponent(other)}`);
      const s = await waitForGuide(page, { requireTarget: false });
      assert.equal(s.page, 'objection_form');
      await sleep(QUIET_MS);
      const r = await page.evaluate(() => ({
        value: document.querySelector('input[name="email"]').value,
        filled: document.querySelector('input[name="email"]').hasAttribute('data-objector-filled'),
        state: window.__formState().email,
        subs: window.__submissions.length,
      }));
      assert.deepEqual(r, { value: other, filled: false, state: other, subs: 0 });
    });

    t('unknown Meta page (marketplace item): left completely untouched', async () => {
      await open(page, `${FB}/privacy/center/`); // control: the extension runs in this session
      await waitForGuide(page);
      await open(page, `${FB}/marketplace/item/12345/`);
      await assertUntouched(page, 'marketplace item');
    });

    t('look-alike host (www.facebook.com.evil.example): form copy left untouched, email not filled', async () => {
      await open(page, `${FB}/help/contact/${FORM_ID}`); // control: same form on the real host gets filled
      await waitForGuide(page);
      await open(page, `https://www.facebook.com.evil.example/help/contact/${FORM_ID}`);
      assert.equal(await page.evaluate(() => location.host), 'www.facebook.com.evil.example');
      await assertUntouched(page, 'look-alike form');
    });

    t('close button: clicking the panel\'s top-right 40×40 square removes the panel and the highlight', async () => {
      await open(page, `${FB}/privacy/center/`);
      const s = await waitForGuide(page);
      await page.mouse.click(s.rect.right - 20, s.rect.top + 20);
      await waitFor(page, () => !document.querySelector('objector-guide') && !document.querySelector('[data-objector-target]'),
        undefined, { timeout: 3_000, what: 'the panel and the highlight to go away' });
    });

    let popup;
    t('popup: both sites enabled by default; switching Facebook off clears an open Facebook tab within 1 s, Instagram unaffected; on again restores it', async () => {
      // The Instagram tab goes to the background; the Facebook tab is the one the user looks at (the popup opens
      // in a window of its own, as the real toolbar popup does, so the Facebook tab stays visible).
      const igTab = await session.newPage();
      await open(igTab, 'https://privacycenter.instagram.com/');
      await waitForGuide(igTab);
      const fbTab = await session.newPage();
      await open(fbTab, `${FB}/privacy/center/`);
      await fbTab.bringToFront();
      await waitForGuide(fbTab);
      popup = await session.extensionPage('popup.html');
      assert.equal(await fbTab.evaluate(() => document.visibilityState), 'visible', 'harness: the Facebook tab is not visible');
      await waitForPopupReady(popup);
      assert.deepEqual(await switchStates(popup), { facebook: true, instagram: true });

      await clickLikeAUser(popup, 'input[role="switch"][data-site="facebook"]');
      assert.deepEqual(await switchStates(popup), { facebook: false, instagram: true });
      // Off gives Facebook's host access back where the browser allows it (Firefox); Chromium keeps what the
      // manifest requires (the switch in storage stops the guide there).
      await waitFor(popup, ([want]) => (globalThis.browser ?? globalThis.chrome).permissions
        .contains({ origins: ['https://*.facebook.com/*'] }).then((has) => has === want || { ok: false, has }),
      [browserName === 'chromium'], { what: 'Facebook access after switching off' });
      assert.equal(await hasAccess(popup, 'instagram'), true, 'switching Facebook off touched Instagram\'s access');
      const t0 = Date.now();
      await waitFor(fbTab, () => !document.querySelector('objector-guide') && !document.querySelector('[data-objector-target]'),
        undefined, { timeout: 1_500, interval: 50, what: 'the Facebook tab to lose the panel and highlight' });
      const took = Date.now() - t0;
      assert.ok(took <= 1_500, `took ${took} ms`);
      const st = await storageOf(popup);
      assert.equal(st.sites?.facebook?.enabled, false, `storage after switching off: ${JSON.stringify(st)}`);
      assert.notEqual(st.sites?.instagram?.enabled, false);
      assert.equal(st.email, STORED_EMAIL, 'switching a site off lost the email');
      await igTab.bringToFront();
      await sleep(1_000);
      const ig = await readGuide(igTab);
      assert.equal(ig.guides, 1, 'the Instagram tab lost its panel');
      assert.equal(ig.targets.length, 1, 'the Instagram tab lost its highlight');

      await fbTab.bringToFront();
      await clickLikeAUser(popup, 'input[role="switch"][data-site="facebook"]');
      assert.deepEqual(await switchStates(popup), { facebook: true, instagram: true });
      await waitForGuide(fbTab);
      // On asked for the access from the click (granted: Firefox's prompt is answered yes by a test pref).
      assert.equal(await hasAccess(popup, 'facebook'), true, 'switching Facebook on did not get its access back');
      // Off again (off → on → off), which also sets up the restart test.
      await clickLikeAUser(popup, 'input[role="switch"][data-site="facebook"]');
      assert.deepEqual(await switchStates(popup), { facebook: false, instagram: true });
      assert.equal((await storageOf(popup)).sites?.facebook?.enabled, false);
      await waitFor(fbTab, () => !document.querySelector('objector-guide') && !document.querySelector('[data-objector-target]'),
        undefined, { timeout: 1_500, interval: 50, what: 'the Facebook tab to lose the panel again after off → on → off (storage says facebook.enabled=false)' });
      await igTab.close();
      await fbTab.close();
    });

    t('restart: Facebook stays off after the browser restarts (same profile), the email is kept', async () => {
      await session.relaunch();
      page = await session.newPage();
      await open(page, 'https://www.instagram.com/'); // control: the extension runs after the restart
      await waitForGuide(page, { requireTarget: false });
      await open(page, `${FB}/privacy/center/`);
      await assertUntouched(page, 'Facebook page with Facebook switched off, after restart');
      const p = await session.extensionPage('popup.html');
      await waitForPopupReady(p);
      assert.deepEqual(await switchStates(p), { facebook: false, instagram: true });
      const st = await storageOf(p);
      assert.equal(st.email, STORED_EMAIL);
      assert.equal(st.sites?.facebook?.enabled, false);
    });

    // Firefox lets the user take host access away (about:addons → Permissions) and the extension give it
    // back; Chromium cannot remove what the manifest requires, so this one is Firefox's.
    if (browserName === 'firefox') {
      t('site access taken away in the browser: the switch shows off, the page is untouched, switching on asks for it again', async () => {
        const p = await session.extensionPage('popup.html');
        await waitForPopupReady(p);
        await clickLikeAUser(p, 'input[role="switch"][data-site="facebook"]'); // on again after the restart test
        await waitFor(p, () => browser.permissions.contains({ origins: ['https://*.facebook.com/*'] }), undefined, { what: 'Facebook access' });
        // What about:addons does when the user withdraws the site:
        await p.evaluate(() => browser.permissions.remove({ origins: ['https://*.facebook.com/*'] }));
        assert.equal((await storageOf(p)).sites?.facebook?.enabled, true, 'harness: the switch is on in storage');
        await p.close();

        await open(page, `${FB}/privacy/center/`);
        await assertUntouched(page, 'Facebook page without host access');
        const p2 = await session.extensionPage('popup.html');
        await waitForPopupReady(p2);
        assert.deepEqual(await switchStates(p2), { facebook: false, instagram: true }, 'the popup shows a site it may not run on as on');
        await clickLikeAUser(p2, 'input[role="switch"][data-site="facebook"]');
        await waitFor(p2, () => browser.permissions.contains({ origins: ['https://*.facebook.com/*'] }), undefined, { what: 'Facebook access asked for again' });
        assert.deepEqual(await switchStates(p2), { facebook: true, instagram: true });
        await open(page, `${FB}/privacy/center/`);
        await waitForGuide(page);
        await p2.close();
      });
    }

    t('the sites\' Content-Security-Policy never fired (no CSP violation reports)', async () => {
      await sleep(500);
      assert.deepEqual(server.cspReports, []);
    });
  });
}
