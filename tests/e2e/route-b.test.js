// Route B's last steps, in both browsers: a contact form Objector does not know by its ID is recognised only
// by what it says. On the generic form, "Is your request about AI at Meta?" → the Yes answer is highlighted;
// once the user picks it and the AI objection section appears, Send is highlighted and the email filled.
// English and German (the German question is the one quoted in Meta's UI).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchers } from './browsers.js';
import { startFixtureServer } from './server.js';
import { sleep, untilState } from './wait.js';

const EMAIL = 'jane.doe+meta@example.org';

function state() {
  const g = document.querySelector('objector-guide');
  const t = [...document.querySelectorAll('[data-objector-target]')];
  return {
    page: g?.dataset.page ?? null,
    step: g?.dataset.step ?? null,
    targets: t.map((e) => e.id),
    filled: document.querySelector('[data-objector-filled="email"]')?.value ?? null,
  };
}

const until = (page, want, what) => untilState(page, state, want, what);

for (const browser of ['chromium', 'firefox']) {
  describe(`${browser}: route B, the generic objection form`, { timeout: 120_000 }, () => {
    let server;
    let session;
    before(async () => {
      server = await startFixtureServer();
      session = await launchers[browser]({ port: server.port });
      // Store the email through the options page, as a user would.
      const opts = await session.extensionPage('options.html');
      await opts.evaluate(() => new Promise((r) => setTimeout(r, 300)));
      await opts.evaluate((email) => {
        const input = document.getElementById('email');
        input.value = email;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        document.getElementById('save').click();
      }, EMAIL);
      await sleep(500);
    });
    after(async () => {
      await session?.close();
      await server?.close();
    });

    for (const [id, lang] of [['998877665544332', 'en'], ['998877665544333', 'de']]) {
      test(`${lang}: Yes first, then Send with the email filled; nothing else highlighted`, async () => {
        const page = await session.newPage();
        await page.goto(`https://www.facebook.com/help/contact/${id}`, { waitUntil: 'load' });
        const before = await until(page, (s) => s.targets.length === 1, 'the Yes answer highlighted');
        assert.deepEqual(
          { page: before.page, step: before.step, targets: before.targets, filled: before.filled },
          { page: 'generic_objection_form', step: 'ai_question_yes', targets: ['ai-yes'], filled: null },
        );
        // The user follows the highlight.
        await page.click('[data-objector-target]');
        const afterYes = await until(page, (s) => s.targets[0] === 'send' && s.filled, 'Send highlighted and the email filled');
        assert.deepEqual(
          { page: afterYes.page, step: afterYes.step, targets: afterYes.targets, filled: afterYes.filled },
          { page: 'objection_form', step: 'send', targets: ['send'], filled: EMAIL },
        );
        await page.close();
      });
    }

    test('an unknown contact form that is about something else stays untouched', async () => {
      const page = await session.newPage();
      // A login-problem form: same URL shape, an email field and a Send button, and even the word "object".
      await page.goto('https://www.facebook.com/help/contact/111222333444555', { waitUntil: 'load' });
      await sleep(2_000);
      const s = await page.evaluate(state);
      assert.deepEqual(s, { page: null, step: null, targets: [], filled: null });
      assert.equal(await page.evaluate(() => document.querySelector('input[name="email"]').value), '');
      await page.close();
    });
  });
}
