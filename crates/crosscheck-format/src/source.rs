//! The human-editable dataset format (a folder of TOML files, see docs/dataset.md) and its compiler.
//!
//! The compiler is the gate that keeps bad data out of readers' browsers: every problem it finds is
//! reported with the file, the entry and how to fix it, and nothing that fails here is ever embedded.
//! crosscheck-engine's build script compiles the default dataset with it (feature `compile`, which
//! brings the `toml` and `url` crates: native tools and build scripts only, never the wasm).

use crate::limits::{self, Exceeded, Limit};
use crate::model::{Account, Claim, Dataset, Entity, Source, Stance};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
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
        && id.len() <= Limit::IdBytes.max()
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

/// Whether a link may be shown to readers: `url_problem` finds nothing wrong with it.
pub fn valid_url(url: &str) -> bool {
    url_problem(url).is_none()
}

/// What is wrong with a source's link, in words a dataset author can act on, or `None`.
///
/// The link is parsed with the `url` crate (the WHATWG URL rules browsers follow) and must be an
/// http(s) link with a valid host and port, no user name or password (`https://evil.example@good.example/`
/// goes to evil.example), no invisible or direction-changing character, and a scheme, host and port
/// written the way the parser writes them, so that what a reader sees is where the link goes: a
/// full-width or upper-case host, a host in percent escapes or a default port is refused with the
/// form to use instead. The decoder, which has no URL parser in the browser, checks the same shape
/// (`limits::web_url`).
pub fn url_problem(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Some("is not an http: or https: link; other links are never shown to readers".into());
    }
    if let Some(c) = url.chars().find(|&c| limits::hidden_char(c) || c.is_whitespace()) {
        return Some(format!(
            "holds {} (white space, a control or an invisible or direction-changing character); type the link again",
            limits::escape_char(c)
        ));
    }
    let parsed = match url::Url::parse(url) {
        Ok(parsed) => parsed,
        Err(e) => return Some(format!("is not an http: or https: link with a valid host and port ({e})")),
    };
    if !matches!(parsed.scheme(), "http" | "https") {
        return Some("is not an http: or https: link; other links are never shown to readers".into());
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Some(format!(
            "has a user name or password before an `@`, so it goes to {} whatever it seems to say; remove the part before the `@`",
            parsed.host_str().unwrap_or("another host")
        ));
    }
    if parsed.host_str().map_or(true, str::is_empty) {
        return Some("has no host; links are http: or https: with a host".into());
    }
    let canonical = &parsed[..url::Position::BeforePath];
    let rest = url.strip_prefix(canonical);
    if !rest.is_some_and(|r| r.is_empty() || r.starts_with(['/', '?', '#'])) {
        return Some(format!(
            "does not start the way browsers write it, so readers would not see where it goes; write its start as `{canonical}`"
        ));
    }
    if !limits::web_url(url) {
        return Some("has characters links may not carry (quotes, angle brackets, backslashes)".into());
    }
    None
}

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

/// An id or a name as shown in a message: a pathological one is cut, not repeated in full, and
/// its control and invisible characters are escaped (`limits::escape`).
fn shown(id: &str) -> String {
    match id.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", limits::escape(&id[..cut], false)),
        None => limits::escape(id, false).into_owned(),
    }
}

/// What is wrong with an invalid id, in words a dataset author can act on.
fn id_rule(id: &str, example: &str) -> String {
    if id.len() > Limit::IdBytes.max() {
        format!(
            "the id must be at most {} characters long (this one has {}); shorten it",
            Limit::IdBytes.max(),
            id.chars().count()
        )
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

#[derive(Clone)]
struct Ctx {
    file: String,
    entry: String,
}

impl Ctx {
    fn err(&self, message: impl Into<String>) -> CompileError {
        CompileError { file: self.file.clone(), entry: self.entry.clone(), message: message.into() }
    }

    /// A value over one of the format's limits: which limit, and how to get under it.
    fn over(&self, e: Exceeded) -> CompileError {
        self.err(over_limit(e))
    }

    /// Refuses a name that holds a character which hides or reorders what readers see.
    fn plain(&self, field: &str, text: &str) -> Result<(), CompileError> {
        match limits::hidden_in(text) {
            Some(c) => Err(self.err(format!(
                "the {field} `{}` holds {}, an invisible, control or direction-changing character, which could make it display as another name; remove it",
                shown(text),
                limits::escape_char(c)
            ))),
            None => Ok(()),
        }
    }
}

/// The message for a value over a limit (docs/dataset.md lists them).
fn over_limit(e: Exceeded) -> String {
    format!("{e}; {} (docs/dataset.md lists the format's limits)", e.limit.fix())
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
    let ctx = Ctx { file: header_name, entry: String::new() };
    for (limit, field, text) in [
        (Limit::NameBytes, "name", &header.name),
        (Limit::TitleBytes, "title", &header.title),
        (Limit::DescriptionBytes, "description", &header.description),
    ] {
        limits::within(limit, text.len()).map_err(|e| ctx.over(e))?;
        if field != "description" {
            ctx.plain(field, text)?;
        }
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
    // Translations add wordings and aliases: the limits hold for the dataset they make.
    for e in &ds.entities {
        let ctx = Ctx { file: "translations/".into(), entry: format!("entity {}", shown(&e.id)) };
        limits::entity(e).map_err(|x| ctx.over(x))?;
        for alias in &e.aliases {
            ctx.plain("alias", alias)?;
        }
    }
    for c in &ds.claims {
        let ctx = Ctx { file: "translations/".into(), entry: format!("claim {}", shown(&c.id)) };
        limits::claim(c).map_err(|x| ctx.over(x))?;
    }
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
    // Quotes to find in their source's text, checked together once every claim is read: each text
    // is indexed once (`QuoteIndex`) instead of searched whole for every quote.
    let mut quotes: Vec<(Ctx, u32, String)> = Vec::new();

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
            limits::within(Limit::UrlBytes, s.url.len()).map_err(|e| ctx.over(e))?;
            if !s.url.is_empty() {
                if let Some(why) = url_problem(&s.url) {
                    return Err(ctx.err(format!("url `{}` {why}", s.url)));
                }
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
            let source = Source {
                id: s.id.clone(),
                file: s.file.clone(),
                outlet: s.outlet.trim().to_string(),
                title: s.title.trim().to_string(),
                author: s.author.trim().to_string(),
                date: s.date.clone(),
                language: if s.language.is_empty() { "en".into() } else { s.language.clone() },
                url: s.url.trim().to_string(),
                within: None,
            };
            limits::source(&source).map_err(|e| ctx.over(e))?;
            for (field, text) in [
                ("outlet", &source.outlet),
                ("title", &source.title),
                ("author", &source.author),
                ("language", &source.language),
                ("file", &source.file),
            ] {
                ctx.plain(field, text)?;
            }
            if !s.within.is_empty() {
                withins.push((ctx, ds.sources.len() as u32, s.within.clone()));
            }
            source_index.insert(s.id.clone(), ds.sources.len() as u32);
            ds.sources.push(source);
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
            let entity =
                Entity { id: e.id.clone(), name: e.name.trim().into(), kind: kind.into(), aliases: e.aliases.clone() };
            limits::entity(&entity).map_err(|e| ctx.over(e))?;
            ctx.plain("name", &entity.name)?;
            for alias in &entity.aliases {
                ctx.plain("alias", alias)?;
            }
            entity_index.insert(e.id.clone(), ds.entities.len() as u32);
            ds.entities.push(entity);
        }
        for (i, group) in f.synonym.iter().enumerate() {
            let ctx = Ctx { file: file.clone(), entry: format!("synonym group {}", i + 1) };
            if group.words.len() < 2 || group.words.iter().any(|w| w.trim().is_empty()) {
                return Err(ctx.err("a synonym group needs at least two non-empty words"));
            }
            limits::within(Limit::WordsPerSynonymGroup, group.words.len()).map_err(|e| ctx.over(e))?;
            for w in &group.words {
                limits::within(Limit::SynonymBytes, w.len()).map_err(|e| ctx.over(e))?;
                ctx.plain("synonym", w)?;
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
                if texts.get(&src.file).and_then(|t| t.as_ref()).is_none() {
                    return Err(ctx.err(format!(
                        "source `{}` has no `file`, so the quote “{}” cannot be checked; give the source its text",
                        src.id,
                        first_words(&quote)
                    )));
                }
                let origin =
                    if a.origin.trim().is_empty() { a.speaker.trim().to_string() } else { a.origin.trim().to_string() };
                let account = Account {
                    source,
                    speaker: a.speaker.trim().into(),
                    role: a.role.trim().into(),
                    via: a.via.clone(),
                    origin,
                    stance,
                    quote,
                    note: a.note.trim().into(),
                };
                let whose = Ctx {
                    file: ctx.file.clone(),
                    entry: format!(
                        "{}: the account of {} quoting “{}”",
                        ctx.entry,
                        shown(&account.speaker),
                        first_words(&account.quote)
                    ),
                };
                limits::account(&account).map_err(|e| whose.over(e))?;
                for (field, text) in
                    [("speaker", &account.speaker), ("role", &account.role), ("origin", &account.origin)]
                        .into_iter()
                        .chain(account.via.iter().map(|v| ("via entry", v)))
                {
                    whose.plain(field, text)?;
                }
                quotes.push((ctx.clone(), source, account.quote.clone()));
                accounts.push(account);
            }
            let claim = Claim {
                id: c.id.clone(),
                text: c.text.trim().into(),
                event: c.event.clone(),
                dates: c.dates.clone(),
                entities,
                wordings: c.wordings.iter().map(|w| w.trim().to_string()).collect(),
                accounts,
            };
            limits::claim(&claim).map_err(|e| ctx.over(e))?;
            ds.claims.push(claim);
        }
    }
    check_quotes(&ds, &texts, &quotes)?;
    let whole = Ctx { file: "the dataset".into(), entry: String::new() };
    for (limit, n) in [
        (Limit::Sources, ds.sources.len()),
        (Limit::Entities, ds.entities.len()),
        (Limit::SynonymGroups, ds.synonyms.len()),
        (Limit::Claims, ds.claims.len()),
    ] {
        limits::within(limit, n).map_err(|e| whole.over(e))?;
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

/// Finds every quote in its source's text, indexing each text once; the first quote (in the order
/// the claims were read) that is not there is the error.
fn check_quotes(
    ds: &Dataset,
    texts: &HashMap<String, Option<String>>,
    quotes: &[(Ctx, u32, String)],
) -> Result<(), CompileError> {
    let mut by_file: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (_, source, _)) in quotes.iter().enumerate() {
        by_file.entry(ds.sources[*source as usize].file.as_str()).or_default().push(i);
    }
    let mut missing: HashSet<usize> = HashSet::new();
    for (file, wanted) in &by_file {
        let Some(Some(text)) = texts.get(*file) else { continue };
        let depth = wanted.iter().map(|&i| quotes[i].2.len()).max().unwrap_or(0);
        let index = QuoteIndex::new(text, depth);
        missing.extend(wanted.iter().copied().filter(|&i| !index.contains(quotes[i].2.as_bytes())));
    }
    match (0..quotes.len()).find(|i| missing.contains(i)) {
        None => Ok(()),
        Some(i) => {
            let (ctx, source, quote) = &quotes[i];
            let src = &ds.sources[*source as usize];
            Err(ctx.err(format!(
                "the quote “{}” is not in source `{}` ({}); quotes must be verbatim (only white space may differ): copy them from the file",
                first_words(quote),
                src.id,
                src.file
            )))
        }
    }
}

/// A text's suffixes in sorted order, compared on at least their first `depth` bytes: a quote of up
/// to `depth` bytes is in the text when the first suffix not below it starts with it, found by
/// binary search. Sorting by prefix doubling (each round sorts by twice the bytes the last did,
/// from the ranks it gave, with two linear passes of a counting sort) takes at most
/// log2(depth) + 1 rounds whatever the text, where searching the whole text for every quote took
/// time proportional to quotes times text.
struct QuoteIndex<'a> {
    text: &'a [u8],
    suffixes: Vec<u32>,
}

impl<'a> QuoteIndex<'a> {
    fn new(text: &'a str, depth: usize) -> QuoteIndex<'a> {
        let t = text.as_bytes();
        let n = t.len();
        // First by their first 8 bytes, as big-endian integers (padding a short suffix with the
        // smallest byte keeps the order, and a tie is broken by the rounds below).
        let first = |i: usize| {
            let mut key = [0u8; 8];
            let end = (i + 8).min(n);
            key[..end - i].copy_from_slice(&t[i..end]);
            u64::from_be_bytes(key)
        };
        let mut keyed: Vec<(u64, u32)> = (0..n).map(|i| (first(i), i as u32)).collect();
        keyed.sort_unstable();
        let mut suffixes: Vec<u32> = keyed.iter().map(|&(_, i)| i).collect();
        // The rank of each suffix among the others by their first `sorted` bytes.
        let mut rank = vec![0u32; n];
        for w in 1..n {
            rank[keyed[w].1 as usize] = rank[keyed[w - 1].1 as usize] + u32::from(keyed[w].0 != keyed[w - 1].0);
        }
        drop(keyed);
        let mut by_second = vec![0u32; n];
        let mut next = vec![0u32; n];
        let mut count = vec![0u32; n + 1];
        let mut sorted = 8;
        while sorted < depth && n > 1 {
            // By the second key (the rank `sorted` bytes on): the suffixes too short to have one
            // first, then the others in the order of the suffix that starts there.
            let mut w = 0;
            for i in n.saturating_sub(sorted)..n {
                by_second[w] = i as u32;
                w += 1;
            }
            for &s in &suffixes {
                if s as usize >= sorted {
                    by_second[w] = s - sorted as u32;
                    w += 1;
                }
            }
            // Then a stable counting sort by the first key.
            count.iter_mut().for_each(|c| *c = 0);
            for &r in &rank {
                count[r as usize + 1] += 1;
            }
            for r in 1..count.len() {
                count[r] += count[r - 1];
            }
            for &s in &by_second {
                let r = rank[s as usize] as usize;
                suffixes[count[r] as usize] = s;
                count[r] += 1;
            }
            // A suffix shorter than `sorted` ends before its neighbour's next bytes: it ranks first.
            let key = |i: u32| {
                let i = i as usize;
                (u64::from(rank[i]) << 32) | rank.get(i + sorted).map_or(0, |&r| u64::from(r) + 1)
            };
            next[suffixes[0] as usize] = 0;
            for w in 1..n {
                let step = u32::from(key(suffixes[w]) != key(suffixes[w - 1]));
                next[suffixes[w] as usize] = next[suffixes[w - 1] as usize] + step;
            }
            std::mem::swap(&mut rank, &mut next);
            sorted *= 2;
            if rank[suffixes[n - 1] as usize] as usize == n - 1 {
                break; // every suffix has a rank of its own: the order is final
            }
        }
        QuoteIndex { text: t, suffixes }
    }

    fn contains(&self, quote: &[u8]) -> bool {
        let prefix = |i: u32| {
            let s = &self.text[i as usize..];
            &s[..s.len().min(quote.len())]
        };
        let at = self.suffixes.partition_point(|&i| prefix(i) < quote);
        self.suffixes.get(at).is_some_and(|&i| prefix(i) == quote)
    }
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

#[cfg(test)]
mod tests {
    use super::QuoteIndex;

    #[test]
    fn the_quote_index_finds_what_contains_finds() {
        let texts =
            ["", "a", "aaaaaaaaaaaaaaaaaaaaaaaaaaab", "abracadabra abracadabra", "the cat sat on the mat. The cat"];
        for text in texts {
            let index = QuoteIndex::new(text, 64);
            for start in 0..text.len() {
                for end in start + 1..=text.len() {
                    assert!(index.contains(&text.as_bytes()[start..end]), "{text:?} {start}..{end}");
                }
            }
            for absent in ["b a", "cats", "aab", "mat.x", "zz", "abracadabra abracadabra!"] {
                assert_eq!(index.contains(absent.as_bytes()), text.contains(absent), "{text:?} {absent:?}");
            }
        }
    }
}
