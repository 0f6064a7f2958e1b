//! Scores elements of a page against a step's signals. Link targets first (they
//! outlive wording), then role and ARIA state, then visible text / `aria-label`
//! in the page's language. Class names are never looked at: Meta generates them.

use crate::core::classify::{classify, kind_on, meta_host, CONTACT_FORM};
use crate::core::label_files::label_lang;
use crate::core::normalize::{ascii_normalizes_to, contains_str, contains_words, first_char, normalize};
use crate::core::rules::{Labels, Rules, StepRule};
use crate::core::strings::{char_count, concat, decimal};
use crate::core::url::{depends_on_path, resolve, trim_url, Url};
use crate::prelude::*;
use ::core::cell::OnceCell;

/// What the DOM shell reads of one element. The fields borrow from the
/// shell's bulk string (see [`Candidate::parse_all`]). A feed has thousands
/// of candidates, of which [`Sift`] lets only a handful be read in full,
/// but a page whose texts are labels can still list many, so a candidate is
/// kept small (88 bytes in wasm32: plain `&str` fields, the resolved link
/// boxed).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Candidate<'a> {
    /// Lower-case tag name.
    pub tag: &'a str,
    /// Raw `href` attribute (links only).
    pub href: &'a str,
    pub role: &'a str,
    /// `type` attribute (buttons, inputs).
    pub kind: &'a str,
    pub aria_label: &'a str,
    /// `"true"`, `"false"` or empty.
    pub aria_expanded: &'a str,
    /// `textContent`, trimmed and capped by the shell.
    pub text: &'a str,
    /// Computed once per scan, not once per step (a feed has thousands of
    /// candidates and a page up to three steps): normalised text and label,
    /// and the link target.
    /// (Public only so that other modules can build candidates with
    /// `..Default::default()`; nothing reads it from outside.)
    pub cache: Cache,
}

// The size the comment on `Candidate` gives, checked where it matters.
#[cfg(target_arch = "wasm32")]
const _: () = assert!(::core::mem::size_of::<Candidate>() == 88);

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cache {
    text: OnceCell<String>,
    aria: OnceCell<String>,
    /// Boxed: most candidates never resolve their link, and an inline `Url`
    /// would triple the candidate's size.
    target: OnceCell<Option<Box<Url>>>,
}

impl Candidate<'_> {
    fn norm_text(&self) -> &str {
        self.cache.text.get_or_init(|| normalize(self.text))
    }

    fn norm_aria(&self) -> &str {
        self.cache.aria.get_or_init(|| normalize(self.aria_label))
    }

    /// The link target resolved against `base`. A candidate list belongs to
    /// one page, so the first base asked for is the page's.
    fn target(&self, base: &Url) -> Option<&Url> {
        self.cache.target.get_or_init(|| resolve(base, self.href).map(Box::new)).as_deref()
    }
}

impl<'a> Candidate<'a> {
    /// Reads the shell's bulk string (`extension/read.js`): every field
    /// followed by U+001F but the last, seven per candidate: tag, role, type,
    /// aria-expanded, href, aria-label and text. (`read.js` replaces the
    /// separator in page text, so indexes stay aligned with its element
    /// list.) One pass over the bytes; there is no record separator:
    /// `read.js` pushes every field into one array and joins it once, which
    /// spares building a string per record. An unfinished record is dropped.
    pub fn parse_all(data: &'a str) -> Vec<Candidate<'a>> {
        let mut out = Vec::new();
        if data.is_empty() {
            return out;
        }
        let mut fields = [""; 7];
        let (mut field, mut start) = (0, 0);
        let mut cut = |end: usize| {
            if let Some(f) = fields.get_mut(field) {
                *f = data.get(start..end).unwrap_or_default();
            }
            (field, start) = (field + 1, end + 1);
            if field == fields.len() {
                let [tag, role, kind, aria_expanded, href, aria_label, text] = ::core::mem::take(&mut fields);
                out.push(Candidate { tag, href, role, kind, aria_label, aria_expanded, text, cache: Cache::default() });
                field = 0;
            }
        };
        for (i, &b) in data.as_bytes().iter().enumerate() {
            if b == 0x1f {
                cut(i);
            }
        }
        cut(data.len());
        out
    }
}

/// Score for a link whose target is a step's destination.
pub const HREF_SCORE: u32 = 100;
/// Score for a label that is the whole text or `aria-label`.
pub const EXACT_LABEL_SCORE: u32 = 80;
/// Score for a label found, on word boundaries, inside a short text.
pub const PARTIAL_LABEL_SCORE: u32 = 45;
/// Bonus when the element has the role the step expects. Kept small so that a
/// partial label plus a role ("Visit Jane's profile" on a button) stays below
/// the threshold: role steps need an exact label.
pub const ROLE_SCORE: u32 = 10;
/// The lowest score that becomes a highlight. A partial label alone is not
/// enough: a post that says "check your privacy settings" must not light up.
pub const THRESHOLD: u32 = 60;
/// Texts longer than this are content, not controls: no partial matches.
const MAX_CONTROL_TEXT: usize = 80;

/// The context a page gives to matching.
pub struct MatchContext<'a> {
    pub rules: &'a Rules,
    pub base: &'a Url,
    /// The page's language (`fr`, `de`…); labels in English are always tried
    /// too, because localised Meta UIs keep some English strings.
    pub lang: &'a str,
    /// The page's Meta site and host group, if it is on one (`meta_host` of
    /// the base): asked for every link of a scan, so answered once.
    base_site: Option<(&'a str, &'a str)>,
    /// The page is on an exact Meta origin (HTTPS, default port).
    base_exact: bool,
}

impl<'a> MatchContext<'a> {
    pub fn new(rules: &'a Rules, base: &'a Url, lang: &'a str) -> MatchContext<'a> {
        let base_site = meta_host(rules, &base.host);
        let base_exact = base.scheme == "https" && base.effective_port() == Some(443) && base_site.is_some();
        MatchContext { rules, base, lang, base_site, base_exact }
    }
}

/// The best candidate for a step: its index and score, if above the threshold
/// (the first in page order among equal scores).
pub fn best(ctx: &MatchContext, step: &StepRule, candidates: &[Candidate]) -> Option<(usize, u32)> {
    scoring(ctx, step, candidates).into_iter().min_by_key(|&(i, s)| (::core::cmp::Reverse(s), i))
}

/// Every candidate at or above the threshold, with its score, in page order.
/// The shell checks visibility only among these, best first (see
/// [`crate::core::ranking::Ranking`]), so a page with thousands of links
/// costs a handful of layout reads, not thousands.
pub fn scoring(ctx: &MatchContext, step: &StepRule, candidates: &[Candidate]) -> Vec<(usize, u32)> {
    let labels = labels_for(step, ctx.lang);
    candidates
        .iter()
        .enumerate()
        .map(|(i, c)| (i, score(ctx, step, &labels, c)))
        .filter(|(_, s)| *s >= THRESHOLD)
        .collect()
}

/// What `read.js` asks of the strings it reads of every candidate, before it
/// reads anything else of one: may this text or `aria-label` be one of the
/// steps' labels ([`Sift::may_label`]), may this link lead to one of the
/// steps ([`Sift::may_link`])? Only a link to a step or an exact label
/// reaches the threshold (see [`score`]), so a candidate none of whose three
/// strings passes never scores, and is read no further: usually all but a
/// handful of a feed's thousands. Each answer depends on the string and on
/// what the two keys name, nothing else, so `read.js` keeps the answers by
/// string while a key stays the same: a page's strings repeat ("Like",
/// "Reply", the same names and profile links), and most of a scan's are
/// answered without asking. A test checks that every candidate that scores
/// passes; another that no answer depends on what the keys leave out.
pub struct Sift {
    rules: &'static Rules,
    base: Url,
    base_site: Option<(&'static str, &'static str)>,
    base_exact: bool,
    steps: Vec<&'static StepRule>,
    /// Every step's labels (the page's language's and English), and the
    /// first characters they start with: most texts start with none.
    labels: Vec<&'static str>,
    firsts: Vec<char>,
    /// What the answers about labels depend on: the steps and the page's
    /// language.
    pub labels_key: String,
    /// What the answers about links depend on: the steps and the page's
    /// origin. A link whose target depends on the page's path (`#`, `?…`,
    /// `x/y`: rare on Meta's pages) may always lead to a step: it is read in
    /// full and scored on every page. So the answers hold as the app moves
    /// between the URLs of a kind of page.
    pub links_key: String,
}

impl Sift {
    pub fn new(rules: &'static Rules, base: &Url, lang: &str, steps: &[&'static StepRule]) -> Sift {
        let ctx = MatchContext::new(rules, base, lang);
        let (base_site, base_exact) = (meta_host(rules, &base.host), ctx.base_exact);
        let (mut labels, mut firsts, mut ids) = (Vec::new(), Vec::new(), String::new());
        for step in steps {
            ids.push_str(step.id);
            ids.push(' ');
            for l in labels_for(step, lang) {
                // (Not sorted and deduplicated: the slice sort is kilobytes of wasm.)
                if let Some(f) = l.chars().next().filter(|f| !firsts.contains(f)) {
                    firsts.push(f);
                }
                labels.push(l);
            }
        }
        let port = base.port.map(|p| decimal(p.into())).unwrap_or_default();
        Sift {
            rules,
            base: base.clone(),
            base_site,
            base_exact,
            steps: steps.to_vec(),
            labels,
            firsts,
            labels_key: concat(&[&ids, lang]),
            links_key: concat(&[&ids, &base.scheme, "://", &base.host, ":", &port]),
        }
    }

    /// Whether `text` (a text or an `aria-label`, as the full read gives it)
    /// is one of the steps' labels, normalised: what [`label_score`] scores
    /// [`EXACT_LABEL_SCORE`], asking for the normal form only when a label
    /// starts as it does.
    pub fn may_label(&self, text: &str) -> bool {
        let Some(first) = first_char(text) else { return false };
        if !self.firsts.contains(&first) {
            return false;
        }
        let normal = OnceCell::new();
        self.labels.iter().any(|l| {
            l.starts_with(first)
                && ascii_normalizes_to(text, l).unwrap_or_else(|| normal.get_or_init(|| normalize(text)) == l)
        })
    }

    /// Whether a link, as `read.js` asks about it (up to its `?`), may lead
    /// to one of the steps: [`links_to`] for one of them, or any link whose
    /// target depends on the page's path (see [`Sift::links_key`]).
    pub fn may_link(&self, href: &str) -> bool {
        if depends_on_path(href) {
            return true;
        }
        let ctx = MatchContext {
            rules: self.rules,
            base: &self.base,
            lang: "",
            base_site: self.base_site,
            base_exact: self.base_exact,
        };
        let c = Candidate { href, ..Default::default() };
        let path = local_path(&ctx, href);
        self.steps.iter().any(|s| links_to_path(&ctx, s, &c, path))
    }
}

fn labels_for(step: &StepRule, lang: &str) -> Vec<&'static str> {
    labels_in(step.labels, lang)
}

/// The labels to try for a page language: that language's and English
/// (localised Meta UIs keep English strings), or every language when the page
/// language is unknown.
pub fn labels_in(labels: Labels, lang: &str) -> Vec<&'static str> {
    let primary = label_lang(lang);
    let primary = primary.as_str();
    match labels.get(primary) {
        Some(own) if primary != "en" => own.chain(labels.get("en").into_iter().flatten()).collect(),
        Some(own) => own.collect(),
        None => labels.langs().flat_map(|(_, ls)| ls).collect(),
    }
}

/// Scores one candidate for one step.
pub fn score(ctx: &MatchContext, step: &StepRule, labels: &[&str], c: &Candidate) -> u32 {
    if let Some(want) = step.expanded {
        let state = match c.aria_expanded {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        };
        if state != Some(want) {
            return 0;
        }
    }
    let href_hit = links_to(ctx, step, c);
    let role_hit = has_role(step, c);
    if !href_hit && !step.roles.is_empty() && !role_hit {
        return 0;
    }
    let label = label_score(labels, c);
    if step.require_label && label == 0 {
        return 0;
    }
    let mut total = if href_hit { HREF_SCORE } else { 0 };
    if role_hit && !step.roles.is_empty() {
        total += ROLE_SCORE;
    }
    total += label;
    if total < THRESHOLD {
        // Not a target whatever its link says: skip resolving and classifying
        // the link (a feed has thousands of such links per scan).
        return total;
    }
    // A link that leads somewhere else entirely (off Meta, off the path, or to
    // the other Meta site) is not this step, whatever it says.
    if !href_hit && !c.href.is_empty() && leads_off_path(ctx, c) {
        return 0;
    }
    total
}

fn has_role(step: &StepRule, c: &Candidate) -> bool {
    step.roles.iter().any(|r| {
        c.role == *r
            || (*r == "button" && c.role.is_empty() && (c.tag == "button" || (c.tag == "input" && c.kind == "submit")))
            || (*r == "link" && c.role.is_empty() && c.tag == "a")
            || (*r == "radio" && c.role.is_empty() && c.tag == "input" && c.kind == "radio")
    })
}

fn label_score(labels: &[&str], c: &Candidate) -> u32 {
    let (text, aria) = (c.norm_text(), c.norm_aria());
    let mut best = 0;
    let short_text = text.len() <= MAX_CONTROL_TEXT || char_count(text) <= MAX_CONTROL_TEXT;
    for l in labels {
        if text == *l || aria == *l {
            return EXACT_LABEL_SCORE;
        }
        if (short_text && contains_words(text, l)) || contains_words(aria, l) {
            best = PARTIAL_LABEL_SCORE;
        }
    }
    best
}

/// Whether `c` is a link to one of the step's destinations.
fn links_to(ctx: &MatchContext, step: &StepRule, c: &Candidate) -> bool {
    links_to_path(ctx, step, c, local_path(ctx, c.href))
}

/// [`links_to`], given `local_path(ctx, c.href)`: the sift asks it of every
/// path of a feed's links for each step, and finds the path once.
fn links_to_path(ctx: &MatchContext, step: &StepRule, c: &Candidate, path: Option<&str>) -> bool {
    if step.href.is_empty() || c.href.is_empty() {
        return false;
    }
    // Most of a feed's links are root-relative ("/groups/…"): they stay on
    // this page's origin and their path is the href's, up to `?` or `#`. No
    // URL to resolve (and allocate) for the thousands that are no step. The
    // same answer as resolving: a test compares the two.
    match path {
        Some(path) => ctx
            .base_site
            .filter(|_| ctx.base_exact)
            .is_some_and(|(site, group)| link_matches(ctx, step, (site, group), &ctx.base.host, path)),
        None => href_matches_resolved(ctx, step, c),
    }
}

/// Whether a link to `path` on `host` (a host of `site`'s `group`) matches
/// one of the step's link patterns: a `{…}` form pattern by the kind of page
/// it leads to, any other by its path. The one decision both ways of reading
/// a link end in.
fn link_matches(ctx: &MatchContext, step: &StepRule, (site, group): (&str, &str), host: &str, path: &str) -> bool {
    step.href.iter().any(|pattern| match form_kinds(pattern) {
        Some(kinds) => kinds.contains(&kind_on(ctx.rules, site, group, path).0),
        None => path_pattern_matches(pattern, host, path),
    })
}

/// The page kinds a step's `{…}` link pattern stands for.
fn form_kinds(pattern: &str) -> Option<&'static [&'static str]> {
    match pattern {
        "{objection_form}" => Some(&["objection_form"]),
        "{contact_form}" => Some(&["objection_form", CONTACT_FORM]),
        _ => None,
    }
}

/// The path of a link that stays on this page's exact origin, read without
/// resolving it: a root-relative link (`/groups/…`), or an absolute one on the
/// page's own host (`https://www.facebook.com/groups/…?__cft__[0]=…`), which is
/// how Meta writes most of a feed's links. On any other base the absolute link
/// is resolved, as is anything [`root_relative_path`] leaves out.
fn local_path<'h>(ctx: &MatchContext, href: &'h str) -> Option<&'h str> {
    let h = trim_url(href);
    let own = h.strip_prefix("https://").and_then(|r| r.strip_prefix(ctx.base.host.as_str()));
    // (What follows the host must be a path for it to be one: `root_relative_path` wants a `/` first, so
    // `:8443/…`, `.evil.example/…` and `@…` are resolved.)
    root_relative_path(own.filter(|_| ctx.base_exact).unwrap_or(h))
}

/// The path of a root-relative href (`/x/y?z` → `/x/y`), when resolving it
/// would only prefix this page's origin and leave the path as written. Anything
/// the URL parser would rewrite — `\` read as `/`, dot segments (also `%2e`),
/// tabs and newlines dropped, non-ASCII encoded — goes the slow way.
fn root_relative_path(href: &str) -> Option<&str> {
    // Byte tests throughout: `str`'s character patterns (`split('/')`,
    // `starts_with('/')`) built a searcher per call, asked of every link for
    // every step.
    let h = trim_url(href);
    if h.as_bytes().first() != Some(&b'/') || h.starts_with("//") || contains_str(h, "://") {
        return None;
    }
    let path = h.get(..h.bytes().position(|b| b == b'?' || b == b'#').unwrap_or(h.len()))?;
    let plain = |b: u8| b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b);
    // Every byte after the first `/` plain, and no segment starting with a
    // dot (every segment follows a `/`), in one pass.
    path.as_bytes().windows(2).all(|w| plain(w[1]) && w != b"/.").then_some(path)
}

fn href_matches_resolved(ctx: &MatchContext, step: &StepRule, c: &Candidate) -> bool {
    let Some(target) = c.target(ctx.base) else {
        return false;
    };
    // Links count only when they stay on an exact Meta origin: a phishing copy
    // of the Privacy Center linked from a post is never a step.
    if target.scheme != "https" || target.effective_port() != Some(443) {
        return false;
    }
    let Some((site, group)) = meta_host(ctx.rules, &target.host) else {
        return false;
    };
    if Some(site) != ctx.base_site.map(|(s, _)| s) {
        // Instagram's form is not the next step for someone on Facebook.
        return false;
    }
    link_matches(ctx, step, (site, group), &target.host, &target.path)
}

/// A step's link pattern (`/privacy/center`, `privacycenter.instagram.com/`)
/// against a link's host and path.
fn path_pattern_matches(pattern: &str, host: &str, path: &str) -> bool {
    // (`is_empty`, not a `""` pattern: that compiled to a call of memcmp per
    // link, a quarter of a feed scan's matching.)
    let (want_host, prefix) = match pattern.bytes().position(|b| b == b'/').and_then(|i| pattern.split_at_checked(i)) {
        Some((host, path)) if !host.is_empty() => (Some(host), path),
        Some(_) => (None, pattern),
        None => (Some(pattern), "/"),
    };
    want_host.is_none_or(|h| h == host) && path_has_prefix(path, prefix)
}

/// Segment-aware prefix: `/privacy/center/x` has prefix `/privacy/center`,
/// `/privacy/centerfold` does not; `/` is a prefix of everything.
fn path_has_prefix(path: &str, prefix: &str) -> bool {
    let mut prefix = prefix.as_bytes();
    while let [rest @ .., b'/'] = prefix {
        prefix = rest;
    }
    match path.as_bytes().strip_prefix(prefix) {
        Some(rest) => prefix.is_empty() || rest.first().is_none_or(|&b| b == b'/'),
        None => false,
    }
}

/// True when a link goes off Meta or to a page outside the objection path.
fn leads_off_path(ctx: &MatchContext, c: &Candidate) -> bool {
    let Some(u) = c.target(ctx.base) else { return false };
    if u.host == ctx.base.host && u.path == ctx.base.path {
        // "#", "?tab=…": a control that stays on this page (menus, accordions).
        return false;
    }
    let target = classify(ctx.rules, u);
    !target.is_on_path() || Some(target.site.as_str()) != ctx.base_site.map(|(s, _)| s)
}

#[cfg(test)]
mod tests {
    #[test]
    fn bulk_records_keep_their_order_and_fields() {
        let a = ["a", "", "", "", "/privacy/center/", "", "Privacy Center"].join("\u{1f}");
        let div = ["div", "button", "", "", "", "", ""].join("\u{1f}");
        let data = [a, div, [""; 7].join("\u{1f}")].join("\u{1f}");
        let c = super::Candidate::parse_all(&data);
        assert_eq!(c.len(), 3);
        assert_eq!((c[0].tag, c[0].href, c[0].text), ("a", "/privacy/center/", "Privacy Center"));
        assert_eq!((c[1].tag, c[1].role, c[1].text), ("div", "button", ""));
        assert_eq!(c[2], super::Candidate::default());
        // Seven fields make a record, whatever they hold (U+001E is no separator); an unfinished one is dropped.
        let c = super::Candidate::parse_all("a\u{1f}\u{1f}\u{1f}\u{1f}\u{1f}\u{1f}Öl\u{1e}x\u{1f}b\u{1f}extra");
        assert_eq!((c[0].text, c.len()), ("Öl\u{1e}x", 1));
        assert!(super::Candidate::parse_all("").is_empty());
    }

    use super::*;

    #[test]
    fn labels_are_the_page_language_and_english_or_all_when_unknown() {
        let labels = Rules::embedded().step("send").expect("the send step").labels;
        assert_eq!(labels_in(labels, "fr-FR"), ["envoyer", "soumettre", "send", "submit"]);
        assert_eq!(labels_in(labels, "EN-gb"), ["send", "submit"]);
        assert_eq!(labels_in(labels, "nn_NO"), ["send", "send inn", "send", "submit"], "Norwegian is nb");
        let all = labels_in(labels, "xx");
        assert!(all.len() > 40 && all.contains(&"senden") && all.contains(&"envoyer"), "{all:?}");
    }

    /// Texts and labels as pages have them: exact, partial and no labels of
    /// the steps in several languages, in other cases and spacing.
    const TEXTS: &[&str] = &[
        "Privacy Center",
        "  privacy \n  center ",
        "PRIVACY CENTER",
        "\u{200b}Privacy Center\u{ad}",
        "Privacy",
        "Visit the Privacy Center",
        "Settings",
        "‘Settings’",
        "Settings & privacy",
        "settings and privacy",
        "",
        " ",
        "Your profile",
        "Your profile picture",
        "Paramètres",
        "PARAMETRES",
        "Centre de confidentialité",
        "Datenschutzcenter",
        "Einstellungen",
        "Ρυθμίσεις",
        "ρυθμισεις",
        "Straße",
        "Like",
        "☰",
        "\u{301}Send",
        "Send",
        "SEND ",
        "Envoyer",
        "Submit",
        "Generative AI at Meta",
        "L’IA générative chez Meta",
        "Yes",
    ];

    /// Links as pages have them: to steps, elsewhere, and written in every way
    /// the URL parser rewrites.
    const HREFS: &[&str] = &[
        "/privacy/center/",
        "/privacy/center",
        " /privacy/center/?entry_point=x#top",
        "\u{1}/privacy/center/\n",
        "\u{a0}/privacy/center/",
        "/privacy/center/\u{a0}",
        "/privacy/centerfold",
        "/settings",
        "/settings/?tab=privacy",
        "/settings#x",
        "/accounts/edit/",
        "/",
        "/?x=1",
        "/groups/1/",
        "/settings?next=https://evil.example/",
        "//privacycenter.instagram.com/",
        "/help/contact/6359191084165019",
        "/help/contact/6359191084165019?ref=x#y",
        "/HELP/Contact/712876720715583/",
        "/help/contact/233964459562201",
        "/contact/233964459562201",
        "/help/contact/1266025207620918",
        "/help/contact/6359191084165019/more",
        "/help/contact/63591910841650x9",
        "/help//contact/6359191084165019",
        "/help/contact/",
        "/help/contact/1",
        "/privacy/genai/",
        "/PRIVACY/CENTER/",
        "/\\evil.example/privacy/center/",
        "/privacy/x/../center/",
        "/settings/%2e%2e/privacy/center/",
        "/privacy/cen\tter/",
        "/privacy/center/\u{e9}",
        "/./privacy/center",
        "/privacy/center/../../settings",
        "/privacy/center/%2e%2e/%2E%2E/settings",
        "/profile.php?id=1",
        "/settings.php",
        "/privacy.center/",
        "/privacy/center./",
        "/privacy/center/.",
        "/privacy/center/..",
        "/privacy/center/.x/",
        "/settings/../privacy/center/",
        // Absolute, as Meta writes most of a feed's links: on the page's own
        // host (read without resolving there), on another, or looking alike.
        "https://www.facebook.com/privacy/center/?entry_point=x&__cft__[0]=AZX4pL_dvJ-q4eNy&__tn__=*NK-R",
        "https://www.facebook.com/privacy/center",
        " https://www.facebook.com/settings/?tab=privacy ",
        "https://www.facebook.com/help/contact/6359191084165019?__cft__[0]=AZW6r2kw&__tn__=H-R",
        "https://www.facebook.com/groups/1/posts/2/?__cft__[0]=AZW6r2kw&__tn__=%2CO%2CP-R",
        "https://www.facebook.com",
        "https://www.facebook.com?x=/privacy/center/",
        "https://www.facebook.com#/privacy/center/",
        "https://www.facebook.com:443/privacy/center/",
        "https://www.facebook.com:8443/privacy/center/",
        "https://www.facebook.com.evil.example/privacy/center/",
        "https://www.facebook.com@evil.example/privacy/center/",
        "https://www.facebook.com//privacy/center/",
        "https://www.facebook.com/./privacy/center/",
        "https://www.facebook.com/settings/../privacy/center/",
        "https://www.facebook.com/\\evil.example/privacy/center/",
        "https://WWW.Facebook.com/privacy/center/",
        "HTTPS://www.facebook.com/privacy/center/",
        "http://www.facebook.com/privacy/center/",
        "https://web.facebook.com/privacy/center/",
        "https://fr-fr.facebook.com/privacy/center/",
        "https://www.instagram.com/accounts/edit/",
        "https://privacycenter.instagram.com/",
        "https://help.instagram.com/contact/233964459562201",
        "?entry_point=x",
        " ?x",
        "privacy/center/?x",
    ];

    /// A link as `read.js` asks about it: cut at its first `?`, unless it
    /// starts with that `?` (a link to this page's own path) or with a space
    /// or a control character (which the URL parser drops).
    fn light_href(href: &str) -> &str {
        match href.find('?') {
            Some(q) if q > 0 && href.as_bytes()[0] > b' ' => &href[..q],
            _ => href,
        }
    }

    // Why the sift needs an exact label away from a step's link.
    const _: () = assert!(PARTIAL_LABEL_SCORE + ROLE_SCORE < THRESHOLD);

    /// The pages the sift's tests ask on.
    const PAGES: &[&str] = &[
        "https://www.facebook.com/",
        "https://www.facebook.com/settings/",
        "https://www.facebook.com/privacy/center/",
        "https://www.facebook.com/privacy/genai/",
        "https://www.facebook.com/help/contact/6359191084165019",
        "https://www.instagram.com/",
        "https://www.instagram.com/accounts/edit/",
        "https://privacycenter.instagram.com/",
    ];

    #[test]
    fn the_sift_keeps_every_candidate_that_scores() {
        // What `read.js` asks about (a link only on `a`, cut as it cuts it; aria-label and text; no tag, role,
        // type or aria-expanded) must pass whenever the full read scores at the threshold.
        let rules = Rules::embedded();
        let kinds = [("a", "", ""), ("a", "link", ""), ("div", "button", ""), ("div", "menuitem", "")];
        let kinds = kinds.iter().chain(&[("button", "", "submit"), ("input", "", "submit"), ("input", "", "radio")]);
        let (mut scored, mut kept, mut read) = (0, 0, 0);
        for url in PAGES {
            let base = Url::parse(url).unwrap();
            let steps = crate::core::guide::steps_for(rules, &classify(rules, &base));
            for lang in ["en", "xx"] {
                let ctx = MatchContext::new(rules, &base, lang);
                let sift = Sift::new(rules, &base, lang, &steps);
                let labels: Vec<_> = steps.iter().map(|s| labels_for(s, lang)).collect();
                for (i, text) in TEXTS.iter().enumerate() {
                    for aria_label in ["", TEXTS[(i * 7 + 3) % TEXTS.len()]] {
                        for &(tag, role, kind) in kinds.clone() {
                            let hrefs = if tag == "a" { HREFS } else { &[""] };
                            for href in hrefs.iter().chain(&[""]) {
                                let passes = sift.may_label(text)
                                    || sift.may_label(aria_label)
                                    || sift.may_link(light_href(href));
                                for aria_expanded in ["", "true", "false"] {
                                    let full = Candidate {
                                        tag,
                                        role,
                                        kind,
                                        aria_expanded,
                                        href,
                                        text,
                                        aria_label,
                                        ..Default::default()
                                    };
                                    for (step, labels) in steps.iter().zip(&labels) {
                                        if score(&ctx, step, labels, &full) >= THRESHOLD {
                                            assert!(passes, "{url} {lang} {}: {full:?}", step.id);
                                            scored += 1;
                                        }
                                    }
                                }
                                (kept, read) = (kept + usize::from(passes), read + 1);
                            }
                        }
                    }
                }
            }
        }
        assert!(scored > 1000, "the candidates must score: {scored}");
        assert!(kept * 2 < read, "most candidates are ruled out: {kept} of {read} kept");
    }

    #[test]
    fn the_sift_answers_the_same_under_the_same_key() {
        // `read.js` keeps an answer while its key stays the same: the same key must mean the same answers. A page's
        // path and query and a language read for the same labels ("en", "en-GB") make no key of their own; the
        // steps, the language's labels and the URL's origin each do.
        let rules = Rules::embedded();
        let steps_on = |url: &str| crate::core::guide::steps_for(rules, &classify(rules, &Url::parse(url).unwrap()));
        let (feed, center) = (steps_on(PAGES[0]), steps_on(PAGES[2]));
        let mut sifts = Vec::new();
        let more = [
            "https://www.facebook.com/?x=1#y",
            "https://www.facebook.com/privacy/center/?z",
            "https://www.facebook.com/home.php",
        ];
        for url in PAGES.iter().chain(&more) {
            let base = Url::parse(url).unwrap();
            for lang in ["en", "en-GB", "fr", "xx"] {
                for steps in [&feed, &center] {
                    sifts.push(Sift::new(rules, &base, lang, steps));
                }
            }
        }
        let (mut same_labels, mut same_links) = (0, 0);
        for a in &sifts {
            for b in &sifts {
                if a.labels_key == b.labels_key {
                    same_labels += 1;
                    for t in TEXTS {
                        assert_eq!(a.may_label(t), b.may_label(t), "{t:?} under {:?}", a.labels_key);
                    }
                }
                if a.links_key == b.links_key {
                    same_links += 1;
                    for h in HREFS.iter().map(|h| light_href(h)).chain(HREFS.iter().copied()) {
                        assert_eq!(a.may_link(h), b.may_link(h), "{h:?} under {:?}", a.links_key);
                    }
                }
            }
        }
        // Pairs of different sifts under one key: each sift with itself, and more.
        assert!(same_labels > sifts.len() && same_links > sifts.len(), "{same_labels} {same_links}");
        let base = Url::parse(PAGES[0]).unwrap();
        let [en, fr] = ["en", "fr"].map(|lang| Sift::new(rules, &base, lang, &feed));
        assert_ne!(en.labels_key, fr.labels_key);
        assert!(en.may_label("Settings") && fr.may_label("Paramètres") && !en.may_label("Paramètres"));
        assert_ne!(en.labels_key, Sift::new(rules, &base, "en", &center).labels_key);
        let home = Sift::new(rules, &Url::parse("https://www.facebook.com/home.php").unwrap(), "fr", &feed);
        assert_eq!(en.links_key, home.links_key);
        let web = Sift::new(rules, &Url::parse("https://web.facebook.com/").unwrap(), "en", &feed);
        assert_ne!(en.links_key, web.links_key, "a root-relative link leads elsewhere from another host");
        assert!(
            en.may_link("/settings/") && !en.may_link("/groups/1/") && en.may_link("groups/1/") && en.may_link("#")
        );
    }

    #[test]
    fn exact_labels_are_found_as_label_score_finds_them() {
        let rules = Rules::embedded();
        let (mut exact, mut partial) = (0, 0);
        for step in rules.steps.iter() {
            for lang in ["en", "fr", "de", "el", "xx"] {
                let labels = labels_in(step.labels, lang);
                let sift = Sift::new(rules, &Url::parse(PAGES[0]).unwrap(), lang, &[step]);
                for text in TEXTS {
                    for aria in TEXTS {
                        let c = Candidate { tag: "a", text, aria_label: aria, ..Default::default() };
                        let full = label_score(&labels, &c);
                        assert_eq!(
                            sift.may_label(text) || sift.may_label(aria),
                            full == EXACT_LABEL_SCORE,
                            "{}/{lang}: {c:?}",
                            step.id
                        );
                        exact += usize::from(full == EXACT_LABEL_SCORE);
                        partial += usize::from(full == PARTIAL_LABEL_SCORE);
                    }
                }
            }
        }
        assert!(exact > 500 && partial > 500, "the texts must hit labels both ways: {exact} exact, {partial} partial");
    }

    #[test]
    fn links_read_without_resolving_match_resolved_ones() {
        let rules = Rules::embedded();
        let bases = [
            "https://www.facebook.com/",
            "https://www.instagram.com/",
            "https://privacycenter.instagram.com/x",
            "http://www.facebook.com/",
            "https://www.facebook.com:8443/",
            "https://example.org/",
            "https://help.instagram.com/",
            "https://fr-fr.facebook.com/privacy/center/",
            "https://web.facebook.com/",
        ];
        let (mut hits, mut form_hits) = (0, 0);
        for base in bases {
            let base = Url::parse(base).unwrap();
            let ctx = MatchContext::new(rules, &base, "en");
            for step in rules.steps {
                for href in HREFS {
                    let c = Candidate { tag: "a", href, ..Default::default() };
                    let fast = links_to(&ctx, step, &c);
                    assert_eq!(fast, href_matches_resolved(&ctx, step, &c), "{href} on {base:?} for {}", step.id);
                    hits += usize::from(fast);
                    form_hits += usize::from(fast && step.href.iter().any(|p| p.starts_with('{')));
                }
            }
        }
        assert!(hits > 10, "the hrefs must match some steps: {hits}");
        // Links to a form, found by the page kind they lead to (`{objection_form}`).
        assert!(form_hits >= 4, "the hrefs must match some form steps: {form_hits}");
    }

    fn cand<'a>(tag: &'a str, href: &'a str, role: &'a str, text: &'a str) -> Candidate<'a> {
        Candidate { tag, href, role, text, ..Default::default() }
    }

    fn pick(base: &str, lang: &str, step: &str, cands: &[Candidate]) -> Option<usize> {
        let rules = Rules::embedded();
        let base = Url::parse(base).unwrap();
        let ctx = MatchContext::new(rules, &base, lang);
        best(&ctx, rules.step(step).unwrap(), cands).map(|(i, _)| i)
    }

    const FB: &str = "https://www.facebook.com/";

    #[test]
    fn link_target_wins_over_wording() {
        let cands = [
            cand("a", "/marketplace/", "", "Marketplace"),
            cand("a", "/privacy/center/?entry_point=settings", "", "Totally new wording"),
        ];
        assert_eq!(pick(FB, "en", "privacy_center_link", &cands), Some(1));
    }

    #[test]
    fn exact_label_in_page_language() {
        let cands = [cand("div", "", "button", "Envoyer")];
        assert_eq!(pick(FB, "fr", "send", &cands), Some(0));
        // English kept in a localised UI still matches.
        let cands = [cand("div", "", "button", "Send")];
        assert_eq!(pick(FB, "de", "send", &cands), Some(0));
    }

    #[test]
    fn posts_mentioning_the_words_are_not_targets() {
        let cands = [
            cand("div", "", "", "Check your privacy center settings and object to everything!"),
            cand("a", "https://example.org/privacy/center/", "", "Privacy Center"),
            cand("a", "https://www.facebook.com.evil.example/privacy/center/", "", "Privacy Center"),
            cand("a", "/groups/privacy-center-fans/", "link", "Privacy Center fans"),
        ];
        assert_eq!(pick(FB, "en", "privacy_center_link", &cands), None);
        let long = "I will send this to everyone ".repeat(5);
        assert_eq!(pick(FB, "en", "send", &[cand("div", "", "button", &long)]), None);
    }

    #[test]
    fn role_is_required_for_role_steps() {
        // "Send" in a plain div is not the form's button.
        assert_eq!(pick(FB, "en", "send", &[cand("span", "", "", "Send")]), None);
        assert_eq!(pick(FB, "en", "send", &[cand("button", "", "", "Send")]), Some(0));
        let submit = Candidate { tag: "input", kind: "submit", text: "Send", ..Default::default() };
        assert_eq!(pick(FB, "en", "send", &[submit]), Some(0));
    }

    #[test]
    fn closed_accordion_only() {
        let mut open = cand("div", "", "button", "Your right to object");
        open.aria_expanded = "true";
        let mut closed = open.clone();
        closed.aria_expanded = "false";
        assert_eq!(pick(FB, "en", "right_to_object_accordion", ::core::slice::from_ref(&open)), None);
        assert_eq!(pick(FB, "en", "right_to_object_accordion", &[open, closed]), Some(1));
    }

    #[test]
    fn object_link_needs_a_known_form_on_the_same_site() {
        let base = "https://www.facebook.com/privacy/genai/";
        let cands = [
            cand("a", "https://www.facebook.com/help/contact/1266025207620918", "", "third-party form"),
            cand("a", "https://www.facebook.com/help/contact/6359191084165019", "", "Learn more and object here"),
        ];
        assert_eq!(pick(base, "en", "object_link", &cands), Some(1));
        let ig = [cand("a", "https://help.instagram.com/contact/233964459562201", "", "object")];
        assert_eq!(pick("https://privacycenter.instagram.com/privacy/genai/", "en", "object_link", &ig), Some(0));
    }

    #[test]
    fn partial_label_on_a_button_is_not_enough() {
        let c = Candidate {
            tag: "div",
            role: "button",
            aria_label: "Visit your profile page of Jane",
            ..Default::default()
        };
        assert_eq!(pick(FB, "en", "account_menu", &[c]), None);
    }

    #[test]
    fn policy_link_to_a_contact_form_needs_an_objection_label() {
        let base = "https://www.facebook.com/privacy/policy/";
        let dpo = cand("a", "/help/contact/540977946302970", "", "Contact our Data Protection Officer");
        let object = cand("a", "/help/contact/123456789", "", "Right to object");
        assert_eq!(pick(base, "en", "policy_object_link", ::core::slice::from_ref(&dpo)), None);
        assert_eq!(pick(base, "en", "policy_object_link", &[dpo, object]), Some(1));
        // On another site's host, or a non-contact page, it is not the link.
        let ig = cand("a", "https://help.instagram.com/contact/123456789", "", "Right to object");
        assert_eq!(pick(base, "en", "policy_object_link", &[ig]), None);
    }

    #[test]
    fn radio_yes_answer() {
        let yes = Candidate { tag: "input", kind: "radio", text: "Yes", ..Default::default() };
        let no = Candidate { tag: "input", kind: "radio", text: "No", ..Default::default() };
        assert_eq!(pick(FB, "en", "ai_question_yes", &[no.clone(), yes]), Some(1));
        let ja = Candidate { role: "radio", text: "Ja", ..Default::default() };
        assert_eq!(pick(FB, "de", "ai_question_yes", &[no, ja]), Some(1));
    }

    #[test]
    fn aria_label_matches_icon_buttons() {
        let c = Candidate { tag: "div", role: "button", aria_label: "Your profile", ..Default::default() };
        assert_eq!(pick(FB, "en", "account_menu", &[c]), Some(0));
    }

    #[test]
    fn unknown_language_tries_every_wording() {
        let cands = [cand("div", "", "button", "Senden")];
        assert_eq!(pick(FB, "xx", "send", &cands), Some(0));
    }

    #[test]
    fn prefix_is_segment_aware() {
        assert!(path_has_prefix("/privacy/center/", "/privacy/center"));
        assert!(path_has_prefix("/privacy/center", "/privacy/center"));
        assert!(!path_has_prefix("/privacy/centerfold", "/privacy/center"));
        assert!(path_has_prefix("/anything", "/"));
    }
}
