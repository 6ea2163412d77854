//! Light Arabic stemming.

pub(crate) fn is_arabic(c: char) -> bool {
    ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{0750}'..='\u{077F}').contains(&c)
}

/// Light Arabic stemming: the conjunction و and the article ال with its common prepositions come
/// off the front, keeping at least three letters, so that والسورية and سورية meet.
pub(crate) fn stem_arabic(w: &str) -> String {
    let mut s: &str = w;
    let len = |s: &str| s.chars().count();
    for prefix in ["وال", "بال", "كال", "فال", "لل", "ال"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            if len(rest) >= 3 {
                s = rest;
                break;
            }
        }
    }
    if len(s) > 3 {
        if let Some(rest) = s.strip_prefix('و') {
            if len(rest) >= 3 {
                s = rest;
            }
        }
    }
    for suffix in ["ات", "ون", "ين", "ها"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            if len(rest) >= 3 {
                s = rest;
                break;
            }
        }
    }
    s.to_string()
}
