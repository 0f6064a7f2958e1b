import { launchChromium } from './tests/e2e/browsers.js';
import { startFixtureServer } from './tests/e2e/server.js';
import { benchRoute } from './tests/bench/generate.js';
const server = await startFixtureServer({ dynamic: benchRoute });
const session = await launchChromium({ port: server.port });
try {
  const page = await session.newPage();
  for (const url of ['https://www.facebook.com/privacy/center/?bench=pc', 'https://www.facebook.com/?bench=feed']) {
    await page.goto(url, { waitUntil: 'load' });
    const SEL = 'a[href], button, input[type=submit], input[type=radio], [role=button], [role=link], [role=menuitem], [role=menuitemradio], [role=radio], [role=option], [role=tab], [aria-expanded]';
    console.log(url, await page.evaluate((SEL) => {
      const all = [...document.querySelectorAll(SEL)]; const lens = all.map((e) => e.textContent.length).sort((a, b) => b - a);
      const t0 = performance.now(); let n = 0; for (let k = 0; k < 5; k++) for (const e of all) n += e.textContent.length; const t = (performance.now() - t0) / 5;
      const big = all.filter((e) => e.textContent.length > 300).map((e) => `${e.localName}[role=${e.getAttribute('role')}][exp=${e.getAttribute('aria-expanded')}] ${e.textContent.length}`).slice(0, 8);
      return { n: all.length, total: lens.reduce((a, b) => a + b, 0), top: lens.slice(0, 8), over300: lens.filter((x) => x > 300).length, textMs: t.toFixed(2), elements: document.getElementsByTagName('*').length, big };
    }, SEL));
  }
} finally { await session.close(); await server.close(); }
