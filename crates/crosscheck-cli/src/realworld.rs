//! Measurement on real sentences from other outlets (`crosscheck eval` on a file in the format of
//! `../shared/eval/realworld_dev.tsv`): how often the right claim comes first, how often the widget
//! stays silent or answers wrongly, and how often on-topic and unrelated sentences open a popup.
//! Native only, like `eval`.

use crosscheck_engine::Engine;
use std::fmt::Write as _;

/// One labelled sentence: `qid<TAB>kind<TAB>query<TAB>expected_claim_ids<TAB>source_url<TAB>note<TAB>stance`.
#[derive(Debug, Clone)]
pub struct RealQuery {
    pub qid: String,
    /// `pos`, `neg_hard` or `neg_easy`.
    pub kind: String,
    pub query: String,
    /// For `pos`: any one is a right answer.
    pub expected: Vec<String>,
    /// For `neg_hard`: neighbouring claims whose popup is defensible ("acceptable near-miss: ID").
    pub near_miss: Vec<String>,
    pub stance: String,
}

/// Whether a file is in this format: its column header names `expected_claim_ids`.
pub fn is_realworld(text: &str) -> bool {
    text.lines().any(|l| l.starts_with("qid\t") && l.split('\t').any(|c| c.trim() == "expected_claim_ids"))
}

pub fn parse(text: &str) -> Result<Vec<RealQuery>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("qid\t") {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 {
            return Err(format!(
                "line {}: expected at least 4 tab-separated columns (qid, kind, query, expected_claim_ids), found {}",
                n + 1,
                cols.len()
            ));
        }
        let kind = cols[1].trim();
        if !matches!(kind, "pos" | "neg_hard" | "neg_easy") {
            return Err(format!("line {}: kind `{kind}` is none of pos, neg_hard, neg_easy", n + 1));
        }
        let note = cols.get(5).copied().unwrap_or("");
        let near_miss = note
            .split("acceptable near-miss:")
            .skip(1)
            .flat_map(|rest| {
                rest.split(|c: char| c == ';' || c == ',' || c.is_whitespace())
                    .filter(|w| !w.is_empty())
                    .take_while(|w| w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
                    .filter(|w| w.contains('-'))
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        out.push(RealQuery {
            qid: cols[0].trim().into(),
            kind: kind.into(),
            query: cols[2].into(),
            expected: cols[3].split_whitespace().map(str::to_string).collect(),
            near_miss,
            stance: cols.get(6).map(|s| s.trim().to_string()).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// A sentence's language, roughly: by script, and for Latin script by whether English function
/// words make up a good part of it. Only for breaking the figures down.
pub fn language(text: &str) -> &'static str {
    let (mut latin, mut arabic, mut cyrillic, mut cjk, mut other) = (0, 0, 0, 0, 0);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        match c as u32 {
            0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFEFF => arabic += 1,
            0x0400..=0x04FF => cyrillic += 1,
            0x3040..=0x30FF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF => cjk += 1,
            _ if c.is_ascii() || ('\u{C0}'..='\u{24F}').contains(&c) => latin += 1,
            _ => other += 1,
        }
    }
    let most = latin.max(arabic).max(cyrillic).max(cjk).max(other);
    if most == 0 {
        return "other";
    }
    if most == arabic {
        return "ar";
    }
    if most == cyrillic {
        return "ru";
    }
    if most == cjk {
        return "cjk";
    }
    if most == other {
        return "other";
    }
    const ENGLISH: [&str; 16] =
        ["the", "of", "and", "to", "in", "on", "was", "has", "had", "that", "with", "for", "by", "from", "is", "he"];
    let words: Vec<String> = text.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase).collect();
    let hits = words.iter().filter(|w| ENGLISH.contains(&w.as_str())).count();
    let total = words.iter().filter(|w| !w.is_empty()).count().max(1);
    if hits * 12 >= total {
        "en"
    } else {
        "latin-other"
    }
}

/// Length buckets of the break-down, in words.
const BUCKETS: [&str; 4] = ["<15 words", "15-24 words", "25-34 words", "35+ words"];

fn length_bucket(text: &str) -> &'static str {
    BUCKETS[match text.split_whitespace().count() {
        0..=14 => 0,
        15..=24 => 1,
        25..=34 => 2,
        _ => 3,
    }]
}

/// What happened to one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// pos: the first claim of the popup is an expected one.
    Right,
    /// pos: no popup.
    Silent,
    /// pos: a popup whose first claim is not expected.
    Wrong,
    /// negatives: no popup.
    Quiet,
    /// neg_hard: a popup whose first claim is a named acceptable near-miss.
    NearMiss,
    /// negatives: any other popup.
    FalsePopup,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub qid: String,
    pub kind: String,
    pub outcome: Outcome,
    /// pos: the right claim first in `lookup` with the threshold at 0.
    pub first_any: bool,
    /// pos: the right claim first, and among the first three, in the ranking (`search`).
    pub rank1: bool,
    pub top3_any: bool,
    pub got: Option<(String, f32)>,
    pub words: usize,
    pub language: &'static str,
    pub bucket: &'static str,
}

/// The outcome of a real-world file.
#[derive(Debug, Default, Clone)]
pub struct RealReport {
    pub rows: Vec<Row>,
}

impl RealReport {
    fn count(&self, kind: &str, f: impl Fn(&Row) -> bool) -> (usize, usize) {
        let rows: Vec<&Row> = self.rows.iter().filter(|r| r.kind == kind).collect();
        (rows.iter().filter(|r| f(r)).count(), rows.len())
    }

    /// pos sentences with the right claim first.
    pub fn right(&self) -> (usize, usize) {
        self.count("pos", |r| r.outcome == Outcome::Right)
    }
    pub fn silent(&self) -> (usize, usize) {
        self.count("pos", |r| r.outcome == Outcome::Silent)
    }
    pub fn wrong(&self) -> (usize, usize) {
        self.count("pos", |r| r.outcome == Outcome::Wrong)
    }
    /// neg_hard popups, a named near-miss not counted.
    pub fn hard_popups(&self) -> (usize, usize) {
        self.count("neg_hard", |r| r.outcome == Outcome::FalsePopup)
    }
    /// neg_hard popups, any.
    pub fn hard_popups_strict(&self) -> (usize, usize) {
        self.count("neg_hard", |r| matches!(r.outcome, Outcome::FalsePopup | Outcome::NearMiss))
    }
    pub fn easy_popups(&self) -> (usize, usize) {
        self.count("neg_easy", |r| r.outcome == Outcome::FalsePopup)
    }
    pub fn first_any(&self) -> (usize, usize) {
        self.count("pos", |r| r.first_any)
    }
    pub fn rank1(&self) -> (usize, usize) {
        self.count("pos", |r| r.rank1)
    }
    pub fn top3_any(&self) -> (usize, usize) {
        self.count("pos", |r| r.top3_any)
    }

    pub fn render(&self, failures: bool) -> String {
        let pct = |(a, b): (usize, usize)| format!("{a}/{b} ({:.0}%)", 100.0 * a as f64 / b.max(1) as f64);
        let mut s = String::new();
        let _ = writeln!(s, "pos       right first {}", pct(self.right()));
        let _ = writeln!(s, "          silent      {}", pct(self.silent()));
        let _ = writeln!(s, "          wrong       {}", pct(self.wrong()));
        let _ = writeln!(s, "          threshold ignored: right first {}", pct(self.first_any()));
        let _ = writeln!(
            s,
            "          ranking (search): right first {}, in top 3 {}",
            pct(self.rank1()),
            pct(self.top3_any())
        );
        let _ = writeln!(
            s,
            "neg_hard  false popups {} (strict, near-misses counted: {})",
            pct(self.hard_popups()),
            pct(self.hard_popups_strict())
        );
        let _ = writeln!(s, "neg_easy  false popups {}", pct(self.easy_popups()));
        for (title, key) in [("by length", 0), ("by language", 1)] {
            let _ = writeln!(s, "{title}:");
            let mut groups: Vec<&'static str> =
                self.rows.iter().map(|r| if key == 0 { r.bucket } else { r.language }).collect();
            groups.sort_unstable();
            groups.dedup();
            if key == 0 {
                groups.sort_by_key(|g| BUCKETS.iter().position(|b| b == g));
            }
            for g in groups {
                let of = |r: &&Row| (if key == 0 { r.bucket } else { r.language }) == g;
                let pos: Vec<&Row> = self.rows.iter().filter(|r| r.kind == "pos").filter(of).collect();
                let neg: Vec<&Row> = self.rows.iter().filter(|r| r.kind == "neg_hard").filter(of).collect();
                let c = |rows: &[&Row], o: Outcome| rows.iter().filter(|r| r.outcome == o).count();
                let _ = writeln!(
                    s,
                    "  {g:<12} pos {:>3}: right {:>3} silent {:>3} wrong {:>3} | top3 (no threshold) {:>3} | neg_hard {:>2}: popups {}",
                    pos.len(),
                    c(&pos, Outcome::Right),
                    c(&pos, Outcome::Silent),
                    c(&pos, Outcome::Wrong),
                    pos.iter().filter(|r| r.top3_any).count(),
                    neg.len(),
                    c(&neg, Outcome::FalsePopup)
                );
            }
        }
        if failures {
            for r in
                self.rows.iter().filter(|r| matches!(r.outcome, Outcome::Silent | Outcome::Wrong | Outcome::FalsePopup))
            {
                let got = r.got.as_ref().map_or("no match".to_string(), |(id, c)| format!("{id} ({c:.2})"));
                let _ = writeln!(s, "FAIL {} [{}] {:?} -> {got}", r.qid, r.kind, r.outcome);
            }
        }
        s
    }
}

/// Runs every sentence through `lookup` as the widget would, again with the no-match threshold at
/// 0, and through the ranking (`search`, top three). The engine's threshold is put back after.
pub fn eval_realworld(engine: &mut Engine, queries: &[RealQuery]) -> RealReport {
    let mut rows = Vec::new();
    let threshold = engine.params.threshold;
    for q in queries {
        engine.params.threshold = 0.0;
        let any = engine.lookup(&q.query);
        engine.params.threshold = threshold;
        let matches = engine.lookup(&q.query);
        let first = matches.first().map(|m| (engine.claim_id(m.claim).to_string(), m.confidence));
        let outcome = match (q.kind.as_str(), &first) {
            ("pos", None) => Outcome::Silent,
            ("pos", Some((id, _))) if q.expected.contains(id) => Outcome::Right,
            ("pos", Some(_)) => Outcome::Wrong,
            (_, None) => Outcome::Quiet,
            ("neg_hard", Some((id, _))) if q.near_miss.contains(id) => Outcome::NearMiss,
            _ => Outcome::FalsePopup,
        };
        let ranked = engine.search(&q.query, 3);
        let is_expected = |c: usize| q.expected.iter().any(|e| e == engine.claim_id(c));
        rows.push(Row {
            qid: q.qid.clone(),
            kind: q.kind.clone(),
            outcome,
            first_any: any.first().is_some_and(|m| is_expected(m.claim)),
            rank1: ranked.first().is_some_and(|r| is_expected(r.claim)),
            top3_any: ranked.iter().any(|r| is_expected(r.claim)),
            got: first,
            words: q.query.split_whitespace().count(),
            language: language(&q.query),
            bucket: length_bucket(&q.query),
        });
    }
    RealReport { rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_and_columns_are_read() {
        let tsv = "# a comment\nqid\tkind\tquery\texpected_claim_ids\tsource_url\tnote\tstance\n\
                   a1\tpos\tSome text.\tc-one c-two\thttps://x\t\tagrees\n\
                   a2\tneg_hard\tOther text.\t\thttps://y\tanother year; acceptable near-miss: c-three or c-four (later)\t\n";
        assert!(is_realworld(tsv));
        // Test code: a panic here is the test failing, on input the test wrote itself.
        let q = parse(tsv).unwrap();
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].expected, ["c-one", "c-two"]);
        assert_eq!(q[1].near_miss, ["c-three", "c-four"]);
        assert!(parse("x\tmaybe\tq\t\n").is_err());
    }

    #[test]
    fn languages_are_told_apart_by_script() {
        assert_eq!(language("The president left the country on Sunday."), "en");
        assert_eq!(language("El presidente salió del país el domingo."), "latin-other");
        assert_eq!(language("Президент покинул страну."), "ru");
        assert_eq!(language("غادر الرئيس البلاد"), "ar");
    }
}
