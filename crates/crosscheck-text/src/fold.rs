//! Unicode folding: decomposition without combining marks, case, and the characters matching ignores.

use crate::tables;
use crate::tokenise::{arabic_digit, is_arabic_letter};

/// What a character folds to, from one run of `tables::FOLD`.
enum Folded {
    Drop,
    Char(char),
    Str(&'static str),
}

/// Looks a character up in the fold table: whether its fold is a lower case (else a decomposition
/// or a drop), and the fold; None for a character that folds to itself. Each u64 of FOLD is a run
/// of characters `start + k * stride` (k < count), sorted by `start` and never spanning another
/// run's start, that are all dropped, all folded to one character, folded to a shifted block
/// (A–Z → a–z), or each to its own segment of FOLD_STRINGS; crates/crosscheck-dev/src/tables.rs writes the bits.
fn fold(c: char) -> Option<(bool, Folded)> {
    let code = c as u32;
    let at = tables::FOLD.partition_point(|&run| (run >> 43) as u32 <= code);
    let run = *tables::FOLD.get(at.checked_sub(1)?)?;
    let start = (run >> 43) as u32;
    let count = (run >> 35 & 0xFF) as u32 + 1;
    let stride = (run >> 33 & 3) as u32 + 1;
    let offset = code - start;
    if offset % stride != 0 || offset / stride >= count {
        return None;
    }
    let lower = run >> 32 & 1 == 1;
    let value = (run & 0x3FFF_FFFF) as u32;
    let folded = match run >> 30 & 3 {
        0 => Folded::Drop,
        1 => Folded::Char(char::from_u32(value)?),
        2 => Folded::Char(char::from_u32(value + offset)?),
        _ => {
            // The segment's text runs from the end of the one before to its own end, a byte below
            // 4: \u{1} for a decomposition (empty for a drop), \u{2} for a lower case, \u{3} for
            // a character that folds to itself.
            let segments = tables::FOLD_STRINGS.get(value as usize..)?;
            let mut ends = segments.bytes().enumerate().filter(|&(_, b)| b <= 3).map(|(at, _)| at);
            let start = match offset {
                0 => 0,
                k => ends.nth(k as usize - 1)? + 1,
            };
            let end = ends.next()?;
            let text = segments.get(start..end)?;
            let mut chars = text.chars();
            let folded = match (chars.next(), chars.next()) {
                (None, _) => Folded::Drop,
                (Some(c), None) => Folded::Char(c),
                _ => Folded::Str(text),
            };
            return match segments.as_bytes().get(end) {
                Some(3) => None,
                kind => Some((kind == Some(&2), folded)),
            };
        }
    };
    Some((lower, folded))
}

/// Unicode compatibility decomposition with combining marks dropped: é → e, ﬁ → fi, Ｒ → R,
/// the Arabic presentation forms → their letters. Case is kept: hashtags and acronyms need it.
pub(crate) fn decompose(c: char, out: &mut Vec<char>) {
    // ASCII folds to itself (crates/crosscheck-dev/src/tables.rs checks), and is most of what a page holds.
    if c.is_ascii() {
        out.push(c);
        return;
    }
    match fold(c) {
        Some((false, Folded::Drop)) => {}
        Some((false, Folded::Char(d))) => out.push(d),
        Some((false, Folded::Str(s))) => out.extend(s.chars()),
        _ => out.push(c),
    }
}

/// Case folding of a decomposed character: its lower case, except the two letters whose lower
/// case is not their fold (ß → ss, ς → σ). The table does this rather than `char::to_lowercase`,
/// whose own tables the wasm would have to carry.
pub(crate) fn push_folded_case(c: char, word: &mut String) {
    if c.is_ascii() {
        word.push(c.to_ascii_lowercase());
        return;
    }
    if is_arabic_letter(c) {
        word.push(c);
        return;
    }
    match fold(c) {
        Some((true, Folded::Char(l))) => word.push(l),
        Some((true, Folded::Str(s))) => word.push_str(s),
        _ => word.push(c),
    }
}

/// Folds one decomposed character: Arabic letter variants to their base letter, digits to ASCII.
/// Returns None for characters that carry no meaning for matching (tatweel, joiners). Combining
/// marks are gone already: `decompose` drops them.
pub(crate) fn fold_char(c: char) -> Option<char> {
    // Marks that are invisible inside a word: tatweel, joiners, the soft hyphen of hyphenated
    // pages, the word joiner, the byte-order mark and the direction marks and isolates.
    if matches!(
        c,
        '\u{0640}'
            | '\u{200C}'
            | '\u{200D}'
            | '\u{00AD}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
    ) || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
    {
        return None;
    }
    Some(match c {
        'ة' => 'ه',
        'ى' => 'ي',
        'ٱ' | 'أ' | 'إ' | 'آ' => 'ا',
        _ => arabic_digit(c).unwrap_or(c),
    })
}
