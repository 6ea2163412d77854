//! The bounds-checked cursor every decoding step reads through.

use super::error::{DecodeError, ErrorKind};
use super::varint;
use crate::huffman::Decoder;
use std::borrow::Cow;

/// A cursor over the body. Every read is bounds-checked.
#[derive(Clone, Copy)]
pub(crate) struct Reader<'a> {
    pub(super) bytes: &'a [u8],
    pub(crate) pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn at(bytes: &'a [u8], pos: usize) -> Reader<'a> {
        Reader { bytes, pos }
    }

    /// An error of this kind at the reader's position.
    pub(super) fn fail(&self, kind: ErrorKind) -> DecodeError {
        DecodeError::new(kind, self.pos)
    }

    pub(super) fn byte(&mut self) -> Result<u8, DecodeError> {
        let b = *self.bytes.get(self.pos).ok_or_else(|| self.fail(ErrorKind::Truncated))?;
        self.pos += 1;
        Ok(b)
    }

    #[inline]
    pub(crate) fn varint(&mut self) -> Result<u64, DecodeError> {
        varint::read(self.bytes, &mut self.pos).map_err(|e| {
            self.fail(match e {
                varint::Malformed::Truncated => ErrorKind::Truncated,
                varint::Malformed::TooLong => ErrorKind::NumberTooLong,
            })
        })
    }

    /// A count of items that each take at least one byte, so it can never exceed the bytes left;
    /// checking that up front stops a hostile count from asking for a huge allocation.
    pub(super) fn count(&mut self) -> Result<usize, DecodeError> {
        let n = self.varint()?;
        if n > (self.bytes.len() - self.pos) as u64 {
            return Err(self.fail(ErrorKind::CountTooLarge { count: n }));
        }
        Ok(n as usize)
    }

    pub(super) fn index(&mut self, limit: usize, what: &'static str) -> Result<u32, DecodeError> {
        let v = self.varint()?;
        if v >= limit as u64 {
            return Err(self.fail(ErrorKind::IndexOutOfRange { what, index: v, count: limit }));
        }
        Ok(v as u32)
    }

    pub(super) fn text(&mut self) -> Result<&'a str, DecodeError> {
        let n = self.count()?;
        let slice = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        std::str::from_utf8(slice).map_err(|_| self.fail(ErrorKind::NotUtf8))
    }

    pub(super) fn str(&mut self) -> Result<String, DecodeError> {
        self.text().map(str::to_string)
    }

    /// A length-prefixed field's bytes, unchecked (for fields checked at opening).
    pub(super) fn bytes_field(&mut self) -> Result<&'a [u8], DecodeError> {
        let n = self.count()?;
        let slice = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(slice)
    }

    /// Steps over a claim string without decoding it.
    pub(super) fn skip_ctext(&mut self, coded: bool) -> Result<(), DecodeError> {
        if coded {
            self.varint()?;
        }
        self.bytes_field().map(|_| ())
    }

    /// A claim's string, as `Writer::ctext` stored it.
    pub(super) fn ctext(&mut self, coding: Option<&Decoder>) -> Result<Cow<'a, str>, DecodeError> {
        let Some(decoder) = coding else { return self.text().map(Cow::Borrowed) };
        let n = self.varint()?;
        let packed = self.count()?;
        // Every byte takes at least one bit: a forged length cannot ask for more than that.
        if n > 8 * packed as u64 {
            return Err(self.fail(ErrorKind::BadCodedText));
        }
        let bits = &self.bytes[self.pos..self.pos + packed];
        self.pos += packed;
        let mut out = Vec::new();
        decoder.decode(bits, n as usize, &mut out).ok_or_else(|| self.fail(ErrorKind::BadCodedText))?;
        String::from_utf8(out).map(Cow::Owned).map_err(|_| self.fail(ErrorKind::NotUtf8))
    }

    pub(super) fn strs(&mut self) -> Result<Vec<String>, DecodeError> {
        let n = self.count()?;
        (0..n).map(|_| self.str()).collect()
    }
}
