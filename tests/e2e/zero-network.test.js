// Zero network, in both browsers: every host name resolves to the fixture server (Chromium: MAP * to it;
// Firefox: network.dns.forceResolve), so any request made by anything — page, content script, background,
// popup, options page — reaches it and is recorded, with its TLS host name, Sec-Fetch-Dest and Origin.
// Across a full journey (feed → … → form → Send → Meta's confirmation), the options page, the popup and its
// receipts export, the only requests allowed are the test's own navigations (documents), the browser's
// favicon fetches, and none other. The extension's own files are read from the package, not the network.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { extensionDir, launchers } from './browsers.js';
import { HOSTS, startFixtureServer } from './server.js';
import { sleep, until } from './wait.js';

const EMAIL = 'jane.doe+meta@example.org';
// The browsers' own background services: Google's hosts for Chromium (measured: the component and extension
// updater and autofill server on *.googleapis.com, the sign-in cookie check POST accounts.google.com/ListAccounts,
// and in Chromium 148, Debian bookworm's in November 2026, GCM's POST android.clients.google.com/checkin and the
// omnibox's GET www.google.com/async/folae), Mozilla's remote settings for Firefox (*.services.mozilla.com).
// They are set aside only because no file of the installed extension names any of these services at
// all (checked in the test): nothing Objector runs could address them. Everything else any context asks for
// must be one of the test's own navigations.
const BROWSER_SERVICES = /(^|\.)(google\.com|googleapis\.com|gstatic\.com|services\.mozilla\.com)$/;
const NAMES_A_SERVICE = /google|gstatic|services\.mozilla/i;

/** The files of a directory, recursively. */
const filesIn = (dir) => readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? filesIn(path.join(dir, e.name)) : [path.join(dir, e.name)]));


/** Waits for the one highlight, clicks it like a user, and waits until the page moved on (new URL or new target). */
async function follow(page, what) {
  const before = await until(page, () => {
    const t = [...document.querySelectorAll('[data-objector-target]')];
    return t.length === 1 ? { url: location.href, step: t[0].getAttribute('data-objector-target') } : { ok: false };
  }, what);
  const link = await page.evaluate(() => {
    const t = document.querySelector('[data-objector-target]');
    return t.getAttribute('target') === '_blank' ? t.href : null;
  });
  // Meta opens some links in a new tab; the test follows them in this one.
  if (link) await page.goto(link, { waitUntil: 'load' });
  else await page.click('[data-objector-target]');
  await until(page, (b) => {
    const t = document.querySelector('[data-objector-target]');
    return location.href !== b.url || (t && t.getAttribute('data-objector-target') !== b.step) ? true : { ok: false, url: location.href };
  }, `the page after clicking ${what}`, before);
  await page.waitForFunction(() => document.readyState === 'complete');
}

for (const browser of ['chromium', 'firefox']) {
  describe(`${browser}: zero network`, { timeout: 150_000 }, () => {
    let server;
    let session;
    before(async () => {
      server = await startFixtureServer();
      session = await launchers[browser]({ port: server.port, catchAll: true });
    });
    after(async () => {
      await session?.close();
      await server?.close();
    });

    test('a full journey, the options page and the popup make no request of their own', async () => {
      // Options page: save the email (storage only).
      const opts = await session.extensionPage('options.html');
      await until(opts, () => (document.querySelectorAll('#country option').length > 20 ? true : { ok: false }), 'the options page');
      await opts.evaluate((email) => {
        document.getElementById('email').value = email;
        document.getElementById('country').value = 'FR';
        document.getElementById('save').click();
      }, EMAIL);
      await until(opts, () => (document.getElementById('status').textContent ? true : { ok: false }), 'saved');

      // The journey, clicking only what Objector highlights.
      const page = await session.newPage();
      await page.goto('https://www.facebook.com/', { waitUntil: 'load' });
      await follow(page, 'the account menu'); // opens the menu (no navigation)
      await follow(page, '"Settings & privacy"');
      await follow(page, '"Privacy Center"');
      await follow(page, 'the AI topic');
      await follow(page, 'the objection link');
      assert.match(await page.evaluate(() => location.pathname), /^\/help\/contact\/\d+/, 'the journey did not end on the form');
      await until(page, () => (document.querySelector('[data-objector-filled="email"]') ? true : { ok: false }), 'the email filled');
      await page.click('[data-objector-target="send"]');
      await until(page, () => (document.querySelector('objector-guide')?.dataset.page === 'confirmation' ? true : { ok: false }), 'the confirmation');

      // Popup: status, copy, export.
      const popup = await session.extensionPage('popup.html');
      await until(popup, () => (document.querySelector('[data-sent-of="facebook"]')?.dataset.sent === 'yes' ? true : { ok: false }), 'the popup status');
      await popup.click('#receipts-export');
      await popup.click('#receipts-copy');
      await sleep(1_500); // anything late (a background fetch, a beacon) would arrive now

      const navigations = server.requests.filter((r) => r.dest === 'document' && r.mode === 'navigate');
      const favicons = server.requests.filter((r) => r.path === '/favicon.ico' && r.dest === 'image');
      const browserOwn = server.requests.filter((r) => BROWSER_SERVICES.test(r.host));
      const naming = filesIn(extensionDir(browser === 'chromium' ? 'chrome' : 'firefox'))
        .filter((f) => NAMES_A_SERVICE.test(readFileSync(f, 'latin1')));
      assert.deepEqual(naming, [], 'files of the extension that name a host whose requests this test sets aside as the browser\'s');
      const other = server.requests.filter((r) => !navigations.includes(r) && !favicons.includes(r) && !browserOwn.includes(r));
      assert.ok(navigations.length >= 5, `the journey's own page loads were not seen: ${JSON.stringify(server.requests)}`);
      assert.deepEqual(other, [], 'requests that are not the test\'s navigations');
      for (const r of navigations) {
        assert.ok(HOSTS.includes(r.host), `a navigation to an unexpected host: ${JSON.stringify(r)}`);
        assert.equal(r.origin, null, `a navigation carried an Origin (a form post or a script?): ${JSON.stringify(r)}`);
      }
      // (Connections without a host name carry none of the requests above: every request was accounted for.)
      const strangers = server.connections.filter((c) => c.host && !HOSTS.includes(c.host) && !BROWSER_SERVICES.test(c.host));
      assert.deepEqual(strangers, [], 'connections to hosts no page of the journey uses');
      assert.deepEqual(server.cspReports, []);
      await popup.close();
      await opts.close();
      await page.close();
    });
  });
}
