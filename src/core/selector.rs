//! The CSS selectors of what can be the next click on Meta's pages, and a
//! quicker query for the same elements (see `shell::candidates::collect`):
//! browsers test every selector of a list against every element of the page,
//! and seven `[role=…]` selectors cost seven attribute tests on every element,
//! where `[role]:is(…)` asks the seven only of elements that have a role.

/// Everything that can be the next click on Meta's pages.
pub const CANDIDATES: &str = "a[href], button, input[type=submit], input[type=radio], [role=button], [role=link], \
                              [role=menuitem], [role=menuitemradio], [role=radio], [role=option], [role=tab], \
                              [aria-expanded]";

/// The whole page's query: the elements of [`CANDIDATES`], in the same
/// (document) order, in less time. Browsers test every entry of a list
/// against every element of the page, so the list is kept short: its
/// `[role=…]` selectors behind one `[role]` test (seven attribute tests on
/// every element became one, and seven only on elements that have a role),
/// and its two `input[type=…]` as one `input:is(…)`. On the 20,000-element
/// feed, in the extension's world in Chromium, the `[role]` grouping took
/// `querySelectorAll` from 5.5–6.9 ms to 3.7–4.6; the query used before,
/// `…, [role]` (3.4–4.1 ms), also returned the feed's 814 posts
/// (`role=article`), which the reader then dropped. The `input` grouping,
/// alternated with the query without it, spaced like the bench's rounds:
/// 0.12–0.26 ms less in Firefox, 0.5 in Chromium (median of pairs). A test
/// derives this list from [`CANDIDATES`]; another checks in both browsers
/// that the two find the same elements (tests/e2e/selector.test.js).
pub const QUERY: &str = "a[href], button, input:is([type=submit], [type=radio]), [aria-expanded], \
                         [role]:is([role=button], [role=link], [role=menuitem], [role=menuitemradio], [role=radio], \
                         [role=option], [role=tab])";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_query_is_the_candidates_grouped() {
        let (roles, rest): (Vec<&str>, Vec<&str>) =
            CANDIDATES.split(", ").partition(|s| s.starts_with("[role=") && s.ends_with(']'));
        let (inputs, rest): (Vec<&str>, Vec<&str>) = rest.iter().partition(|s| s.starts_with("input["));
        assert!(roles.len() >= 7 && inputs.len() == 2 && rest.len() >= 3, "{roles:?} {inputs:?} {rest:?}");
        let inputs: Vec<&str> = inputs.iter().filter_map(|s| s.strip_prefix("input")).collect();
        // The inputs' entry where the first of them was.
        let at = CANDIDATES.split(", ").position(|s| s.starts_with("input[")).unwrap_or(0);
        let mut grouped: Vec<String> = rest.iter().map(|s| s.to_string()).collect();
        grouped.insert(at, format!("input:is({})", inputs.join(", ")));
        assert_eq!(QUERY, format!("{}, [role]:is({})", grouped.join(", "), roles.join(", ")));
    }
}
