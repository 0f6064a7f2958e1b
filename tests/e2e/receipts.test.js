// Receipts, in both browsers: the user clicks the highlighted Send, Meta's confirmation appears, and Objector
// keeps a receipt (site, form, email shown, time, page language). The popup then says "objection sent on …",
// copies and exports the receipts and deletes them; the way to the form stays quiet on that site until the user
// asks to be guided again. Also: a confirmation nobody sent is no receipt; the optional explanation is filled
// only when turned on; the 2024 form's code step is explained and its field never touched.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchers } from './browsers.js';
import { startFixtureServer } from './server.js';
import { sleep, until } from './wait.js';

const EMAIL = 'jane.doe+meta@example.org';
const FB_FORM = 'https://www.facebook.com/help/contact/6359191084165019';

function state() {
  const g = document.querySelector('objector-guide');
  return {
    page: g?.dataset.page ?? null,
    status: g?.dataset.status ?? null,
    note: g?.dataset.note ?? null,
    targets: [...document.querySelectorAll('[data-objector-target]')].map((e) => e.getAttribute('data-objector-target')),
    filled: Object.fromEntries([...document.querySelectorAll('[data-objector-filled]')].map((e) => [e.getAttribute('data-objector-filled'), e.value])),
  };
}


const readStorage = () => (globalThis.browser ?? globalThis.chrome).storage.local.get(null);

for (const browser of ['chromium', 'firefox']) {
  describe(`${browser}: receipts, quiet guide, explanation and code step`, { timeout: 180_000 }, () => {
    let server;
    let session;
    let ext; // an extension page, to read storage as the extension sees it
    const storage = () => ext.evaluate(readStorage);
    before(async () => {
      server = await startFixtureServer();
      session = await launchers[browser]({ port: server.port });
      const opts = await session.extensionPage('options.html');
      await until(opts, () => !!document.querySelector('#email') && document.querySelector('#explanation').value.length > 20,
        'the options page with its default explanation');
      await opts.evaluate((email) => {
        const input = document.getElementById('email');
        input.value = email;
        document.getElementById('save').click();
      }, EMAIL);
      await until(opts, async () => ((await (globalThis.browser ?? globalThis.chrome).storage.local.get('email')).email ? true : { ok: false }),
        'the email to be saved');
      ext = opts;
    });
    after(async () => {
      await session?.close();
      await server?.close();
    });

    test('a confirmation without a Send click is not a receipt', async () => {
      const page = await session.newPage();
      await page.goto(`${FB_FORM}?confirmed=1`, { waitUntil: 'load' });
      // Control: the extension runs here (the panel is up, looking for Send in the hidden form).
      await until(page, () => (document.querySelector('objector-guide')?.dataset.page === 'objection_form' ? true : { ok: false }), 'the panel');
      await sleep(1_500);
      assert.equal(await page.evaluate(() => document.querySelector('objector-guide')?.dataset.page), 'objection_form');
      const st = await storage();
      assert.deepEqual(st.receipts ?? [], []);
      assert.equal(st.pending ?? null, null);
      await page.close();
    });

    test('Send clicked by the user → Meta confirms → receipt kept, panel says so', async () => {
      const page = await session.newPage();
      await page.goto(FB_FORM, { waitUntil: 'load' });
      await until(page, () => {
        const g = document.querySelector('objector-guide');
        return g?.dataset.step === 'send' && document.querySelector('[data-objector-filled="email"]') ? true : { ok: false };
      }, 'Send highlighted and the email filled');
      const t0 = new Date();
      await page.click('[data-objector-target="send"]');
      const s = await until(page, () => {
        const g = document.querySelector('objector-guide');
        return g?.dataset.page === 'confirmation' ? { page: g.dataset.page, status: g.dataset.status, note: g.dataset.note, targets: document.querySelectorAll('[data-objector-target]').length }
          : { ok: false, page: g?.dataset.page, status: g?.dataset.status, shown: !!document.getElementById('fixture-confirmation'), subs: window.__submissions.length };
      }, 'the confirmation to be recognised');
      assert.deepEqual(s, { page: 'confirmation', status: 'done', note: 'receipt_saved', targets: 0 });
      const st = await until(ext, async () => {
        const v = await (globalThis.browser ?? globalThis.chrome).storage.local.get(null);
        return v.receipts?.length ? v : { ok: false, v };
      }, 'the receipt in storage');
      assert.equal(st.schema, 2);
      assert.equal(st.receipts.length, 1);
      const r = st.receipts[0];
      assert.deepEqual({ site: r.site, form: r.form, email: r.email, lang: r.lang },
        { site: 'facebook', form: '6359191084165019', email: EMAIL, lang: 'en' });
      const at = Date.parse(r.at);
      assert.ok(Math.abs(at - t0.getTime()) < 60_000, `receipt time ${r.at} is not now (${t0.toISOString()})`);
      assert.equal(st.pending, null, 'the pending Send was not cleared');
      assert.equal(server.cspReports.length, 0);
      await page.close();
    });

    test('French form on fr-fr.facebook.com: French confirmation, receipt with lang fr', async () => {
      const page = await session.newPage();
      await page.goto('https://fr-fr.facebook.com/help/contact/712876720715583', { waitUntil: 'load' });
      await until(page, () => (document.querySelector('objector-guide')?.dataset.step === 'send' ? true : { ok: false }), 'Envoyer highlighted');
      await page.click('[data-objector-target="send"]');
      await until(page, () => (document.querySelector('objector-guide')?.dataset.page === 'confirmation' ? true : { ok: false }), 'the French confirmation');
      // The receipt is written after the confirmation shows: wait for it rather than race the storage write.
      const st = await until(ext, async () => {
        const v = await (globalThis.browser ?? globalThis.chrome).storage.local.get(null);
        return v.receipts?.length === 2 ? v : { ok: false, v };
      }, 'the second receipt in storage');
      assert.deepEqual(st.receipts.map((r) => [r.form, r.lang]), [['6359191084165019', 'en'], ['712876720715583', 'fr']]);
      await page.close();
    });

    test('with a receipt, the way to the form on Facebook stays quiet; Instagram still guides', async () => {
      const page = await session.newPage();
      await page.goto('https://privacycenter.instagram.com/', { waitUntil: 'load' });
      await until(page, () => (document.querySelectorAll('[data-objector-target]').length === 1 ? true : { ok: false }), 'the Instagram guide (control)');
      await page.goto('https://www.facebook.com/privacy/center/', { waitUntil: 'load' });
      await sleep(1_500);
      assert.deepEqual(await page.evaluate(state), { page: null, status: null, note: null, targets: [], filled: {} });
      await page.close();
    });

    test('popup: "objection sent on …" per site, copy, export, "guide me again", delete', async () => {
      const popup = await session.extensionPage('popup.html');
      const shown = await until(popup, () => {
        const fb = document.querySelector('[data-sent-of="facebook"]');
        const ig = document.querySelector('[data-sent-of="instagram"]');
        return fb?.dataset.sent ? {
          fb: fb.dataset.sent, fbText: fb.textContent, ig: ig.dataset.sent,
          items: document.querySelectorAll('#receipts-list li').length,
          start: document.querySelector('button[data-start="facebook"]').textContent,
        } : { ok: false };
      }, 'the popup status');
      assert.equal(shown.fb, 'yes');
      assert.match(shown.fbText, new RegExp(String(new Date().getFullYear())), `no date in "${shown.fbText}"`);
      assert.equal(shown.ig, 'no');
      assert.equal(shown.items, 2);
      assert.match(shown.start, /again/i);

      // Copy: the text goes to the clipboard API (observed, not replaced: the real call still happens).
      await popup.evaluate(() => {
        const real = navigator.clipboard.writeText.bind(navigator.clipboard);
        window.__copied = [];
        navigator.clipboard.writeText = (t) => { window.__copied.push(t); return real(t).catch(() => undefined); };
      });
      await popup.click('#receipts-copy');
      const copied = await until(popup, () => (window.__copied.length ? { text: window.__copied[0], msg: document.querySelector('#receipts-msg').textContent } : { ok: false }), 'the copy');
      assert.match(copied.text, /Facebook: objection sent on .* with jane\.doe\+meta@example\.org\./);
      assert.equal(copied.text.split('\n').length, 2);

      // Export: the JSON handed to the download is the stored receipts.
      await popup.evaluate(() => {
        const real = URL.createObjectURL;
        window.__blobs = [];
        URL.createObjectURL = (b) => { window.__blobs.push(b); return real.call(URL, b); };
      });
      await popup.click('#receipts-export');
      const exported = await until(popup, async () => (window.__blobs.length ? JSON.parse(await window.__blobs[0].text()) : { ok: false }), 'the export');
      const st = await storage();
      assert.deepEqual(exported, { receipts: st.receipts });

      // Guide me again: stored before the tab opens; the Facebook guide is back.
      await popup.click('button[data-start="facebook"]');
      await until(popup, async () => ((await (globalThis.browser ?? globalThis.chrome).storage.local.get('sites')).sites?.facebook?.again === true ? true : { ok: false }), 'again=true in storage');
      const page = await session.newPage();
      await page.goto('https://www.facebook.com/privacy/center/', { waitUntil: 'load' });
      await until(page, () => (document.querySelectorAll('[data-objector-target]').length === 1 ? true : { ok: false }), 'the Facebook guide again');
      await page.close();

      // Delete asks twice.
      await popup.click('#receipts-delete');
      assert.equal((await storage()).receipts.length, 2, 'one click deleted the receipts');
      await popup.click('#receipts-delete');
      await until(popup, () => (document.querySelector('[data-sent-of="facebook"]').dataset.sent === 'no'
        && document.querySelectorAll('#receipts-list li').length === 0 ? true : { ok: false }), 'the receipts to be gone from the popup');
      const after = await storage();
      assert.deepEqual(after.receipts, []);
      assert.equal(after.email, EMAIL, 'deleting receipts lost the email');
      await popup.close();
    });

    test('explanation: not filled by default; filled into the page\'s state once turned on', async () => {
      const page = await session.newPage();
      await page.goto(FB_FORM, { waitUntil: 'load' });
      await until(page, () => (document.querySelector('[data-objector-filled="email"]') ? true : { ok: false }), 'the email fill');
      assert.equal(await page.evaluate(() => document.querySelector('textarea').value), '');

      const opts = await session.extensionPage('options.html');
      await until(opts, () => (document.querySelector('#explanation').value.includes('Article 21') ? true : { ok: false }), 'the default explanation');
      await opts.click('#explain');
      await opts.click('#save');
      await until(opts, async () => ((await (globalThis.browser ?? globalThis.chrome).storage.local.get('explain')).explain === true ? true : { ok: false }), 'explain saved');
      const stored = await storage();
      assert.equal(stored.explanation, '', 'the untouched default is stored as "" (it follows the browser language)');
      await opts.close();

      await page.goto(FB_FORM, { waitUntil: 'load' });
      const s = await until(page, () => {
        const t = document.querySelector('textarea');
        return t.hasAttribute('data-objector-filled') ? { value: t.value, state: window.__formState()[t.name], note: document.querySelector('objector-guide')?.dataset.note } : { ok: false };
      }, 'the explanation fill');
      assert.match(s.value, /Article 21/);
      assert.equal(s.state, s.value, 'the page\'s own state did not take the explanation');
      assert.equal(s.note, 'fill_done fill_explanation');

      await page.close();
    });

    test('2024 form with the emailed-code step: the panel explains it; the code field is never touched', async () => {
      const page = await session.newPage();
      await page.goto(`${FB_FORM}?step=code`, { waitUntil: 'load' });
      const s = await until(page, () => (document.querySelector('objector-guide')?.dataset.note ? { note: document.querySelector('objector-guide').dataset.note } : { ok: false }), 'the panel note');
      assert.equal(s.note, 'code_step');
      await sleep(500);
      const code = await page.evaluate(() => { const c = document.querySelector('input[name="code"]'); return { value: c.value, marked: c.hasAttribute('data-objector-filled') }; });
      assert.deepEqual(code, { value: '', marked: false });
      await page.close();
    });
  });
}
