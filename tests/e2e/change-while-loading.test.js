// A setting changed while a Meta page is still loading takes effect on that page, in both browsers. The settings
// are read at document_start (extension/prefetch.js), long before the core starts: a change made
// between that read and the core's start must not be lost (prefetch.js forgets its read at any change, and the
// core listens from the moment it is handed a read: src/shell/content.rs). The page is held half-sent by the
// fixture server while the user switches Facebook's helpers off in the extension's storage.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchers } from './browsers.js';
import { startFixtureServer } from './server.js';
import { sleep, untilState } from './wait.js';
import { generatePage } from '../bench/generate.js';

// The benchmark's Privacy Center page (a step applies: the AI topic link), smaller.
const PAGE = generatePage({ kind: 'privacy_center', elements: 2_000 });
const SPLIT = PAGE.indexOf('<body');

/** What the page shows of the guide. */
const highlight = () => ({
  target: document.querySelector('[data-objector-target]')?.getAttribute('data-objector-target') ?? null,
  guide: !!document.querySelector('objector-guide'),
});
/** Waits until the page shows a highlighted step and the guide; returns what it shows. */
const guided = (page, what) => untilState(page, highlight, (h) => h.target !== null && h.guide, what);

for (const browser of ['chromium', 'firefox']) {
  describe(`${browser}: a setting changed while the page loads`, { timeout: 120_000 }, () => {
    let server;
    let session;
    let ext;
    let release = null;
    before(async () => {
      assert.ok(SPLIT > 0, 'the generated page has a <body>');
      server = await startFixtureServer({
        dynamic: (host, url) => {
          if (host !== 'www.facebook.com' || url.pathname !== '/privacy/center/' || !url.searchParams.has('held')) return null;
          return { head: PAGE.slice(0, SPLIT), rest: new Promise((r) => { release = () => r(PAGE.slice(SPLIT)); }) };
        },
      });
      session = await launchers[browser]({ port: server.port });
      ext = await session.extensionPage('popup.html');
    });
    after(async () => {
      release?.();
      await session?.close();
      await server?.close();
    });

    const setFacebook = (enabled) => ext.evaluate(async (on) => {
      const api = globalThis.browser ?? globalThis.chrome;
      await api.storage.local.set({ sites: { facebook: { enabled: on, again: false }, instagram: { enabled: true, again: false } } });
    }, enabled);

    /** Starts loading the held page; resolves once the browser has its first half (and, in Chromium, once
     *  prefetch.js has run: its fetch of the wasm is seen; Firefox does not report an extension's requests to
     *  the driver, and the wait below covers it), with `{ nav }`, the navigation's promise (returned in an
     *  object: an async function returning a promise would wait for it). */
    async function startHeld(page, run) {
      release = null;
      const wasm = [];
      page.on('request', (r) => { if (/\/pkg\/objector_content_bg\.wasm$/.test(r.url())) wasm.push(r.url()); });
      const nav = page.goto(`https://www.facebook.com/privacy/center/?held&run=${run}`, { waitUntil: 'load' });
      nav.catch(() => {});
      const deadline = Date.now() + 10_000;
      while (!release || (browser === 'chromium' && wasm.length === 0)) {
        if (Date.now() > deadline) assert.fail(`the held page did not start loading (request served: ${!!release}, wasm fetched: ${wasm.length})`);
        await sleep(20);
      }
      await sleep(300); // the document_start script's storage read is answered meanwhile
      return { nav };
    }

    test('the control: the held page, once sent, is guided', async () => {
      await setFacebook(true);
      const page = await session.newPage();
      try {
        const { nav } = await startHeld(page, 'control');
        release();
        await nav;
        assert.deepEqual(await guided(page, 'the highlight'), { target: 'genai_link', guide: true });
        // The page's count of highlights, which the next test expects to stay at 0, sees them.
        assert.ok(await page.evaluate(() => window.__bench.highlights.length > 0 && window.__bench.guideInserts > 0),
          'the page counted no highlight or guide (harness problem)');
      } finally {
        await page.close();
      }
    });

    test('switched off before the page is parsed: nothing is shown; switched on again: the guide returns', async () => {
      await setFacebook(true);
      const page = await session.newPage();
      try {
        const { nav } = await startHeld(page, 'off');
        await setFacebook(false);
        await sleep(300); // the change's event reaches the tab
        release();
        await nav;
        await sleep(1_500); // a guide started with the old settings would be there by now
        assert.deepEqual(await page.evaluate(highlight), { target: null, guide: false }, 'the page was guided with the old settings');
        // Not even for a moment: the page's own observer (the bench harness, tests/bench/generate.js) counts every
        // highlight written and every guide inserted since it was parsed.
        assert.deepEqual(await page.evaluate(() => [window.__bench.highlights.length, window.__bench.guideInserts]), [0, 0],
          'the page showed a highlight or the guide, then took it down');
        // The core did start, and follows the storage: switched on, the guide comes back without a reload.
        await setFacebook(true);
        assert.deepEqual(await guided(page, 'the highlight after switching on'), { target: 'genai_link', guide: true });
      } finally {
        await page.close();
        await setFacebook(true);
      }
    });
  });
}
