//! "Did you mean ...?": the closest known name to a misspelt one.

/// The candidate closest to `wrong`, if one is close enough to be a likely typo.
pub fn closest<'a, I>(wrong: &str, candidates: I) -> Option<String>
where
    I: IntoIterator,
    I::Item: AsRef<str> + 'a,
{
    let mut best: Option<(f64, String)> = None;
    for candidate in candidates {
        let candidate = candidate.as_ref();
        let score = if candidate.eq_ignore_ascii_case(wrong) {
            1.0
        } else {
            strsim::jaro_winkler(wrong, candidate)
        };
        if score >= 0.8 && best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, candidate.to_string()));
        }
    }
    best.map(|(_, name)| name)
}

/// `did you mean `x`?` for the closest candidate, if any.
pub fn did_you_mean<'a, I>(wrong: &str, candidates: I) -> Option<String>
where
    I: IntoIterator,
    I::Item: AsRef<str> + 'a,
{
    closest(wrong, candidates).map(|name| format!("did you mean `{name}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_usual_typos() {
        let names = [
            "goal_value",
            "goal_id",
            "sale_amount",
            "sub15",
            "sub1",
            "txn_id",
        ];
        assert_eq!(closest("goal_vlaue", names).as_deref(), Some("goal_value"));
        assert_eq!(
            closest("sale_ammount", names).as_deref(),
            Some("sale_amount")
        );
        assert_eq!(closest("Txn_Id", names).as_deref(), Some("txn_id"));
        assert_eq!(closest("zzzzzz", names), None);
        assert_eq!(
            closest("sub1", names).as_deref(),
            Some("sub1"),
            "an exact match is closest"
        );
    }
}
