//! Promise 4 in the 32-bit build: the decoder as the browser runs it (`wasm-pack test --headless --chrome`). Natively
//! `usize` has 64 bits and tests/hardening/properties.rs covers the decoder; here lengths and counts near 2^32 take other paths
//! (a length that overflows `usize`, a count that does not fit it), and every damaged input must still be an error
//! from the JS API, never a trap. Natively this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

use crosscheck::wasm;
use crosscheck_format::{binary, ErrorKind};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

static SMALL: &[u8] = include_bytes!("fixtures/small-v2.ccd");

fn seal(body: &[u8], len: u32) -> Vec<u8> {
    let mut out = b"CCDS".to_vec();
    out.extend_from_slice(&binary::VERSION.to_le_bytes());
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(body);
    out.extend_from_slice(&binary::checksum(body).to_le_bytes());
    out
}

#[wasm_bindgen_test]
fn every_truncation_and_bit_flip_is_an_error_from_the_js_api_never_a_trap() {
    for len in 0..SMALL.len() {
        assert!(wasm::Crosscheck::new(Some(SMALL[..len].to_vec())).is_err(), "a truncation to {len} bytes opened");
    }
    let mut opened = 0;
    for i in 0..SMALL.len() {
        for bit in 0..8 {
            let mut bad = SMALL.to_vec();
            bad[i] ^= 1 << bit;
            opened += usize::from(wasm::Crosscheck::new(Some(bad)).is_ok());
        }
    }
    assert_eq!(opened, 0, "a flipped bit passed the checksum");
    assert!(wasm::Crosscheck::new(Some(SMALL.to_vec())).is_ok());
}

#[wasm_bindgen_test]
fn lengths_and_counts_at_the_edge_of_a_32_bit_usize_are_refused() {
    let body = &SMALL[10..SMALL.len() - 4];
    // A header length that points past the end, up to one that overflows usize once the header is added:
    // always an error. (0xFFFFFFF2..=0xFFFFFFF5 wrap an unchecked sum, see the ignored test below: a debug build
    // panics on them, so they are only tried in release builds, which is what ships and what CI runs.)
    let wrapping = if cfg!(debug_assertions) { vec![] } else { ((u32::MAX - 13)..=(u32::MAX - 10)).collect() };
    for len in [u32::MAX, u32::MAX - 9, 0x8000_0000, body.len() as u32 + 1].into_iter().chain(wrapping) {
        assert!(binary::decode(&seal(body, len)).is_err(), "length {len:#x} decoded");
        assert!(wasm::Crosscheck::new(Some(seal(body, len))).is_err());
    }
    // Counts and string lengths that do not fit a 32-bit usize, or only just do.
    for count in [u64::from(u32::MAX), 1 << 32, (1 << 32) + 1, u64::MAX, u64::from(u32::MAX) - 1] {
        let mut b = Vec::new();
        binary::varint::put(&mut b, count);
        b.extend_from_slice(b"rest");
        let err = binary::decode(&seal(&b, b.len() as u32)).expect_err("a huge count decoded");
        assert!(err.to_string().contains("larger than the data"), "{count:#x}: {err}");
    }
}

/// `body()` checks `HEADER_LEN + len` but then computes `end + 4` unchecked: with a 32-bit usize a header length of
/// 0xFFFFFFF2..=0xFFFFFFF5 wraps it, so the release build reports "N unexpected bytes after the end" instead of
/// "truncated", and a debug build (`wasm-pack build --dev`) panics on the overflow.
#[wasm_bindgen_test]
fn a_header_length_that_wraps_a_32_bit_usize_is_reported_as_truncated() {
    let body = &SMALL[10..SMALL.len() - 4];
    for len in (u32::MAX - 13)..=(u32::MAX - 10) {
        assert_eq!(
            binary::decode(&seal(body, len)).map_err(|e| e.kind().clone()),
            Err(ErrorKind::Truncated),
            "length {len:#x}"
        );
    }
}
