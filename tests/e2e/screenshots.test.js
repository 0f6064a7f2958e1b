// The README's pictures, taken from the fixtures with the real extension in Chromium, so they always show
// what the current build draws. Each shot first checks that what it shows is really there.
// Writes docs/screenshots/*.jpg (small JPEGs; guide-panel.png is taken by scenarios.js).
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchers, REPO } from './browsers.js';
import { startFixtureServer } from './server.js';
import { sleep, until } from './wait.js';

const OUT = path.join(REPO, 'docs', 'screenshots');
const EMAIL = 'jane.doe@example.org';


async function shoot(page, name, clip) {
  const file = path.join(OUT, name);
  // No pulsing ring in pictures: the same build gives the same images (and reduced motion is exercised).
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.screenshot({ path: file, type: 'jpeg', quality: 70, clip });
  const size = statSync(file).size;
  assert.ok(size > 5_000 && size < 150_000, `${name}: ${size} bytes`);
}

const guideShown = () => {
  const g = document.querySelector('objector-guide');
  return g && g.dataset.status === 'found' && document.querySelector('[data-objector-target]') ? g.dataset.step : null;
};

describe('README screenshots (Chromium)', { timeout: 120_000 }, () => {
  let server;
  let session;
  before(async () => {
    mkdirSync(OUT, { recursive: true });
    server = await startFixtureServer();
    session = await launchers.chromium({ port: server.port });
  });
  after(async () => {
    await session?.close();
    await server?.close();
  });

  test('first-run page, options and popup', async () => {
    const first = await session.firstRunPage(10_000);
    assert.ok(first, 'no first-run page');
    await first.setViewportSize({ width: 760, height: 820 });
    await until(first, () => !document.getElementById('welcome').hidden && document.querySelectorAll('#country option').length > 20, 'the welcome page');
    await first.fill('#email', EMAIL);
    await first.selectOption('#country', 'FR');
    await first.click('#save');
    await until(first, () => document.getElementById('status').textContent.trim(), 'saved');
    await shoot(first, 'first-run.jpg');
    const popup = await session.extensionPage('popup.html');
    await popup.setViewportSize({ width: 320, height: 420 });
    await until(popup, () => document.querySelector('[data-status-of="facebook"]').textContent.trim(), 'the popup status');
    await shoot(popup, 'popup.jpg', { x: 0, y: 0, width: 320, height: 420 });
  });

  test('guide on Facebook, on Instagram, and the pre-filled form', async () => {
    const page = await session.newPage();
    await page.setViewportSize({ width: 1000, height: 620 });
    const journey = [
      ['https://www.facebook.com/', 'strip-1-feed.jpg'],
      ['https://www.facebook.com/settings/', 'strip-2-settings.jpg'],
      ['https://www.facebook.com/privacy/center/', 'strip-3-privacy-center.jpg'],
      ['https://www.facebook.com/privacy/genai/', 'strip-4-genai.jpg'],
    ];
    for (const [url, name] of journey) {
      await page.goto(url, { waitUntil: 'load' });
      await until(page, guideShown, `the guide on ${url}`);
      await sleep(300); // let the ring's first pulse settle
      await shoot(page, name);
    }
    await page.goto('https://privacycenter.instagram.com/', { waitUntil: 'load' });
    await until(page, guideShown, 'the guide on Instagram');
    await sleep(300);
    await shoot(page, 'guide-instagram.jpg');
    await page.goto('https://www.facebook.com/help/contact/6359191084165019', { waitUntil: 'load' });
    const filled = await until(page, () => {
      const f = document.querySelector('[data-objector-filled="email"]');
      return f && f.value && document.querySelector('[data-objector-target]') ? f.value : null;
    }, 'the filled form');
    assert.equal(filled, EMAIL);
    await sleep(300);
    await shoot(page, 'strip-5-form.jpg');
  });
});
