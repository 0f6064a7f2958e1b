// When the core cannot start at all (file missing, bytes corrupted), the extension must fail quietly:
// Meta pages stay exactly as they were, and the popup tells the user instead of showing dead switches.
// Runs the real extension, copied from dist with its wasm damaged, in both browsers.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { launchers, REPO } from './browsers.js';
import { startFixtureServer } from './server.js';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const DAMAGE = {
  corrupted: (file) => writeFileSync(file, readFileSync(file).subarray(0, 4096)),
  missing: (file) => rmSync(file),
};

for (const browser of ['chromium', 'firefox']) {
  for (const [how, damage] of Object.entries(DAMAGE)) {
    describe(`${browser}: wasm core ${how}`, { timeout: 120_000 }, () => {
      const dist = mkdtempSync(path.join(tmpdir(), `objector-broken-${how}-`));
      let server;
      let session;
      after(async () => {
        await session?.close();
        await server?.close();
        delete process.env.OBJECTOR_DIST;
        rmSync(dist, { recursive: true, force: true });
      });

      test('the Meta page stays untouched and the popup explains', async () => {
        const folder = browser === 'chromium' ? 'chrome' : 'firefox';
        const source = path.resolve(REPO, process.env.OBJECTOR_DIST ?? 'dist', folder);
        cpSync(source, path.join(dist, folder), { recursive: true });
        for (const part of ['content', 'pages']) damage(path.join(dist, folder, 'pkg', `objector_${part}_bg.wasm`));
        // Chromium's other build of the core (wasm2js, for pages that forbid wasm), which a page whose headers
        // the background has not seen also gets: damaged alike, so that no core can start.
        if (browser === 'chromium') damage(path.join(dist, folder, 'pkg', 'js', 'objector_content_bg.asm.js'));
        process.env.OBJECTOR_DIST = dist;
        server = await startFixtureServer();
        session = await launchers[browser]({ port: server.port });

        const page = await session.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        await page.goto('https://www.facebook.com/', { waitUntil: 'load' });
        await sleep(2_500);
        const r = await page.evaluate(() => ({
          snapshot: typeof window.__domAtLoad === 'string',
          same: document.documentElement.outerHTML === window.__domAtLoad,
          guide: document.querySelectorAll('objector-guide').length,
          attrs: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('data-objector'))).length,
        }));
        assert.ok(r.snapshot, 'fixture took no snapshot (harness problem)');
        assert.deepEqual({ guide: r.guide, attrs: r.attrs, same: r.same }, { guide: 0, attrs: 0, same: true });
        assert.deepEqual(errors, [], 'the page saw errors');
        assert.deepEqual(server.cspReports, [], 'the site received CSP reports');

        const popup = await session.extensionPage('popup.html');
        const deadline = Date.now() + 10_000;
        let state;
        do {
          await sleep(200);
          state = await popup.evaluate(() => {
            const e = document.getElementById('core-error');
            return { shown: !!e && !e.hidden, text: e?.textContent.trim() ?? '' };
          });
        } while (!state.shown && Date.now() < deadline);
        assert.ok(state.shown, 'the popup does not say that Objector could not start');
        assert.match(state.text, /could not start/i);
      });
    });
  }
}
