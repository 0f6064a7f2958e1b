// Pages for hostile.test.js, made on request from one template: the fixture copy of Meta's objection form
// (www.facebook.com/help/contact/6359191084165019.html) with its email input swapped for a variant, its heading
// changed, a frame added or a page script added. The fixture server calls `generate` for any URL whose query has
// `h=<variant>`, whatever the host (look-alikes, IP literals, other ports, http).
//
// Generated pages send no X-Frame-Options and no frame-ancestors: real Meta pages do, but the extension must not
// rely on that, so the frame cases let the browser frame them. Each page records every click and submit event
// (window.__events) so a case can prove the extension never clicked or submitted.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES } from './server.js';

const TEMPLATE = readFileSync(path.join(FIXTURES, 'www.facebook.com', 'help', 'contact', '6359191084165019.html'), 'utf8');
const EMAIL_INPUT = /<input type="email" name="email"[^>]*>/;
const CLASSES = 'xjbqb8w x1iyjqo2 x193iq5w xeuugli x1vjfegm xwz0hjp x1f7ui4j xh8yej3';
/** The attributes of Meta's email input, and the test's own marker (the extension never reads data-test-*). */
const A = `name="email" id=":r2d:" aria-labelledby=":r2c:" aria-required="true" autocomplete="email" dir="ltr" spellcheck="false" class="${CLASSES}" data-test-field`;

const PROBE = `<script>
window.__events = [];
["click", "submit"].forEach(function (type) {
  addEventListener(type, function (e) {
    window.__events.push({ type: type, trusted: e.isTrusted, target: (e.target && (e.target.id || e.target.tagName)) || "" });
  }, true);
});
</script>`;

/** The email input of each field variant (every one of them must be left alone). */
export const FIELD_VARIANTS = {
  genuine: `<input type="email" ${A} value="">`,
  'type-hidden': `<input type="hidden" ${A} value="">`,
  'display-none': `<input type="email" ${A} value="" style="display:none">`,
  'visibility-hidden': `<input type="email" ${A} value="" style="visibility:hidden">`,
  'opacity-0': `<input type="email" ${A} value="" style="opacity:0">`,
  'zero-size': `<input type="email" ${A} value="" style="width:0;height:0;min-width:0;min-height:0;padding:0;border:0">`,
  disabled: `<input type="email" ${A} value="" disabled>`,
  readonly: `<input type="email" ${A} value="" readonly>`,
  'two-emails': `<input type="email" ${A} value=""><input type="email" name="email_confirm" autocomplete="email" class="${CLASSES}" data-test-field value="">`,
  'password-named-email': `<input type="password" ${A} value="">`,
  'textarea-named-email': `<textarea ${A}></textarea>`,
  'tel-autocomplete-email': `<input type="tel" ${A} value="">`,
  'hidden-ancestor': `<div hidden><input type="email" ${A} value=""></div>`,
  'closed-details': `<details><summary>Email</summary><input type="email" ${A} value=""></details>`,
  'content-visibility-hidden': `<div style="content-visibility:hidden"><input type="email" ${A} value=""></div>`,
  // Left of the page's origin: no scrolling can bring it into view.
  offscreen: `<input type="email" ${A} value="" style="position:absolute;left:-10000px;top:0">`,
  // The field lives in a closed shadow root; window.__shadowField lets the test read it.
  'closed-shadow': `<div id="shadow-host"></div><script>(function () {
  var root = document.getElementById("shadow-host").attachShadow({ mode: "closed" });
  var input = document.createElement("input");
  input.type = "email"; input.name = "email"; input.autocomplete = "email"; input.className = "${CLASSES}";
  root.appendChild(input);
  window.__shadowField = input;
})();</script>`,
};

/** Page scripts that change the form around the extension's fill. */
const SCRIPTS = {
  // After the fill, the page replaces the email input by a new, empty one (the new one must stay empty).
  'swap-after-fill': `<script>(function () {
  var f = document.querySelector("[data-test-field]");
  f.addEventListener("input", function () {
    setTimeout(function () {
      var n = document.createElement("input");
      n.type = "email"; n.name = "email"; n.className = f.className; n.setAttribute("data-test-field", "");
      window.__swapped = { oldValue: f.value, oldFilled: f.getAttribute("data-objector-filled") };
      f.replaceWith(n);
    }, 50);
  }, { once: true });
})();</script>`,
  // During the fill (its input event), the page removes the field and puts an empty one in its place.
  'remove-during-fill': `<script>(function () {
  var f = document.querySelector("[data-test-field]");
  f.addEventListener("input", function () {
    var n = document.createElement("input");
    n.type = "email"; n.name = "email"; n.className = f.className; n.setAttribute("data-test-field", "");
    f.parentNode.insertBefore(n, f);
    f.remove();
    window.__removed = { oldValue: f.value };
  }, { once: true });
})();</script>`,
};

function escapeAttr(s) {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** The form page with `field` as its email input, `heading` as its title and h1, `extra` before </body>. */
function formPage({ field = FIELD_VARIANTS.genuine, heading = null, label = null, lead = null, extra = '' } = {}) {
  let html = TEMPLATE.replace('{{include:snapshot.js}}', `{{include:snapshot.js}}\n${PROBE}`).replace(EMAIL_INPUT, field);
  if (heading) {
    html = html.replace(/<title>[^<]*<\/title>/, `<title>${heading} | Facebook</title>`)
      .replace(/(<h1[^>]*>)[^<]*(<\/h1>)/, `$1${heading}$2`);
  }
  if (lead !== null) html = html.replace(/(<div class="x1n2onr6" dir="auto"><p>)[^<]*(<\/p>)/, `$1${lead}$2`);
  if (label) html = html.replace('<span dir="auto">Email address</span>', `<span dir="auto">${label}</span>`);
  return html.replace('</body>', `${extra}\n</body>`);
}

/** A page around one iframe (a look-alike framing Meta's form, or a Meta page framing a form). */
function framePage(src, heading = 'Verify your account') {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${heading}</title>{{include:snapshot.js}}
${PROBE}</head>
<body><h1>${heading}</h1>
<iframe id="framed" src="${escapeAttr(src)}" width="860" height="520" style="border:0"></iframe>
</body></html>`;
}

/**
 * The fixture server's generator: `?h=<variant>` picks the page. Variants:
 *   field:<name>          the objection form with the email input FIELD_VARIANTS[name]
 *   lookalike-form        an email form that is not Meta's objection form (heading 'Confirm your email')
 *   login-object          a login-problem contact form whose texts say 'object' and 'AI at Meta', never together
 *   frame                 a page around an iframe of `src`
 *   form-with-frame       the objection form, plus an iframe of `src` (or of `srcdoc`)
 *   script:<name>         the objection form with page script SCRIPTS[name]
 */
export function generate({ url }) {
  const v = url.searchParams.get('h');
  if (!v) return null;
  const page = (body) => ({ body, headers: {} }); // no X-Frame-Options, no CSP: frameable anywhere
  if (v.startsWith('field:')) {
    const field = FIELD_VARIANTS[v.slice(6)];
    return field ? page(formPage({ field })) : null;
  }
  if (v.startsWith('script:')) {
    const script = SCRIPTS[v.slice(7)];
    return script ? page(formPage({ extra: script })) : null;
  }
  switch (v) {
    case 'lookalike-form':
      return page(formPage({
        heading: 'Confirm your email to keep your account',
        lead: 'Enter your email address to keep using Facebook.',
      }));
    case 'login-object':
      return page(formPage({
        heading: 'Report a login problem',
        lead: 'We use AI at Meta to spot suspicious logins. Tell us if you object to a login you do not recognise.',
        label: 'Email address you object to being used for this login',
      }));
    case 'frame':
      return page(framePage(url.searchParams.get('src') ?? 'about:blank'));
    case 'form-with-frame': {
      const src = url.searchParams.get('src');
      const srcdoc = `<!DOCTYPE html><html><body><form><label>Email<input type="email" name="email" autocomplete="email" data-test-field value=""></label></form></body></html>`;
      const frame = src
        ? `<iframe id="framed" src="${escapeAttr(src)}" width="860" height="520"></iframe>`
        : `<iframe id="framed" srcdoc="${escapeAttr(srcdoc)}" width="400" height="120"></iframe>`;
      return page(formPage({ extra: frame }));
    }
    default:
      return null;
  }
}
