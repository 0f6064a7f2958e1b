//! Whether a page's Content-Security-Policy lets a Chromium content script
//! compile WebAssembly. Chromium checks that against the *page's* policy, and a
//! refused compile both fails and sends the site a report naming the extension;
//! so the loader chooses between the wasm core and its wasm2js build before
//! compiling anything, from the policies the background saw (the background
//! asks this through the `pages` build: `shell::background`).
//!
//! Rules (CSP Level 3, as Chromium applies them to WebAssembly): each policy is
//! checked on its own and all must allow; in a policy `script-src` decides, else
//! `default-src`, else nothing restricts; the first occurrence of a directive
//! wins; `'unsafe-eval'` and `'wasm-unsafe-eval'` allow compiling. A
//! report-only policy does not block but still reports, so it counts the same.

/// Whether a response header carries a policy (enforced or report-only).
pub fn is_policy_header(name: &str) -> bool {
    name.eq_ignore_ascii_case("content-security-policy")
        || name.eq_ignore_ascii_case("content-security-policy-report-only")
}

/// Whether a `<meta http-equiv>` carries a policy. Only the enforced kind:
/// browsers ignore a report-only policy in a `<meta>`.
pub fn is_policy_meta(http_equiv: &str) -> bool {
    http_equiv.trim().eq_ignore_ascii_case("content-security-policy")
}

/// Whether every policy in `values` (header values or `<meta>` contents; one
/// value may hold several policies, separated by commas) allows compiling
/// WebAssembly. A value that could not be read (`None`) forbids it.
pub fn allows_wasm(values: &[Option<&str>]) -> bool {
    values.iter().all(|v| v.is_some_and(|v| v.split(',').all(policy_allows)))
}

fn policy_allows(policy: &str) -> bool {
    let mut script = None;
    let mut default = None;
    for directive in policy.split(';') {
        let mut words = directive.split_ascii_whitespace();
        let Some(name) = words.next() else { continue };
        let slot = if name.eq_ignore_ascii_case("script-src") {
            &mut script
        } else if name.eq_ignore_ascii_case("default-src") {
            &mut default
        } else {
            continue;
        };
        if slot.is_none() {
            *slot = Some(
                words.any(|w| w.eq_ignore_ascii_case("'unsafe-eval'") || w.eq_ignore_ascii_case("'wasm-unsafe-eval'")),
            );
        }
    }
    script.or(default).unwrap_or(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_table() {
        // [policies, allows wasm?]
        let cases: &[(&[&str], bool)] = &[
            (&[], true), // no policy at all
            (&[""], true),
            (&["  "], true),
            (&["upgrade-insecure-requests; frame-ancestors 'self'"], true), // restricts neither
            (&["img-src 'self'; style-src 'self'"], true),
            // facebook.com's policy today
            (&["default-src * data: blob: 'self'; script-src *.facebook.com *.fbcdn.net 'unsafe-inline' 'unsafe-eval' blob: data: 'self'; report-uri /csp/reporting/"], true),
            (&["script-src 'self' 'wasm-unsafe-eval'"], true),
            (&["script-src 'self' 'WASM-UNSAFE-EVAL'"], true), // keywords are case-insensitive
            (&["SCRIPT-SRC 'self' 'unsafe-eval'"], true),       // directive names too
            (&["default-src 'self' 'unsafe-eval'"], true),      // default-src stands in for script-src
            (&["default-src 'self'; script-src 'self' 'unsafe-eval'"], true), // script-src decides
            (&["default-src 'self' 'unsafe-eval'; script-src 'self'"], false),
            (&["script-src 'self'"], false),
            (&["default-src 'self'"], false),
            (&["default-src 'none'"], false),
            (&["script-src 'self' 'unsafe-inline' https:"], false),
            (&["script-src 'self' unsafe-eval"], false), // unquoted: a host name, not the keyword
            (&["script-src 'self' 'unsafe-hashes'"], false),
            (&["script-src-elem 'self'; default-src 'self' 'unsafe-eval'"], true), // -elem does not govern eval
            (&["script-src 'self'; script-src 'unsafe-eval'"], false), // the first occurrence wins
            (&["script-src\t'self'\n'unsafe-eval'"], true),             // any ASCII whitespace separates
            (&["script-src 'self' 'unsafe-eval';;;"], true),
            // several policies: all must allow
            (&["script-src 'unsafe-eval'", "default-src 'self'"], false),
            (&["script-src 'unsafe-eval', default-src 'self'"], false), // two policies in one value
            (&["script-src 'unsafe-eval', img-src 'self'"], true),
            (&["script-src 'unsafe-eval'", "script-src 'wasm-unsafe-eval'"], true),
        ];
        for (policies, want) in cases {
            let values: Vec<Option<&str>> = policies.iter().map(|p| Some(*p)).collect();
            assert_eq!(allows_wasm(&values), *want, "{policies:?}");
        }
        // A value that could not be read (a binary header, not a string): the JavaScript build is always safe.
        assert!(!allows_wasm(&[None]));
        assert!(!allows_wasm(&[Some("script-src 'unsafe-eval'"), None]));
    }

    #[test]
    fn policy_headers_enforced_and_report_only_any_case() {
        assert!(is_policy_header("content-security-policy"));
        assert!(is_policy_header("Content-Security-Policy-Report-Only"));
        assert!(!is_policy_header("X-Content-Security-Policy"));
        assert!(!is_policy_header("Content-Type"));
    }

    #[test]
    fn policy_metas_enforced_only() {
        assert!(is_policy_meta("Content-Security-Policy"));
        assert!(is_policy_meta(" content-security-policy\n"));
        assert!(!is_policy_meta("Content-Security-Policy-Report-Only"));
        assert!(!is_policy_meta("refresh"));
    }
}
