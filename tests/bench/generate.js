// Generates the benchmark's pages: Meta-like documents of ~20,000 elements (deep div nesting, atomic class names
// like `x1i10hfl x1qjc9v5`, role/aria-*, posts that talk about privacy, settings and objecting), served by the
// fixture server (tests/e2e/server.js, `dynamic` hook) under the real host names. Nothing here is committed as
// HTML: the pages are made at run time from a fixed seed, so every run measures the same documents.
//
//   generatePage({ kind, target, elements })
//     kind     'feed' (www.facebook.com/: the guide's first step applies, the target is the account-menu button
//              aria-label "Your profile"), 'privacy_center' (www.facebook.com/privacy/center/: the target is the
//              link to /privacy/genai/ "Generative AI at Meta"), 'marketplace' (www.facebook.com/marketplace/:
//              the same feed, classified "other": no step applies)
//     target   false: the page starts without its target (the harness inserts it later)
//     elements how many elements the document should have (about; default 20,000)
//
// Every page carries the same small harness in its own (main) world, `window.__bench`; see HARNESS below.

/* Deterministic PRNG (mulberry32): the same seed makes the same page. Inlined into the page for new posts. */
function rng(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/* One post of ~60 elements, Meta-style. Self-contained (no closure): it is also inlined into the page, where the
   mutating feed makes new posts with it. Links point at profiles, groups and photos only, never at a guide step. */
function makePost(i, rand) {
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const cls = (n) => {
    let s = '';
    for (let k = 0; k < n; k++) s += (k ? ' ' : '') + 'x' + Math.floor(rand() * 2176782336).toString(36).slice(0, 6 + (k % 2));
    return s;
  };
  const names = ['Jane Doe', 'Marco Rossi', 'Anna Schmidt', 'Lucas Martin', 'Eva Novak', 'Pieter de Vries', 'Sofia García'];
  const texts = [
    'Has anyone found where the privacy settings moved? I want to object before my photos are used for AI.',
    'Reminder: Meta uses public posts to train its AI unless you object. It is in Settings, then the Privacy Center.',
    'I tried objecting yesterday, the form asked for my email address and then sent a code. Took two minutes.',
    'Does objecting on Facebook also cover Instagram? The settings page was not clear about it at all.',
    'Privacy tip of the day: check your settings after every app update, things move around all the time.',
    'Our group talked about the right to object under the GDPR. Slides are in the files section.',
    'Lovely weather at the lake today. No privacy worries, just ducks.',
  ];
  const who = pick(names);
  const id = 100000 + Math.floor(rand() * 900000);
  // Links as Meta writes them in a feed (saved Facebook pages show it): absolute, on the page's own host, each
  // carrying the post's tracking token (`__cft__[0]`, about 140 characters, the same in every link of a post) and
  // a click-trace code (`__tn__`). Until the fourteenth session they were root-relative with short queries, which
  // spared the extension most of the reading and copying a real feed's links cost it.
  const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let token = 'AZ';
  for (let k = 0; k < 138; k++) token += B64URL[Math.floor(rand() * 64)];
  const link = (path, tn) =>
    `https://www.facebook.com${path}${path.includes('?') ? '&amp;' : '?'}__cft__[0]=${token}&amp;__tn__=${tn}`;
  const para = () => `<div class="${cls(3)}" dir="auto"><span class="${cls(2)}">${pick(texts)}</span></div>`;
  const action = (label) =>
    `<div class="${cls(2)}"><div aria-label="${label}" class="${cls(6)}" role="button" tabindex="0"><span class="${cls(2)}"><i class="${cls(3)}"></i></span><span class="${cls(3)}">${label}</span></div></div>`;
  const comment = () => {
    const c = pick(names);
    return `<div class="${cls(2)}" role="article" aria-label="Comment by ${c}"><div class="${cls(3)}"><a class="${cls(4)}" href="${link(`/profile.php?id=${100000 + Math.floor(rand() * 900000)}`, 'R]-R')}" role="link" tabindex="0"><span class="${cls(2)}">${c}</span></a><div class="${cls(2)}" dir="auto"><span class="${cls(2)}">${pick(texts)}</span></div></div><div class="${cls(2)}"><div role="button" tabindex="0" class="${cls(4)}">Like</div><div role="button" tabindex="0" class="${cls(4)}">Reply</div></div></div>`;
  };
  return `<div class="${cls(4)}" data-post="${i}"><div class="${cls(3)}"><div class="${cls(5)}"><div class="${cls(2)}" role="article" aria-labelledby="h${i}" aria-describedby="d${i}"><div class="${cls(4)}"><div class="${cls(3)}">` +
    `<div class="${cls(3)}"><div class="${cls(2)}"><a aria-label="${who}" class="${cls(6)}" href="${link(`/profile.php?id=${id}`, '%3C%2CP-R')}" role="link" tabindex="0"><svg aria-hidden="true" class="${cls(2)}" width="40" height="40"><circle cx="20" cy="20" r="20" fill="#8a8d91"></circle></svg></a></div>` +
    `<div class="${cls(3)}"><h4 id="h${i}" class="${cls(2)}"><span class="${cls(2)}"><a class="${cls(5)}" href="${link(`/profile.php?id=${id}`, '-UC%2CP-R')}" role="link" tabindex="0">${who}</a></span></h4>` +
    `<div class="${cls(2)}"><span class="${cls(2)}"><a class="${cls(5)}" href="${link(`/groups/${1000 + (i % 97)}/posts/${id}/`, '%2CO%2CP-R')}" role="link" tabindex="0"><span class="${cls(2)}">${1 + (i % 23)} h</span></a></span></div></div>` +
    `<div class="${cls(2)}"><div aria-label="Actions for this post" aria-expanded="false" aria-haspopup="menu" class="${cls(5)}" role="button" tabindex="0"><svg aria-hidden="true" width="20" height="20"><circle cx="4" cy="10" r="2"></circle></svg></div></div></div>` +
    `<div id="d${i}" class="${cls(3)}"><div class="${cls(2)}">${para()}${para()}${para()}</div></div>` +
    `<div class="${cls(3)}"><a class="${cls(4)}" href="${link(`/photo/?fbid=${id}&amp;set=a.${id}`, 'EH-R')}" role="link" tabindex="0"><div class="${cls(3)}" style="height:120px;background:#dfe3e8"><div class="${cls(2)}"></div></div></a></div>` +
    `<div class="${cls(3)}"><span class="${cls(2)}"><span class="${cls(2)}">${i % 300} reactions</span></span><span class="${cls(2)}">${i % 40} comments</span></div>` +
    `<div class="${cls(4)}">${action('Like')}${action('Comment')}${action('Share')}</div>` +
    `<div class="${cls(3)}">${comment()}${comment()}</div>` +
    '</div></div></div></div></div></div>';
}

const countElements = (html) => (html.match(/<[a-z][\w-]*/g) ?? []).length;

function banner(rand, target) {
  const menuButton = target
    ? '<div class="x1i10hfl xjbqb8w x6umtig x1b1mbwd xaqea5y xav7gou x1ypdohk xe8uvvx" aria-label="Your profile" aria-expanded="false" aria-haspopup="menu" role="button" tabindex="0" id="bench-target"><svg aria-hidden="true" width="40" height="40"><circle cx="20" cy="20" r="20" fill="#8a8d91"></circle></svg></div>'
    : '';
  const nav = ['Home', 'Video', 'Marketplace', 'Groups', 'Gaming']
    .map((n) => `<li class="x1iyjqo2"><a aria-label="${n}" class="x1i10hfl xjbqb8w x6umtig" href="/${n.toLowerCase()}/" role="link" tabindex="0"><span class="x1lliihq">${n}</span></a></li>`).join('');
  return `<div role="banner" class="x9f619 x78zum5 x1q0g3np x6s0dn4"><a aria-label="Facebook" class="x1i10hfl xjbqb8w" href="/" role="link" tabindex="0">f</a>` +
    `<div role="navigation" aria-label="Facebook" class="x78zum5 x1iyjqo2"><ul class="x78zum5 xaqea5y">${nav}</ul></div>` +
    `<div role="navigation" aria-label="Account Controls and Settings" class="x78zum5 x6s0dn4" id="bench-account">` +
    '<div aria-label="Menu" class="x1i10hfl x1ejq31n" role="button" tabindex="0">☰</div>' +
    '<div aria-label="Messenger" class="x1i10hfl x1ejq31n" role="button" tabindex="0">✉</div>' +
    `${menuButton}</div></div>`;
}

function privacyCenterTop(target) {
  const topics = ['Privacy settings', 'Sharing', 'Ads', 'Security', 'Data you share', 'Your information']
    .map((t) => `<div class="x1n2onr6 xds687c" role="listitem"><a class="x1i10hfl xjbqb8w x6umtig" href="/privacy/center/?topic=${encodeURIComponent(t)}" role="link" tabindex="0"><span class="x193iq5w">${t}</span></a></div>`).join('');
  const genai = target
    ? '<div class="x1n2onr6 xds687c" role="listitem" id="bench-target-wrap"><a class="x1i10hfl xjbqb8w x6umtig x1ypdohk" href="/privacy/genai/?entry_point=privacy_center_home" role="link" tabindex="0" id="bench-target"><span class="x193iq5w">Generative AI at Meta</span></a></div>'
    : '';
  return `<div role="main" class="x78zum5 xdt5ytf"><h1 class="x1lliihq">Privacy Center</h1><div role="list" class="x78zum5" id="bench-account">${topics}${genai}</div></div>`;
}

/* The page-world harness. Records, on performance.now()'s clock (relative to performance.timeOrigin):
   - highlightAt: when an element first got data-objector-target (MutationObserver, attributes);
   - guideAt: when <objector-guide> was inserted; readyAt: see below; attrWrites / guideInserts: how many data-objector-* attribute
     writes and <objector-guide> insertions happened at all (the "no step applies" count);
   and offers insertTarget/removeTarget, startMutating/stopMutating, and rescan() (see its comment). */
const HARNESS = String.raw`
(function () {
  var B = window.__bench = { attrWrites: 0, guideInserts: 0, highlightAt: null, guideAt: null, readyAt: null, highlights: [], kind: KIND };
  /* readyAt: the page's first task after DOMContentLoaded's, i.e. when the browser is done with what it does
     for the page at that point (Firefox lays the page out in the same task, after the event). */
  document.addEventListener('DOMContentLoaded', function () { setTimeout(function () { B.readyAt = performance.now(); }, 0); });
  new MutationObserver(function (recs) {
    var t = performance.now();
    for (var i = 0; i < recs.length; i++) {
      var r = recs[i];
      if (r.type === 'attributes') {
        B.attrWrites++;
        if (r.attributeName === 'data-objector-target' && r.target.hasAttribute('data-objector-target')) {
          if (B.highlightAt === null) { B.highlightAt = t; performance.mark('objector-highlight'); }
          B.highlights.push(t);
        }
      } else {
        for (var j = 0; j < r.addedNodes.length; j++) if (r.addedNodes[j].nodeName === 'OBJECTOR-GUIDE') {
          B.guideInserts++;
          if (B.guideAt === null) B.guideAt = t;
        }
      }
    }
  }).observe(document.documentElement, { subtree: true, childList: true, attributes: true,
    attributeFilter: ['data-objector-target', 'data-objector-filled'] });

  var rand = rng(7);
  var next = 100000;
  /* The page inserts its target now; returns t0. The highlight time comes from the observer above. */
  B.insertTarget = function () {
    var box = document.getElementById('bench-account');
    var t0 = performance.now();
    box.insertAdjacentHTML('beforeend', TARGET_HTML);
    return t0;
  };
  B.removeTarget = function () {
    var t = document.getElementById(B.kind === 'privacy_center' ? 'bench-target-wrap' : 'bench-target');
    if (t) t.remove();
  };
  /* Facebook-like scrolling: every periodMs a new post is appended at the end and the oldest one recycled
     (removed), and a post's menu button flips aria-expanded. The element count stays the same. */
  var timer = null;
  B.mutations = 0;
  function batch() {
    var feed = document.getElementById('bench-feed');
    feed.insertAdjacentHTML('beforeend', makePost(next++, rand));
    feed.firstElementChild.remove();
    var b = feed.children[(next * 7) % feed.children.length].querySelector('[aria-haspopup]');
    if (b) b.setAttribute('aria-expanded', b.getAttribute('aria-expanded') === 'true' ? 'false' : 'true');
    B.mutations++;
  }
  B.startMutating = function (periodMs) {
    if (!timer) timer = setInterval(batch, periodMs);
  };
  B.stopMutating = function () { clearInterval(timer); timer = null; };
  /* Exactly n batches, one every periodMs, then settleMs more for what they set off (the extension scans in the
     next frame); resolves then. Two pages loaded alike and given the same calls make the same changes, so their
     busy times compare the same work. */
  B.mutateBatches = function (n, periodMs, settleMs) {
    return new Promise(function (resolve) {
      var k = 0;
      var t = setInterval(function () {
        batch();
        if (++k === n) { clearInterval(t); setTimeout(resolve, settleMs); }
      }, periodMs);
    });
  };

  /* Per-frame cost of one rescan, side by side with plain JS doing the same reads, in the same page:
     round "whole": in a frame callback the page registers BEFORE, then changes its URL (replaceState, as
     the app does when it navigates) and flips a class on the first post (a layout change the extension
     observes); the extension's observer then asks for its scan frame, and the page's own observer (created
     here, so after the extension's) registers AFTER. Next frame the callbacks run in that order, so
     AFTER - BEFORE is the extension's scan (plus an empty-callback gap, measured alone in round "gap"). A new
     URL makes the extension read the whole page again; the "whole" rounds go back and forth between the feed's
     two paths (/ and /home.php), so that every one is a new path: the extension keeps its core's answers about
     texts while the page kind and language stay, and about links while the page kind and origin stay
     (extension/read.js). Round "cold" goes to another kind of page (/settings/): nothing the extension keeps
     holds there, and every string is asked about anew; before the next round the page goes back to the feed,
     untimed, and waits for the extension to scan it. Rounds "ext" (the class flip alone: the extension
     reads nothing, it checks what scored) and "added" (a new post appended, then the class flip: the
     extension reads the new post) are the same with the changes a feed makes while the user scrolls. Rounds "qsa", "text" and "full" make the same layout change through an attribute
     the extension does not observe, then time plain JS in the next frame: querySelectorAll of the extension's
     selector; plus textContent of each candidate; plus getBoundingClientRect, checkVisibility and the five
     attributes the extension reads. Round "textq" is round "text" with the extension's own quicker query for the
     same elements ("quick"). Round "world" is round "text" run by a listener of the event "objector-bench-world"
     that the benchmark adds in an extension-like world (Chromium: the extension's own; Firefox: a WebDriver
     sandbox, which reaches the page through Xrays as content scripts do): the page only dispatches the event,
     and the listener keeps its own times. Rounds alternate, so noise hits all kinds alike.
     Every round starts from an up-to-date layout: the page's frame callback first makes the browser restyle and
     lay out what the page changed (one layout read), then starts the timer. That work is the page's, done in
     that frame with or without the extension, and the first layout read after the change pays it, whoever
     makes it; in Firefox a new URL alone restyles every relative link (20-60 ms on this feed). Its time in
     the "whole" rounds is returned as pageFlush. */
  B.rescan = function (rounds, selector, quick) {
    return new Promise(function (resolve) {
      var kinds = ['whole', 'text', 'ext', 'full', 'added', 'qsa', 'gap', 'textq', 'cold', 'world'];
      var PACING_WAIT_MS = 400;
      var res = { whole: [], ext: [], added: [], text: [], full: [], qsa: [], gap: [], textq: [], world: [], cold: [],
        pageFlush: [], candidates: 0, afterWhole: 0 };
      var back = false; // after a "cold" round: go back to the feed, untimed, before the next round
      var feed = document.getElementById('bench-feed');
      var post = document.querySelector('#bench-feed > div');
      var round = 0, t1 = 0, wantAfter = false;
      var opts = { visibilityProperty: true, opacityProperty: true };
      var mo = new MutationObserver(function () { if (wantAfter) { wantAfter = false; requestAnimationFrame(after); } });
      mo.observe(post, { attributes: true, attributeFilter: ['class'] });
      // The page's own style and layout work for its change (see above), before the timer starts.
      function flush() { var t = performance.now(); document.documentElement.getBoundingClientRect(); return performance.now() - t; }
      function before() {
        var f = flush();
        if (kinds[round % kinds.length] === 'whole') res.pageFlush.push(f);
        t1 = performance.now();
      }
      function after() {
        res[kinds[round % kinds.length]].push(performance.now() - t1);
        round++;
        requestAnimationFrame(kick);
      }
      function js(kind) {
        flush();
        if (kind === 'world') {
          document.dispatchEvent(new Event('objector-bench-world'));
          round++;
          requestAnimationFrame(kick);
          return;
        }
        var t = performance.now();
        var list = document.querySelectorAll(kind === 'textq' ? quick : selector), n = 0;
        if (kind !== 'qsa') {
          for (var i = 0; i < list.length; i++) {
            var e = list[i];
            if (kind === 'full') {
              var r = e.getBoundingClientRect();
              if (r.width < 1 || r.height < 1) continue;
              if (e.checkVisibility && !e.checkVisibility(opts)) continue;
              e.tagName; e.getAttribute('href'); e.getAttribute('role'); e.getAttribute('type');
              e.getAttribute('aria-label'); e.getAttribute('aria-expanded');
            }
            n += (e.textContent || '').trim().length > 0 ? 1 : 0;
          }
        }
        if (kind !== 'textq') res.candidates = list.length;
        // A "text" round follows each "whole" round with the same document (posts are added later, in "added"
        // rounds): what the extension's whole-page read must have found.
        if (kind === 'text') res.afterWhole = list.length;
        res[kind].push(performance.now() - t);
        round++;
        requestAnimationFrame(kick);
      }
      function kick() {
        if (back) {
          back = false;
          setTimeout(function () {
            history.replaceState(null, '', '/?bench=feed&rescan=1&back=' + round);
            post.classList.toggle('xbench1');
            setTimeout(function () { requestAnimationFrame(kick); }, PACING_WAIT_MS);
          }, PACING_WAIT_MS);
          return;
        }
        if (round >= rounds * kinds.length) { mo.disconnect(); resolve(res); return; }
        var kind = kinds[round % kinds.length];
        if (kind === 'ext' || kind === 'added' || kind === 'whole' || kind === 'cold') {
          // The extension paces itself after a costly scan (no new scan before start + 5 × cost): wait
          // that out, or the round would time a frame in which it does not scan at all.
          setTimeout(function () {
            requestAnimationFrame(before);
            wantAfter = true;
            var path = kind === 'cold' ? '/settings/' : location.pathname === '/' ? '/home.php' : '/';
            if (kind === 'whole' || kind === 'cold') history.replaceState(null, '', path + '?bench=feed&rescan=1&round=' + round);
            back = kind === 'cold';
            if (kind === 'added') feed.insertAdjacentHTML('beforeend', makePost(next++, rand));
            post.classList.toggle('xbench1');
          }, PACING_WAIT_MS);
        } else if (kind === 'gap') {
          post.toggleAttribute('data-bench');
          requestAnimationFrame(before);
          requestAnimationFrame(after);
        } else {
          post.toggleAttribute('data-bench');
          requestAnimationFrame(function () { js(kind); });
        }
      }
      requestAnimationFrame(kick);
    });
  };
})();
`;

const TARGET_HTML = {
  feed: '<div class="x1i10hfl xjbqb8w x6umtig x1b1mbwd" aria-label="Your profile" aria-expanded="false" aria-haspopup="menu" role="button" tabindex="0" id="bench-target"><svg aria-hidden="true" width="40" height="40"><circle cx="20" cy="20" r="20" fill="#8a8d91"></circle></svg></div>',
  privacy_center: '<div class="x1n2onr6 xds687c" role="listitem" id="bench-target-wrap"><a class="x1i10hfl xjbqb8w x6umtig x1ypdohk" href="/privacy/genai/?entry_point=privacy_center_home" role="link" tabindex="0" id="bench-target"><span class="x193iq5w">Generative AI at Meta</span></a></div>',
};
TARGET_HTML.marketplace = TARGET_HTML.feed;

const STYLE = `<style>
body{margin:0;font:15px/1.35 system-ui,sans-serif;background:#f0f2f5}
[role=banner]{display:flex;gap:8px;align-items:center;height:56px;background:#fff;position:sticky;top:0}
[role=banner] ul{display:flex;gap:8px;list-style:none;margin:0;padding:0}
[role=navigation]{display:flex;gap:8px}
[role=button]{display:inline-block;cursor:pointer;min-width:20px;min-height:20px}
#bench-feed{max-width:680px;margin:0 auto}
#bench-feed>div{background:#fff;margin:12px 0;padding:12px;border-radius:8px}
#bench-feed>div.xbench1,#bench-feed>div[data-bench]{padding-left:13px}
[role=article] [role=article]{margin:4px 0 4px 24px}
[role=list]{display:flex;flex-wrap:wrap;gap:8px}
</style>`;

const PATHS = { feed: '/', privacy_center: '/privacy/center/', marketplace: '/marketplace/' };
export const PAGE_PATHS = PATHS;

/** The HTML of one benchmark page. */
export function generatePage({ kind = 'feed', target = true, elements = 20_000 } = {}) {
  if (!PATHS[kind]) throw new Error(`unknown page kind ${kind}`);
  const rand = rng(1);
  const top = kind === 'privacy_center' ? privacyCenterTop(target) : banner(rand, target);
  const title = { feed: 'Facebook', privacy_center: 'Privacy Center | Facebook', marketplace: 'Marketplace | Facebook' }[kind];
  const harness = `<script>${rng}\n${makePost}\nvar KIND = ${JSON.stringify(kind)};\nvar TARGET_HTML = ${JSON.stringify(TARGET_HTML[kind])};\n${HARNESS}</script>`;
  const head = `<!DOCTYPE html><html id="facebook" lang="en" dir="ltr"><head><meta charset="utf-8"><title>${title}</title>${STYLE}</head>` +
    `<body class="_6s5d _71pn"><div id="mount_0_0_Qx"><div class="x9f619 x1n2onr6 x1ja2u2z"><div class="x78zum5 xdt5ytf x1n2onr6">${top}<div role="feed" id="bench-feed">`;
  const tail = `</div></div></div></div>${harness}</body></html>`;
  let n = countElements(head) + countElements(tail);
  const posts = [];
  for (let i = 0; n < elements; i++) {
    const p = makePost(i, rand);
    posts.push(p);
    n += countElements(p);
  }
  return head + posts.join('') + tail;
}

const cache = new Map();
/** The fixture server's `dynamic` hook: `?bench=…` on one of PATHS gives a generated page (`&target=0`: without
    its target). Other query parameters (a run number) only make URLs differ. */
export function benchRoute(host, url) {
  if (host !== 'www.facebook.com' || !url.searchParams.has('bench')) return null;
  const kind = Object.keys(PATHS).find((k) => PATHS[k] === url.pathname);
  if (!kind) return null;
  const target = url.searchParams.get('target') !== '0';
  const key = `${kind}:${target}`;
  if (!cache.has(key)) cache.set(key, generatePage({ kind, target }));
  return cache.get(key);
}

export { countElements, rng };
