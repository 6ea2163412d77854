//! Text analysis shared by indexing and lookup: the same function turns a claim, a quote or a
//! reader's highlight into terms, so that whatever folding happens on one side happens on the other.
//!
//! The stages, in order: Unicode decomposition with combining marks dropped (Türkiye → turkiye,
//! Arabic vowel marks and hamza carriers folded), case folding, tokenising (numbers keep their
//! decimal point), numbers in their written forms (two, 29th, 5m, 6.3 per cent, Nov. 29),
//! durations in one unit (two days = 48 hours), stop words, Snowball English stemming or light
//! Arabic stemming, and finally the dataset's aliases and synonyms folded to one term each.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

mod stopwords {
    include!(concat!(env!("OUT_DIR"), "/stopwords.rs"));
}

/// Longer runs of letters are not words a reader selected (base64, hashes, a 100,000-character
/// token); dropping them keeps the index and the lookup bounded.
const MAX_TOKEN_CHARS: usize = 40;

#[derive(Clone, Debug, PartialEq)]
enum Raw {
    Word { text: String, caps: bool },
    Number(f64),
    Percent,
    Currency(&'static str),
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘' | '`' | '´')
}

fn arabic_digit(c: char) -> Option<char> {
    match c {
        '\u{0660}'..='\u{0669}' => char::from_digit(c as u32 - 0x0660, 10),
        '\u{06F0}'..='\u{06F9}' => char::from_digit(c as u32 - 0x06F0, 10),
        _ => None,
    }
}

/// Folds one decomposed character: Arabic letter variants to their base letter, digits to ASCII.
/// Returns None for characters that carry no meaning for matching (tatweel, combining marks).
fn fold_char(c: char) -> Option<char> {
    if is_combining_mark(c) || c == '\u{0640}' || c == '\u{200C}' || c == '\u{200D}' {
        return None;
    }
    Some(match c {
        'ة' => 'ه',
        'ى' => 'ي',
        'ٱ' | 'أ' | 'إ' | 'آ' => 'ا',
        'ß' => 's',
        _ => arabic_digit(c).unwrap_or(c),
    })
}

/// Splits text into raw tokens. Hyphens and other punctuation separate words; apostrophes join them
/// (Hay'at → hayat) and a possessive 's is dropped.
fn raw_tokens(text: &str, respect_caps: bool) -> Vec<Raw> {
    let chars: Vec<char> = text.nfkd().filter_map(fold_char).collect();
    let mut out = Vec::new();
    let mut word = String::new();
    let mut upper = 0usize;
    let mut letters = 0usize;
    let mut i = 0;
    let flush = |word: &mut String, upper: &mut usize, letters: &mut usize, out: &mut Vec<Raw>| {
        if !word.is_empty() && word.chars().count() <= MAX_TOKEN_CHARS {
            let caps = respect_caps && *letters >= 2 && *upper == *letters;
            out.push(classify(std::mem::take(word), caps));
        }
        word.clear();
        *upper = 0;
        *letters = 0;
    };
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() {
            if c.is_alphabetic() {
                letters += 1;
                if c.is_uppercase() {
                    upper += 1;
                }
            }
            word.extend(c.to_lowercase());
        } else if is_apostrophe(c) && !word.is_empty() && chars.get(i + 1).is_some_and(|n| n.is_alphabetic()) {
            let possessive = matches!(chars.get(i + 1), Some('s' | 'S')) && !chars.get(i + 2).is_some_and(|n| n.is_alphanumeric());
            if possessive {
                i += 1;
            }
        } else if (c == '.' || c == ',')
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

fn classify(word: String, caps: bool) -> Raw {
    if let Ok(v) = word.parse::<f64>() {
        if word.bytes().all(|b| b.is_ascii_digit() || b == b'.') && v.is_finite() {
            return Raw::Number(v);
        }
    }
    // 29th, 1st, 2nd, 3rd; 5m, 2bn, 10k; 1990s.
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < word.len() {
        if let Ok(n) = word[..digits].parse::<f64>() {
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

fn number_word(w: &str) -> Option<f64> {
    const SMALL: [&str; 20] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];
    const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    if let Some(i) = SMALL.iter().position(|s| *s == w) {
        return Some(i as f64);
    }
    TENS.iter().position(|s| *s == w).map(|i| (i as f64 + 2.0) * 10.0)
}

fn multiplier(w: &str) -> Option<f64> {
    match w {
        "hundred" => Some(1e2),
        "thousand" => Some(1e3),
        "million" | "millions" => Some(1e6),
        "billion" | "billions" => Some(1e9),
        _ => None,
    }
}

/// Minutes per unit, for folding durations into one comparable term.
fn duration_unit(w: &str) -> Option<f64> {
    match w {
        "minute" | "minutes" | "min" | "mins" => Some(1.0),
        "hour" | "hours" | "hr" | "hrs" => Some(60.0),
        "day" | "days" => Some(1440.0),
        "week" | "weeks" => Some(10080.0),
        _ => None,
    }
}

fn month(w: &str) -> Option<&'static str> {
    Some(match w {
        "january" | "jan" => "january",
        "february" | "feb" => "february",
        "march" | "mar" => "march",
        "april" | "apr" => "april",
        "june" | "jun" => "june",
        "july" | "jul" => "july",
        "august" | "aug" => "august",
        "september" | "sep" | "sept" => "september",
        "october" | "oct" => "october",
        "november" | "nov" => "november",
        "december" | "dec" => "december",
        // Arabic month names, already folded (أ → ا): the Egyptian and the Levantine forms.
        "يناير" => "january",
        "فبراير" | "شباط" => "february",
        "مارس" | "اذار" => "march",
        "ابريل" | "نيسان" => "april",
        "مايو" | "ايار" => "may",
        "يونيو" | "حزيران" => "june",
        "يوليو" | "تموز" => "july",
        "اغسطس" | "اب" => "august",
        "سبتمبر" | "ايلول" => "september",
        "اكتوبر" => "october",
        "نوفمبر" => "november",
        "ديسمبر" => "december",
        _ => return None,
    })
}

fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A token after the number stage: a word to stem, or a term that is final already.
#[derive(Clone, Debug)]
enum Tok {
    Word { text: String, caps: bool },
    Final(String),
}

/// Folds numbers written as words or with multipliers into one number, percentages into
/// "percent", and durations into an extra minutes term, so that "two days" and "48 hours" share one.
fn numbers(raw: Vec<Raw>) -> Vec<Tok> {
    let mut out = Vec::with_capacity(raw.len());
    let word = |i: usize| match raw.get(i) {
        Some(Raw::Word { text, .. }) => Some(text.as_str()),
        _ => None,
    };
    let mut i = 0;
    while i < raw.len() {
        // "half an hour" is the one fraction readers write about durations in these texts.
        if word(i) == Some("half") && matches!(word(i + 1), Some("an" | "a")) && word(i + 2) == Some("hour") {
            out.push(Tok::Final("30".into()));
            out.push(Tok::Final("30min".into()));
            i += 3;
            continue;
        }
        let value = match &raw[i] {
            Raw::Number(v) => Some(*v),
            Raw::Word { text, .. } => number_word(text).map(|v| {
                // forty-eight arrives as two words.
                if v >= 20.0 {
                    if let Some(u) = word(i + 1).and_then(number_word).filter(|u| *u < 10.0) {
                        i += 1;
                        return v + u;
                    }
                }
                v
            }),
            _ => None,
        };
        if let Some(mut v) = value {
            while let Some(m) = word(i + 1).and_then(multiplier) {
                v *= m;
                i += 1;
            }
            out.push(Tok::Final(format_number(v)));
            if word(i + 1) == Some("per") && word(i + 2) == Some("cent") {
                out.push(Tok::Final("percent".into()));
                i += 2;
            } else if let Some(u) = word(i + 1).and_then(duration_unit) {
                out.push(Tok::Final(format!("{}min", format_number(v * u))));
            }
            i += 1;
            continue;
        }
        match &raw[i] {
            Raw::Percent => out.push(Tok::Final("percent".into())),
            Raw::Currency(c) => out.push(Tok::Final((*c).into())),
            Raw::Word { text, caps } => {
                let text = match text.as_str() {
                    "pct" | "percentage" => "percent".to_string(),
                    "dollars" | "usd" => "dollar".to_string(),
                    t => month(t).map(str::to_string).unwrap_or_else(|| t.to_string()),
                };
                out.push(Tok::Word { text, caps: *caps });
            }
            Raw::Number(_) => {}
        }
        i += 1;
    }
    add_dates(out)
}

const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
];

/// Adds one `MM-DD` term for a day written next to its month, so that "29 November",
/// "November 29th" and "Nov. 29" share a term that word order cannot break.
fn add_dates(toks: Vec<Tok>) -> Vec<Tok> {
    let day = |t: Option<&Tok>| match t {
        Some(Tok::Final(n)) => n.parse::<u32>().ok().filter(|d| (1..=31).contains(d)),
        _ => None,
    };
    let mut out = Vec::with_capacity(toks.len() + 2);
    for (i, t) in toks.iter().enumerate() {
        out.push(t.clone());
        if let Tok::Word { text, .. } = t {
            if let Some(m) = MONTHS.iter().position(|m| m == text) {
                let d = day(toks.get(i + 1)).or_else(|| i.checked_sub(1).and_then(|j| day(toks.get(j))));
                if let Some(d) = d {
                    out.push(Tok::Final(format!("{:02}-{d:02}", m + 1)));
                }
            }
        }
    }
    out
}

struct Shared {
    english: Stemmer,
    stop: HashSet<String>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let mut stop: HashSet<String> = HashSet::new();
        for w in stopwords::ENGLISH.iter().chain(stopwords::ARABIC) {
            // The lists are folded the same way as text, so that أن and ان are both stop words.
            for r in raw_tokens(w, false) {
                if let Raw::Word { text, .. } = r {
                    stop.insert(text);
                }
            }
        }
        // The Arabic article written with a hyphen (al-Assad) is not a word of its own.
        for w in ["al", "el", "ul"] {
            stop.insert(w.into());
        }

        Shared { english: Stemmer::create(Algorithm::English), stop }
    })
}

fn is_arabic(c: char) -> bool {
    ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{0750}'..='\u{077F}').contains(&c)
}

/// Light Arabic stemming: the conjunction و and the article ال with its common prepositions come
/// off the front, keeping at least three letters, so that والسورية and سورية meet.
fn stem_arabic(w: &str) -> String {
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

/// British spellings folded to American ones before stemming (defence/defense, honour/honor,
/// organise/organize, centre/center), because the stemmer keeps them apart and readers write both.
fn american(word: &str) -> std::borrow::Cow<'_, str> {
    const OUR: [&str; 14] = [
        "honour", "harbour", "favour", "labour", "behaviour", "colour", "neighbour", "rumour", "armour", "endeavour",
        "humour", "flavour", "vigour", "rigour",
    ];
    const TRE: [&str; 8] = ["centre", "theatre", "metre", "litre", "fibre", "calibre", "spectre", "sombre"];
    const LL: [&str; 10] = ["travell", "cancell", "labell", "modell", "signall", "fuell", "levell", "channell", "counsell", "equall"];
    for stem in OUR {
        if let Some(rest) = word.strip_prefix(stem) {
            return format!("{}or{rest}", &stem[..stem.len() - 3]).into();
        }
    }
    for w in TRE {
        if let Some(rest) = word.strip_prefix(w) {
            return format!("{}er{rest}", &w[..w.len() - 2]).into();
        }
    }
    for stem in LL {
        if let Some(rest) = word.strip_prefix(stem) {
            if matches!(rest, "ed" | "ing" | "er" | "ers") {
                return format!("{}{rest}", &stem[..stem.len() - 1]).into();
            }
        }
    }
    for (british, american) in [("defence", "defense"), ("offence", "offense"), ("pretence", "pretense"), ("licence", "license"), ("programme", "program"), ("dialogue", "dialog"), ("catalogue", "catalog")] {
        if let Some(rest) = word.strip_prefix(british) {
            return format!("{american}{rest}").into();
        }
    }
    // -ise/-isation and -yse are the British forms of -ize/-ization and -yze; folding every such
    // word the same way on both sides is harmless for words that only have one spelling.
    for (from, to) in [("isation", "ization"), ("ised", "ized"), ("ising", "izing"), ("ises", "izes"), ("ise", "ize"), ("yse", "yze"), ("ysed", "yzed")] {
        if word.len() > from.len() + 3 {
            if let Some(head) = word.strip_suffix(from) {
                return format!("{head}{to}").into();
            }
        }
    }
    word.into()
}

/// A term with the caps flag that decides whether an all-capitals alias (US, HTS) may match it,
/// and whether it is a stop word (kept until aliases are matched, then dropped).
#[derive(Clone, Debug)]
struct Stemmed {
    term: String,
    caps: bool,
    stop: bool,
}

/// Analysis up to stemming, before aliases: used for text and for the aliases themselves.
fn basic(text: &str) -> Vec<Stemmed> {
    let sh = shared();
    // In text that is mostly capitals (a shouted headline), capitals say nothing about acronyms.
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let uppers = text.chars().filter(|c| c.is_uppercase()).count();
    let respect_caps = uppers * 2 < letters.max(1);
    let mut out = Vec::new();
    for tok in numbers(raw_tokens(text, respect_caps)) {
        match tok {
            Tok::Final(term) => out.push(Stemmed { term, caps: false, stop: false }),
            Tok::Word { text, caps } => {
                // An acronym in capitals is never a stop word: "US" is not "us".
                if !caps && sh.stop.contains(&text) {
                    out.push(Stemmed { term: text, caps, stop: true });
                    continue;
                }
                let term = if text.chars().any(is_arabic) {
                    stem_arabic(&text)
                } else if text.chars().all(|c| c.is_ascii_alphabetic()) {
                    sh.english.stem(&american(&text)).into_owned()
                } else {
                    text
                };
                if !term.is_empty() {
                    out.push(Stemmed { term, caps, stop: false });
                }
            }
        }
    }
    out
}

/// The dataset's aliases and synonyms, as term sequences that fold to one canonical term.
#[derive(Default, Debug, Clone)]
pub struct Lexicon {
    /// First content term → (the remaining terms, each with its stop-word flag; whether the phrase
    /// only matches capitals; the canonical term), longest phrases first so the longest match wins.
    phrases: HashMap<String, Vec<(Vec<(String, bool)>, bool, String)>>,
}

impl Lexicon {
    /// Adds a phrase that folds to `canonical`. An alias written in capitals (HTS, US) only matches
    /// text in capitals, so that the pronoun "us" never becomes the United States.
    pub fn add(&mut self, phrase: &str, canonical: &str) {
        let letters: Vec<char> = phrase.chars().filter(|c| c.is_alphabetic()).collect();
        let caps_only = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
        let all = basic(phrase);
        // A phrase is keyed by its first content word; its stop words must match only where the
        // phrase has them ("heads up"), and text stop words are skipped elsewhere.
        let Some(start) = all.iter().position(|s| !s.stop) else { return };
        let content = all.iter().filter(|s| !s.stop).count();
        // With two or more content words the stop words are optional ("chief of general staff");
        // a phrase of one content word keeps them, or "heads up" would be just "heads".
        let terms: Vec<(String, bool)> =
            all[start..].iter().filter(|s| content < 2 || !s.stop).map(|s| (s.term.clone(), s.stop)).collect();
        let Some(((first, _), rest)) = terms.split_first() else { return };
        let list = self.phrases.entry(first.clone()).or_default();
        if list.iter().any(|(r, c, _)| r == rest && *c == caps_only) {
            return; // the first definition wins, so that datasets are read predictably
        }
        list.push((rest.to_vec(), caps_only, canonical.to_string()));
        list.sort_by(|a, b| b.0.len().cmp(&a.0.len()));
    }

}

/// Matches a phrase's remaining terms against text from position `i`; returns where the match ends.
/// Stop words in the text are skipped unless the phrase expects one there.
fn match_rest(terms: &[Stemmed], mut i: usize, rest: &[(String, bool)]) -> Option<usize> {
    for (want, want_stop) in rest {
        loop {
            let t = terms.get(i)?;
            if t.term == *want {
                i += 1;
                break;
            }
            if *want_stop {
                return None;
            }
            if t.stop {
                i += 1;
                continue;
            }
            return None;
        }
    }
    Some(i)
}

/// Analyses text into the terms that indexing and lookup compare.
pub fn analyze(text: &str, lexicon: &Lexicon) -> Vec<String> {
    let terms = basic(text);
    let mut out = Vec::with_capacity(terms.len());
    let mut i = 0;
    'outer: while i < terms.len() {
        if !terms[i].stop {
            if let Some(list) = lexicon.phrases.get(&terms[i].term) {
                for (rest, caps_only, canonical) in list {
                    if *caps_only && !terms[i].caps {
                        continue;
                    }
                    if let Some(end) = match_rest(&terms, i + 1, rest) {
                        out.push(canonical.clone());
                        i = end;
                        continue 'outer;
                    }
                }
            }
            out.push(terms[i].term.clone());
        }
        i += 1;
    }
    out
}

const ABBREVIATIONS: [&str; 40] = [
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "st", "jr", "sr", "vs", "no", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "etc", "inc", "co", "brig", "maj", "capt", "adm", "rep", "sen",
    "gov", "prof", "pres", "rev", "mt", "ft",
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
                let spaced = after.starts_with(|ch: char| ch.is_whitespace() || "\"'”’»)]".contains(ch)) || after.is_empty();
                let next = next_non_space.chars().next();
                let word_before: String =
                    text[..i].chars().rev().take_while(|ch| ch.is_alphanumeric() || *ch == '.').collect::<Vec<_>>().into_iter().rev().collect();
                let wb = word_before.to_lowercase();
                let abbreviation = c == '.'
                    && (ABBREVIATIONS.contains(&wb.as_str())
                        || (wb.chars().count() == 1 && wb.chars().all(char::is_alphabetic))
                        || wb.contains('.'));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        analyze(text, &Lexicon::default())
    }

    #[test]
    fn diacritics_and_case_fold() {
        assert_eq!(terms("Türkiye"), terms("TURKIYE"));
        assert_eq!(terms("Erdoğan"), terms("erdogan"));
    }

    #[test]
    fn numbers_in_their_written_forms() {
        assert_eq!(terms("6.3% of GDP"), terms("6.3 per cent of gdp"));
        assert_eq!(terms("6.3 percent"), terms("6.3%"));
        assert_eq!(terms("$5 million"), terms("$5m"));
        assert!(terms("five million dollars").contains(&"5000000".to_string()));
        let sorted = |t: &str| {
            let mut v = terms(t);
            v.sort();
            v
        };
        assert_eq!(sorted("November 29th"), sorted("29 Nov."));
        assert!(terms("Nov. 29").contains(&"11-29".to_string()));
        assert!(terms("forty-eight hours").contains(&"2880min".to_string()));
        assert!(terms("two days").contains(&"2880min".to_string()));
        assert!(terms("within half an hour").contains(&"30min".to_string()));
        assert!(terms("another 30 minutes").contains(&"30min".to_string()));
        assert!(terms("20,000 troops").contains(&"20000".to_string()));
    }

    #[test]
    fn aliases_fold_and_capitals_matter() {
        let mut lex = Lexicon::default();
        for a in ["Hayat Tahrir al-Sham", "HTS", "Tahrir al-Sham"] {
            lex.add(a, "@hts");
        }
        lex.add("US", "@usa");
        lex.add("Khmeimim", "@khmeimim");
        lex.add("Hmeimim", "@khmeimim");
        assert_eq!(analyze("the headquarters of Hayat Tahrir al-Sham", &lex), analyze("the headquarters of HTS", &lex));
        assert_eq!(analyze("Hmeimim base", &lex), analyze("Khmeimim base", &lex));
        assert!(analyze("the US said", &lex).contains(&"@usa".to_string()));
        assert!(!analyze("tell us more", &lex).contains(&"@usa".to_string()));
    }

    #[test]
    fn arabic_letter_variants_and_marks_fold() {
        assert_eq!(terms("إيران"), terms("ايران"));
        assert_eq!(terms("سورِيَة"), terms("سوريه"));
        assert_eq!(terms("والسورية"), terms("سورية"));
        assert_eq!(terms("٢٠١٩"), terms("2019"));
    }

    #[test]
    fn british_and_american_spellings_meet() {
        assert_eq!(terms("defences"), terms("defenses"));
        assert_eq!(terms("organised"), terms("organized"));
        assert_eq!(terms("the centre"), terms("the center"));
        assert_eq!(terms("honoured"), terms("honored"));
    }

    #[test]
    fn phrases_with_stop_words_fold() {
        let mut lex = Lexicon::default();
        lex.add("heads-up", "~warn");
        lex.add("warn", "~warn");
        lex.add("Chief of the General Staff", "@gerasimov");
        assert_eq!(analyze("gave Syria a heads-up", &lex), analyze("gave Syria a warning", &lex));
        assert!(analyze("the chief of general staff", &lex).contains(&"@gerasimov".to_string()));
        assert!(!analyze("head of the ministry", &lex).contains(&"~warn".to_string()));
    }

    #[test]
    fn possessives_and_apostrophes() {
        assert_eq!(terms("Assad's aide"), terms("Assad aide"));
        assert_eq!(terms("Hay’at"), terms("Hayat"));
    }

    #[test]
    fn huge_tokens_are_dropped() {
        let long = "a".repeat(100_000);
        assert!(terms(&long).is_empty());
    }

    #[test]
    fn sentence_splitting_keeps_abbreviations() {
        let text = "Gen. Esbati spoke on Dec. 31 in Tehran. The U.S. warned Iran. Then 6.3% was cited!";
        let parts: Vec<&str> = sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(parts, vec!["Gen. Esbati spoke on Dec. 31 in Tehran.", "The U.S. warned Iran.", "Then 6.3% was cited!"]);
    }
}
