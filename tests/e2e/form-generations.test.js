// The objection form's generations, in both browsers, on React-like fixtures that keep their own state:
// - 2024 (German, help.instagram.com/contact/767264225370182): country as a type-ahead, a REQUIRED text, and a
//   second step asking for the code Meta emails — the panel explains it, the code is never touched or stored;
// - 2025 (English, facebook.com/help/contact/6359191084165019): country <select>, optional text;
// - the third-party-information form: the name is filled, the panel says what the form is for, no receipt.
// (The generic form with the "Is your request about AI at Meta?" question is route-b.test.js.)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchers } from './browsers.js';
import { startFixtureServer } from './server.js';
import { sleep, until } from './wait.js';

const EMAIL = 'jane.doe+meta@example.org';
const NAME = 'Jane Doe';


for (const browser of ['chromium', 'firefox']) {
  describe(`${browser}: the form's generations`, { timeout: 150_000 }, () => {
    let server;
    let session;
    let ext;
    const storage = () => ext.evaluate(() => (globalThis.browser ?? globalThis.chrome).storage.local.get(null));
    before(async () => {
      server = await startFixtureServer();
      session = await launchers[browser]({ port: server.port });
      // Everything a user can store, through the options page's own controls.
      ext = await session.extensionPage('options.html');
      await until(ext, () => (document.querySelectorAll('#country option').length > 20 ? true : { ok: false }), 'the options page');
      await ext.evaluate(({ email, name }) => {
        document.getElementById('email').value = email;
        document.getElementById('name').value = name;
        const country = document.getElementById('country');
        country.value = 'DE';
        document.getElementById('explain').checked = true;
        document.getElementById('save').click();
      }, { email: EMAIL, name: NAME });
      const st = await until(ext, async () => {
        const v = await (globalThis.browser ?? globalThis.chrome).storage.local.get(null);
        return v.email ? v : { ok: false };
      }, 'the settings to be saved');
      assert.deepEqual({ email: st.email, name: st.name, country: st.country, explain: st.explain },
        { email: EMAIL, name: NAME, country: 'DE', explain: true });
    });
    after(async () => {
      await session?.close();
      await server?.close();
    });

    test('2024 form (German): type-ahead country, required text in German, then the code step, then the receipt', async () => {
      const page = await session.newPage();
      await page.goto('https://help.instagram.com/contact/767264225370182', { waitUntil: 'load' });
      const filled = await until(page, () => {
        const f = Object.fromEntries([...document.querySelectorAll('[data-objector-filled]')].map((e) => [e.getAttribute('data-objector-filled'), e.value]));
        return f.email && f.country && f.explanation ? { f, country: window.__country, state: window.__formState() } : { ok: false, f };
      }, 'email, country and text filled');
      assert.equal(filled.f.email, EMAIL);
      assert.equal(filled.f.country, 'Deutschland', 'the country is typed in the page\'s language');
      assert.equal(filled.country, 'DE', 'the type-ahead did not take the country');
      assert.match(filled.f.explanation, /DSGVO|Datenschutz-Grundverordnung|Art(ikel|\.) 21/, 'the explanation is not the German default');
      assert.equal(filled.state.Field2001578416770386, filled.f.explanation, 'the page\'s state lacks the required text');
      assert.deepEqual(await page.evaluate(() => { const g = document.querySelector('objector-guide'); return [g?.dataset.step, g?.lang]; }),
        ['send', 'de'], 'Send highlighted, and the panel speaks German (the page\'s language, not the browser\'s)');

      await page.click('[data-objector-target="send"]');
      const code = await until(page, () => {
        const n = document.querySelector('objector-guide')?.dataset.note;
        return document.querySelector('input[name="code"]') && n === 'code_step' ? { note: n } : { ok: false, note: n };
      }, 'the code step explained');
      assert.equal(code.note, 'code_step');
      await sleep(500);
      assert.deepEqual(await page.evaluate(() => { const c = document.querySelector('input[name="code"]'); return [c.value, c.hasAttribute('data-objector-filled')]; }), ['', false]);
      const before = await storage();
      assert.deepEqual(before.receipts, [], 'a receipt before Meta confirmed');
      assert.equal(JSON.stringify(before).includes('code'), false);

      // The user types the code Meta emailed, and sends again.
      await page.type('input[name="code"]', '123456');
      await page.click('[data-objector-target="send"]');
      await until(page, () => (document.querySelector('objector-guide')?.dataset.page === 'confirmation' ? true : { ok: false }), 'the German confirmation');
      const st = await until(ext, async () => {
        const v = await (globalThis.browser ?? globalThis.chrome).storage.local.get(null);
        return v.receipts?.length ? v : { ok: false };
      }, 'the receipt');
      assert.deepEqual(st.receipts.map((r) => [r.site, r.form, r.email, r.lang]), [['instagram', '767264225370182', EMAIL, 'de']]);
      assert.equal(JSON.stringify(st).includes('123456'), false, 'the code was stored');
      await page.close();
    });

    test('2025 form (English): country <select>, optional text in English', async () => {
      const page = await session.newPage();
      await page.goto('https://www.facebook.com/help/contact/6359191084165019', { waitUntil: 'load' });
      const s = await until(page, () => {
        const f = Object.fromEntries([...document.querySelectorAll('[data-objector-filled]')].map((e) => [e.getAttribute('data-objector-filled'), e.value]));
        return f.email && f.country && f.explanation ? { f, state: window.__formState() } : { ok: false, f };
      }, 'email, country and text filled');
      assert.equal(s.f.country, 'DE');
      assert.equal(s.state.Field1489970557888767_iso2_country_code, 'DE', 'the page\'s state did not take the country');
      assert.match(s.f.explanation, /Article 21/);
      await page.close();
    });

    test('third-party form: the name is filled, the panel explains the form and the evidence; Send makes no receipt', async () => {
      const page = await session.newPage();
      await page.goto('https://www.facebook.com/help/contact/1266025207620918', { waitUntil: 'load' });
      const s = await until(page, () => {
        const el = document.querySelector('[data-objector-filled="name"]');
        const n = document.querySelector('objector-guide')?.dataset.note;
        return el ? { name: el.value, state: window.__formState()[el.name], note: n } : { ok: false };
      }, 'the name filled');
      assert.deepEqual(s, { name: NAME, state: NAME, note: 'third_party_note third_party_evidence fill_name' });
      assert.equal(await page.evaluate(() => document.querySelector('textarea').hasAttribute('data-objector-filled')), false,
        'the objection text was written into the third-party form');
      const receiptsBefore = (await storage()).receipts.length;
      await page.click('[data-objector-target="send"]');
      await sleep(1_000);
      const st = await storage();
      assert.equal(st.receipts.length, receiptsBefore);
      assert.equal(st.pending, null);
      await page.close();
    });
  });
}
