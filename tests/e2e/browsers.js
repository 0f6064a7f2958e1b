// Launch helpers: Debian Chromium (playwright-core) and Firefox ESR (puppeteer-core over WebDriver BiDi), each
// with the built extension installed, both able to relaunch on the same profile, both always closed.
//
// A "session" has the same shape for both browsers, so scenarios.js drives them alike:
//   session.name                   'chromium' | 'firefox'
//   session.newPage()              a new tab (Playwright Page or Puppeteer Page; scenarios use the common subset)
//   session.extensionPage(file)    a tab showing the extension's own page (options.html, popup.html)
//   session.firstRunPage()         the tab the extension opened by itself on first install (or null)
//   session.relaunch()             closes the browser and starts it again on the same profile
//   session.close()                closes the browser and deletes the profile
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOSTS } from './server.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROMIUM = process.env.OBJECTOR_CHROMIUM ?? '/usr/bin/chromium';
export const FIREFOX = process.env.OBJECTOR_FIREFOX ?? '/usr/bin/firefox-esr';
export const GECKO_ID = 'objector@objector.extension';
/** Pinned internal UUID, so moz-extension://<uuid>/ and the extension's storage survive a restart. */
export const FIREFOX_UUID = '6f0b2c1e-8a3d-4e5f-9b7c-0d1e2f3a4b5c';
export const VIEWPORT = { width: 900, height: 600 };

const LAUNCH_TIMEOUT = 30_000;
const CLOSE_TIMEOUT = 10_000;

/** dist/<browser>, from OBJECTOR_DIST (default: dist in the repository). Throws when it is not built. */
export function extensionDir(browser) {
  const dist = path.resolve(REPO, process.env.OBJECTOR_DIST ?? 'dist');
  const dir = path.join(dist, browser);
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    throw new Error(`no built extension at ${dir} (manifest.json missing): run ./build.sh first, or set OBJECTOR_DIST`);
  }
  return dir;
}

function requireExecutable(file, debianPackage) {
  if (!existsSync(file)) {
    throw new Error(`${file} not found: install it (Debian: apt-get install ${debianPackage}), or set the path in the environment`);
  }
}

export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------------------------------------ Chromium

/** `catchAll`: every host name resolves to the fixture server (the zero-network test sees every request). */
export async function launchChromium({ port, catchAll = false }) {
  requireExecutable(CHROMIUM, 'chromium');
  const dir = extensionDir('chrome');
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(path.join(tmpdir(), 'objector-e2e-chromium-'));
  // On 443 the rule names no port, so the URL's own port is kept: https://host:8443/ and http://host/ reach the
  // fixture server's extra listeners (hostile.test.js). On another port every URL goes to that one port.
  // `catchAll` maps every host name there (zero-network.test.js sees every request).
  const target = port === 443 ? '127.0.0.1' : `127.0.0.1:${port}`;
  const rules = catchAll ? `MAP * ${target}`
    : [...HOSTS.map((h) => `MAP ${h} ${target}`), `MAP 127.0.0.1 ${target}`, 'MAP * ~NOTFOUND'].join(', ');
  const args = [
    `--disable-extensions-except=${dir}`,
    `--load-extension=${dir}`,
    `--host-resolver-rules=${rules}`,
    '--ignore-certificate-errors',
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-features=HttpsUpgrades',
  ];
  let ctx = null;
  let extensionId = null;
  let firstRun = null;

  async function start() {
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args,
      ignoreDefaultArgs: ['--disable-extensions'],
      viewport: VIEWPORT,
      ignoreHTTPSErrors: true,
      timeout: LAUNCH_TIMEOUT,
    });
    ctx.setDefaultTimeout(15_000);
    ctx.setDefaultNavigationTimeout(20_000);
    let [worker] = ctx.serviceWorkers();
    if (!worker) worker = await ctx.waitForEvent('serviceworker', { timeout: 10_000 });
    const id = new URL(worker.url()).host;
    if (extensionId && id !== extensionId) throw new Error(`extension id changed across restart: ${extensionId} → ${id}`);
    extensionId = id;
    firstRun = null;
  }

  const session = {
    name: 'chromium',
    get extensionId() { return extensionId; },
    get extensionBase() { return `chrome-extension://${extensionId}/`; },
    async newPage() { return ctx.newPage(); },
    async extensionPage(file) {
      const page = await ctx.newPage();
      await page.goto(`chrome-extension://${extensionId}/${file}`, { waitUntil: 'load' });
      return page;
    },
    /** The tab the extension opened by itself (waits up to `ms`). */
    async firstRunPage(ms = 5_000) {
      if (firstRun && !firstRun.isClosed()) return firstRun;
      const deadline = Date.now() + ms;
      for (;;) {
        firstRun = ctx.pages().find((p) => p.url().startsWith(`chrome-extension://${extensionId}/`)) ?? null;
        if (firstRun || Date.now() > deadline) return firstRun;
        await sleep(100);
      }
    },
    async relaunch() {
      await withTimeout(ctx.close(), CLOSE_TIMEOUT, 'closing Chromium');
      await start();
    },
    async close() {
      try {
        if (ctx) await withTimeout(ctx.close(), CLOSE_TIMEOUT, 'closing Chromium');
      } finally {
        ctx = null;
        rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
      }
    },
  };
  try {
    await start();
  } catch (err) {
    await session.close().catch(() => {});
    throw err;
  }
  return session;
}

// ------------------------------------------------------------------------------------------------ Firefox

/** `morePrefs`: preferences of the caller's own (the benchmark's finer timer). */
export async function launchFirefox({ port, morePrefs = {} }) {
  requireExecutable(FIREFOX, 'firefox-esr');
  const dir = extensionDir('firefox');
  const puppeteer = (await import('puppeteer-core')).default;
  const profile = mkdtempSync(path.join(tmpdir(), 'objector-e2e-firefox-'));
  const prefs = {
    'network.dns.forceResolve': '127.0.0.1',
    'extensions.originControls.grantByDefault': true,
    'extensions.webextensions.keepStorageOnUninstall': true,
    'extensions.webextensions.keepUuidOnUninstall': true,
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
    'network.trr.mode': 5,
    'network.http.http3.enable': false,
    'dom.security.https_only_mode': false,
    // Plain http:// fixture URLs stay http (hostile.test.js checks the extension ignores them): no HTTPS-First
    // upgrade and no HSTS preload list (facebook.com is on it).
    'dom.security.https_first': false,
    'network.stricttransportsecurity.preloadlist': false,
    'browser.tabs.warnOnClose': false,
    // permissions.request() from the popup's switch (a real click) is granted without the doorhanger, which
    // WebDriver cannot answer. Firefox still refuses a request made without a click.
    'extensions.webextOptionalPermissionPrompts': false,
  };
  if (port !== 443) prefs['network.socket.forcePort'] = `443=${port}`; // documented alternative (not root)
  Object.assign(prefs, morePrefs);
  let browser = null;
  let firstRun = null;
  const base = `moz-extension://${FIREFOX_UUID}/`;

  // Over BiDi, Puppeteer reports a moz-extension:// tab's url() as about:blank: ask the page itself.
  async function hrefOf(page) {
    try {
      return await withTimeout(page.evaluate(() => location.href), 2_000, 'reading location.href');
    } catch {
      return null;
    }
  }

  async function findExtensionTab(ms, { exclude = new Set(), url = null } = {}) {
    const deadline = Date.now() + ms;
    for (;;) {
      for (const p of await browser.pages()) {
        if (exclude.has(p)) continue;
        const href = await hrefOf(p);
        if (href && (url ? href === url : href.startsWith(base))) return p;
      }
      if (Date.now() > deadline) return null;
      await sleep(200);
    }
  }

  async function start() {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      userDataDir: profile,
      acceptInsecureCerts: true,
      defaultViewport: VIEWPORT,
      extraPrefsFirefox: prefs,
      protocolTimeout: 20_000,
      timeout: LAUNCH_TIMEOUT,
      handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
    });
    const id = await withTimeout(browser.installExtension(dir), 15_000, 'installing the extension in Firefox');
    if (id !== GECKO_ID) throw new Error(`installExtension returned ${id}, expected ${GECKO_ID}`);
    // Wait for the tab the extension opens on install before the tests open tabs of their own: Firefox may
    // load it into a blank tab that the tests would otherwise take and navigate away.
    firstRun = await findExtensionTab(8_000);
  }

  /** Evaluates in an extension tab, retrying while it is between documents. */
  async function evalIn(page, fn, arg, ms = 10_000) {
    const deadline = Date.now() + ms;
    for (;;) {
      try {
        return await page.evaluate(fn, arg);
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await sleep(150);
      }
    }
  }

  const session = {
    name: 'firefox',
    extensionId: GECKO_ID,
    extensionBase: base,
    async newPage() {
      const page = await browser.newPage();
      page.setDefaultTimeout(15_000);
      page.setDefaultNavigationTimeout(20_000);
      return page;
    },
    async firstRunPage(ms = 5_000) {
      if (firstRun && !firstRun.isClosed() && (await hrefOf(firstRun))?.startsWith(base)) return firstRun;
      firstRun = await findExtensionTab(ms);
      return firstRun;
    },
    /**
     * The driver may not navigate to moz-extension:// itself. From the tab the extension opened on install,
     * the page opens a new tab with tabs.create (no permission needed); falls back to moving that tab.
     */
    async extensionPage(file) {
      const anchor = await session.firstRunPage(5_000);
      if (!anchor) throw new Error('Firefox: no extension tab to start from (the extension opened none on install)');
      const url = base + file;
      const before = new Set(await browser.pages());
      // A window of its own, like the real toolbar popup: the tab the user was on stays the active (visible)
      // tab of its window, so Firefox does not throttle it as a background tab.
      const created = await evalIn(anchor, async (u) => {
        const api = globalThis.browser ?? globalThis.chrome;
        const errors = [];
        try {
          await api.windows.create({ url: u, type: 'popup', width: 420, height: 600 });
          return true;
        } catch (e) {
          errors.push(String(e));
        }
        try {
          await api.tabs.create({ url: u });
          return true;
        } catch (e) {
          errors.push(String(e));
        }
        return `${location.href}: ${errors.join('; ')}`;
      }, url);
      if (created === true) {
        const page = await findExtensionTab(10_000, { exclude: before, url });
        if (!page) throw new Error(`Firefox: the tab for ${url} did not appear`);
        await evalIn(page, () => new Promise((r) => (document.readyState === 'complete' ? r(true) : addEventListener('load', () => r(true)))));
        page.setDefaultTimeout(15_000);
        return page;
      }
      if (!(await hrefOf(anchor))?.startsWith(base)) throw new Error(`Firefox: could not open ${url}: ${created}`);
      await evalIn(anchor, (u) => { location.href = u; }, url);
      await evalIn(anchor, (u) => {
        if (location.href !== u || document.readyState !== 'complete') throw new Error('not yet');
        return true;
      }, url);
      firstRun = null;
      return anchor;
    },
    async relaunch() {
      await withTimeout(browser.close(), CLOSE_TIMEOUT, 'closing Firefox').catch((err) => {
        browser.process()?.kill('SIGKILL');
        throw err;
      });
      await start();
    },
    async close() {
      try {
        if (browser) {
          await withTimeout(browser.close(), CLOSE_TIMEOUT, 'closing Firefox').catch((err) => {
            browser.process()?.kill('SIGKILL');
            throw err;
          });
        }
      } finally {
        browser = null;
        rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
      }
    },
  };
  try {
    await start();
  } catch (err) {
    await session.close().catch(() => {});
    throw err;
  }
  return session;
}

export const launchers = { chromium: launchChromium, firefox: launchFirefox };
