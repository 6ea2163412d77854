//! The human-editable dataset format (a folder of TOML files, see docs/dataset.md) and its compiler.
//!
//! The compiler is the gate that keeps bad data out of readers' browsers: every problem it finds is
//! reported with the file, the entry and how to fix it, and nothing that fails here is ever embedded.
//! build.rs includes this file by path to compile the default dataset, so it only uses `super::model`.

use super::model::{Account, Claim, Dataset, Entity, Source, Stance};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The source-format version this compiler reads (`format = 1` in dataset.toml).
pub const SOURCE_FORMAT: i64 = 1;

/// A problem in a dataset folder, located as precisely as possible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    pub file: String,
    /// The entry the problem is in, such as `claim assad-moscow-visit-date`; empty for the file itself.
    pub entry: String,
    pub message: String,
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.entry.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: {}: {}", self.file, self.entry, self.message)
        }
    }
}

impl std::error::Error for CompileError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    format: i64,
    name: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    source: Vec<SourceEntry>,
    #[serde(default)]
    entity: Vec<EntityEntry>,
    #[serde(default)]
    synonym: Vec<SynonymEntry>,
    #[serde(default)]
    claim: Vec<ClaimEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceEntry {
    id: String,
    #[serde(default)]
    file: String,
    outlet: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    author: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    within: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityEntry {
    id: String,
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SynonymEntry {
    words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimEntry {
    id: String,
    text: String,
    #[serde(default)]
    event: String,
    #[serde(default)]
    dates: Vec<String>,
    #[serde(default)]
    entities: Vec<String>,
    #[serde(default)]
    wordings: Vec<String>,
    #[serde(default)]
    account: Vec<AccountEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountEntry {
    source: String,
    speaker: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    via: Vec<String>,
    #[serde(default)]
    origin: String,
    stance: String,
    quote: String,
    #[serde(default)]
    note: String,
}

const ENTITY_KINDS: [&str; 4] = ["person", "place", "organisation", "other"];

/// Ids are what URLs, tests and other datasets refer to, so they are kept to a safe, stable alphabet.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with a real month and a day that exists in that month.
pub fn valid_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let num = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten()
    };
    match parts.as_slice() {
        [y] => num(y, 4).is_some(),
        [y, m] => num(y, 4).is_some() && num(m, 2).is_some_and(|m| (1..=12).contains(&m)),
        [y, m, d] => {
            let (Some(y), Some(m), Some(d)) = (num(y, 4), num(m, 2), num(d, 2)) else { return false };
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            let days = match m {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if leap => 29,
                2 => 28,
                _ => return false,
            };
            (1..=days).contains(&d)
        }
        _ => false,
    }
}

pub use super::model::valid_url;

/// Folds every run of white space to one space, so that quotes may be wrapped differently from the
/// source text and still count as verbatim.
pub fn fold_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// An id as shown in a message: a pathological one is cut, not repeated in full.
fn shown(id: &str) -> String {
    match id.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &id[..cut]),
        None => id.to_string(),
    }
}

/// What is wrong with an invalid id, in words a dataset author can act on.
fn id_rule(id: &str, example: &str) -> String {
    if id.len() > 80 {
        format!("the id must be at most 80 characters long (this one has {}); shorten it", id.chars().count())
    } else {
        format!("the id must be lower-case letters, digits and single hyphens, such as `{example}`")
    }
}

fn first_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(8).collect();
    let mut s = words.join(" ");
    if text.split_whitespace().count() > 8 {
        s.push('…');
    }
    s
}

struct Ctx {
    file: String,
    entry: String,
}

impl Ctx {
    fn err(&self, message: impl Into<String>) -> CompileError {
        CompileError { file: self.file.clone(), entry: self.entry.clone(), message: message.into() }
    }
}

/// The TOML files of a dataset folder, in the order they are read: the folder's own files by name,
/// then `claims/` by name.
fn dataset_files(dir: &Path) -> Result<Vec<PathBuf>, CompileError> {
    let mut out = Vec::new();
    for sub in [dir.to_path_buf(), dir.join("claims")] {
        let Ok(entries) = std::fs::read_dir(&sub) else { continue };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|e| e == "toml") && p.file_name().is_some_and(|n| n != "dataset.toml")
            })
            .collect();
        files.sort();
        out.extend(files);
    }
    Ok(out)
}

fn display(dir: &Path, path: &Path) -> String {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    match path.strip_prefix(dir) {
        Ok(rel) => format!("{}/{}", name, rel.display()).trim_start_matches('/').to_string(),
        Err(_) => path.display().to_string(),
    }
}

/// Compiles a dataset folder into a `Dataset`, checking every rule in docs/dataset.md.
pub fn compile_dir(dir: &Path) -> Result<Dataset, CompileError> {
    let header_path = dir.join("dataset.toml");
    let header_name = display(dir, &header_path);
    let header_text = std::fs::read_to_string(&header_path).map_err(|e| CompileError {
        file: header_name.clone(),
        entry: String::new(),
        message: format!(
            "cannot read it ({e}); a dataset folder needs a dataset.toml with `format = {SOURCE_FORMAT}` and a `name`"
        ),
    })?;
    let header: Header = toml::from_str(&header_text).map_err(|e| CompileError {
        file: header_name.clone(),
        entry: String::new(),
        message: format!("not valid: {}", e.message()),
    })?;
    if header.format != SOURCE_FORMAT {
        return Err(CompileError {
            file: header_name,
            entry: String::new(),
            message: format!("format {} is not supported; this compiler reads format {SOURCE_FORMAT}", header.format),
        });
    }
    let mut files = Vec::new();
    for path in dataset_files(dir)? {
        let name = display(dir, &path);
        let text = std::fs::read_to_string(&path).map_err(|e| CompileError {
            file: name.clone(),
            entry: String::new(),
            message: format!("cannot read it: {e}"),
        })?;
        let file: File = toml::from_str(&text).map_err(|e| {
            // Lines are counted by the line breaks before the error, so an error at the start of a
            // line is on that line.
            let line = e
                .span()
                .map(|s| text.as_bytes()[..s.start.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1);
            CompileError {
                file: name.clone(),
                entry: line.map(|l| format!("line {l}")).unwrap_or_default(),
                message: e.message().to_string(),
            }
        })?;
        files.push((name, file));
    }
    let read_text = |rel: &str| match std::fs::read(dir.join(rel)) {
        Ok(bytes) => String::from_utf8(bytes)
            .map_err(|_| "is not UTF-8 text; save it as UTF-8 (most editors offer this under Save As)".to_string()),
        Err(e) => Err(format!("cannot be read ({e}); put the source text in the dataset folder")),
    };
    let mut ds = build(header, files, &read_text)?;
    apply_translations(dir, &mut ds)?;
    Ok(ds)
}

/// Builds and checks a dataset from parsed files. `read_text` returns a corpus file's text, or why not.
fn build(
    header: Header,
    files: Vec<(String, File)>,
    read_text: &dyn Fn(&str) -> Result<String, String>,
) -> Result<Dataset, CompileError> {
    let mut ds =
        Dataset { name: header.name, title: header.title, description: header.description, ..Dataset::default() };
    let mut source_index: HashMap<String, u32> = HashMap::new();
    let mut entity_index: HashMap<String, u32> = HashMap::new();
    let mut claim_ids: HashMap<String, String> = HashMap::new();
    let mut withins: Vec<(Ctx, u32, String)> = Vec::new();
    let mut texts: HashMap<String, Option<String>> = HashMap::new();

    // Sources and entities first, from every file, so that claims may refer to any of them.
    for (file, f) in &files {
        for s in &f.source {
            let ctx = Ctx { file: file.clone(), entry: format!("source {}", shown(s.id.as_str())) };
            if !valid_id(&s.id) {
                return Err(ctx.err(id_rule(&s.id, "helmer-dwb")));
            }
            if source_index.contains_key(&s.id) {
                return Err(ctx.err("this source id is used twice; give each source its own id"));
            }
            if s.outlet.trim().is_empty() && s.title.trim().is_empty() {
                return Err(
                    ctx.err("a source needs an `outlet` or a `title` so readers know where an account comes from")
                );
            }
            if !s.date.is_empty() && !valid_date(&s.date) {
                return Err(ctx.err(format!("date `{}` is not YYYY, YYYY-MM or YYYY-MM-DD", s.date)));
            }
            if !s.url.is_empty() && !valid_url(&s.url) {
                return Err(ctx.err(format!(
                    "url `{}` is not an http: or https: link; other links are never shown to readers",
                    s.url
                )));
            }
            if !s.file.is_empty() {
                if s.file.contains("..") || s.file.starts_with('/') {
                    return Err(ctx.err(format!("file `{}` must be a path inside the dataset folder", s.file)));
                }
                if !texts.contains_key(&s.file) {
                    match read_text(&s.file) {
                        Ok(t) => {
                            texts.insert(s.file.clone(), Some(fold_space(&t)));
                        }
                        Err(why) => return Err(ctx.err(format!("file `{}` {why}", s.file))),
                    }
                }
            }
            if !s.within.is_empty() {
                withins.push((ctx, ds.sources.len() as u32, s.within.clone()));
            }
            source_index.insert(s.id.clone(), ds.sources.len() as u32);
            ds.sources.push(Source {
                id: s.id.clone(),
                file: s.file.clone(),
                outlet: s.outlet.trim().to_string(),
                title: s.title.trim().to_string(),
                author: s.author.trim().to_string(),
                date: s.date.clone(),
                language: if s.language.is_empty() { "en".into() } else { s.language.clone() },
                url: s.url.trim().to_string(),
                within: None,
            });
        }
        for e in &f.entity {
            let ctx = Ctx { file: file.clone(), entry: format!("entity {}", shown(e.id.as_str())) };
            if !valid_id(&e.id) {
                return Err(ctx.err(id_rule(&e.id, "hts")));
            }
            if entity_index.contains_key(&e.id) {
                return Err(ctx.err("this entity id is used twice; merge the two entries"));
            }
            let kind = if e.kind.is_empty() { "other" } else { e.kind.as_str() };
            if !ENTITY_KINDS.contains(&kind) {
                return Err(ctx.err(format!("kind `{kind}` is not one of {}", ENTITY_KINDS.join(", "))));
            }
            if e.name.trim().is_empty() || e.aliases.iter().any(|a| a.trim().is_empty()) {
                return Err(ctx.err("the name and every alias must be non-empty"));
            }
            entity_index.insert(e.id.clone(), ds.entities.len() as u32);
            ds.entities.push(Entity {
                id: e.id.clone(),
                name: e.name.trim().into(),
                kind: kind.into(),
                aliases: e.aliases.clone(),
            });
        }
        for (i, group) in f.synonym.iter().enumerate() {
            let ctx = Ctx { file: file.clone(), entry: format!("synonym group {}", i + 1) };
            if group.words.len() < 2 || group.words.iter().any(|w| w.trim().is_empty()) {
                return Err(ctx.err("a synonym group needs at least two non-empty words"));
            }
            ds.synonyms.push(group.words.clone());
        }
    }
    for (ctx, me, within) in withins {
        let Some(&target) = source_index.get(&within) else {
            return Err(
                ctx.err(format!("`within = \"{within}\"` names no source; use the id of the article that carries it"))
            );
        };
        if target == me {
            return Err(ctx.err("a source cannot be within itself"));
        }
        ds.sources[me as usize].within = Some(target);
    }
    // A carrier chain must end: two articles cannot each reproduce the other.
    for (i, s) in ds.sources.iter().enumerate() {
        let mut at = s.within;
        for _ in 0..ds.sources.len() {
            match at {
                Some(j) if j as usize == i => {
                    return Err(CompileError {
                        file: "sources".into(),
                        entry: format!("source {}", s.id),
                        message: "its `within` chain leads back to itself; a source is within the article that carries it, and that article cannot be within it".into(),
                    })
                }
                Some(j) => at = ds.sources[j as usize].within,
                None => break,
            }
        }
    }

    for (file, f) in &files {
        for c in &f.claim {
            let ctx = Ctx { file: file.clone(), entry: format!("claim {}", shown(c.id.as_str())) };
            if !valid_id(&c.id) {
                return Err(ctx.err(id_rule(&c.id, "assad-moscow-visit-date")));
            }
            if let Some(other) = claim_ids.insert(c.id.clone(), file.clone()) {
                return Err(
                    ctx.err(format!("this claim id is also used in {other}; merge the two claims or rename one"))
                );
            }
            if c.text.trim().is_empty() {
                return Err(ctx.err("`text` is empty; state the claim in one neutral sentence"));
            }
            if !c.event.is_empty() && !valid_id(&c.event) {
                return Err(ctx.err(format!("event `{}` must be an id (lower-case letters, digits, hyphens)", c.event)));
            }
            for d in &c.dates {
                if !valid_date(d) {
                    return Err(ctx.err(format!("date `{d}` is not YYYY, YYYY-MM or YYYY-MM-DD")));
                }
            }
            let mut entities = Vec::new();
            for e in &c.entities {
                let Some(&i) = entity_index.get(e) else {
                    return Err(ctx.err(format!("entity `{e}` is not defined; add it to entities.toml")));
                };
                entities.push(i);
            }
            if c.wordings.iter().any(|w| w.trim().is_empty()) {
                return Err(ctx.err("a wording is empty"));
            }
            if c.account.is_empty() {
                return Err(ctx.err("a claim needs at least one account (a quote from a source that makes it)"));
            }
            let mut accounts = Vec::new();
            for a in &c.account {
                let Some(&source) = source_index.get(&a.source) else {
                    return Err(ctx.err(format!(
                        "an account names source `{}`, which is not defined in any sources file",
                        a.source
                    )));
                };
                let Some(stance) = Stance::parse(&a.stance) else {
                    return Err(ctx.err(format!(
                        "stance `{}` is unknown; use corroborates, conflicts or context (account quoting “{}”)",
                        a.stance,
                        first_words(&a.quote)
                    )));
                };
                if a.speaker.trim().is_empty() {
                    return Err(ctx.err(format!("the account quoting “{}” has no speaker", first_words(&a.quote))));
                }
                let quote = fold_space(&a.quote);
                if quote.is_empty() {
                    return Err(ctx.err(format!("the account of {} has an empty quote", a.speaker)));
                }
                let src = &ds.sources[source as usize];
                match texts.get(&src.file).and_then(|t| t.as_ref()) {
                    Some(text) if text.contains(&quote) => {}
                    Some(_) => {
                        return Err(ctx.err(format!(
                            "the quote “{}” is not in source `{}` ({}); quotes must be verbatim (only white space may differ): copy them from the file",
                            first_words(&quote),
                            src.id,
                            src.file
                        )))
                    }
                    None => {
                        return Err(ctx.err(format!(
                            "source `{}` has no `file`, so the quote “{}” cannot be checked; give the source its text",
                            src.id,
                            first_words(&quote)
                        )))
                    }
                }
                let origin =
                    if a.origin.trim().is_empty() { a.speaker.trim().to_string() } else { a.origin.trim().to_string() };
                accounts.push(Account {
                    source,
                    speaker: a.speaker.trim().into(),
                    role: a.role.trim().into(),
                    via: a.via.clone(),
                    origin,
                    stance,
                    quote,
                    note: a.note.trim().into(),
                });
            }
            ds.claims.push(Claim {
                id: c.id.clone(),
                text: c.text.trim().into(),
                event: c.event.clone(),
                dates: c.dates.clone(),
                entities,
                wordings: c.wordings.iter().map(|w| w.trim().to_string()).collect(),
                accounts,
            });
        }
    }
    if ds.claims.is_empty() {
        return Err(CompileError {
            file: "claims/".into(),
            entry: String::new(),
            message: "the dataset has no claims".into(),
        });
    }
    Ok(ds)
}

// ---------------------------------------------------------------------------------------------
// Translations: `translations/<BCP 47 tag>.toml` holds the dataset's own renderings of its claims
// and the names of its entities in another language, kept apart from the English so that a reader
// can tell them from the sources' words. They are matching material only, never quotes.

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct TranslationFile {
    #[serde(default)]
    claims: std::collections::BTreeMap<String, ClaimTranslation>,
    #[serde(default)]
    entities: std::collections::BTreeMap<String, EntityTranslation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimTranslation {
    #[serde(default)]
    text: String,
    #[serde(default)]
    wordings: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityTranslation {
    aliases: Vec<String>,
}

/// A BCP 47 language tag in its common shape (`ar`, `fa`, `pt-BR`, `zh-Hant`): a 2–3 letter
/// language, then subtags of 2–8 letters or digits. The file name is the tag, so it is checked.
pub fn valid_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let lang = parts.next().unwrap_or("");
    (2..=3).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Reads `translations/*.toml` and adds each claim's translated statement and wordings to its
/// wordings (so that they are analysed and matched like the English ones) and each entity's
/// translated names to its aliases. A translation of a claim or entity the dataset does not
/// define is an error: it would otherwise be silently lost.
fn apply_translations(dir: &Path, ds: &mut Dataset) -> Result<(), CompileError> {
    let Ok(entries) = std::fs::read_dir(dir.join("translations")) else { return Ok(()) };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = display(dir, &path);
        let err = |entry: String, message: String| CompileError { file: name.clone(), entry, message };
        if !path.extension().is_some_and(|e| e == "toml") {
            return Err(err(String::new(), "only `<language>.toml` files belong in translations/".into()));
        }
        let tag = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        if !valid_language_tag(&tag) {
            return Err(err(
                String::new(),
                format!("`{tag}` is not a BCP 47 language tag; name the file after its language, e.g. ar.toml"),
            ));
        }
        let text = std::fs::read_to_string(&path).map_err(|e| err(String::new(), format!("cannot read it: {e}")))?;
        let file: TranslationFile = toml::from_str(&text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text.as_bytes()[..s.start.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1);
            err(line.map(|l| format!("line {l}")).unwrap_or_default(), e.message().to_string())
        })?;
        for (id, t) in &file.claims {
            let entry = format!("claim {}", shown(id));
            let Some(claim) = ds.claims.iter_mut().find(|c| &c.id == id) else {
                return Err(err(
                    entry,
                    "no claim has this id; a translation must name a claim defined in claims/*.toml".into(),
                ));
            };
            if t.text.trim().is_empty() {
                return Err(err(entry, "`text` is empty; translate the claim's statement".into()));
            }
            if t.wordings.iter().any(|w| w.trim().is_empty()) {
                return Err(err(entry, "a wording is empty".into()));
            }
            claim.wordings.push(t.text.trim().to_string());
            claim.wordings.extend(t.wordings.iter().map(|w| w.trim().to_string()));
        }
        for (id, t) in &file.entities {
            let entry = format!("entity {}", shown(id));
            let Some(entity) = ds.entities.iter_mut().find(|e| &e.id == id) else {
                return Err(err(entry, "no entity has this id; name one defined in an entities file".into()));
            };
            if t.aliases.is_empty() || t.aliases.iter().any(|a| a.trim().is_empty()) {
                return Err(err(entry, "give at least one name, and no empty ones".into()));
            }
            for a in &t.aliases {
                if !entity.aliases.iter().any(|x| x == a.trim()) {
                    entity.aliases.push(a.trim().to_string());
                }
            }
        }
    }
    Ok(())
}

/// Sources a reader could not look up: neither a link nor a full citation (outlet, title and
/// date). The compiler warns rather than fails, because some originals were never published.
pub fn citation_warnings(ds: &Dataset) -> Vec<String> {
    ds.sources
        .iter()
        .filter(|s| s.url.is_empty() && (s.outlet.is_empty() || s.title.is_empty() || s.date.is_empty()))
        .map(|s| {
            let missing: Vec<&str> = [("outlet", &s.outlet), ("title", &s.title), ("date", &s.date)]
                .into_iter()
                .filter(|(_, v)| v.is_empty())
                .map(|(k, _)| k)
                .collect();
            format!(
                "source {} has no url and no full citation (missing {}); readers cannot look it up",
                s.id,
                missing.join(", ")
            )
        })
        .collect()
}
