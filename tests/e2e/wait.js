// Polling helpers shared by the end-to-end suites: the extension works asynchronously (storage reads, a frame
// after a DOM change), so a test asks the page again until the answer is there, and fails with the last answer.
import assert from 'node:assert/strict';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A failure message's last state, capped (a storage test holds a 1 MB string). */
const shown = (last) => JSON.stringify(last)?.slice(0, 2_000);

/**
 * Evaluates `fn(arg)` in `target` (a page or a frame) every `every` ms until it returns a value that is truthy,
 * not `{ ok: false }` and not an error; returns that value. Fails after `ms` with the last value.
 */
export async function until(target, fn, what, arg, { ms = 10_000, every = 100 } = {}) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    last = await target.evaluate(fn, arg).catch((e) => ({ error: String(e) }));
    if (last && last.ok !== false && !last.error) return last;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; last: ${shown(last)}`);
    await sleep(every);
  }
}

/** Reads `read()` in the page until `want(state)` holds; returns that state. Fails after `ms` with the last one. */
export async function untilState(page, read, want, what, ms = 10_000) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    last = await page.evaluate(read).catch((e) => ({ error: String(e) }));
    if (!last.error && want(last)) return last;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; last: ${shown(last)}`);
    await sleep(100);
  }
}
