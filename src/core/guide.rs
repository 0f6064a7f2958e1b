//! Page + candidates → the next thing to click. The order of a page kind's
//! steps in the rules is the order of preference: the step that leaves the
//! fewest clicks to the form comes first, so the guide takes the shortest
//! route the current page offers.

use crate::core::classify::Page;
use crate::core::matcher::{labels_in, Candidate, MatchContext};
use crate::core::normalize::{contains_words, normalize};
use crate::core::ranking::Ranking;
use crate::core::rules::{Rules, SignalRule, StepRule};
use crate::core::strings::concat;
use crate::prelude::*;

/// The step the guide shows, and the element that carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub step_id: &'static str,
    /// "Step `number` of `of`".
    pub number: u32,
    pub of: u32,
    /// Index of the target in the candidates given.
    pub index: usize,
}

/// The steps a page may offer, in order of preference. Empty means there is
/// nothing to do on this page, and the shell does no scanning at all.
pub fn steps_for<'r>(rules: &'r Rules, page: &Page) -> Vec<&'r StepRule> {
    if !page.is_recognised() {
        return Vec::new();
    }
    // A site-specific list ("instagram:feed") wins over the generic one ("feed").
    rules
        .steps_of(&concat(&[&page.site, ":", &page.kind]))
        .or_else(|| rules.steps_of(&page.kind))
        .map(|ids| ids.iter().filter_map(|id| rules.step(id)).collect())
        .unwrap_or_default()
}

/// What an unknown contact form is, from its headings, legends and labels:
/// the first signal whose every phrase appears in one of `texts` wins.
pub fn refine_contact_form(rules: &Rules, texts: &[String], lang: &str) -> Option<String> {
    first_signal(rules.contact_form_signals, texts, lang)
}

/// Whether `texts` (headings, alerts, status messages) say Meta received the
/// objection. The caller only asks after the user clicked Send.
pub fn is_confirmation(rules: &Rules, texts: &[String], lang: &str) -> bool {
    first_signal(rules.confirmation_signals, texts, lang).is_some()
}

fn first_signal(signals: &[SignalRule], texts: &[String], lang: &str) -> Option<String> {
    let normalised: Vec<String> = texts.iter().map(|t| normalize(t)).collect();
    for signal in signals {
        for label in labels_in(signal.labels, lang) {
            let phrases: Vec<&str> = label.split('+').map(str::trim).collect();
            if normalised.iter().any(|t| phrases.iter().all(|p| contains_words(t, p))) {
                return Some(signal.kind.to_string());
            }
        }
    }
    None
}

/// The step to show when no target is on screen yet: the first the page offers.
pub fn expected_step<'r>(rules: &'r Rules, page: &Page) -> Option<&'r StepRule> {
    steps_for(rules, page).into_iter().next()
}

/// Picks the first step (in order of preference) that has a target on the page.
pub fn decide(ctx: &MatchContext, page: &Page, candidates: &[Candidate]) -> Option<Choice> {
    decide_visible(ctx, page, candidates, |_| true)
}

/// [`decide`], taking only candidates `visible(index)` accepts; it is asked
/// about the best-scoring ones first, and only as far as needed. The same
/// decision as the shell's, through a [`Ranking`] of the whole page.
pub fn decide_visible(
    ctx: &MatchContext,
    page: &Page,
    candidates: &[Candidate],
    mut visible: impl FnMut(usize) -> bool,
) -> Option<Choice> {
    let steps = steps_for(ctx.rules, page);
    let mut ranking = Ranking::default();
    ranking.add(ctx, &steps, candidates, Some);
    let (choice, &index) = ranking.decide(&steps, ctx.rules.route_length, |&i| visible(i), usize::cmp)?;
    Some(Choice { index, ..choice })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::classify::classify;
    use crate::core::url::Url;

    fn run(url: &str, cands: &[Candidate]) -> Option<(&'static str, usize)> {
        let rules = Rules::embedded();
        let base = Url::parse(url).unwrap();
        let page = classify(rules, &base);
        let ctx = MatchContext::new(rules, &base, "en");
        decide(&ctx, &page, cands).map(|c| (c.step_id, c.index))
    }

    fn link<'a>(href: &'a str, text: &'a str) -> Candidate<'a> {
        Candidate { tag: "a", href, text, ..Default::default() }
    }

    #[test]
    fn hidden_candidates_give_way_to_the_next_visible_one_or_the_next_step() {
        let rules = Rules::embedded();
        let base = Url::parse("https://www.facebook.com/settings/").unwrap();
        let page = classify(rules, &base);
        let ctx = MatchContext::new(rules, &base, "en");
        let cands = [
            link("/privacy/center/", "Privacy Center"),
            link("/privacy/center/?entry_point=x", "Privacy Center"),
            link("/privacy/policy/", "Privacy Policy"),
        ];
        let mut asked = Vec::new();
        let c = decide_visible(&ctx, &page, &cands, |i| {
            asked.push(i);
            i != 0
        });
        assert_eq!(c.map(|c| (c.step_id, c.index)), Some(("privacy_center_link", 1)));
        assert_eq!(asked, [0, 1], "visibility is asked best-first and only as far as needed");
        let c = decide_visible(&ctx, &page, &cands, |i| i == 2);
        assert_eq!(c.map(|c| (c.step_id, c.index)), Some(("privacy_policy_link", 2)));
        assert_eq!(decide_visible(&ctx, &page, &cands, |_| false), None);
    }

    #[test]
    fn feed_prefers_the_shortest_route() {
        let menu = Candidate { tag: "div", role: "button", aria_label: "Your profile", ..Default::default() };
        let settings = link("/settings/?tab=privacy", "Settings & privacy");
        let center = link("/privacy/center/", "Privacy Center");
        assert_eq!(run("https://www.facebook.com/", ::core::slice::from_ref(&menu)), Some(("account_menu", 0)));
        assert_eq!(run("https://www.facebook.com/", &[menu.clone(), settings.clone()]), Some(("settings_link", 1)));
        assert_eq!(run("https://www.facebook.com/", &[menu, settings, center]), Some(("privacy_center_link", 2)));
    }

    #[test]
    fn privacy_center_goes_to_genai_or_straight_to_the_form() {
        let genai = link("/privacy/genai/", "Generative AI at Meta");
        let form = link("https://www.facebook.com/help/contact/6359191084165019", "object");
        let url = "https://www.facebook.com/privacy/center/";
        assert_eq!(run(url, ::core::slice::from_ref(&genai)), Some(("genai_link", 0)));
        assert_eq!(run(url, &[genai, form]), Some(("object_link", 1)));
    }

    #[test]
    fn instagram_feed_uses_its_own_menu() {
        let more = Candidate { tag: "a", href: "#", role: "link", text: "More", ..Default::default() };
        assert_eq!(run("https://www.instagram.com/", ::core::slice::from_ref(&more)), Some(("ig_more_menu", 0)));
        // The same word on Facebook's feed is nobody's menu.
        assert_eq!(run("https://www.facebook.com/", &[more]), None);
    }

    #[test]
    fn contact_forms_are_known_by_their_text() {
        let rules = Rules::embedded();
        let t = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let heading = t(&["Object to Your Information Being Used for AI at Meta"]);
        assert_eq!(refine_contact_form(rules, &heading, "en").as_deref(), Some("objection_form"));
        let question = t(&["Contact form", "Bezieht sich deine Anfrage auf KI bei Meta?"]);
        assert_eq!(refine_contact_form(rules, &question, "de").as_deref(), Some("generic_objection_form"));
        // Phrases must meet in one text, not across the page.
        let scattered = t(&["How to object", "AI at Meta"]);
        assert_eq!(refine_contact_form(rules, &scattered, "en"), None);
        assert_eq!(refine_contact_form(rules, &t(&["Report a login problem"]), "en"), None);
    }

    #[test]
    fn confirmation_in_the_pages_language_or_english() {
        let rules = Rules::embedded();
        let t = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert!(is_confirmation(rules, &t(&["Thanks. We received your request."]), "en"));
        assert!(is_confirmation(rules, &t(&["Nous avons bien reçu votre demande"]), "fr-FR"));
        assert!(is_confirmation(rules, &t(&["Wir haben deine Anfrage erhalten"]), "de"));
        assert!(is_confirmation(rules, &t(&["Otrzymaliśmy Twoją prośbę"]), "pl"));
        assert!(is_confirmation(rules, &t(&["Your request has been sent"]), "it"), "English is always tried");
        // The form itself talks about requests, but not about having received one.
        assert!(!is_confirmation(rules, &t(&["Is your request about AI at Meta?", "Send"]), "en"));
        assert!(!is_confirmation(rules, &t(&["Objet de votre demande"]), "fr"));
    }

    #[test]
    fn nothing_to_do_on_unknown_pages() {
        let rules = Rules::embedded();
        let page = classify(rules, &Url::parse("https://www.facebook.com/marketplace/").unwrap());
        assert!(steps_for(rules, &page).is_empty());
        assert_eq!(run("https://www.facebook.com/marketplace/", &[link("/privacy/center/", "Privacy Center")]), None);
    }

    #[test]
    fn every_recognised_kind_has_steps() {
        let rules = Rules::embedded();
        // The confirmation ends the route: nothing is left to click there.
        for kind in crate::core::rules::PAGE_KINDS.iter().filter(|k| **k != "confirmation") {
            let page = Page { site: "facebook".into(), kind: kind.to_string(), form_id: None };
            assert!(expected_step(rules, &page).is_some(), "{kind} has no step");
        }
    }
}
