//! The compiled dataset format (`.ccd`): what the wasm embeds and what a site loads at run time.
//!
//! Layout, little-endian: the magic `CCDS`, a `u16` format version, a `u32` body length, the body,
//! then an FNV-1a 32-bit checksum of the body. Integers in the body are LEB128 varints and strings
//! are a varint length followed by UTF-8 bytes. The checksum lets a truncated or corrupted download
//! fail with a clear error instead of decoding into nonsense.
//!
//! Every read is bounds-checked and every count is checked against the bytes left, so hostile input
//! gives an error, never a panic or a huge allocation.

use super::model::{valid_url, Account, Claim, Dataset, Entity, Source, Stance};
use std::fmt;

pub const MAGIC: &[u8; 4] = b"CCDS";
pub const VERSION: u16 = 1;
const HEADER_LEN: usize = 4 + 2 + 4;

/// Why a binary dataset could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    NotADataset,
    UnsupportedVersion { found: u16 },
    Truncated,
    Corrupted,
    Invalid(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotADataset => write!(
                f,
                "this is not a crosscheck dataset (it does not start with CCDS); compile one with `crosscheck build`"
            ),
            DecodeError::UnsupportedVersion { found } => write!(
                f,
                "this dataset has format version {found}, but this crosscheck reads version {VERSION}; \
                 recompile it with `crosscheck build` from the same release as the widget"
            ),
            DecodeError::Truncated => write!(
                f,
                "the dataset is truncated (fewer bytes than its header announces); download or copy it again"
            ),
            DecodeError::Corrupted => write!(
                f,
                "the dataset is corrupted (its checksum does not match); download or copy it again"
            ),
            DecodeError::Invalid(what) => write!(f, "the dataset is invalid: {what}"),
        }
    }
}

impl std::error::Error for DecodeError {}

fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

// ---------------------------------------------------------------------------------------------
// Encoding

struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    fn varint(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.buf.push(byte);
                return;
            }
            self.buf.push(byte | 0x80);
        }
    }

    fn len(&mut self, n: usize) {
        self.varint(n as u64);
    }

    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.buf.extend_from_slice(s.as_bytes());
    }

    fn strs(&mut self, v: &[String]) {
        self.len(v.len());
        for s in v {
            self.str(s);
        }
    }
}

/// Encodes a dataset. Encoding cannot fail: every dataset in memory has a binary form.
pub fn encode(ds: &Dataset) -> Vec<u8> {
    let mut w = Writer { buf: Vec::new() };
    w.str(&ds.name);
    w.str(&ds.title);
    w.str(&ds.description);
    w.len(ds.sources.len());
    for s in &ds.sources {
        for field in [&s.id, &s.file, &s.outlet, &s.title, &s.author, &s.date, &s.language, &s.url] {
            w.str(field);
        }
        // 0 means "not within another source"; otherwise the index plus one.
        w.varint(s.within.map_or(0, |i| u64::from(i) + 1));
    }
    w.len(ds.entities.len());
    for e in &ds.entities {
        w.str(&e.id);
        w.str(&e.name);
        w.str(&e.kind);
        w.strs(&e.aliases);
    }
    w.len(ds.synonyms.len());
    for group in &ds.synonyms {
        w.strs(group);
    }
    w.len(ds.claims.len());
    for c in &ds.claims {
        w.str(&c.id);
        w.str(&c.text);
        w.str(&c.event);
        w.strs(&c.dates);
        w.len(c.entities.len());
        for &e in &c.entities {
            w.varint(u64::from(e));
        }
        w.strs(&c.wordings);
        w.len(c.accounts.len());
        for a in &c.accounts {
            w.varint(u64::from(a.source));
            w.str(&a.speaker);
            w.str(&a.role);
            w.strs(&a.via);
            w.str(&a.origin);
            w.buf.push(a.stance.code());
            w.str(&a.quote);
            w.str(&a.note);
        }
    }
    frame(&w.buf)
}

/// Wraps an encoded body in the header (magic, version, length) and the checksum. `encode` uses it;
/// so do tests that forge bodies to reach the checks behind the checksum.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + body.len() + 4);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(body);
    out.extend_from_slice(&fnv1a(body).to_le_bytes());
    out
}

// ---------------------------------------------------------------------------------------------
// Decoding

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, DecodeError> {
        let b = *self.bytes.get(self.pos).ok_or(DecodeError::Truncated)?;
        self.pos += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, DecodeError> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(DecodeError::Invalid("a number is longer than 64 bits".into()))
    }

    /// A count of items that each take at least one byte, so it can never exceed the bytes left;
    /// checking that up front stops a hostile count from asking for a huge allocation.
    fn count(&mut self) -> Result<usize, DecodeError> {
        let n = self.varint()?;
        if n > (self.bytes.len() - self.pos) as u64 {
            return Err(DecodeError::Invalid(format!("a count of {n} items is larger than the data")));
        }
        Ok(n as usize)
    }

    fn index(&mut self, limit: usize, what: &str) -> Result<u32, DecodeError> {
        let v = self.varint()?;
        if v >= limit as u64 {
            return Err(DecodeError::Invalid(format!("{what} index {v} is out of range (there are {limit})")));
        }
        Ok(v as u32)
    }

    fn str(&mut self) -> Result<String, DecodeError> {
        let n = self.count()?;
        let slice = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        String::from_utf8(slice.to_vec()).map_err(|_| DecodeError::Invalid("a text is not valid UTF-8".into()))
    }

    fn strs(&mut self) -> Result<Vec<String>, DecodeError> {
        let n = self.count()?;
        (0..n).map(|_| self.str()).collect()
    }
}

/// Checks the header and checksum and returns the body.
fn body(bytes: &[u8]) -> Result<&[u8], DecodeError> {
    if bytes.len() < 4 || &bytes[..4] != MAGIC {
        return Err(DecodeError::NotADataset);
    }
    if bytes.len() < HEADER_LEN {
        return Err(DecodeError::Truncated);
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version != VERSION {
        return Err(DecodeError::UnsupportedVersion { found: version });
    }
    let len = u32::from_le_bytes([bytes[6], bytes[7], bytes[8], bytes[9]]) as usize;
    // Checked: on 32-bit wasm a forged length near u32::MAX would wrap `end + 4`.
    let end = HEADER_LEN.checked_add(len).ok_or(DecodeError::Truncated)?;
    let total = end.checked_add(4).ok_or(DecodeError::Truncated)?;
    if bytes.len() < total {
        return Err(DecodeError::Truncated);
    }
    if bytes.len() > end + 4 {
        return Err(DecodeError::Invalid(format!("{} unexpected bytes after the end", bytes.len() - end - 4)));
    }
    let body = &bytes[HEADER_LEN..end];
    let sum = u32::from_le_bytes([bytes[end], bytes[end + 1], bytes[end + 2], bytes[end + 3]]);
    if fnv1a(body) != sum {
        return Err(DecodeError::Corrupted);
    }
    Ok(body)
}

/// Decodes a dataset, checking its magic, version, length, checksum and every cross-reference.
pub fn decode(bytes: &[u8]) -> Result<Dataset, DecodeError> {
    let mut r = Reader { bytes: body(bytes)?, pos: 0 };
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
            return Err(DecodeError::Invalid(format!("source {} has a link that is not http: or https:", s.id)));
        }
        let within = r.varint()?;
        if within > 0 {
            if within > n as u64 {
                return Err(DecodeError::Invalid(format!("source {} is within a source that does not exist", s.id)));
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
    let (n_sources, n_entities) = (ds.sources.len(), ds.entities.len());
    for _ in 0..r.count()? {
        let mut c = Claim { id: r.str()?, text: r.str()?, event: r.str()?, dates: r.strs()?, ..Claim::default() };
        for _ in 0..r.count()? {
            c.entities.push(r.index(n_entities, "entity")?);
        }
        c.wordings = r.strs()?;
        for _ in 0..r.count()? {
            let source = r.index(n_sources, "source")?;
            let speaker = r.str()?;
            let role = r.str()?;
            let via = r.strs()?;
            let origin = r.str()?;
            let code = r.byte()?;
            let stance = Stance::from_code(code)
                .ok_or_else(|| DecodeError::Invalid(format!("unknown stance code {code} in claim {}", c.id)))?;
            c.accounts.push(Account { source, speaker, role, via, origin, stance, quote: r.str()?, note: r.str()? });
        }
        ds.claims.push(c);
    }
    if r.pos != r.bytes.len() {
        return Err(DecodeError::Invalid(format!("{} unread bytes at the end of the body", r.bytes.len() - r.pos)));
    }
    Ok(ds)
}
