// Chromium only (DevTools protocol): the extension's own isolated world in a page, where its content scripts run
// and the page cannot look. The benchmark and the stress test count there what the extension does (calls of
// read.js's reader, DOM calls); nothing the page sees changes.
import { sleep } from './wait.js';

/** The extension's isolated world in `page` (a Playwright page): its CDP session and execution context id. */
export async function isolatedWorld(page) {
  const cdp = await page.context().newCDPSession(page);
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const deadline = Date.now() + 5000;
  for (;;) {
    const c = contexts.filter((x) => x.origin?.startsWith('chrome-extension://') && x.auxData?.type === 'isolated').pop();
    if (c) return { cdp, id: c.id, name: c.name };
    if (Date.now() > deadline) throw new Error('the extension\'s isolated world was not found');
    await sleep(50);
  }
}

/** Evaluates `expression` in `world`; returns its value (awaited). Throws with the exception's description. */
export async function evalIn(world, expression) {
  const r = await world.cdp.send('Runtime.evaluate', { expression, contextId: world.id, returnByValue: true, awaitPromise: true });
  if (r.exceptionDetails) throw new Error(`isolated world: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
  return r.result.value;
}
