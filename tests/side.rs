//! The selection's side (`side::judge`) on the embedded dataset's own quotes: a reader who
//! highlights an account's quote, as the article prints it, gets that account's stance.
#![cfg(not(target_arch = "wasm32"))]

use crosscheck_engine::side::{judge, Basis, Side};
use crosscheck_engine::Engine;
use crosscheck_format::model::Stance;

#[test]
fn every_quote_gets_its_accounts_side() {
    let engine = Engine::embedded().unwrap();
    let (mut checked, mut split) = (0, 0);
    for i in 0..engine.claim_count() {
        let claim = engine.claim(i).unwrap();
        for account in &claim.accounts {
            let want = match account.stance {
                Stance::Corroborates => Side::Asserts,
                Stance::Conflicts => Side::Disputes,
                Stance::Context => continue,
            };
            if account.quote.split_whitespace().count() < 5 {
                continue;
            }
            let got = judge(&account.quote, &claim, engine.lexicon());
            assert!(
                matches!(got.basis, Basis::Quote { .. }),
                "{}: {:?} not judged by its quote",
                claim.id,
                account.quote
            );
            // The same words quoted by accounts on both sides (a report and its denial quoting it)
            // leave the side unknown, never the wrong one.
            if got.side == Side::Unknown {
                split += 1;
                continue;
            }
            assert_eq!(got.side, want, "{}: {:?}", claim.id, account.quote);
            checked += 1;
        }
    }
    assert!(checked > 400, "only {checked} quotes checked");
    assert!(split * 20 < checked, "{split} quotes left unknown of {checked}");
}

#[test]
fn a_quote_inside_a_longer_selection_keeps_its_side() {
    let engine = Engine::embedded().unwrap();
    let mut checked = 0;
    for i in 0..engine.claim_count() {
        let claim = engine.claim(i).unwrap();
        for account in claim.accounts.iter().filter(|a| a.stance == Stance::Conflicts) {
            if account.quote.split_whitespace().count() < 8 {
                continue;
            }
            let selection = format!("This was false. {} That is what the record shows.", account.quote);
            let got = judge(&selection, &claim, engine.lexicon()).side;
            assert_ne!(got, Side::Asserts, "{}: {:?}", claim.id, account.quote);
            checked += usize::from(got == Side::Disputes);
        }
    }
    assert!(checked > 20, "only {checked} conflicting quotes judged");
}

/// Through the answer a reader gets (`lookup` and its view, as the CLI and the JS API give it): a
/// conflicting account's quote, selected on its own, comes back as disputing its claim, and the
/// answer points at that account so the popup does not offer the reader's own words as evidence.
#[test]
fn the_answer_says_the_side_and_which_account_was_selected() {
    use crosscheck_engine::view;
    let engine = Engine::embedded().unwrap();
    let mut checked = 0;
    for i in 0..engine.claim_count() {
        let claim = engine.claim(i).unwrap();
        for account in claim.accounts.iter().filter(|a| a.stance == Stance::Conflicts) {
            if account.quote.split_whitespace().count() < 8 {
                continue;
            }
            let found = view::matched(&engine, &account.quote, &engine.lookup(&account.quote));
            let answer = view::check(engine.catalog(), &account.quote, &found);
            let Some(m) = answer.matches.iter().find(|m| m.claim.id == claim.id) else { continue };
            if m.side == "unknown" {
                continue;
            }
            assert_eq!(m.side, "disputes", "{}: {:?}", claim.id, account.quote);
            assert_eq!(m.side_basis, Some("quote"));
            let at = m.side_account.expect("the selected account");
            assert_eq!(m.accounts[at].quote, account.quote);
            assert_eq!(m.accounts[at].stance, "conflicts");
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} answers checked");
}
