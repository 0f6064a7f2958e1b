// A generated "mini-Meta" for the journey tests: Facebook's and Instagram's pages on the way to the objection
// form (feed with its menu, settings, Privacy Center, the generative-AI page with its collapsed "right to
// object" section, the form), in eight languages, with Meta-like markup: generated class names, deep nesting,
// role/aria-*. A page is generated when its URL carries `hl=<language>`; every link carries `hl` and `v`
// (the variant) along. Variants:
//   normal    — Meta's wording in that language;
//   reworded  — every visible wording replaced by one Objector does not know (structure and links unchanged);
//   broken    — the Privacy Center has no way on (no AI topic, no objection link);
//   spa       — the Privacy Center opens the AI page with history.pushState and swaps its content, as the
//               single-page app does; Back (popstate) swaps it back.
// The element a user following the guide should click is marked data-expect-target (Objector never reads it).

/** Meta's wording per language (where a localised UI keeps English, so does this table). */
export const WORDING = {
  en: { locale: 'en_GB', profile: 'Your profile', settings: 'Settings & privacy', igSettings: 'Settings', more: 'More', center: 'Privacy Center', genai: 'Generative AI at Meta', accordion: 'Your right to object', object: 'Learn more and object here', send: 'Send', heading: 'Object to Your Information Being Used for AI at Meta', email: 'Email address', posts: ['Check your privacy settings before you post anything!', 'I object to the new canteen menu.', 'Privacy Center fans: meetup on Friday', 'AI at Meta wrote this poem for me'] },
  fr: { locale: 'fr_FR', profile: 'Votre profil', settings: 'Paramètres et confidentialité', igSettings: 'Paramètres', more: 'Plus', center: 'Centre de confidentialité', genai: 'L’IA chez Meta', accordion: 'Votre droit d’opposition', object: 'En savoir plus et vous opposer ici', send: 'Envoyer', heading: 'Vous opposer à l’utilisation de vos informations pour l’IA chez Meta', email: 'Adresse e-mail', posts: ['Vérifiez vos paramètres de confidentialité !', 'Je m’oppose au nouveau menu de la cantine.', 'Centre de confidentialité : le guide complet', 'L’IA chez Meta a écrit ce poème'] },
  de: { locale: 'de_DE', profile: 'Dein Profil', settings: 'Einstellungen und Privatsphäre', igSettings: 'Einstellungen', more: 'Mehr', center: 'Privacy Center', genai: 'Generative KI bei Meta', accordion: 'Dein Widerspruchsrecht', object: 'Mehr erfahren und hier widersprechen', send: 'Senden', heading: 'Widerspruch gegen die Verwendung deiner Informationen für KI bei Meta', email: 'E-Mail-Adresse', posts: ['Prüft eure Einstellungen zur Privatsphäre!', 'Ich widerspreche dem neuen Kantinenplan.', 'Privacy Center – alles, was ihr wissen müsst', 'Generative KI bei Meta hat mir ein Gedicht geschrieben'] },
  es: { locale: 'es_ES', profile: 'Tu perfil', settings: 'Configuración y privacidad', igSettings: 'Configuración', more: 'Más', center: 'Centro de privacidad', genai: 'IA en Meta', accordion: 'Tu derecho a oponerte', object: 'Más información y oponerte aquí', send: 'Enviar', heading: 'Oponerte al uso de tu información para la IA en Meta', email: 'Correo electrónico', posts: ['¡Revisa tu configuración de privacidad!', 'Me opongo al nuevo menú del comedor.', 'Centro de privacidad: guía para fans', 'La IA en Meta me escribió un poema'] },
  it: { locale: 'it_IT', profile: 'Il tuo profilo', settings: 'Impostazioni e privacy', igSettings: 'Impostazioni', more: 'Altro', center: 'Centro per la privacy', genai: 'Generative AI at Meta', accordion: 'Il tuo diritto di opposizione', object: 'Scopri di più e opponiti qui', send: 'Invia', heading: 'Opporti all’uso delle tue informazioni per l’IA di Meta', email: 'Indirizzo e-mail', posts: ['Controlla le impostazioni della privacy!', 'Mi oppongo al nuovo menù della mensa.', 'Centro per la privacy: la guida dei fan', 'L’IA di Meta mi ha scritto una poesia'] },
  nl: { locale: 'nl_NL', profile: 'Je profiel', settings: 'Instellingen en privacy', igSettings: 'Instellingen', more: 'Meer', center: 'Privacycentrum', genai: 'Generatieve AI bij Meta', accordion: 'Je recht om bezwaar te maken', object: 'Meer informatie en hier bezwaar maken', send: 'Verzenden', heading: 'Bezwaar maken tegen het gebruik van je informatie voor AI bij Meta', email: 'E-mailadres', posts: ['Controleer je privacy-instellingen!', 'Ik maak bezwaar tegen het nieuwe kantinemenu.', 'Privacycentrum: alles op een rij', 'AI bij Meta schreef een gedicht voor mij'] },
  pl: { locale: 'pl_PL', profile: 'Twój profil', settings: 'Ustawienia i prywatność', igSettings: 'Ustawienia', more: 'Więcej', center: 'Centrum prywatności', genai: 'Generatywna SI w Meta', accordion: 'Twoje prawo do sprzeciwu', object: 'Dowiedz się więcej i zgłoś sprzeciw tutaj', send: 'Wyślij', heading: 'Sprzeciw wobec wykorzystywania Twoich informacji przez AI w Meta', email: 'Adres e-mail', posts: ['Sprawdź ustawienia prywatności!', 'Zgłaszam sprzeciw wobec nowego menu w stołówce.', 'Centrum prywatności: poradnik', 'SI w Meta napisała mi wiersz'] },
  sv: { locale: 'sv_SE', profile: 'Din profil', settings: 'Inställningar och integritet', igSettings: 'Inställningar', more: 'Mer', center: 'Integritetscenter', genai: 'Generativ AI hos Meta', accordion: 'Din rätt att invända', object: 'Läs mer och invänd här', send: 'Skicka', heading: 'Invänd mot att din information används för AI hos Meta', email: 'E-postadress', posts: ['Kolla dina integritetsinställningar!', 'Jag invänder mot den nya matsedeln.', 'Integritetscenter: allt du behöver veta', 'AI hos Meta skrev en dikt åt mig'] },
};

/** Wordings Objector has never seen (the reworded variant), the same in every language. */
const REWORDED = { profile: 'Account hub', settings: 'Control room', igSettings: 'Control room', more: 'Extras', center: 'Data hub', genai: 'Machine learning notes', accordion: 'Read further', object: 'Continue here', send: 'Transmit' };

export const FORMS = { facebook: 'https://www.facebook.com/help/contact/6359191084165019', instagram: 'https://help.instagram.com/contact/233964459562201' };

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

let seed = 1;
/** Generated class names in Meta's style (x1i10hfl …). */
function cls(n = 3) {
  const out = [];
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    out.push(`x${seed.toString(36).slice(0, 7)}`);
  }
  return out.join(' ');
}

/** Wraps `html` in `depth` divs with generated classes, as React's output nests. */
function nest(html, depth = 4) {
  let out = html;
  for (let i = 0; i < depth; i++) out = `<div class="${cls()}">${out}</div>`;
  return out;
}

function page(lang, title, body, script = '') {
  return `<!DOCTYPE html>
<html lang="${lang}" dir="ltr" class="${cls(2)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
{{include:meta-style.css}}
</head>
<body class="${cls(3)}"><div id="mount_0_0_${cls(1).slice(1, 4)}">${body}</div>
<script>${script}</script>
</body></html>`;
}

function posts(w, link) {
  return w.posts.map((text, i) => nest(`<div role="article" aria-posinset="${i + 1}" class="${cls()}">
    ${nest(`<span dir="auto" class="${cls()}">${esc(text)}</span>`, 3)}
    <a role="link" class="${cls()}" href="${i % 2 ? 'https://example.org/privacy/center/' : link(`/groups/${i}/`)}"><span>${esc(w.center)}</span></a>
    <div role="button" tabindex="0" aria-label="${esc(w.settings)} ${i}" class="${cls()}"><span>…</span></div>
  </div>`, 5)).join('\n');
}

/** A menu opened by a button, as Meta's account menu (hidden until clicked). */
const MENU_SCRIPT = `
  document.querySelectorAll('[data-menu-button]').forEach(function (b) {
    b.addEventListener('click', function () {
      var m = document.getElementById(b.getAttribute('aria-controls'));
      m.hidden = !m.hidden;
      b.setAttribute('aria-expanded', String(!m.hidden));
    });
  });
  document.querySelectorAll('[data-accordion]').forEach(function (b) {
    b.addEventListener('click', function () {
      var s = document.getElementById(b.getAttribute('aria-controls'));
      s.hidden = !s.hidden;
      b.setAttribute('aria-expanded', String(!s.hidden));
    });
  });`;

/**
 * The page for `host` + `url`, or null when the URL asks for none (no `hl`), so the static fixtures answer.
 */
export function journeyPage(host, url) {
  const lang = url.searchParams.get('hl');
  if (!lang || !WORDING[lang]) return null;
  const variant = url.searchParams.get('v') || 'normal';
  const w = variant === 'reworded' ? { ...WORDING[lang], ...REWORDED } : WORDING[lang];
  const q = `hl=${lang}&v=${variant}`;
  const link = (p) => `${p}${p.includes('?') ? '&' : '?'}${q}`;
  const path = url.pathname;
  const site = host.endsWith('instagram.com') ? 'instagram' : 'facebook';

  // Feeds.
  if (site === 'facebook' && host === 'www.facebook.com' && path === '/') {
    const banner = `<div role="banner" class="${cls()}">${nest(`<a aria-label="Facebook" href="${link('/')}" class="${cls()}">f</a>`, 2)}
      ${nest(`<div role="button" tabindex="0" aria-label="${esc(w.profile)}" aria-expanded="false" aria-controls="acct" data-menu-button
        data-expect-target class="${cls()}"><svg aria-hidden="true" width="40" height="40"><circle cx="20" cy="20" r="18"/></svg></div>`, 3)}
      <div id="acct" role="menu" hidden class="${cls()}">${nest(`<a role="menuitem" href="${link('/settings/?tab=privacy')}" data-expect-next-target class="${cls()}"><span>${esc(w.settings)}</span></a>`, 3)}</div></div>`;
    return page(lang, 'Facebook', `${banner}<div role="feed" class="${cls()}">${posts(w, link)}</div>`, MENU_SCRIPT);
  }
  if (site === 'instagram' && host === 'www.instagram.com' && path === '/') {
    const nav = `<div role="navigation" class="${cls()}">${nest(`<a role="link" href="${link('/')}" class="${cls()}">Instagram</a>`, 2)}
      ${nest(`<div role="button" tabindex="0" aria-expanded="false" aria-controls="more" data-menu-button data-expect-target class="${cls()}"><span>${esc(w.more)}</span></div>`, 3)}
      <div id="more" role="menu" hidden class="${cls()}">${nest(`<a role="menuitem" href="${link('/accounts/edit/')}" data-expect-next-target class="${cls()}"><span>${esc(w.igSettings)}</span></a>`, 3)}</div></div>`;
    return page(lang, 'Instagram', `${nav}<main role="main" class="${cls()}">${posts(w, link)}</main>`, MENU_SCRIPT);
  }
  // Settings.
  if ((site === 'facebook' && path.startsWith('/settings')) || (site === 'instagram' && path.startsWith('/accounts/edit'))) {
    const center = site === 'facebook' ? link('/privacy/center/?entry_point=settings') : link('https://privacycenter.instagram.com/');
    return page(lang, w.settings, nest(`<div role="navigation" class="${cls()}">
      ${nest(`<a role="link" href="${link(site === 'facebook' ? '/settings/?tab=account' : '/accounts/edit/?tab=profile')}" class="${cls()}">${esc(w.profile)}</a>`, 2)}
      ${nest(`<a role="link" href="${center}" data-expect-target class="${cls()}"><span>${esc(w.center)}</span></a>`, 2)}
      </div>`, 6));
  }
  // Privacy Center (the broken variant has no way on; the SPA variant swaps in the AI page without loading).
  const isCenter = (site === 'facebook' && path.startsWith('/privacy/center')) || (host === 'privacycenter.instagram.com' && path === '/');
  const genaiPath = '/privacy/genai/';
  const genaiArticle = (hiddenSection) => `<h1 class="${cls()}">${esc(w.genai)}</h1>
    ${nest(`<p>${esc(w.posts[3])}</p>`, 2)}
    ${nest(`<div role="button" tabindex="0" aria-expanded="${hiddenSection ? 'false' : 'true'}" aria-controls="rto" data-accordion ${hiddenSection ? 'data-expect-target' : ''} class="${cls()}"><span>${esc(w.accordion)}</span></div>`, 2)}
    <div id="rto" ${hiddenSection ? 'hidden' : ''} class="${cls()}">${nest(`<a role="link" target="_blank" href="${link(FORMS[site])}" ${hiddenSection ? 'data-expect-next-target' : 'data-expect-target'} class="${cls()}"><span>${esc(w.object)}</span></a>`, 3)}</div>`;
  if (isCenter) {
    if (variant === 'broken') {
      return page(lang, w.center, nest(`<h1>${esc(w.center)}</h1>${nest(`<a role="link" href="${link(site === 'facebook' ? '/settings/' : '/accounts/edit/')}" class="${cls()}">${esc(w.settings)}</a>`, 3)}`, 5));
    }
    const tile = `<a role="link" id="genai-tile" href="${link(genaiPath)}" data-expect-target class="${cls()}"><span>${esc(w.genai)}</span></a>`;
    const spa = variant === 'spa' ? `
      var home = document.getElementById('view').innerHTML;
      var article = ${JSON.stringify(genaiArticle(false))};
      document.getElementById('genai-tile').addEventListener('click', function (e) {
        e.preventDefault();
        history.pushState({ view: 'genai' }, '', this.getAttribute('href'));
        document.getElementById('view').innerHTML = article;
      });
      window.addEventListener('popstate', function () {
        document.getElementById('view').innerHTML = location.pathname.indexOf('/privacy/genai') === 0 ? article : home;
      });` : '';
    return page(lang, w.center, `<div id="view">${nest(`<h1 class="${cls()}">${esc(w.center)}</h1>${nest(tile, 4)}`, 5)}</div>`, spa);
  }
  // The generative-AI page: the objection link sits in a collapsed section.
  if (path.startsWith('/privacy/genai')) {
    return page(lang, w.genai, nest(genaiArticle(true), 5), MENU_SCRIPT);
  }
  // The form (known IDs only; anything else falls through to the static fixtures).
  const formPath = site === 'facebook' ? '/help/contact/6359191084165019' : '/contact/233964459562201';
  if (path === formPath && (host === 'www.facebook.com' || host === 'help.instagram.com')) {
    return page(lang, w.heading, nest(`<h1 class="${cls()}">${esc(w.heading)}</h1>
      <form id="f" novalidate class="${cls()}">
        ${nest(`<label for="em" class="${cls()}">${esc(w.email)}</label><input id="em" type="email" name="email" autocomplete="email" class="${cls()}">`, 3)}
        ${nest(`<div role="button" tabindex="0" id="send" data-expect-target class="${cls()}"><span>${esc(w.send)}</span></div>`, 3)}
      </form>`, 5));
  }
  return null;
}
