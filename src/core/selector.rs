//! The CSS selectors of what can be the next click on Meta's pages, and a
//! quicker query for the same elements (see `shell::candidates::collect`):
//! browsers test every selector of a list against every element of the page,
//! and seven `[role=…]` selectors cost seven tests where one `[role]`, and a
//! check of the role's value in the extension's reader, do.

/// Everything that can be the next click on Meta's pages.
pub const CANDIDATES: &str = "a[href], button, input[type=submit], input[type=radio], [role=button], [role=link], \
                              [role=menuitem], [role=menuitemradio], [role=radio], [role=option], [role=tab], \
                              [aria-expanded]";

/// [`CANDIDATES`] without its `[role=…]` selectors.
pub const REST: &str = "a[href], button, input[type=submit], input[type=radio], [aria-expanded]";

/// The role values of [`CANDIDATES`], separated by spaces (`read.js` splits
/// them: no role value has a space).
pub const ROLES: &str = "button link menuitem menuitemradio radio option tab";

/// The whole page's query: [`REST`] and any role. An element it finds is a
/// candidate if it has no role, one of [`ROLES`], or matches [`REST`]: the
/// elements of [`CANDIDATES`], in the same order (a test checks the three
/// constants against each other).
pub const QUERY: &str = "a[href], button, input[type=submit], input[type=radio], [aria-expanded], [role]";

#[cfg(test)]
mod tests {
    use super::*;

    /// A selector list's `[role=…]` values, and the rest of the list.
    fn by_role(list: &str) -> (Vec<&str>, String) {
        let (roles, rest): (Vec<&str>, Vec<&str>) =
            list.split(", ").partition(|s| s.starts_with("[role=") && s.ends_with(']'));
        (roles.iter().map(|r| &r["[role=".len()..r.len() - 1]).collect(), rest.join(", "))
    }

    #[test]
    fn the_quick_query_finds_the_candidates() {
        let (roles, rest) = by_role(CANDIDATES);
        assert_eq!(roles.join(" "), ROLES);
        assert!(roles.iter().all(|r| !r.is_empty() && !r.contains(char::is_whitespace)), "{roles:?}");
        assert_eq!(rest, REST);
        assert_eq!(QUERY, format!("{REST}, [role]"));
        // Every selector but the role values is in the rest, exactly once.
        assert_eq!(CANDIDATES.split(", ").count(), roles.len() + REST.split(", ").count());
    }
}
