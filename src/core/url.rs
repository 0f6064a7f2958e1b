//! A deliberately small, strict URL parser.
//!
//! The core only needs scheme, host, port and path of `http(s)` URLs, and it must
//! be *conservative*: anything unusual (credentials, IP literals, odd ports) makes
//! a URL unrecognised rather than guessed at. Pulling in the `url` crate would add
//! IDNA tables to a download that runs on every Facebook page, for no gain here.

use crate::core::normalize::contains_str;
use crate::core::strings::{concat, decimal};
use crate::prelude::*;

/// The parts of an absolute URL the classifier looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    pub scheme: String,
    /// Lower-cased host, without port.
    pub host: String,
    /// Explicit port, if one was written.
    pub port: Option<u16>,
    /// Path, always starting with `/`, without query or fragment.
    pub path: String,
    /// Query without the leading `?` (may be empty).
    pub query: String,
}

impl Url {
    /// Parses an absolute URL. Returns `None` for relative URLs, URLs with
    /// credentials, and anything malformed.
    pub fn parse(input: &str) -> Option<Url> {
        let input = trim_url(input);
        // A browser reads `\` as `/` and drops tabs and newlines, so such a link
        // can lead somewhere other than it seems to (`/\evil.example`):
        // unrecognised, like everything unusual.
        if input.bytes().any(|b| matches!(b, b'\\' | b'\t' | b'\n' | b'\r')) {
            return None;
        }
        // (No `&str` indexing or splitting that can panic, here and in the
        // matcher: their panic message, unreadable in the wasm anyway, pulled
        // about 7 KB of formatting code and Unicode tables into it.)
        let (scheme, rest) = input.split_once(':')?;
        let rest = rest.strip_prefix("//")?;
        if scheme.is_empty() || !scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
            return None;
        }
        let scheme = scheme.to_ascii_lowercase();
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at_checked(authority_end)?;
        if authority.contains('@') || authority.is_empty() {
            return None;
        }
        let (host, port) = match authority.rsplit_once(':') {
            Some((h, p)) if !h.contains(']') || h.ends_with(']') => {
                let port = if p.is_empty() { None } else { Some(p.parse::<u16>().ok()?) };
                (h, port)
            }
            _ => (authority, None),
        };
        if host.is_empty() {
            return None;
        }
        let tail = tail.split('#').next().unwrap_or("");
        let (path, query) = match tail.split_once('?') {
            Some((p, q)) => (p, q),
            None => (tail, ""),
        };
        let path = if path.is_empty() { "/" } else { path };
        // `/privacy/center/../../x` leads to `/x`: dot segments (also written
        // `%2e`) are not resolved here, so they make the URL unrecognised.
        if path.split('/').any(is_dot_segment) {
            return None;
        }
        Some(Url { scheme, host: host.to_ascii_lowercase(), port, path: path.to_string(), query: query.to_string() })
    }

    /// The port this URL really connects to, for the schemes we care about.
    pub fn effective_port(&self) -> Option<u16> {
        self.port.or(match self.scheme.as_str() {
            "https" => Some(443),
            "http" => Some(80),
            _ => None,
        })
    }
}

/// `.` or `..`, each dot possibly written `%2e`; no allocation (every link of
/// a page goes through here).
fn is_dot_segment(segment: &str) -> bool {
    let mut rest = segment.as_bytes();
    let mut dots = 0;
    while !rest.is_empty() && dots < 3 {
        rest = match rest {
            [b'.', r @ ..] => r,
            [b'%', b'2', b'e' | b'E', r @ ..] => r,
            _ => return false,
        };
        dots += 1;
    }
    rest.is_empty() && (1..=2).contains(&dots)
}

/// `input` without the leading and trailing C0 controls and spaces, which
/// the URL parser drops (and nothing else: a no-break space stays, and is
/// encoded into the path).
pub fn trim_url(input: &str) -> &str {
    input.trim_matches(|c: char| c <= ' ')
}

/// Whether [`resolve`] reads the base's path (and query) for `href`: a link to
/// the page itself (`""`, `#…`, `?…`) or relative to its directory. Every
/// other link resolves the same on every page of one origin (a test checks).
pub fn depends_on_path(href: &str) -> bool {
    let h = trim_url(href);
    !contains_str(h, "://")
        && !h.starts_with('/')
        && (matches!(h.bytes().next(), None | Some(b'#' | b'?')) || !h.contains(':'))
}

/// Resolves `href` against `base` the way `<a href>` does, for the cases pages
/// really use: absolute, scheme-relative, root-relative and document-relative.
pub fn resolve(base: &Url, href: &str) -> Option<Url> {
    let href = trim_url(href);
    if contains_str(href, "://") {
        return Url::parse(href);
    }
    if let Some(rest) = href.strip_prefix("//") {
        return Url::parse(&concat(&[&base.scheme, "://", rest]));
    }
    let port = base.port.map(|p| concat(&[":", &decimal(p.into())])).unwrap_or_default();
    let origin = concat(&[&base.scheme, "://", &base.host, &port]);
    if href.starts_with('/') {
        return Url::parse(&concat(&[&origin, href]));
    }
    if href.starts_with('#') || href.is_empty() {
        return Some(base.clone());
    }
    if href.starts_with('?') {
        return Url::parse(&concat(&[&origin, &base.path, href]));
    }
    if href.contains(':') {
        // mailto:, javascript:, data: … are never a step on the path.
        return None;
    }
    let dir = base.path.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    Url::parse(&concat(&[&origin, dir, "/", href]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_links_to_the_page_or_its_directory_depend_on_its_path() {
        let bases = [
            "https://www.facebook.com/",
            "https://www.facebook.com/privacy/center/?x=1#y",
            "https://www.facebook.com/a",
        ];
        let bases: Vec<Url> = bases.iter().map(|b| Url::parse(b).unwrap()).collect();
        let hrefs = [
            "",
            " ",
            "#",
            "#top",
            "?x",
            " ?x",
            "x",
            "x/y",
            "../x",
            "./",
            "privacy/center/",
            "/",
            "/x?y",
            " /x",
            "//host/x",
            "\\host/x",
            "https://www.facebook.com/x",
            "HTTPS://host/x",
            "mailto:a@b",
            "javascript:void(0)",
            "x:y",
            "\u{1}#x",
        ];
        let (mut depends, mut not) = (0, 0);
        for h in hrefs {
            let all: Vec<_> = bases.iter().map(|b| resolve(b, h)).collect();
            if depends_on_path(h) {
                depends += 1;
            } else {
                not += 1;
                assert!(all.iter().all(|u| *u == all[0]), "{h:?} resolves differently: {all:?}");
            }
        }
        assert!(depends >= 12 && not >= 9, "{depends} {not}");
        assert!(depends_on_path("privacy/center/") && depends_on_path(" ?x") && !depends_on_path("/privacy/center/"));
    }

    #[test]
    fn parses_the_parts() {
        let u = Url::parse("https://WWW.Facebook.com/privacy/center/?entry_point=x#top").unwrap();
        assert_eq!(u.scheme, "https");
        assert_eq!(u.host, "www.facebook.com");
        assert_eq!(u.port, None);
        assert_eq!(u.path, "/privacy/center/");
        assert_eq!(u.query, "entry_point=x");
        assert_eq!(u.effective_port(), Some(443));
    }

    #[test]
    fn bare_origin_has_root_path() {
        assert_eq!(Url::parse("https://www.instagram.com").unwrap().path, "/");
        assert_eq!(Url::parse("https://www.instagram.com?x=1").unwrap().path, "/");
    }

    #[test]
    fn rejects_credentials_and_garbage() {
        assert!(Url::parse("https://www.facebook.com@evil.example/").is_none());
        assert!(Url::parse("https://user:pw@www.facebook.com/").is_none());
        assert!(Url::parse("/relative").is_none());
        assert!(Url::parse("https://:443/").is_none());
        assert!(Url::parse("https://www.facebook.com:99999/").is_none());
        assert!(Url::parse("ht tp://x/").is_none());
    }

    #[test]
    fn keeps_explicit_ports() {
        let u = Url::parse("https://www.facebook.com:8443/").unwrap();
        assert_eq!(u.port, Some(8443));
        assert_eq!(u.effective_port(), Some(8443));
    }

    #[test]
    fn resolves_like_a_browser() {
        let base = Url::parse("https://www.facebook.com/privacy/center/index").unwrap();
        assert_eq!(resolve(&base, "/privacy/genai").unwrap().path, "/privacy/genai");
        assert_eq!(resolve(&base, "genai").unwrap().path, "/privacy/center/genai");
        assert_eq!(resolve(&base, "//help.instagram.com/contact/1").unwrap().host, "help.instagram.com");
        assert_eq!(resolve(&base, "?x=1").unwrap().query, "x=1");
        assert_eq!(resolve(&base, "https://example.org/a").unwrap().host, "example.org");
        assert!(resolve(&base, "javascript:alert(1)").is_none());
        assert!(resolve(&base, "mailto:a@b.c").is_none());
    }

    #[test]
    fn trims_what_a_browser_trims_and_nothing_else() {
        let base = Url::parse("https://www.facebook.com/privacy/center/index").unwrap();
        assert_eq!(resolve(&base, " \u{1}/privacy/genai\n\0").unwrap().path, "/privacy/genai");
        assert_eq!(Url::parse("\t https://www.facebook.com/x \u{1f}").unwrap().path, "/x");
        // A browser keeps a no-break space (and encodes it): not a link to /privacy/genai.
        assert_ne!(resolve(&base, "\u{a0}/privacy/genai").map(|u| u.path), Some("/privacy/genai".into()));
        assert_eq!(Url::parse("\u{3000}https://www.facebook.com/"), None);
    }

    #[test]
    fn refuses_what_a_browser_would_rewrite() {
        let base = Url::parse("https://www.facebook.com/").unwrap();
        for href in [
            "/\\evil.example/privacy/center/",
            "/\t/evil.example/privacy/center/",
            "https://www.facebook.com\\@evil.example/",
            "/privacy/center/../../settings",
            "/privacy/center/%2E%2e/x",
            "/./privacy/center",
        ] {
            assert_eq!(resolve(&base, href), None, "{href:?}");
        }
        assert_eq!(resolve(&base, "/privacy/center/..x/.y/.../").unwrap().path, "/privacy/center/..x/.y/.../");
    }
}
