//! British spellings folded to American ones, so that either matches the other.

use std::borrow::Cow;

/// The British spellings `american` folds, by where they differ.
const OUR: [&str; 14] = [
    "honour",
    "harbour",
    "favour",
    "labour",
    "behaviour",
    "colour",
    "neighbour",
    "rumour",
    "armour",
    "endeavour",
    "humour",
    "flavour",
    "vigour",
    "rigour",
];
const TRE: [&str; 8] = ["centre", "theatre", "metre", "litre", "fibre", "calibre", "spectre", "sombre"];
const LL: [&str; 10] =
    ["travell", "cancell", "labell", "modell", "signall", "fuell", "levell", "channell", "counsell", "equall"];
const BRITISH: [(&str, &str); 7] = [
    ("defence", "defense"),
    ("offence", "offense"),
    ("pretence", "pretense"),
    ("licence", "license"),
    ("programme", "program"),
    ("dialogue", "dialog"),
    ("catalogue", "catalog"),
];

/// For each first letter a–z, the second letters (a bit each) that begin one of the British
/// spellings above: most words begin with neither pair, and skip the forty prefix tests.
const BRITISH_STARTS: [u32; 26] = {
    const fn add(mut table: [u32; 26], words: &[&str]) -> [u32; 26] {
        let mut i = 0;
        while i < words.len() {
            let b = words[i].as_bytes();
            table[(b[0] - b'a') as usize] |= 1 << (b[1] - b'a');
            i += 1;
        }
        table
    }
    let mut british = [""; BRITISH.len()];
    let mut i = 0;
    while i < BRITISH.len() {
        british[i] = BRITISH[i].0;
        i += 1;
    }
    add(add(add(add([0; 26], &OUR), &TRE), &LL), &british)
};

fn may_be_british(word: &str) -> bool {
    match word.as_bytes() {
        [f @ b'a'..=b'z', s @ b'a'..=b'z', ..] => BRITISH_STARTS[usize::from(f - b'a')] >> (s - b'a') & 1 == 1,
        _ => false,
    }
}

/// British spellings folded to American ones before stemming (defence/defense, honour/honor,
/// organise/organize, centre/center), because the stemmer keeps them apart and readers write both.
pub(crate) fn american(word: &str) -> Cow<'_, str> {
    if may_be_british(word) {
        if let Some(american) = american_spelling(word) {
            return american.into();
        }
    }
    american_forms(word)
}

/// The spellings that differ at the start of the word: -our, -tre, -ll-, -ce, -mme, -gue.
fn american_spelling(word: &str) -> Option<String> {
    for stem in OUR {
        if let Some(rest) = prefix(word, stem) {
            return Some(format!("{}or{rest}", &stem[..stem.len() - 3]));
        }
    }
    for w in TRE {
        if let Some(rest) = prefix(word, w) {
            return Some(format!("{}er{rest}", &w[..w.len() - 2]));
        }
    }
    for stem in LL {
        if let Some(rest) = prefix(word, stem) {
            if matches!(rest, "ed" | "ing" | "er" | "ers") {
                return Some(format!("{}{rest}", &stem[..stem.len() - 1]));
            }
        }
    }
    for (british, american) in BRITISH {
        if let Some(rest) = prefix(word, british) {
            return Some(format!("{american}{rest}"));
        }
    }
    None
}

/// The forms that differ at the end of the word, and plurals the stemmer keeps apart.
fn american_forms(word: &str) -> Cow<'_, str> {
    // Plurals the stemmer leaves apart from their singular.
    let singular = match word {
        "men" => "man",
        "women" => "woman",
        "children" => "child",
        "people" => "person",
        "feet" => "foot",
        "teeth" => "tooth",
        "mice" => "mouse",
        "geese" => "goose",
        "knives" => "knife",
        "wives" => "wife",
        "lives" => "life",
        "halves" => "half",
        _ => "",
    };
    if !singular.is_empty() {
        return singular.into();
    }
    if let Some(head) = suffix(word, "lves").filter(|h| h.len() >= 2) {
        return format!("{head}lf").into();
    }
    // -ise/-isation and -yse are the British forms of -ize/-ization and -yze; folding every such
    // word the same way on both sides is harmless for words that only have one spelling.
    for (from, to) in [
        ("isation", "ization"),
        ("ised", "ized"),
        ("ising", "izing"),
        ("ises", "izes"),
        ("ise", "ize"),
        ("yse", "yze"),
        ("ysed", "yzed"),
    ] {
        if word.len() > from.len() + 3 {
            if let Some(head) = suffix(word, from) {
                return format!("{head}{to}").into();
            }
        }
    }
    word.into()
}

/// `str::strip_prefix` that first compares one byte: `american` tries some forty spellings on
/// every word whose first two letters begin one, and a call to compare memory for each was once a
/// tenth of a lookup's time.
#[inline(always)]
fn prefix<'a>(word: &'a str, p: &str) -> Option<&'a str> {
    if word.as_bytes().first() != p.as_bytes().first() {
        return None;
    }
    word.strip_prefix(p)
}

/// `str::strip_suffix`, last byte first (see `prefix`).
#[inline(always)]
fn suffix<'a>(word: &'a str, s: &str) -> Option<&'a str> {
    if word.as_bytes().last() != s.as_bytes().last() {
        return None;
    }
    word.strip_suffix(s)
}
