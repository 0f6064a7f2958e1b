// A Meta page whose Content-Security-Policy forbids WebAssembly (no 'unsafe-eval', no 'wasm-unsafe-eval'),
// enforced or report-only, in both browsers with the real extension installed. The guide and the pre-fill
// must work as on today's pages, nothing may reach the page's console, and the site must receive no CSP
// report: Chromium runs the wasm2js build of the same core there (extension/content.js, src/core/csp.rs), Firefox
// compiles the wasm under the extension's own CSP.
//
// The fixture server sends the policy in a header, with a report-uri, so every violation the browser sees is
// recorded (server.cspReports). The control case is Meta's own policy (with 'unsafe-eval'). One more case
// allows wasm but only nonce'd <style> elements: the panel's styles must still apply, unreported.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchers } from './browsers.js';
import { NO_WASM_CSP, startFixtureServer } from './server.js';
import { sleep, until } from './wait.js';

const EMAIL = 'jane.doe+meta@example.org';
const REPORT = 'report-uri /csp/reporting/';
const NONCE = 'objector-e2e-4f9c';
// Scripts of the page itself still run (inline, as Meta's do); eval and wasm do not.
const STRICT = NO_WASM_CSP;

// `core`: the build Chromium must load there (its content-script requests for extension files are visible to
// the test); Firefox always compiles the wasm, which its requests do not show.
const POLICIES = {
  'enforced, no wasm': { headers: { 'Content-Security-Policy': STRICT }, core: 'js' },
  // Meta's usual policy stays, and a report-only one without eval watches: wasm would run but be reported.
  'report-only, no wasm': { headers: { 'Content-Security-Policy-Report-Only': STRICT }, core: 'js' },
  // Meta's usual header, and a stricter policy in the document itself.
  'a <meta> policy, no wasm': {
    rewrite: (html) => html.replace(/<head>/i, `<head><meta http-equiv="Content-Security-Policy" content="script-src 'self' 'unsafe-inline'">`),
    core: 'js',
  },
  // wasm allowed, but <style> elements only with the page's nonce: the panel's own <style> (in its shadow root,
  // made by the content script) must still apply and not be reported. Measured: both browsers exempt it.
  'wasm allowed, <style> only with a nonce': {
    headers: { 'Content-Security-Policy': `default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src-elem 'self' 'nonce-${NONCE}'; style-src-attr 'unsafe-inline'; img-src 'self' data:; ${REPORT}` },
    rewrite: (html) => html.replaceAll('<style>', `<style nonce="${NONCE}">`),
    core: 'wasm',
  },
  // The control: Meta's policy as served today.
  "Meta's policy (allows eval)": { core: 'wasm' },
};

const CORE_FILES = { wasm: /^\/pkg\/objector_content_bg\.wasm$/, js: /^\/pkg\/js\/objector_content_bg\.asm\.js$/ };

for (const browser of ['chromium', 'firefox']) {
  describe(`${browser}: a page whose CSP forbids WebAssembly`, { timeout: 180_000 }, () => {
    let server;
    let session;
    let policy = {};
    before(async () => {
      server = await startFixtureServer({
        headers: () => policy.headers ?? {},
        rewrite: (host, url, html) => policy.rewrite?.(html) ?? null,
      });
      session = await launchers[browser]({ port: server.port });
      const opts = await session.extensionPage('options.html');
      await until(opts, () => (document.querySelectorAll('#country option').length > 20 ? true : { ok: false }), 'the options page');
      await opts.evaluate((email) => {
        document.getElementById('email').value = email;
        document.getElementById('save').click();
      }, EMAIL);
      await until(opts, () => (document.getElementById('status').textContent ? true : { ok: false }), 'saved');
      await opts.close();
    });
    after(async () => {
      await session?.close();
      await server?.close();
    });

    for (const [name, p] of Object.entries(POLICIES)) {
      test(`${name}: the guide highlights, the form is pre-filled, the page sees nothing`, async () => {
        policy = p;
        const reportsBefore = server.cspReports.length;
        const page = await session.newPage();
        const console = [];
        const errors = [];
        page.on('console', (m) => {
          // The browser's own favicon request answered 404 by the fixture server is not the page's doing.
          if (/\/favicon\.ico$/.test(m.location()?.url ?? '')) return;
          console.push(`${m.type()}: ${m.text()}`);
        });
        page.on('pageerror', (e) => errors.push(String(e)));
        // The extension's requests and the page's DOMContentLoaded, in the order the page saw them.
        const loaded = [];
        page.on('request', (r) => { if (/^(chrome|moz)-extension:/.test(r.url())) loaded.push(new URL(r.url()).pathname); });
        page.on('domcontentloaded', () => { if (page.url().startsWith('https:')) loaded.push('DOMContentLoaded'); });
        // What the page itself can see of a refused compile: a policy in a <meta> has no report-uri, but every
        // violation fires a securitypolicyviolation event in the document, under any policy.
        // (Playwright in Chromium, Puppeteer in Firefox: see browsers.js.)
        await (page.addInitScript ?? page.evaluateOnNewDocument).call(page, () => {
          window.__violations = [];
          document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`), true);
        });
        const violations = () => page.evaluate(() => window.__violations);
        try {
          // A step on the way: the Privacy Center's AI topic link.
          await page.goto('https://www.facebook.com/privacy/center/', { waitUntil: 'load' });
          const step = await until(page, () => {
            const t = [...document.querySelectorAll('[data-objector-target]')];
            const panel = document.querySelector('objector-guide');
            if (t.length !== 1 || !panel) return { ok: false };
            // The panel's own stylesheet applied: a fixed box of its width (a refused sheet leaves it inline).
            const css = getComputedStyle(panel);
            return { step: t[0].getAttribute('data-objector-target'), styled: css.position === 'fixed' && css.width === '340px' };
          }, 'a highlighted step in the Privacy Center');
          assert.deepEqual(step, { step: 'genai_link', styled: true });
          assert.deepEqual(await violations(), [], 'the Privacy Center page saw a policy violation');

          // The objection form: email pre-filled the React way, Send highlighted, nothing sent.
          await page.goto('https://www.facebook.com/help/contact/6359191084165019', { waitUntil: 'load' });
          const form = await until(page, () => {
            const filled = document.querySelector('[data-objector-filled="email"]');
            const send = document.querySelector('[data-objector-target="send"]');
            return filled && send ? { email: filled.value, send: true} : { ok: false };
          }, 'the email filled and Send highlighted');
          assert.equal(form.email, EMAIL);
          assert.equal(form.send, true);

          await sleep(1_000); // a late report would arrive now
          assert.deepEqual(await violations(), [], 'the form page saw a policy violation');
          assert.deepEqual(server.cspReports.slice(reportsBefore), [], 'the site received CSP reports');
          assert.deepEqual(errors, [], 'the page saw errors');
          assert.deepEqual(console, [], 'something reached the page\'s console');
          if (browser === 'chromium') {
            // The wasm's bytes are always fetched, once per page, from document_start (extension/prefetch.js,
            // which compiles them only where the headers allow it and no <meta> policy is there yet), before the
            // page is even parsed, and the loader uses that fetch: that they were not compiled where a policy
            // forbids it is what the absence of CSP reports and of violation events proves. The JavaScript build
            // must be loaded exactly where the policy calls for it.
            const firstLoad = loaded.slice(0, loaded.indexOf('DOMContentLoaded') + 1);
            assert.deepEqual(firstLoad.filter((f) => CORE_FILES.wasm.test(f) || f === 'DOMContentLoaded'),
              ['/pkg/objector_content_bg.wasm', 'DOMContentLoaded'], `the wasm's fetch, once, before the page was parsed: ${loaded}`);
            assert.equal(loaded.filter((f) => CORE_FILES.wasm.test(f)).length, 2, `the wasm fetched once per page: ${loaded}`);
            assert.ok(loaded.some((f) => CORE_FILES[p.core].test(f)), `the ${p.core} core was not loaded: ${loaded}`);
            assert.equal(loaded.some((f) => CORE_FILES.js.test(f)), p.core === 'js', `the JavaScript build loaded: ${loaded}`);
          }
        } finally {
          await page.close();
        }
      });
    }
  });
}
