// A hostile-sized page, in both browsers (fixture: www.facebook.com/privacy/center/stress/): 100,000 elements,
// 40 nested shadow roots with step-like links, elements removed and added every 20 ms while the extension scans,
// and the real target moved into a frame or a shadow root and back, with the churn on and paused. The guide must
// still find the real target (and only it), drop the highlight while the target is out of the page itself (it
// never acts in frames), find it again, raise no error, and leave the page usable: its own 20 ms timer runs
// about as often as with the guide switched off.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchers } from './browsers.js';
import { evalIn, isolatedWorld } from './isolated-world.js';
import { NO_WASM_CSP, startFixtureServer } from './server.js';
import { sleep, until as untilIn, untilState } from './wait.js';

const URL_ = 'https://www.facebook.com/privacy/center/stress/';

/** The 100,000-element page takes longer to load and scan: 15 s. */
const until = (page, fn, what, arg) => untilIn(page, fn, what, arg, { ms: 15_000 });

/** Highlights in the page, in the side frame and in the shadow root that can hold the tile. */
const everywhere = () => ({
  top: document.querySelectorAll('[data-objector-target]').length,
  inFrame: document.getElementById('side').contentDocument.querySelectorAll('[data-objector-target]').length,
  inShadow: document.getElementById('tile-shadow').shadowRoot.querySelectorAll('[data-objector-target]').length,
});

async function moveAway(page, where) {
  await page.evaluate((w) => window.__moveTile(w), where);
  // The element carries its attribute along until the next scan notices it left the page.
  const gone = await untilState(page, everywhere, (n) => n.top + n.inFrame + n.inShadow === 0,
    `the highlight to go with the target (also from the moved element, now in a ${where})`, 15_000);
  assert.deepEqual(gone, { top: 0, inFrame: 0, inShadow: 0 });
  // And it stays gone: the guide never acts outside the page itself.
  await sleep(600);
  assert.deepEqual(await page.evaluate(everywhere), { top: 0, inFrame: 0, inShadow: 0 }, `a highlight came back in the ${where}`);
}

async function moveBack(page) {
  await page.evaluate(() => window.__moveTile('home'));
  assert.deepEqual(await until(page, () => {
    const ids = [...document.querySelectorAll('[data-objector-target]')].map((e) => e.id);
    return ids.length ? ids : { ok: false };
  }, 'the highlight back'), ['ai-tile']);
}

const targets = () => [...document.querySelectorAll('[data-objector-target]')].map((t) => t.id || t.getAttribute('href'));

// Chromium twice: under Meta's policy (the wasm core) and under one without 'unsafe-eval', where it runs the
// wasm2js build (strict-csp.test.js), whose memory grows differently (it once trapped here after growing).
const NO_WASM = { 'Content-Security-Policy': NO_WASM_CSP };
const RUNS = [['chromium', null], ['chromium', NO_WASM], ['firefox', null]];

for (const [browser, headers] of RUNS) {
  describe(`${browser}${headers ? ' (CSP without wasm)' : ''}: a 100,000-element page that keeps changing`, { timeout: 120_000 }, () => {
    let server;
    let session;
    let page;
    const errors = [];
    before(async () => {
      server = await startFixtureServer({ headers: () => headers });
      session = await launchers[browser]({ port: server.port });
      page = await session.newPage();
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(URL_, { waitUntil: 'load', timeout: 60_000 });
    });
    after(async () => {
      await session?.close();
      await server?.close();
    });

    test('the real target is found, and only it (not the links in shadow roots or posts)', async () => {
      assert.ok(await page.evaluate(() => window.__elements) >= 100_000, 'the fixture built fewer than 100,000 elements');
      const t = await until(page, () => {
        const ids = [...document.querySelectorAll('[data-objector-target]')].map((e) => e.id || e.getAttribute('href'));
        return ids.length ? ids : { ok: false };
      }, 'a highlight');
      assert.deepEqual(t, ['ai-tile']);
      assert.equal(await page.evaluate(() => document.querySelector('objector-guide')?.dataset.page), 'privacy_center');
    });

    test('the page stays usable: its 20 ms timer runs about as often with the guide at work as with Facebook switched off, and answers at once', async () => {
      // Side by side, alternated: how often the page's timer runs depends on the machine and on what else it does
      // (in one CI run it ran 28 times in 3 s, about a fifth of its rate); only the difference is the guide's.
      // Switched off (as from the popup), the guide takes its highlight down and scans no more.
      const ext = await session.extensionPage('popup.html');
      const setOn = (on) => ext.evaluate((v) => (globalThis.browser ?? globalThis.chrome).storage.local.set({ sites: { facebook: { enabled: v } } }), on);
      assert.equal(await page.evaluate(() => document.visibilityState), 'visible', 'harness: the stress tab is not visible');
      const ticks = { on: 0, off: 0 };
      const rtts = [];
      for (const on of [false, true, false, true, false, true]) {
        await setOn(on);
        await until(page, (want) => (document.querySelectorAll('[data-objector-target]').length > 0) === want || { ok: false },
          on ? 'the highlight back after switching on' : 'the highlight gone after switching off', on);
        await sleep(300);
        const t0 = Date.now();
        const before = await page.evaluate(() => window.__ticks);
        while (Date.now() - t0 < 1_500) {
          const s = Date.now();
          await page.evaluate(() => 1);
          if (on) rtts.push(Date.now() - s);
          await sleep(150);
        }
        ticks[on ? 'on' : 'off'] += (await page.evaluate(() => window.__ticks)) - before;
      }
      await ext.close();
      assert.ok(ticks.off > 0, 'harness: the page\'s timer did not run with Facebook switched off');
      assert.ok(ticks.on >= ticks.off * 0.6,
        `the page's timer ran ${ticks.on} times with the guide at work and ${ticks.off} times with it switched off (3 windows of 1.5 s each)`);
      rtts.sort((a, b) => a - b);
      assert.ok(rtts[Math.floor(rtts.length / 2)] < 250, `the page answered slowly: ${JSON.stringify(rtts)}`);
      assert.deepEqual(await page.evaluate(targets), ['ai-tile'], 'the highlight was lost under the churn');
    });

    // Chromium only: the reads are counted in the extension's own world, which Firefox does not open to tests.
    if (browser === 'chromium') {
      test('under the churn the guide follows what changed, without rereading the whole page or asking for its messages again (counted in the extension\'s world)', async () => {
        // 20 posts in and 20 out every 20 ms: more changes between two paced scans than a fixed limit of 256
        // allowed, which made every scan a whole read of the page's 22,400 candidates (src/shell/content.rs,
        // Changes::limit). Each scan that reads makes one call of read.js (src/shell/candidates.rs): a whole
        // read's only part is the list the document query just returned, a read of what changed gets the
        // elements the page added or changed and the lists found inside them.
        // The panel's texts are the same at every scan: the core asked the browser for each once
        // (src/shell/browser.rs, Api::t), and asks nothing of chrome.i18n while they stay the same.
        const world = await isolatedWorld(page);
        await evalIn(world, `(() => { const f = globalThis.__stressReader = globalThis.objectorReadCandidates;
          const q = globalThis.__stressQuery = Document.prototype.querySelectorAll; let last = null;
          Document.prototype.querySelectorAll = function (s) { return (last = q.call(this, s)); };
          const c = globalThis.__stressReads = { whole: 0, changed: 0, messages: 0 };
          const m = globalThis.__stressMessage = chrome.i18n.getMessage;
          chrome.i18n.getMessage = (...a) => (c.messages++, m.apply(chrome.i18n, a));
          globalThis.objectorReadCandidates = (...a) => {
            c[a[0].length === 1 && a[0][0] === last ? 'whole' : 'changed']++;
            return f(...a);
          };
          return true; })()`);
        await sleep(3_000);
        const reads = await evalIn(world, `(() => { globalThis.objectorReadCandidates = globalThis.__stressReader;
          Document.prototype.querySelectorAll = globalThis.__stressQuery; chrome.i18n.getMessage = globalThis.__stressMessage;
          return globalThis.__stressReads; })()`);
        await world.cdp.detach();
        assert.ok(reads.changed > 0, `the guide read nothing of what the page changed in 3 s: ${JSON.stringify(reads)}`);
        assert.equal(reads.whole, 0, `the guide reread the whole page under the churn: ${JSON.stringify(reads)}`);
        assert.equal(reads.messages, 0, `the guide asked the browser for messages it already had: ${JSON.stringify(reads)}`);
        assert.deepEqual(await page.evaluate(targets), ['ai-tile'], 'the highlight was lost under the churn');
      });
    }

    test('the target moved into a frame: no highlight anywhere; moved back: highlighted again', async () => {
      await moveAway(page, 'frame');
      await moveBack(page);
    });

    // The same with the page quiet: the move is then the only change the next scan follows. The element it
    // highlighted is still connected in a frame, or in a shadow root (isConnected is true there: only
    // Document.contains tells).
    for (const where of ['frame', 'shadow']) {
      test(`page quiet: the target moved into a ${where === 'frame' ? 'frame' : 'shadow root'}: no highlight; moved back: highlighted again`, async () => {
        await page.evaluate(() => window.__churn(false));
        await sleep(500);
        await moveAway(page, where);
        await moveBack(page);
        await page.evaluate(() => window.__churn(true));
      });
    }

    test('no error reached the page', async () => {
      await sleep(500);
      assert.deepEqual(errors, []);
      assert.deepEqual(server.cspReports, []);
    });
  });
}
