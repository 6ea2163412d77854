//! A canonical Huffman code over bytes, for the text of large datasets' claims.
//!
//! A 10,000-claim dataset is mostly its claims' text, and the widget keeps the compiled bytes in
//! wasm memory (it reads claims in place). Coding each string on its own keeps random access (a
//! claim is decoded when shown, in microseconds) while taking English text from 8 bits a byte to
//! about 4.5. The code is described by its 256 code lengths alone (canonical codes, as in DEFLATE),
//! at most `MAX_LEN` bits each; decoding follows zlib's `puff.c`, one bit at a time, which needs no
//! table and is fast enough for the few claims a reader sees.

/// The longest code, so that a code fits in a `u16` and decoding a symbol is bounded.
pub const MAX_LEN: usize = 15;

/// Code lengths for these byte frequencies, none longer than `MAX_LEN`; 0 for unused bytes.
pub fn code_lengths(freq: &[u64; 256]) -> [u8; 256] {
    let mut freq = *freq;
    loop {
        let lens = unlimited_lengths(&freq);
        if lens.iter().all(|&l| usize::from(l) <= MAX_LEN) {
            return lens;
        }
        // Too deep: flatten the distribution and try again (rare: it takes a very skewed text).
        for f in freq.iter_mut().filter(|f| **f > 0) {
            *f = (*f >> 1).max(1);
        }
    }
}

fn unlimited_lengths(freq: &[u64; 256]) -> [u8; 256] {
    let mut lens = [0u8; 256];
    // Nodes: leaves 0..256, then internal ones; parent links give each leaf its depth.
    let mut weight: Vec<u64> = freq.to_vec();
    let mut parent: Vec<usize> = vec![usize::MAX; 256];
    let mut live: Vec<usize> = (0..256).filter(|&s| freq[s] > 0).collect();
    match live.len() {
        0 => return lens,
        1 => {
            lens[live[0]] = 1;
            return lens;
        }
        _ => {}
    }
    while live.len() > 1 {
        // Two lightest (ties by index, so the code is deterministic); quadratic in the alphabet,
        // which is 256 at most.
        live.sort_by_key(|&n| (std::cmp::Reverse(weight[n]), std::cmp::Reverse(n)));
        let (Some(a), Some(b)) = (live.pop(), live.pop()) else { break };
        let node = weight.len();
        weight.push(weight[a] + weight[b]);
        parent.push(usize::MAX);
        parent[a] = node;
        parent[b] = node;
        live.push(node);
    }
    for s in 0..256 {
        if freq[s] > 0 {
            let (mut depth, mut n) = (0u32, s);
            while parent[n] != usize::MAX {
                depth += 1;
                n = parent[n];
            }
            lens[s] = depth.min(255) as u8;
        }
    }
    lens
}

/// The canonical code of each byte: (code, length), from the code lengths.
pub fn codes(lens: &[u8; 256]) -> [(u16, u8); 256] {
    let mut count = [0u16; MAX_LEN + 1];
    for &l in lens.iter().filter(|&&l| l > 0) {
        count[usize::from(l).min(MAX_LEN)] += 1;
    }
    let mut next = [0u16; MAX_LEN + 2];
    let mut code = 0u16;
    for len in 1..=MAX_LEN {
        code = (code + count[len - 1]) << 1;
        next[len] = code;
    }
    let mut out = [(0u16, 0u8); 256];
    for s in 0..256 {
        let l = usize::from(lens[s]);
        if l > 0 && l <= MAX_LEN {
            out[s] = (next[l], lens[s]);
            next[l] += 1;
        }
    }
    out
}

/// Appends `text` coded, padded to a whole byte.
pub fn encode(text: &[u8], codes: &[(u16, u8); 256], out: &mut Vec<u8>) {
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in text {
        let (code, len) = codes[usize::from(b)];
        acc = (acc << len) | u32::from(code);
        bits += u32::from(len);
        while bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push((acc << (8 - bits)) as u8);
    }
}

/// A decoder: how many codes of each length, and the bytes in canonical order.
#[derive(Clone, Debug)]
pub struct Decoder {
    count: [u16; MAX_LEN + 1],
    symbols: Vec<u8>,
}

impl Decoder {
    /// `None` when the lengths do not make a prefix code (more codes of some length than fit).
    pub fn new(lens: &[u8; 256]) -> Option<Decoder> {
        let mut count = [0u16; MAX_LEN + 1];
        for &l in lens {
            if usize::from(l) > MAX_LEN {
                return None;
            }
            if l > 0 {
                count[usize::from(l)] += 1;
            }
        }
        // Kraft: the codes of each length must fit in what the shorter ones leave.
        let mut left: i64 = 1;
        for &c in &count[1..] {
            left = left * 2 - i64::from(c);
            if left < 0 {
                return None;
            }
        }
        let mut symbols = Vec::with_capacity(256);
        for len in 1..=MAX_LEN {
            symbols.extend((0..=255u8).filter(|&s| usize::from(lens[usize::from(s)]) == len));
        }
        Some(Decoder { count, symbols })
    }

    /// Decodes `n` bytes from `bits`; `None` when the bits run out or hit an unused code.
    pub fn decode(&self, bits: &[u8], n: usize, out: &mut Vec<u8>) -> Option<()> {
        let mut pos = 0usize;
        out.reserve(n);
        for _ in 0..n {
            let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
            let mut found = None;
            for len in 1..=MAX_LEN {
                let bit = (bits.get(pos / 8)? >> (7 - pos % 8)) & 1;
                pos += 1;
                code |= i32::from(bit);
                let count = i32::from(self.count[len]);
                if code - count < first {
                    found = self.symbols.get((index + code - first) as usize).copied();
                    break;
                }
                index += count;
                first = (first + count) << 1;
                code <<= 1;
            }
            out.push(found?);
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_compresses_english() {
        let text = "The new ferry terminal cost 12 million euros, twice the first estimate, the mayor said.".repeat(20);
        let mut freq = [0u64; 256];
        for &b in text.as_bytes() {
            freq[usize::from(b)] += 1;
        }
        let lens = code_lengths(&freq);
        let codes = codes(&lens);
        let mut packed = Vec::new();
        encode(text.as_bytes(), &codes, &mut packed);
        assert!(packed.len() * 10 < text.len() * 6, "{} of {}", packed.len(), text.len());
        let mut back = Vec::new();
        // Test code (as below): lengths from `code_lengths` always make a decoder, and a panic
        // is the test failing; readers' bytes reach `Decoder::new` only through Store::open, which
        // turns `None` into an error.
        Decoder::new(&lens).unwrap().decode(&packed, text.len(), &mut back).unwrap();
        assert_eq!(back, text.as_bytes());
    }

    #[test]
    fn skewed_frequencies_stay_within_the_length_limit() {
        let mut freq = [0u64; 256];
        for (s, f) in freq.iter_mut().enumerate() {
            *f = 1u64 << (s % 40);
        }
        let lens = code_lengths(&freq);
        assert!(lens.iter().all(|&l| l >= 1 && usize::from(l) <= MAX_LEN));
        assert!(Decoder::new(&lens).is_some());
    }

    #[test]
    fn bad_lengths_and_short_bits_are_refused() {
        assert!(Decoder::new(&[1u8; 256]).is_none());
        let mut lens = [0u8; 256];
        lens[usize::from(b'a')] = 1;
        lens[usize::from(b'b')] = 1;
        let d = Decoder::new(&lens).unwrap(); // two 1-bit codes: a complete prefix code
        let mut out = Vec::new();
        assert!(d.decode(&[0b0100_0000], 9, &mut out).is_none());
    }
}
