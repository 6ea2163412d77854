//! LEB128 varints, the one integer codec of the workspace: the dataset's writer and reader, the
//! image, and the engine's postings all go through these functions.
//!
//! A value is written seven bits at a time, least significant first; every byte but the last has
//! its high bit set. Small numbers (term ids numbered by frequency, lengths, gaps) take one byte.

/// Appends `v`.
pub fn put(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// The number of bytes `put` writes for `v`.
pub fn len(mut v: u64) -> usize {
    let mut n = 1;
    while v >= 0x80 {
        v >>= 7;
        n += 1;
    }
    n
}

/// Writes `v` into `buf` from `at` and returns where it ends. Bytes past the end of `buf` are
/// dropped rather than written (the caller sized `buf` from `len`, so none are).
pub fn put_at(buf: &mut [u8], mut at: usize, mut v: u64) -> usize {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if let Some(slot) = buf.get_mut(at) {
            *slot = if v == 0 { byte } else { byte | 0x80 };
        }
        at += 1;
        if v == 0 {
            return at;
        }
    }
}

/// Reads the varint at `*at` from bytes this program wrote itself (the engine's postings), and
/// moves `*at` past it. It never fails: a varint cut by the end of `buf` reads as what it holds,
/// and one longer than 64 bits stops at the tenth byte.
pub fn get(buf: &[u8], at: &mut usize) -> u64 {
    let mut v = 0u64;
    let mut shift = 0;
    while let Some(&b) = buf.get(*at) {
        *at += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 || shift >= 63 {
            break;
        }
        shift += 7;
    }
    v
}

/// Why `read` could not read a varint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Malformed {
    /// The bytes end before the varint does.
    Truncated,
    /// Ten bytes in, the varint still goes on: it holds more than 64 bits.
    TooLong,
}

/// Reads the varint at `*pos` from bytes of any origin, and moves `*pos` past it.
#[inline]
pub fn read(bytes: &[u8], pos: &mut usize) -> Result<u64, Malformed> {
    // Most numbers (term ids numbered by frequency, lengths, gaps) fit in one byte, and
    // nearly all the rest (the term ids past the 128 commonest, which re-ranking reads for
    // every passage of a candidate) in two.
    match bytes.get(*pos..*pos + 2) {
        Some(&[b, _]) if b < 0x80 => {
            *pos += 1;
            Ok(u64::from(b))
        }
        Some(&[b, c]) if c < 0x80 => {
            *pos += 2;
            Ok(u64::from(b & 0x7f) | u64::from(c) << 7)
        }
        _ => read_long(bytes, pos),
    }
}

#[inline(never)]
fn read_long(bytes: &[u8], pos: &mut usize) -> Result<u64, Malformed> {
    let mut v: u64 = 0;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*pos).ok_or(Malformed::Truncated)?;
        *pos += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err(Malformed::TooLong)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_width_round_trips_through_each_reader() {
        for v in [0, 1, 127, 128, 300, 16_383, 16_384, u64::from(u32::MAX), u64::MAX - 1, u64::MAX] {
            let mut out = Vec::new();
            put(&mut out, v);
            assert_eq!(out.len(), len(v), "{v}");
            let mut slice = vec![0u8; out.len()];
            assert_eq!(put_at(&mut slice, 0, v), out.len());
            assert_eq!(slice, out);
            let (mut a, mut b) = (0, 0);
            assert_eq!(read(&out, &mut a), Ok(v));
            assert_eq!(get(&out, &mut b), v);
            assert_eq!((a, b), (out.len(), out.len()));
        }
    }

    #[test]
    fn a_cut_or_endless_varint_is_refused() {
        let mut at = 0;
        assert_eq!(read(&[0x80, 0x80], &mut at), Err(Malformed::Truncated));
        let mut at = 0;
        assert_eq!(read(&[0xff; 11], &mut at), Err(Malformed::TooLong));
    }
}
