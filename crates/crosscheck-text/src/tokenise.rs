//! Tokenising: words, numbers and punctuation, with links and tags skipped.

use crate::fold::{decompose, fold_char, push_folded_case};
use crate::numbers::parse_number;

/// Longer runs of letters are not words a reader selected (base64, hashes, a 100,000-character
/// token); dropping them keeps the index and the lookup bounded.
const MAX_TOKEN_CHARS: usize = 40;

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Raw {
    Word { text: String, caps: bool },
    Number(f64),
    Percent,
    Currency(&'static str),
}

/// Characters of the General Punctuation block (’ “ ” — – … and the invisible spaces and marks),
/// none of which is a letter or a digit. Pages are full of them, and for a character outside ASCII
/// `char::is_alphanumeric` binary-searches a table (some 500 instructions each, natively).
pub(crate) fn is_punctuation_block(c: char) -> bool {
    ('\u{2000}'..='\u{206F}').contains(&c)
}

/// The Arabic letters (U+0620–U+064A, tatweel included): all letters, none with a case or a
/// case fold. Arabic text is all of them, and the seed's sources quote it.
pub(crate) fn is_arabic_letter(c: char) -> bool {
    ('\u{0620}'..='\u{064A}').contains(&c)
}

/// Whether a character is a letter, and whether it is a capital: `char::is_alphabetic` and
/// `char::is_uppercase`, quick for ASCII, the Arabic letters and the punctuation block.
#[inline]
pub(crate) fn letter_case(c: char) -> (bool, bool) {
    if c.is_ascii() {
        (c.is_ascii_alphabetic(), c.is_ascii_uppercase())
    } else if is_arabic_letter(c) {
        (true, false)
    } else if is_punctuation_block(c) {
        (false, false)
    } else {
        (c.is_alphabetic(), c.is_uppercase())
    }
}

/// `char::is_alphanumeric`, quick for ASCII, the Arabic letters and the punctuation block.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_arabic_letter(c) || (!is_punctuation_block(c) && c.is_alphanumeric())
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘' | '`' | '´')
}

pub(crate) fn arabic_digit(c: char) -> Option<char> {
    match c {
        '\u{0660}'..='\u{0669}' => char::from_digit(c as u32 - 0x0660, 10),
        '\u{06F0}'..='\u{06F9}' => char::from_digit(c as u32 - 0x06F0, 10),
        _ => None,
    }
}

/// Splits text into raw tokens. Hyphens and other punctuation separate words; apostrophes join them
/// (Hay'at → hayat) and a possessive 's is dropped.
pub(crate) fn raw_tokens(text: &str, respect_caps: bool) -> Vec<Raw> {
    let mut chars = Vec::with_capacity(text.len());
    let ascii = text.is_ascii();
    if ascii {
        // ASCII decomposes to itself (see `decompose`).
        chars.extend(text.bytes().map(char::from));
    } else {
        for c in text.chars() {
            decompose(c, &mut chars);
        }
    }
    // ASCII folds to itself here too: only text with other characters needs the pass, and in it only
    // those characters (most of an English page with curly quotes is still ASCII).
    if !ascii {
        chars.retain_mut(|c| c.is_ascii() || fold_char(*c).map(|f| *c = f).is_some());
    }
    let chars = split_tags(skip_links(chars));
    let mut out = Vec::with_capacity(chars.len() / 4 + 1);
    // One buffer for every word, each copied out at its exact length: handing the buffer itself
    // over would cost a fresh one, grown a character at a time, for every word.
    let mut word = String::with_capacity(MAX_TOKEN_CHARS);
    let mut upper = 0usize;
    let mut letters = 0usize;
    let mut i = 0;
    let flush = |word: &mut String, upper: &mut usize, letters: &mut usize, out: &mut Vec<Raw>| {
        // A word of at most MAX_TOKEN_CHARS bytes has at most that many characters: most are not counted.
        if !word.is_empty() && (word.len() <= MAX_TOKEN_CHARS || word.chars().count() <= MAX_TOKEN_CHARS) {
            let caps = respect_caps && *letters >= 2 && *upper == *letters;
            out.push(classify(word.as_str().to_owned(), caps));
        }
        word.clear();
        *upper = 0;
        *letters = 0;
    };
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_alphanumeric() {
            // Most of a page, kept inline: the same as the branch below gives.
            letters += usize::from(c.is_ascii_alphabetic());
            upper += usize::from(c.is_ascii_uppercase());
            word.push(c.to_ascii_lowercase());
        } else if is_word_char(c) {
            let (letter, capital) = letter_case(c);
            letters += usize::from(letter);
            upper += usize::from(capital);
            push_folded_case(c, &mut word);
        } else if is_apostrophe(c) && !word.is_empty() && chars.get(i + 1).is_some_and(|n| n.is_alphabetic()) {
            let possessive =
                matches!(chars.get(i + 1), Some('s' | 'S')) && !chars.get(i + 2).is_some_and(|n| n.is_alphanumeric());
            if possessive {
                i += 1;
            }
        } else if (c == '.' || c == ',')
            // Bounded, so that "1.1.1.…" does not rescan an ever longer word (it is dropped anyway).
            && word.len() < MAX_TOKEN_CHARS
            && word.bytes().last().is_some_and(|b| b.is_ascii_digit())
            && word.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit())
        {
            // 6.3 keeps its point; 20,000 loses its comma.
            if c == '.' {
                word.push('.');
            }
        } else {
            flush(&mut word, &mut upper, &mut letters, &mut out);
            match c {
                '%' | '٪' => out.push(Raw::Percent),
                '$' => out.push(Raw::Currency("dollar")),
                '€' => out.push(Raw::Currency("euro")),
                '£' => out.push(Raw::Currency("pound")),
                _ => {}
            }
        }
        i += 1;
    }
    flush(&mut word, &mut upper, &mut letters, &mut out);
    out
}

/// Web links are addresses, not words: `https://t.co/x1Y2` would otherwise add random terms.
fn skip_links(chars: Vec<char>) -> Vec<char> {
    // Every link form below has a '/' or starts "www.": text without either is returned as it is.
    // The first letter is tested alone: most four-character windows of a text fail there.
    let www =
        |w: &[char]| matches!(w[0], 'w' | 'W') && w.iter().zip("www.".chars()).all(|(a, b)| a.eq_ignore_ascii_case(&b));
    if !chars.contains(&'/') && !chars.windows(4).any(www) {
        return chars;
    }
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    let starts = |i: usize, p: &str| {
        p.chars().enumerate().all(|(k, c)| chars.get(i + k).is_some_and(|x| x.eq_ignore_ascii_case(&c)))
    };
    while i < chars.len() {
        // Every form starts with h, w or p: the others are not looked at further.
        let may_start = matches!(chars[i], 'h' | 'H' | 'w' | 'W' | 'p' | 'P');
        if may_start
            && (i == 0 || !is_word_char(chars[i - 1]))
            && (starts(i, "http://") || starts(i, "https://") || starts(i, "www.") || starts(i, "pic.twitter.com/"))
        {
            while i < chars.len() && !chars[i].is_whitespace() {
                i += 1;
            }
            out.push(' ');
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Hashtags and handles run words together (#AustralianFires, @realDonaldTrump); their capitals
/// say where the words are, so they are split there: "Australian Fires", "real Donald Trump".
fn split_tags(chars: Vec<char>) -> Vec<char> {
    if !chars.iter().any(|&c| c == '#' || c == '@') {
        return chars;
    }
    let chars = chars.as_slice();
    let mut out = Vec::with_capacity(chars.len() + 8);
    let mut in_tag = false;
    for (i, &c) in chars.iter().enumerate() {
        if c == '#' || c == '@' {
            in_tag = chars.get(i + 1).is_some_and(|&n| is_word_char(n));
            out.push(' ');
            continue;
        }
        if !is_word_char(c) {
            in_tag = false;
        } else if in_tag && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let boundary = (prev.is_lowercase() && c.is_uppercase())
                || (prev.is_uppercase() && c.is_uppercase() && next_lower)
                || (prev.is_alphabetic() && c.is_ascii_digit())
                || (prev.is_ascii_digit() && c.is_alphabetic());
            if boundary {
                out.push(' ');
            }
        }
        out.push(c);
    }
    out
}

fn classify(word: String, caps: bool) -> Raw {
    // Numbers, and the forms below, start with a digit; most words do not.
    if !word.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return Raw::Word { text: word, caps };
    }
    if let Some(v) = parse_number(&word) {
        return Raw::Number(v);
    }
    // 29th, 1st, 2nd, 3rd; 5m, 2bn, 10k; 1990s.
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < word.len() {
        if let Some(n) = parse_number(&word[..digits]) {
            match &word[digits..] {
                "st" | "nd" | "rd" | "th" | "s" => return Raw::Number(n),
                "m" | "mn" => return Raw::Number(n * 1e6),
                "bn" | "b" => return Raw::Number(n * 1e9),
                "k" => return Raw::Number(n * 1e3),
                _ => {}
            }
        }
    }
    Raw::Word { text: word, caps }
}
