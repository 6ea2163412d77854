//! Related words: a selection's word also looks for the claims' words that WordNet relates to it
//! (its synonyms, and for a verb the verb it is a kind of), at a lower weight than the word itself.
//! The table (`related.txt`: a term, then its related terms, one line each, sorted) is generated
//! from WordNet 3.1 by `examples/related.rs` for the default dataset's vocabulary and checked in, so
//! that neither the build nor the browser needs WordNet; ARCHITECTURE.md says why.

use std::sync::OnceLock;

/// What a related term weighs against the word itself (its IDF is scaled by this).
pub const RELATED_WEIGHT: f32 = 0.5;

static TABLE: &str = include_str!("related.txt");

/// The table's lines as (term, related terms), split once, on the first look-up.
fn lines() -> &'static [(&'static str, &'static str)] {
    static LINES: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    LINES.get_or_init(|| TABLE.lines().filter_map(|l| l.split_once(' ')).collect())
}

/// The terms related to an analysed term (none for most).
pub fn related(term: &str) -> impl Iterator<Item = &'static str> {
    let lines = lines();
    let found = lines.binary_search_by(|(t, _)| (*t).cmp(term)).ok().map_or("", |at| lines[at].1);
    found.split(' ').filter(|r| !r.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_finds_its_entries() {
        let lines = lines();
        assert!(lines.windows(2).all(|w| w[0].0 < w[1].0), "sorted, without repeats");
        assert!(lines.len() > 500);
        for (t, r) in lines {
            let found: Vec<&str> = related(t).collect();
            assert_eq!(found.join(" "), *r);
            assert!(!found.is_empty() && !found.contains(t));
        }
        assert_eq!(related("zzzz").count(), 0);
    }
}
