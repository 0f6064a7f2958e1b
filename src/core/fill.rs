//! Whether to write the stored email into the form's field. The rule is to
//! never overwrite what is there: Meta pre-fills the logged-in account's
//! address, and the user may have typed one.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmailFill {
    /// Write this value.
    Fill(String),
    /// The field already holds the stored address.
    AlreadyThere,
    /// The field holds another address: leave it, and say so.
    KeepOther,
    /// Nothing stored: nothing to do.
    NothingStored,
}

pub fn decide(stored: Option<&str>, field_value: &str) -> EmailFill {
    let Some(stored) = stored.filter(|s| !s.is_empty()) else {
        return EmailFill::NothingStored;
    };
    let current = field_value.trim();
    if current.is_empty() {
        EmailFill::Fill(stored.to_string())
    } else if current.eq_ignore_ascii_case(stored) {
        EmailFill::AlreadyThere
    } else {
        EmailFill::KeepOther
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_only_empty_fields() {
        assert_eq!(decide(Some("a@b.eu"), ""), EmailFill::Fill("a@b.eu".into()));
        assert_eq!(decide(Some("a@b.eu"), "   "), EmailFill::Fill("a@b.eu".into()));
        assert_eq!(decide(Some("a@b.eu"), "A@B.EU"), EmailFill::AlreadyThere);
        assert_eq!(decide(Some("a@b.eu"), "other@x.eu"), EmailFill::KeepOther);
        assert_eq!(decide(None, ""), EmailFill::NothingStored);
        assert_eq!(decide(Some(""), ""), EmailFill::NothingStored);
    }
}
