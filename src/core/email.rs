//! Email validation for what the user types in the options page.
//!
//! Accepts what real mail systems deliver to — plus-addressing, dots, hyphens,
//! internationalised domains (`jürgen@müller.de`) — and refuses what is surely
//! a typo, with a reason the user can act on. It is not RFC 5322's full grammar:
//! quoted local parts and IP-literal domains are refused, because Meta's form
//! would refuse them too.

use crate::core::normalize::contains_str;
use crate::core::strings::char_count;
use crate::prelude::*;

/// Why an address was refused. [`EmailError::code`] names the message shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailError {
    Empty,
    Spaces,
    NoAt,
    SeveralAts,
    NoLocalPart,
    NoDomain,
    TooLong,
    BadLocalChar,
    BadDots,
    DomainNoDot,
    BadDomainLabel,
    BadTopLevel,
}

impl EmailError {
    /// Every reason, for tests and for checking that each has a message.
    pub const ALL: [EmailError; 12] = [
        EmailError::Empty,
        EmailError::Spaces,
        EmailError::NoAt,
        EmailError::SeveralAts,
        EmailError::NoLocalPart,
        EmailError::NoDomain,
        EmailError::TooLong,
        EmailError::BadLocalChar,
        EmailError::BadDots,
        EmailError::DomainNoDot,
        EmailError::BadDomainLabel,
        EmailError::BadTopLevel,
    ];

    /// Stable identifier, used as the `_locales` message key `email_error_<code>`.
    pub fn code(self) -> &'static str {
        match self {
            EmailError::Empty => "empty",
            EmailError::Spaces => "spaces",
            EmailError::NoAt => "no_at",
            EmailError::SeveralAts => "several_ats",
            EmailError::NoLocalPart => "no_local_part",
            EmailError::NoDomain => "no_domain",
            EmailError::TooLong => "too_long",
            EmailError::BadLocalChar => "bad_local_char",
            EmailError::BadDots => "bad_dots",
            EmailError::DomainNoDot => "domain_no_dot",
            EmailError::BadDomainLabel => "bad_domain_label",
            EmailError::BadTopLevel => "bad_top_level",
        }
    }

    /// English text, used when the browser has no translation.
    pub fn message(self) -> &'static str {
        match self {
            EmailError::Empty => "Type your email address.",
            EmailError::Spaces => "An email address cannot contain spaces.",
            EmailError::NoAt => "An email address needs an @, as in name@example.com.",
            EmailError::SeveralAts => "An email address has only one @.",
            EmailError::NoLocalPart => "Something is missing before the @.",
            EmailError::NoDomain => "Something is missing after the @.",
            EmailError::TooLong => "This address is too long to be real.",
            EmailError::BadLocalChar => "The part before the @ has a character addresses cannot contain.",
            EmailError::BadDots => "Dots cannot come first, last or twice in a row.",
            EmailError::DomainNoDot => "The part after the @ needs a dot, as in example.com.",
            EmailError::BadDomainLabel => "The part after the @ is not a valid domain.",
            EmailError::BadTopLevel => "The ending of the domain (like .com or .fr) looks wrong.",
        }
    }
}

/// Validates an address; returns it trimmed when it is acceptable.
pub fn validate(input: &str) -> Result<String, EmailError> {
    let email = input.trim();
    if email.is_empty() {
        return Err(EmailError::Empty);
    }
    if email.chars().any(char::is_whitespace) {
        return Err(EmailError::Spaces);
    }
    let (local, domain) = match email.split_once('@') {
        None => return Err(EmailError::NoAt),
        Some((_, d)) if d.contains('@') => return Err(EmailError::SeveralAts),
        Some(parts) => parts,
    };
    if local.is_empty() {
        return Err(EmailError::NoLocalPart);
    }
    if domain.is_empty() {
        return Err(EmailError::NoDomain);
    }
    if char_count(email) > 254 || char_count(local) > 64 {
        return Err(EmailError::TooLong);
    }
    const LOCAL_SPECIALS: &str = "!#$%&'*+-/=?^_`{|}~.";
    if !local.chars().all(|c| c.is_alphanumeric() || LOCAL_SPECIALS.chars().any(|s| s == c)) {
        return Err(EmailError::BadLocalChar);
    }
    if local.starts_with('.') || local.ends_with('.') || contains_str(local, "..") {
        return Err(EmailError::BadDots);
    }
    let domain = domain.strip_suffix('.').unwrap_or(domain);
    if domain.starts_with('.') || contains_str(domain, "..") {
        return Err(EmailError::BadDots);
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Err(EmailError::DomainNoDot);
    }
    for label in &labels {
        let ok_chars = label.chars().all(|c| c.is_alphanumeric() || c == '-');
        if !ok_chars || label.starts_with('-') || label.ends_with('-') || char_count(label) > 63 {
            return Err(EmailError::BadDomainLabel);
        }
    }
    let tld = labels[labels.len() - 1];
    if char_count(tld) < 2 || tld.chars().all(|c| c.is_ascii_digit()) {
        return Err(EmailError::BadTopLevel);
    }
    Ok(email.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_addresses() {
        for ok in [
            "jane@example.org",
            "jane.doe+meta@example.org",
            "JANE@EXAMPLE.ORG",
            "j@e.co",
            "o'brien@example.ie",
            "first_last-1@sub.domain.example.eu",
            "user%tag@example.com",
            "jürgen@müller.de",
            "ζωή@παράδειγμα.ελ",
            "marie@xn--e1afmkfd.xn--p1ai",
            "  padded@example.fr  ",
            "name@example.com.",
            "x@123.example",
            "a{b}c@example.nl",
            "user@localhost.localdomain",
            "firstname.lastname@example.co.uk",
            "1234567890@example.com",
            "_______@example.com",
            "email@example-one.com",
            "email@example.name",
            "email@example.museum",
            "jean-françois@exemple.fr",
            "łukasz@przykład.pl",
            "ana.maria@exemplu.ro",
            "x@xn--mller-kva.de",
            "a@b.cd",
            "o.brien+facebook.ai-objection@mail.example.ie",
        ] {
            assert!(validate(ok).is_ok(), "{ok} was refused: {:?}", validate(ok));
        }
    }

    #[test]
    fn refuses_typos_with_a_reason() {
        use EmailError::*;
        for (bad, why) in [
            ("", Empty),
            ("   ", Empty),
            ("not-an-email", NoAt),
            ("jane@@example.org", SeveralAts),
            ("a@b@c.org", SeveralAts),
            ("@example.org", NoLocalPart),
            ("jane@", NoDomain),
            ("jane doe@example.org", Spaces),
            ("jane@exam ple.org", Spaces),
            ("jane@example", DomainNoDot),
            ("a@b", DomainNoDot),
            (".jane@example.org", BadDots),
            ("jane.@example.org", BadDots),
            ("ja..ne@example.org", BadDots),
            ("jane@example..org", BadDots),
            ("jane@.example.org", BadDots),
            ("jane@-example.org", BadDomainLabel),
            ("jane@example-.org", BadDomainLabel),
            ("jane@exa_mple.org", BadDomainLabel),
            ("jane@example.c", BadTopLevel),
            ("jane@1.2.3.4", BadTopLevel),
            ("jane@[1.2.3.4]", BadDomainLabel),
            ("\"jane\"@example.org", BadLocalChar),
            ("jane(comment)@example.org", BadLocalChar),
            ("ja<ne@example.org", BadLocalChar),
            ("jane,doe@example.org", BadLocalChar),
            ("jane;doe@example.org", BadLocalChar),
            ("jane:doe@example.org", BadLocalChar),
            ("jane\\doe@example.org", BadLocalChar),
            ("jane@example.org>", BadDomainLabel),
            ("<jane@example.org>", BadLocalChar),
            ("jane@example.org (work)", Spaces),
            ("Jane Doe <jane@example.org>", Spaces),
            ("mailto:jane@example.org", BadLocalChar),
            ("jane@example.org,bob@example.org", SeveralAts),
            ("jane\t@example.org", Spaces),
            ("jane@exam\u{00a0}ple.org", Spaces),
            ("jane@example.123", BadTopLevel),
            ("jane@http://example.org", BadDomainLabel),
        ] {
            assert_eq!(validate(bad), Err(why), "{bad:?}");
        }
        let long_local = format!("{}@example.org", "a".repeat(65));
        assert_eq!(validate(&long_local), Err(TooLong));
        let long_all = format!("a@{}.org", "b".repeat(260));
        assert_eq!(validate(&long_all), Err(TooLong));
    }

    #[test]
    fn every_error_has_a_code_and_message() {
        for e in EmailError::ALL {
            assert!(!e.code().is_empty() && e.message().ends_with('.'));
        }
    }
}
