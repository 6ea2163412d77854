//! Splitting text into sentences.

const ABBREVIATIONS: [&str; 40] = [
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "st", "jr", "sr", "vs", "no", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "etc", "inc", "co", "brig", "maj", "capt", "adm", "rep",
    "sen", "gov", "prof", "pres", "rev", "mt", "ft",
];

/// Splits a selection into sentences, returning byte ranges. Abbreviations (Gen., Nov., U.S.) and
/// decimals do not end a sentence.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes_len = text.len();
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let end_here = match c {
            '\n' => {
                // A line break ends a sentence when it ends a paragraph or a line without a sentence inside.
                true
            }
            '.' | '!' | '?' | '؟' | '…' | '。' => {
                let after = &text[i + c.len_utf8()..];
                let next_non_space = after.trim_start_matches(|ch: char| ch.is_whitespace() || "\"'”’»)]".contains(ch));
                let spaced =
                    after.starts_with(|ch: char| ch.is_whitespace() || "\"'”’»)]".contains(ch)) || after.is_empty();
                let next = next_non_space.chars().next();
                // Only a full stop can follow an abbreviation. The word before it is a slice of the
                // text (its last 24 letters, digits and dots), not a copy: a long page has thousands
                // of sentence ends.
                let abbreviation = c == '.' && {
                    let start = text[..i]
                        .char_indices()
                        .rev()
                        .take_while(|&(_, ch)| ch.is_alphanumeric() || ch == '.')
                        .take(24)
                        .last()
                        .map_or(i, |(k, _)| k);
                    let wb = &text[start..i];
                    // ASCII case is enough: the abbreviations are ASCII, and a single letter is one
                    // either way (str::to_lowercase would bring its Unicode tables to the wasm).
                    ABBREVIATIONS.iter().any(|a| wb.eq_ignore_ascii_case(a))
                        || (wb.chars().count() == 1 && wb.chars().all(char::is_alphabetic))
                        || wb.contains('.')
                };
                spaced && !abbreviation && next.map_or(true, |n| !n.is_lowercase())
            }
            _ => false,
        };
        if end_here {
            let end = i + c.len_utf8();
            if !text[start..end].trim().is_empty() {
                out.push((start, end));
            }
            while let Some(&(_, n)) = iter.peek() {
                if n.is_whitespace() && n != '\n' {
                    iter.next();
                } else {
                    break;
                }
            }
            if let Some(&(j, _)) = iter.peek() {
                start = j;
            } else {
                start = bytes_len;
            }
        }
    }
    if start < bytes_len && !text[start..].trim().is_empty() {
        out.push((start, bytes_len));
    }
    out
}
