//! Numbers in their written forms, durations in one unit, and dates.

use crate::tokenise::Raw;

/// Every word of a text is tried here: a `match`, which compiles to a test of the length and then
/// of the bytes, rather than a scan of two lists.
fn number_word(w: &str) -> Option<f64> {
    Some(match w {
        "zero" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
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

/// Formats a number with at most four decimals and no trailing zeros, using integer formatting
/// only (float formatting would add its tables and code to the wasm).
pub(crate) fn format_number(v: f64) -> String {
    if !v.is_finite() || v.abs() >= 1e15 {
        return "huge".into();
    }
    let scaled = (v.abs() * 10_000.0).round() as u64;
    let (whole, frac) = (scaled / 10_000, scaled % 10_000);
    let sign = if v < 0.0 && scaled > 0 { "-" } else { "" };
    if frac == 0 {
        return format!("{sign}{whole}");
    }
    let mut digits = format!("{frac:04}");
    while digits.ends_with('0') {
        digits.pop();
    }
    format!("{sign}{whole}.{digits}")
}

/// Parses digits with at most one decimal point, without the float parser (whose code the wasm
/// would carry). Returns None for anything else.
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty()
        || whole.len() > 15
        || frac.contains('.')
        || !whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut v = whole.bytes().fold(0f64, |acc, b| acc * 10.0 + f64::from(b - b'0'));
    let mut scale = 0.1;
    for b in frac.bytes().take(8) {
        v += f64::from(b - b'0') * scale;
        scale /= 10.0;
    }
    Some(v)
}

/// A token after the number stage: a word to stem, or a term that is final already.
#[derive(Clone, Debug)]
pub(crate) enum Tok {
    Word { text: String, caps: bool },
    Final(String),
}

/// Folds numbers written as words or with multipliers into one number, percentages into
/// "percent", and durations into an extra minutes term, so that "two days" and "48 hours" share one.
pub(crate) fn numbers(mut raw: Vec<Raw>) -> Vec<Tok> {
    // Only words from `i` on are looked at, so each word is moved out of `raw` when its turn comes.
    fn word(raw: &[Raw], i: usize) -> Option<&str> {
        match raw.get(i) {
            Some(Raw::Word { text, .. }) => Some(text.as_str()),
            _ => None,
        }
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        // "half an hour" is the one fraction readers write about durations in these texts.
        if word(&raw, i) == Some("half")
            && matches!(word(&raw, i + 1), Some("an" | "a"))
            && word(&raw, i + 2) == Some("hour")
        {
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
                    if let Some(u) = word(&raw, i + 1).and_then(number_word).filter(|u| *u < 10.0) {
                        i += 1;
                        return v + u;
                    }
                }
                v
            }),
            _ => None,
        };
        if let Some(mut v) = value {
            while let Some(m) = word(&raw, i + 1).and_then(multiplier) {
                v *= m;
                i += 1;
            }
            out.push(Tok::Final(format_number(v)));
            if word(&raw, i + 1) == Some("per") && word(&raw, i + 2) == Some("cent") {
                out.push(Tok::Final("percent".into()));
                i += 2;
            } else if let Some(u) = word(&raw, i + 1).and_then(duration_unit) {
                out.push(Tok::Final(format!("{}min", format_number(v * u))));
            }
            i += 1;
            continue;
        }
        match &mut raw[i] {
            Raw::Percent => out.push(Tok::Final("percent".into())),
            Raw::Currency(c) => out.push(Tok::Final((*c).into())),
            Raw::Word { text, caps } => {
                let canonical = match text.as_str() {
                    "pct" | "percentage" => Some("percent"),
                    "dollars" | "usd" => Some("dollar"),
                    t => month(t),
                };
                let text = canonical.map_or_else(|| std::mem::take(text), str::to_string);
                out.push(Tok::Word { text, caps: *caps });
            }
            Raw::Number(_) => {}
        }
        i += 1;
    }
    add_dates(out)
}

/// A month's number from 0, for its full English name (what `month` leaves of every form).
fn month_index(w: &str) -> Option<usize> {
    Some(match w {
        "january" => 0,
        "february" => 1,
        "march" => 2,
        "april" => 3,
        "may" => 4,
        "june" => 5,
        "july" => 6,
        "august" => 7,
        "september" => 8,
        "october" => 9,
        "november" => 10,
        "december" => 11,
        _ => return None,
    })
}

/// Adds one `MM-DD` term for a day written next to its month, so that "29 November",
/// "November 29th" and "Nov. 29" share a term that word order cannot break.
fn add_dates(toks: Vec<Tok>) -> Vec<Tok> {
    let day = |t: Option<&Tok>| match t {
        Some(Tok::Final(n)) => n.parse::<u32>().ok().filter(|d| (1..=31).contains(d)),
        _ => None,
    };
    // Found first, then the tokens moved (not copied) with each date after its month.
    let mut dates: Vec<(usize, String)> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if let Tok::Word { text, .. } = t {
            if let Some(m) = month_index(text) {
                let d = day(toks.get(i + 1)).or_else(|| i.checked_sub(1).and_then(|j| day(toks.get(j))));
                if let Some(d) = d {
                    dates.push((i, format!("{:02}-{d:02}", m + 1)));
                }
            }
        }
    }
    if dates.is_empty() {
        return toks;
    }
    let mut out = Vec::with_capacity(toks.len() + dates.len());
    let mut dates = dates.into_iter().peekable();
    for (i, t) in toks.into_iter().enumerate() {
        out.push(t);
        if let Some((_, date)) = dates.next_if(|(at, _)| *at == i) {
            out.push(Tok::Final(date));
        }
    }
    out
}
