//! Other spellings of the dataset's names, generated when the dataset is compiled: a name that
//! outlets romanise from Arabic, Russian or Persian is spelt many ways (Shoigu and Shoygu, Saqr and
//! Sakr, Khmeimim and Hmeimim, Lavrentiev and Lavrentyev), and a reader's selection uses the spelling
//! of the outlet they read. The rules are generic romanisation alternations, applied to every
//! person's and place's name and aliases in Latin script, and each variant becomes one more alias
//! of the same entity, so the lexicon folds it to the entity's term on both sides (the claims' text
//! and the selection are analysed with the same lexicon).

/// At most this many variants of one word (the spelling itself not counted): a word with many
/// places a rule applies at would otherwise give thousands, most of which nobody writes.
const MAX_PER_WORD: usize = 6;

/// Words shorter than this keep their spelling: in a short word one changed letter is another word.
const MIN_LETTERS: usize = 4;

/// Alternations between romanisations: at a place where the left side occurs, the right side is
/// another spelling of it, and the reverse (the second list holds the ones that only go one way).
const BOTH_WAYS: [(&str, &str); 6] = [("y", "i"), ("q", "k"), ("ou", "u"), ("ey", "ei"), ("iy", "i"), ("ye", "ie")];

/// One-way alternations: a doubled consonant written once, kh written h (Khmeimim, Hmeimim), and
/// the final -off of older transliterations of -ov (Smirnoff).
const ONE_WAY: [(&str, &str); 4] = [("kh", "h"), ("gh", "g"), ("ov", "off"), ("ev", "eff")];

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Where a rule applies in `word` (lower-case ASCII), with what may stand there instead.
fn sites(word: &str) -> Vec<(usize, usize, Vec<&'static str>)> {
    let b = word.as_bytes();
    let mut out: Vec<(usize, usize, Vec<&'static str>)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let rest = &word[i..];
        let mut found: Option<(usize, Vec<&'static str>)> = None;
        // Longer patterns first, so that "kh" is one site rather than "k" and "h".
        for (a, z) in ONE_WAY {
            let at_end = matches!(a, "ov" | "ev");
            if rest.starts_with(a) && (!at_end || i + a.len() == b.len()) {
                found = Some((a.len(), vec![z]));
                break;
            }
        }
        if found.is_none() {
            for (a, z) in BOTH_WAYS.iter().filter(|(a, _)| a.len() == 2) {
                if rest.starts_with(a) {
                    found = Some((2, vec![z]));
                    break;
                }
                if rest.starts_with(z) && z.len() == 2 {
                    found = Some((2, vec![a]));
                    break;
                }
            }
        }
        if found.is_none() {
            // A doubled consonant (Assad, Hassan) may be written once.
            if i + 1 < b.len() && b[i] == b[i + 1] && !is_vowel(b[i]) {
                found = Some((2, vec![&word[i..i + 1]].into_iter().map(leak_letter).collect()));
            }
        }
        if found.is_none() {
            for (a, z) in BOTH_WAYS.iter().filter(|(a, _)| a.len() == 1) {
                // y and i only between or after letters (not a word's first letter: Yemen, Iran).
                if i > 0 && rest.starts_with(a) {
                    found = Some((1, vec![z]));
                    break;
                }
                if i > 0 && rest.starts_with(z) && z.len() == 1 {
                    found = Some((1, vec![a]));
                    break;
                }
            }
        }
        // k and q also at the start (Qaani, Kaani).
        if found.is_none() && i == 0 && (rest.starts_with('q') || rest.starts_with('k')) && !rest.starts_with("kh") {
            found = Some((1, vec![if rest.starts_with('q') { "k" } else { "q" }]));
        }
        // An initial h may stand for kh (Hmeimim for Khmeimim).
        if found.is_none() && i == 0 && rest.starts_with('h') {
            found = Some((1, vec!["kh"]));
        }
        match found {
            Some((len, alternatives)) => {
                out.push((i, len, alternatives));
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

/// The one-letter strings, as static strings (the alternatives of a doubled letter).
fn leak_letter(s: &str) -> &'static str {
    const LETTERS: [&str; 26] = [
        "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v",
        "w", "x", "y", "z",
    ];
    s.bytes().next().filter(u8::is_ascii_lowercase).map_or("", |c| LETTERS[usize::from(c - b'a')])
}

/// Other spellings of one lower-case ASCII word, one change and then two, at most `MAX_PER_WORD`.
pub fn word_variants(word: &str) -> Vec<String> {
    if word.len() < MIN_LETTERS || !word.bytes().all(|c| c.is_ascii_lowercase()) {
        return Vec::new();
    }
    let sites = sites(word);
    let mut out: Vec<String> = Vec::new();
    // Every subset of the sites, by how many it changes (one, then two, ...), each changed site taking
    // its first alternative.
    let n = sites.len().min(12);
    for changes in 1..=n.min(2) {
        for mask in 0u32..(1 << n) {
            if mask.count_ones() as usize != changes {
                continue;
            }
            let mut s = String::with_capacity(word.len() + 2);
            let mut at = 0;
            for (k, (start, len, alternatives)) in sites.iter().take(n).enumerate() {
                s.push_str(&word[at..*start]);
                if mask & (1 << k) != 0 {
                    s.push_str(alternatives[0]);
                } else {
                    s.push_str(&word[*start..start + len]);
                }
                at = start + len;
            }
            s.push_str(&word[at..]);
            if s != word && !out.contains(&s) {
                out.push(s);
                if out.len() >= MAX_PER_WORD {
                    return out;
                }
            }
        }
    }
    out
}

/// Other spellings of a name or alias: each word of it that is capitalised and long enough varied on
/// its own (the others kept), and the Arabic article written al-, el- or not at all.
pub fn name_variants(name: &str) -> Vec<String> {
    if !name.is_ascii() {
        return Vec::new();
    }
    let words: Vec<&str> = name.split(' ').collect();
    let mut out: Vec<String> = Vec::new();
    let push = |s: String, out: &mut Vec<String>| {
        if s != name && !out.contains(&s) {
            out.push(s);
        }
    };
    for (k, w) in words.iter().enumerate() {
        // The article: al-Assad, el-Assad, Assad.
        for (article, others) in
            [("al-", ["el-", ""]), ("el-", ["al-", ""]), ("Al-", ["El-", ""]), ("El-", ["Al-", ""])]
        {
            if let Some(rest) = w.strip_prefix(article) {
                for o in others {
                    let mut v = words.clone();
                    let replaced = format!("{o}{rest}");
                    v[k] = &replaced;
                    push(v.join(" "), &mut out);
                }
            }
        }
        let (prefix, core) = match w.find('-') {
            Some(at) if w[..at].eq_ignore_ascii_case("al") || w[..at].eq_ignore_ascii_case("el") => w.split_at(at + 1),
            _ => ("", *w),
        };
        if !core.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
            continue;
        }
        let lower = core.to_ascii_lowercase();
        for v in word_variants(&lower) {
            // Capitalised again, so that the alias reads as a name.
            let mut chars = v.chars();
            let cap: String = chars.next().map(|c| c.to_ascii_uppercase()).into_iter().chain(chars).collect();
            let mut ws: Vec<String> = words.iter().map(|s| s.to_string()).collect();
            ws[k] = format!("{prefix}{cap}");
            push(ws.join(" "), &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romanisations_of_a_name_are_generated() {
        let has = |name: &str, v: &str| name_variants(name).iter().any(|x| x == v);
        assert!(has("Shoigu", "Shoygu"));
        assert!(has("Saqr", "Sakr"));
        assert!(has("Khmeimim", "Hmeimim"));
        assert!(has("Hmeimim", "Khmeimim"));
        assert!(has("Sergei Lavrentiev", "Sergei Lavrentyev"));
        assert!(has("Bashar al-Assad", "Bashar el-Assad"));
        assert!(has("Bashar al-Assad", "Bashar Assad"));
        assert!(has("Bashar al-Assad", "Bashar al-Asad"));
        assert!(has("Behrouz Esbati", "Behruz Esbati"));
        assert!(has("Ivanov", "Ivanoff"));
    }

    #[test]
    fn short_words_and_other_scripts_keep_their_spelling() {
        assert!(word_variants("iran").is_empty());
        assert!(name_variants("بشار الأسد").is_empty());
        assert!(word_variants("mississippian").len() <= MAX_PER_WORD);
    }
}
