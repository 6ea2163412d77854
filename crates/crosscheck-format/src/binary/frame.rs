//! The frame around a body: magic, version, length, then the checksum.

use super::error::{DecodeError, ErrorKind};
use super::{MAGIC, VERSION};
use crate::limits::{self, Limit};

pub(super) const HEADER_LEN: usize = 4 + 2 + 4;

/// The checksum the frame ends with: FNV-1a, 32 bits, of the body. Tests that forge bodies
/// re-seal them with it.
pub fn checksum(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Wraps an encoded body in the header (magic, version, length) and the checksum. `encode` uses it;
/// so do tests that forge bodies to reach the checks behind the checksum.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + body.len() + 4);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(body);
    out.extend_from_slice(&checksum(body).to_le_bytes());
    out
}
/// Checks the header and checksum and returns where the body is.
/// The body's range and its stored checksum, once the magic, the version and the length are checked.
pub(super) fn framed(bytes: &[u8]) -> Result<(std::ops::Range<usize>, u32), DecodeError> {
    if bytes.len() < 4 || &bytes[..4] != MAGIC {
        return Err(DecodeError::new(ErrorKind::NotADataset, 0));
    }
    if bytes.len() < HEADER_LEN {
        return Err(DecodeError::new(ErrorKind::Truncated, bytes.len()));
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version != VERSION {
        return Err(DecodeError::new(ErrorKind::UnsupportedVersion { found: version }, 4));
    }
    let len = u32::from_le_bytes([bytes[6], bytes[7], bytes[8], bytes[9]]) as usize;
    // Checked: on 32-bit wasm a forged length near u32::MAX would wrap `end + 4`.
    let end = HEADER_LEN.checked_add(len).ok_or(DecodeError::new(ErrorKind::Truncated, bytes.len()))?;
    let total = end.checked_add(4).ok_or(DecodeError::new(ErrorKind::Truncated, bytes.len()))?;
    if bytes.len() < total {
        return Err(DecodeError::new(ErrorKind::Truncated, bytes.len()));
    }
    if bytes.len() > total {
        return Err(DecodeError::new(ErrorKind::TrailingBytes { count: bytes.len() - total }, total));
    }
    // Before the checksum reads it all: a larger file is refused without a long task.
    limits::within(Limit::DatasetBytes, total).map_err(|e| DecodeError::new(ErrorKind::OverLimit(e), 6))?;
    // Positions are kept as u32; a body beyond 4 GB is not a dataset a browser loads.
    if end > u32::MAX as usize {
        return Err(DecodeError::new(ErrorKind::TooLarge, 6));
    }
    let sum = u32::from_le_bytes([bytes[end], bytes[end + 1], bytes[end + 2], bytes[end + 3]]);
    Ok((HEADER_LEN..end, sum))
}

/// The body's range, once the frame and the checksum are checked.
pub(super) fn body(bytes: &[u8]) -> Result<std::ops::Range<usize>, DecodeError> {
    let (range, sum) = framed(bytes)?;
    if checksum(&bytes[range.clone()]) != sum {
        return Err(DecodeError::new(ErrorKind::Corrupted, range.end));
    }
    Ok(range)
}
