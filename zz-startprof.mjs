import { launchChromium } from './tests/e2e/browsers.js';
import { startFixtureServer } from './tests/e2e/server.js';
import { benchRoute } from './tests/bench/generate.js';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const server = await startFixtureServer({ dynamic: benchRoute });
const session = await launchChromium({ port: server.port });
const kind = process.argv[2] ?? 'pc'; const RUNS = Number(process.argv[3] ?? 10);
const leaves = new Map(); let ext = 0;
try {
  await (await session.firstRunPage(3000))?.close();
  const page = await session.newPage(); await page.bringToFront();
  for (let i = 0; i < RUNS; i++) {
    const url = kind === 'feed' ? `https://www.facebook.com/?bench=feed&run=${i}` : `https://www.facebook.com/privacy/center/?bench=pc&run=${i}`;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 50 }); await cdp.send('Profiler.start');
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__bench.highlightAt !== null);
    const { profile } = await cdp.send('Profiler.stop'); await cdp.detach();
    const byId = new Map(profile.nodes.map((n) => [n.id, n])); const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    for (let s = 0; s < profile.samples.length; s++) {
      const dt = profile.timeDeltas[s + 1] ?? 0; const id = profile.samples[s];
      let isExt = false; for (let x = id; x !== undefined; x = parent.get(x)) if (byId.get(x).callFrame.url.startsWith('chrome-extension://')) { isExt = true; break; }
      if (!isExt) continue; ext += dt;
      const f = byId.get(id).callFrame; const k = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}`;
      leaves.set(k, (leaves.get(k) ?? 0) + dt);
    }
  }
  console.log(`extension stacks: ${(ext / 1000 / RUNS).toFixed(1)} ms per load`);
  for (const [k, v] of [...leaves.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 40))) console.log((v / 1000 / RUNS).toFixed(2).padStart(7), 'ms', k);
} finally { await session.close(); await server.close(); }
