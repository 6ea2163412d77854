//! The catalogue and the claim records: checked, stepped over, or decoded.

use super::error::{DecodeError, ErrorKind};
use super::reader::Reader;
use super::Checks;
use crate::huffman::Decoder;
use crate::limits::{self, Limit};
use crate::model::{valid_url, Account, Claim, Dataset, Entity, Source, Stance};
use std::borrow::Cow;

/// The name, title, description, sources, entities and synonyms.
pub(super) fn catalog(r: &mut Reader) -> Result<Dataset, DecodeError> {
    let mut ds = Dataset { name: r.str()?, title: r.str()?, description: r.str()?, ..Dataset::default() };
    let n = r.count()?;
    for _ in 0..n {
        let mut s = Source {
            id: r.str()?,
            file: r.str()?,
            outlet: r.str()?,
            title: r.str()?,
            author: r.str()?,
            date: r.str()?,
            language: r.str()?,
            url: r.str()?,
            within: None,
        };
        // A forged file must not smuggle a javascript: or data: link past the compiler's check.
        if !s.url.is_empty() && !valid_url(&s.url) {
            return Err(r.fail(ErrorKind::BadLink { source: s.id }));
        }
        let within = r.varint()?;
        if within > 0 {
            if within > n as u64 {
                return Err(r.fail(ErrorKind::UnknownWithin { source: s.id }));
            }
            s.within = Some((within - 1) as u32);
        }
        ds.sources.push(s);
    }
    for _ in 0..r.count()? {
        ds.entities.push(Entity { id: r.str()?, name: r.str()?, kind: r.str()?, aliases: r.strs()? });
    }
    for _ in 0..r.count()? {
        ds.synonyms.push(r.strs()?);
    }
    limits::catalog(&ds).map_err(|e| r.fail(ErrorKind::OverLimit(e)))?;
    let names = [("name", &ds.name), ("title", &ds.title)].into_iter();
    let names = names.chain(ds.sources.iter().flat_map(|s| {
        [
            ("outlet", &s.outlet),
            ("title", &s.title),
            ("author", &s.author),
            ("language", &s.language),
            ("file", &s.file),
        ]
    }));
    let names = names.chain(
        ds.entities
            .iter()
            .flat_map(|e| std::iter::once(("name", &e.name)).chain(e.aliases.iter().map(|a| ("alias", a)))),
    );
    for (field, text) in names {
        plain(field, text, r.pos)?;
    }
    Ok(ds)
}

/// Refuses a name with a character that hides or reorders what readers see (`limits::hidden_char`):
/// a forged file must not show a speaker `\u{202e}sretueR` as "Reuters".
/// `at` is where the string ends, for the error.
fn plain(field: &str, text: &str, at: usize) -> Result<(), DecodeError> {
    match limits::hidden_in(text) {
        Some(c) => Err(DecodeError::new(
            ErrorKind::HiddenCharacter { field: field.to_string(), character: limits::escape_char(c) },
            at,
        )),
        None => Ok(()),
    }
}

/// Checks one claim record without copying it: returns its numbers of wordings and accounts and
/// passes each account's origin and stance to `account`.
pub(super) fn walk_claim<'a>(
    r: &mut Reader<'a>,
    ds: &Dataset,
    coding: Option<&Decoder>,
    checks: Checks,
    mut account: impl FnMut(&'a [u8], Stance),
) -> Result<(usize, usize), DecodeError> {
    let id = r.text()?;
    limits::within(Limit::IdBytes, id.len()).map_err(|e| r.fail(ErrorKind::OverLimit(e)))?;
    // The bytes of all the claim's strings together (`Limit::ClaimBytes`).
    let mut total = id.len();
    // A string's stored bytes, decoded and checked (its length against `limit`, and a name, given
    // as `field`, for hidden characters) or stepped over.
    let mut string = |r: &mut Reader<'a>, limit: Limit, field: Option<&str>| -> Result<&'a [u8], DecodeError> {
        let from = r.pos;
        let len = match checks {
            Checks::All => {
                let text = r.ctext(coding)?;
                if let Some(field) = field {
                    plain(field, &text, r.pos)?;
                }
                text.len()
            }
            Checks::Structure => {
                let len = if coding.is_some() { r.varint()? as usize } else { 0 };
                len.max(r.bytes_field()?.len())
            }
        };
        limits::within(limit, len).map_err(|e| r.fail(ErrorKind::OverLimit(e)))?;
        total = total.saturating_add(len);
        Ok(r.bytes.get(from..r.pos).unwrap_or(&[]))
    };
    string(r, Limit::ClaimTextBytes, None)?;
    string(r, Limit::IdBytes, None)?;
    let dates = r.count()?;
    limits::within(Limit::DatesPerClaim, dates).map_err(|e| r.fail(ErrorKind::OverLimit(e)))?;
    for _ in 0..dates {
        string(r, Limit::DateBytes, None)?;
    }
    let entities = r.count()?;
    limits::within(Limit::EntitiesPerClaim, entities).map_err(|e| r.fail(ErrorKind::OverLimit(e)))?;
    for _ in 0..entities {
        r.index(ds.entities.len(), "entity")?;
    }
    let wordings = r.varint()?;
    limits::within_u64(Limit::WordingsPerClaim, wordings).map_err(|e| r.fail(ErrorKind::OverLimit(e)))?;
    let wordings = wordings as usize;
    let accounts = r.count()?;
    limits::within(Limit::AccountsPerClaim, accounts).map_err(|e| r.fail(ErrorKind::OverLimit(e)))?;
    for _ in 0..accounts {
        r.index(ds.sources.len(), "source")?;
        string(r, Limit::SpeakerBytes, Some("speaker"))?;
        string(r, Limit::RoleBytes, Some("role"))?;
        let via = r.count()?;
        limits::within(Limit::ViaPerAccount, via).map_err(|e| r.fail(ErrorKind::OverLimit(e)))?;
        for _ in 0..via {
            string(r, Limit::ViaBytes, Some("via entry"))?;
        }
        let origin = string(r, Limit::OriginBytes, Some("origin"))?;
        let code = r.byte()?;
        let Some(stance) = Stance::from_code(code) else {
            return Err(r.fail(ErrorKind::UnknownStance { code, claim: id.to_string() }));
        };
        account(origin, stance);
        string(r, Limit::QuoteBytes, None)?;
        string(r, Limit::NoteBytes, None)?;
    }
    limits::within(Limit::ClaimBytes, total).map_err(|e| r.fail(ErrorKind::OverLimit(e)))?;
    // The passages hold one per wording; a forged count must not make them huge.
    if wordings > r.bytes.len() {
        return Err(r.fail(ErrorKind::TooManyWordings));
    }
    Ok((wordings, accounts))
}

/// Steps over a claim record (checked at opening) without decoding its strings.
pub(super) fn skip_claim(r: &mut Reader, coded: bool) -> Result<(), DecodeError> {
    r.bytes_field()?;
    r.skip_ctext(coded)?;
    r.skip_ctext(coded)?;
    for _ in 0..r.count()? {
        r.skip_ctext(coded)?;
    }
    for _ in 0..r.count()? {
        r.varint()?;
    }
    r.varint()?;
    for _ in 0..r.count()? {
        r.varint()?;
        r.skip_ctext(coded)?;
        r.skip_ctext(coded)?;
        for _ in 0..r.count()? {
            r.skip_ctext(coded)?;
        }
        r.skip_ctext(coded)?;
        r.byte()?;
        r.skip_ctext(coded)?;
        r.skip_ctext(coded)?;
    }
    Ok(())
}

/// Decodes the claim record at `at`.
pub(super) fn read_claim(
    bytes: &[u8],
    at: usize,
    ds: &Dataset,
    coding: Option<&Decoder>,
) -> Result<Claim, DecodeError> {
    let mut r = Reader::at(bytes, at);
    let s = |r: &mut Reader| r.ctext(coding).map(Cow::into_owned);
    let id = r.str()?;
    let text = s(&mut r)?;
    let event = s(&mut r)?;
    let dates = (0..r.count()?).map(|_| s(&mut r)).collect::<Result<_, _>>()?;
    let mut c = Claim { id, text, event, dates, ..Claim::default() };
    for _ in 0..r.count()? {
        c.entities.push(r.index(ds.entities.len(), "entity")?);
    }
    // Only the number of wordings is stored (their terms are in the passages).
    r.varint()?;
    for _ in 0..r.count()? {
        let source = r.index(ds.sources.len(), "source")?;
        let speaker = s(&mut r)?;
        let role = s(&mut r)?;
        let via = (0..r.count()?).map(|_| s(&mut r)).collect::<Result<_, _>>()?;
        let origin = s(&mut r)?;
        let code = r.byte()?;
        let stance =
            Stance::from_code(code).ok_or_else(|| r.fail(ErrorKind::UnknownStance { code, claim: c.id.clone() }))?;
        let quote = s(&mut r)?;
        let note = s(&mut r)?;
        c.accounts.push(Account { source, speaker, role, via, origin, stance, quote, note });
    }
    Ok(c)
}
