//! Hand-written Snowball English ("Porter2") stemmer.
//!
//! One file on purpose: it is one algorithm whose steps share the word's buffer and its R1/R2
//! regions and must run in Snowball's order, so it reads best top to bottom beside the spec.
//!
//! For words made of ASCII `a`-`z` this gives exactly the same output as
//! `rust-stemmers` 1.2 (`Stemmer::create(Algorithm::English).stem(word)`).
//! It exists because that crate runs the code the Snowball compiler
//! generates: every step does a `find_among_b` binary search over string
//! tables, and every edit builds a new `String`. That comes to about 2,300
//! instructions per word in WebAssembly. Here one pass copies and checks the
//! word and builds a bitmask of its vowels, which gives R1/R2 directly. Each
//! step then tests its suffixes with masked compares on a `u64` holding the
//! last 8 bytes, and the word is edited in place in a stack buffer.
//!
//! It uses only std, has no `unsafe` code, and never panics. Any input that
//! is not made up entirely of ASCII `a`-`z` (uppercase, digits, apostrophes,
//! non-ASCII) is returned unchanged.
//!
//! The reference is the generated `english.rs` in rust-stemmers 1.2, not the
//! newest Snowball English (which has changed since), so the behaviour
//! follows rust-stemmers, including its edge cases.
//!
//! Semantics that matter everywhere:
//! * Each step picks the LONGEST suffix in its table first, and only then
//!   checks that suffix's condition. If the condition fails, the step does
//!   nothing: it never falls back to a shorter suffix. (So "ational" outside
//!   R1 blocks "tional", even when "tional" would be inside R1.) The if/else
//!   chains below therefore test longer suffixes before their own tails.
//! * The vowels are `aeiouy`. A `y` marked as consonant is stored as `Y`
//!   during stemming, so it is not a vowel. The output turns it back into `y`.
//! * R1 and R2 are fixed byte offsets taken from the word before any suffix
//!   is removed. "In R1" means that the suffix starts at or after `p1`.

use std::borrow::Cow;

/// Words up to this many bytes are stemmed in a stack buffer; longer ones use
/// a heap buffer (same code, same result).
const STACK_LEN: usize = 64;

/// The word is stored after this many zero bytes, so the last 8 bytes of any
/// word (zero-padded when it is shorter) can be read with a single load.
const PAD: usize = 8;

const V: u8 = 1; // aeiouy (must be bit 0: it is shifted into the vowel mask)
const V_WXY: u8 = 2; // aeiouy + w x Y   (shortv: the last letter may not be one of these)
const LI: u8 = 4; // cdeghkmnrt         (letters that allow deleting a final "li")
const DOUBLE: u8 = 8; // bdfgmnprt      (doubles undone after removing -ed/-ing)
const LOWER: u8 = 16; // a-z
const IS_Y: u8 = 32; // y

static CLASS: [u8; 256] = build_class();

const fn build_class() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 26 {
        t[b'a' as usize + i] |= LOWER;
        i += 1;
    }
    t[b'y' as usize] |= IS_Y;
    i = 0;
    while i < 6 {
        t[b"aeiouy"[i] as usize] |= V | V_WXY;
        i += 1;
    }
    t[b'w' as usize] |= V_WXY;
    t[b'x' as usize] |= V_WXY;
    t[b'Y' as usize] |= V_WXY;
    i = 0;
    while i < 10 {
        t[b"cdeghkmnrt"[i] as usize] |= LI;
        i += 1;
    }
    i = 0;
    while i < 9 {
        t[b"bdfgmnprt"[i] as usize] |= DOUBLE;
        i += 1;
    }
    t
}

// `CLASS` has 256 entries, so indexing it with a u8 cannot go out of bounds.
#[inline(always)]
fn class(c: u8) -> u8 {
    CLASS[c as usize]
}
#[inline(always)]
fn is_v(c: u8) -> bool {
    class(c) & V != 0
}

// ---------------------------------------------------------------------------
// Suffix tests on the "tail": the last (up to) 8 bytes of the word as a
// big-endian u64. The last letter is the low byte. If the word is shorter
// than 8 bytes, the high bytes are 0. No suffix contains a 0 byte, so a
// suffix longer than the word can never match.

const fn sfx(s: &[u8]) -> u64 {
    let mut v = 0u64;
    let mut i = 0;
    while i < s.len() {
        v = (v << 8) | s[i] as u64;
        i += 1;
    }
    v
}
const fn mask(k: usize) -> u64 {
    if k >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * k)) - 1
    }
}
/// `ends!(t, b"ing")`: true if the word whose tail is `t` ends in "ing".
/// The mask and the suffix value are constants, so this is one AND and one compare.
macro_rules! ends {
    ($t:expr, $s:literal) => {
        ($t & const { mask($s.len()) }) == const { sfx($s) }
    };
}

/// Byte `i` places before the last one (0 = last), taken from a tail. Returns 0
/// when the word is too short.
#[inline(always)]
fn byte(t: u64, i: u32) -> u8 {
    (t >> (8 * i)) as u8
}

// ---------------------------------------------------------------------------
// Public API

/// Stems `word`. Returns `Cow::Borrowed` when the stem is a prefix of `word`
/// (this includes the case where the stem equals `word`), so the common cases
/// do not allocate.
pub fn stem(word: &str) -> Cow<'_, str> {
    let src = word.as_bytes();
    let mut stack = [0u8; PAD + STACK_LEN];
    let mut heap = Vec::new();
    let buf = scratch(&mut stack, &mut heap, src.len());
    let Some(Stemmed { n, low }) = stem_bytes(src, buf) else {
        return Cow::Borrowed(word);
    };
    let new_tail = buf.get(PAD + low..PAD + n).unwrap_or(&[]);
    // `word` is ASCII here, so every byte offset is a char boundary.
    if low >= n || src.get(low..n) == Some(new_tail) {
        return Cow::Borrowed(word.get(..n).unwrap_or(word));
    }
    let mut s = String::with_capacity(n);
    push_stem(&mut s, word, low, new_tail);
    Cow::Owned(s)
}

/// The stem is `word[..low]` followed by `new_tail`, which holds ASCII
/// lowercase bytes only. Pushing those bytes as `char`s avoids a UTF-8
/// check and needs no unsafe code.
fn push_stem(out: &mut String, word: &str, low: usize, new_tail: &[u8]) {
    let n = low + new_tail.len();
    let src = word.as_bytes();
    // Usually the stem is a prefix of the word: one copy, no per-char pushes.
    if new_tail.is_empty() || src.get(low..n) == Some(new_tail) {
        out.push_str(word.get(..n).unwrap_or(word));
        return;
    }
    out.reserve(n);
    out.push_str(word.get(..low).unwrap_or(""));
    out.extend(new_tail.iter().map(|&b| char::from(b)));
}

/// A zeroed buffer of `PAD + len` bytes: on the stack if it fits.
fn scratch<'b>(stack: &'b mut [u8; PAD + STACK_LEN], heap: &'b mut Vec<u8>, len: usize) -> &'b mut [u8] {
    match stack.get_mut(..PAD + len) {
        Some(b) => b,
        None => {
            heap.resize(PAD + len, 0);
            heap
        }
    }
}

/// What `stem_bytes` produced: the stem is `src[..low]` followed by
/// `buf[PAD + low..PAD + n]`. Below `low`, `buf` may still hold 'Y' marks;
/// from `low` on, they have been turned back into 'y'.
struct Stemmed {
    n: usize,
    low: usize,
}

/// Whole words that have a fixed stem. This check runs before everything
/// else, even before the length check and the y marking.
fn exception1(s: &[u8]) -> Option<&'static [u8]> {
    Some(match s {
        b"skis" => b"ski",
        b"skies" => b"sky",
        b"dying" => b"die",
        b"lying" => b"lie",
        b"tying" => b"tie",
        b"idly" => b"idl",
        b"gently" => b"gentl",
        b"ugly" => b"ugli",
        b"early" => b"earli",
        b"only" => b"onli",
        b"singly" => b"singl",
        // These stay exactly as they are. Without this, "news" would become
        // "new", "atlas" would become "atla", and so on.
        b"sky" => b"sky",
        b"news" => b"news",
        b"howe" => b"howe",
        b"atlas" => b"atlas",
        b"cosmos" => b"cosmos",
        b"bias" => b"bias",
        b"andes" => b"andes",
        _ => return None,
    })
}

/// Stems `src` using `buf` (`PAD + src.len()` zero bytes) as scratch space;
/// the word is kept at `buf[PAD..]`. Returns `None` when the word must be
/// returned unchanged: it is not all `a`-`z`, or it is shorter than 3 letters
/// (Snowball leaves those alone).
fn stem_bytes(src: &[u8], buf: &mut [u8]) -> Option<Stemmed> {
    let word = buf.get_mut(PAD..)?;
    if let Some(e) = exception1(src) {
        word.get_mut(..e.len())?.copy_from_slice(e);
        return Some(Stemmed { n: e.len(), low: 0 });
    }
    let n = src.len();
    if n < 3 {
        return None;
    }

    // One pass copies the word, checks that it is all a-z, notes whether it
    // has a y, and builds a bitmask of its vowels (bit i = byte i). The mask
    // is only used for words of at most 64 bytes. There are no branches in
    // the loop, so it stays short.
    let mut all = LOWER;
    let mut any = 0;
    let mut vm = 0u64;
    for (i, (d, &c)) in word.iter_mut().zip(src).enumerate() {
        let k = class(c);
        all &= k;
        any |= k;
        vm |= u64::from(k & V) << (i & 63);
        *d = c;
    }
    if all & LOWER == 0 {
        return None;
    }

    // Prelude: a y at the start of the word, or right after a vowel, acts as
    // a consonant; store it as 'Y'. Since 'Y' is not a vowel, "ayyy" becomes
    // "aYyY": the second y follows a consonant Y, and the third y follows the
    // vowel y. One left-to-right pass gives the same result as Snowball's
    // repeat/goto loop. Starting with `prev_v = true` marks a y in first
    // position. Most words have no y, so the loop is skipped.
    if any & IS_Y != 0 {
        let mut prev_v = true;
        for (i, c) in word.iter_mut().enumerate() {
            if *c == b'y' && prev_v {
                *c = b'Y';
                vm &= !(1u64 << (i & 63));
            }
            prev_v = is_v(*c);
        }
    }

    // Regions: R1 starts just after the first consonant that follows a vowel.
    // R2 is found the same way, starting from R1. Words that begin with
    // gener, commun or arsen get R1 right after that prefix instead, so that
    // e.g. "generous" and "general" do not share the stem "gener".
    let after_vc = |from: usize| {
        if n <= 64 {
            after_vc_mask(vm, n, from)
        } else {
            after_vc_slice(word.get(..n).unwrap_or(&[]), from)
        }
    };
    let first_v = if n <= 64 {
        let v = vm & len_mask(n);
        if v == 0 {
            n
        } else {
            v.trailing_zeros() as usize
        }
    } else {
        word.iter().position(|&c| is_v(c)).unwrap_or(n)
    };
    let p1 = match src {
        [b'g', b'e', b'n', b'e', b'r', ..] | [b'a', b'r', b's', b'e', b'n', ..] => 5,
        [b'c', b'o', b'm', b'm', b'u', b'n', ..] => 6,
        _ => after_vc(0),
    };
    let p2 = after_vc(p1);

    let mut w = Word { b: buf, n, low: n };
    stem_steps(&mut w, Regions { p1, p2, first_v });

    // Postlude: turn 'Y' back into 'y'. Only bytes from `low` on are used for
    // the output; `src` supplies the bytes before that.
    let (n, low) = (w.n, w.low.min(w.n));
    for c in w.b.iter_mut().take(PAD + n).skip(PAD + low) {
        if *c == b'Y' {
            *c = b'y';
        }
    }
    Some(Stemmed { n, low })
}

/// Bits 0..n set (n <= 64).
fn len_mask(n: usize) -> u64 {
    u64::MAX.checked_shr(64u32.saturating_sub(n as u32)).unwrap_or(0)
}

/// Offset just past the first consonant that follows a vowel, looking only at
/// offsets `from` and later; `n` if there is none. `vm` has bit i set when
/// byte i is a vowel; the word is `n <= 64` bytes long.
fn after_vc_mask(vm: u64, n: usize, from: usize) -> usize {
    let from_on = |i: u32| u64::MAX.checked_shl(i).unwrap_or(0);
    let v = vm & from_on(from as u32);
    if v == 0 {
        return n;
    }
    let c = !vm & len_mask(n) & from_on(v.trailing_zeros());
    if c == 0 {
        n
    } else {
        c.trailing_zeros() as usize + 1
    }
}

/// The same as `after_vc_mask`, for words longer than 64 bytes.
fn after_vc_slice(s: &[u8], from: usize) -> usize {
    let rest = s.get(from..).unwrap_or(&[]);
    let Some(v) = rest.iter().position(|&c| is_v(c)) else {
        return s.len();
    };
    match rest.get(v..).and_then(|r| r.iter().position(|&c| !is_v(c))) {
        Some(c) => from + v + c + 1,
        None => s.len(),
    }
}

#[derive(Clone, Copy)]
struct Regions {
    p1: usize,
    p2: usize,
    /// Offset of the first vowel in the word (its length if there is none).
    /// Steps 1a and 1b ask "is there a vowel before offset k?". Every byte
    /// they look at is still unchanged from the start, so that is `first_v < k`.
    first_v: usize,
}

/// The word being stemmed: `n` bytes at `b[PAD..]`, with `PAD` zero bytes in
/// front. Every edit touches only the end of the word, and a stem is never
/// longer than its word, so the buffer never needs to grow. `low` is the
/// lowest word offset that has been written since the copy; everything before
/// it is still the original word.
struct Word<'a> {
    b: &'a mut [u8],
    n: usize,
    low: usize,
}

impl Word<'_> {
    #[inline(always)]
    fn s(&self) -> &[u8] {
        self.b.get(PAD..PAD + self.n).unwrap_or(&[])
    }
    /// The last 8 bytes of the word as a big-endian u64 (the zero padding in
    /// front makes this one load even for short words).
    #[inline(always)]
    fn tail(&self) -> u64 {
        match self.b.get(self.n..self.n + 8).and_then(|b| <[u8; 8]>::try_from(b).ok()) {
            Some(a) => u64::from_be_bytes(a),
            None => 0,
        }
    }
    /// Replace the last `cut` bytes with `rep`.
    #[inline(always)]
    fn replace(&mut self, cut: usize, rep: &[u8]) {
        let start = self.n.saturating_sub(cut);
        if let Some(dst) = self.b.get_mut(PAD + start..PAD + start + rep.len()) {
            dst.copy_from_slice(rep);
            self.n = start + rep.len();
            self.low = self.low.min(start);
        }
    }
    #[inline(always)]
    fn truncate(&mut self, cut: usize) {
        self.n = self.n.saturating_sub(cut);
    }
}

fn stem_steps(w: &mut Word, r: Regions) {
    let mut t = w.tail();
    if step1a(w, t, r) {
        t = w.tail();
    }
    // exception2: after step 1a, these words are left exactly as they are.
    // Without this, step 1b would turn "inning" into "inn" and "proceed" into
    // "procee".
    if matches!(
        w.s(),
        b"inning" | b"outing" | b"canning" | b"herring" | b"earring" | b"proceed" | b"exceed" | b"succeed"
    ) {
        return;
    }
    if step1b(w, t, r) {
        t = w.tail();
    }
    if step1c(w, t) {
        t = w.tail();
    }
    // Steps 2-5 only remove or replace a suffix that starts at or after p1
    // (R1), and R2 is never before R1. So if the word ends before R1 has a
    // single letter, nothing more can happen. For most short words this skips
    // all the remaining suffix tests.
    if w.n <= r.p1 {
        return;
    }
    if step2(w, t, r) {
        t = w.tail();
    }
    if step3(w, t, r) {
        t = w.tail();
    }
    if step4(w, t, r) {
        t = w.tail();
    }
    step5(w, t, r);
}

/// shortv, for a stem of length `len` whose tail is `t`. It is true when the
/// stem ends in a short syllable: either (consonant, vowel, consonant that is
/// not w, x or Y), or the whole stem is (vowel, consonant). In the second form
/// the final consonant may be w, x or Y, which is why "ow" counts as short.
/// `t` must hold at least 3 real bytes when `len >= 3`.
#[inline(always)]
fn shortv(t: u64, len: usize) -> bool {
    let (c, b, a) = (byte(t, 0), byte(t, 1), byte(t, 2));
    match len {
        2 => is_v(b) && !is_v(c),
        3.. => !is_v(a) && is_v(b) && class(c) & V_WXY == 0,
        _ => false,
    }
}

/// Step 1a: plurals. sses -> ss; ied/ies -> i, or -> ie when one letter or
/// none comes before ("ties" -> "tie", "cries" -> "cri"); ss and us stay;
/// a final s is deleted if a vowel comes before the letter just before it
/// ("gas" and "this" stay, "gaps" -> "gap").
fn step1a(w: &mut Word, t: u64, r: Regions) -> bool {
    let n = w.n;
    match byte(t, 0) {
        b's' => {
            if ends!(t, b"sses") {
                w.truncate(2);
            } else if ends!(t, b"ies") {
                w.replace(3, if n >= 5 { b"i" } else { b"ie" });
            } else if ends!(t, b"ss") || ends!(t, b"us") {
                return false;
            } else if r.first_v + 2 < n {
                w.truncate(1);
            } else {
                return false;
            }
        }
        b'd' if ends!(t, b"ied") => w.replace(3, if n >= 5 { b"i" } else { b"ie" }),
        _ => return false,
    }
    true
}

/// Step 1b: -eed/-eedly -> -ee in R1. -ed/-edly/-ing/-ingly are deleted if a
/// vowel comes before them; afterwards at/bl/iz get an 'e' back, a double
/// consonant loses one letter, and a short word gets an 'e' ("hoping" ->
/// "hope").
fn step1b(w: &mut Word, t: u64, r: Regions) -> bool {
    let n = w.n;
    let k = match byte(t, 0) {
        b'd' if ends!(t, b"eed") => return ee(w, 3, r),
        b'd' if ends!(t, b"ed") => 2,
        b'g' if ends!(t, b"ing") => 3,
        b'y' if ends!(t, b"eedly") => return ee(w, 5, r),
        b'y' if ends!(t, b"edly") => 4,
        b'y' if ends!(t, b"ingly") => 5,
        _ => return false,
    };
    // `ends!` matched, so n >= k.
    let start = n.saturating_sub(k);
    if r.first_v >= start {
        return false;
    }
    w.truncate(k);
    // The stem's tail: shifting out k <= 5 bytes leaves at least 3 real
    // bytes, which is all that the tests below look at.
    let t = t >> (8 * k);
    let (last, prev) = (byte(t, 0), byte(t, 1));
    if ends!(t, b"at") || ends!(t, b"bl") || ends!(t, b"iz") {
        w.replace(0, b"e");
    } else if last == prev && class(last) & DOUBLE != 0 {
        w.truncate(1);
    } else if start == r.p1 && shortv(t, start) {
        // "atmark p1": the stem must end exactly where R1 starts, i.e. R1 is
        // empty. This is the "short word" test.
        w.replace(0, b"e");
    }
    true
}

/// eed/eedly -> ee, if the suffix is in R1.
fn ee(w: &mut Word, k: usize, r: Regions) -> bool {
    if w.n >= k && w.n - k >= r.p1 {
        w.replace(k, b"ee");
        return true;
    }
    false
}

/// Step 1c: a final y or Y becomes i when a consonant comes before it and
/// that consonant is not the first letter ("cry" -> "cri", "by" and "say"
/// stay).
fn step1c(w: &mut Word, t: u64) -> bool {
    if matches!(byte(t, 0), b'y' | b'Y') && w.n >= 3 && !is_v(byte(t, 1)) {
        w.replace(1, b"i");
        return true;
    }
    false
}

/// Apply the chosen suffix (length `k`, replacement `rep`) if it starts at or
/// after `p`.
#[inline(always)]
fn apply(w: &mut Word, k: usize, rep: &[u8], p: usize) -> bool {
    if w.n >= k && w.n - k >= p {
        w.replace(k, rep);
        return true;
    }
    false
}

/// Step 2 (suffix must be in R1).
fn step2(w: &mut Word, t: u64, r: Regions) -> bool {
    let (k, rep): (usize, &[u8]) = match byte(t, 0) {
        b'i' => match byte(t, 1) {
            b'c' if ends!(t, b"anci") => (4, b"ance"),
            b'c' if ends!(t, b"enci") => (4, b"ence"),
            // ogi -> og only after an 'l' ("analogi" -> "analog"). The 'l'
            // is not part of the suffix, so R1 is tested from the 'o'.
            b'g' if ends!(t, b"logi") => (3, b"og"),
            b'l' if ends!(t, b"lessli") => (6, b"less"),
            b'l' if ends!(t, b"fulli") => (5, b"ful"),
            b'l' if ends!(t, b"ousli") => (5, b"ous"),
            b'l' if ends!(t, b"entli") => (5, b"ent"),
            b'l' if ends!(t, b"abli") => (4, b"able"),
            b'l' if ends!(t, b"alli") => (4, b"al"),
            b'l' if ends!(t, b"bli") => (3, b"ble"),
            // A bare "li" is deleted only after a valid li-ending letter. For a
            // 2-letter word, byte 2 is 0, which is not in LI.
            b'l' if class(byte(t, 2)) & LI != 0 => (2, b""),
            b't' if ends!(t, b"biliti") => (6, b"ble"),
            b't' if ends!(t, b"aliti") => (5, b"al"),
            b't' if ends!(t, b"iviti") => (5, b"ive"),
            _ => return false,
        },
        b'l' if ends!(t, b"ational") => (7, b"ate"),
        b'l' if ends!(t, b"tional") => (6, b"tion"),
        b'm' if ends!(t, b"alism") => (5, b"al"),
        b'n' if ends!(t, b"ization") => (7, b"ize"),
        b'n' if ends!(t, b"ation") => (5, b"ate"),
        b'r' if ends!(t, b"izer") => (4, b"ize"),
        b'r' if ends!(t, b"ator") => (4, b"ate"),
        b's' if ends!(t, b"iveness") => (7, b"ive"),
        b's' if ends!(t, b"fulness") => (7, b"ful"),
        b's' if ends!(t, b"ousness") => (7, b"ous"),
        _ => return false,
    };
    apply(w, k, rep, r.p1)
}

/// Step 3 (suffix must be in R1; "ative" must be in R2).
fn step3(w: &mut Word, t: u64, r: Regions) -> bool {
    let (k, rep, p): (usize, &[u8], usize) = match byte(t, 0) {
        b'e' if ends!(t, b"icate") => (5, b"ic", r.p1),
        b'e' if ends!(t, b"ative") => (5, b"", r.p2),
        b'e' if ends!(t, b"alize") => (5, b"al", r.p1),
        b'i' if ends!(t, b"iciti") => (5, b"ic", r.p1),
        b'l' if ends!(t, b"ational") => (7, b"ate", r.p1),
        b'l' if ends!(t, b"tional") => (6, b"tion", r.p1),
        b'l' if ends!(t, b"ical") => (4, b"ic", r.p1),
        b'l' if ends!(t, b"ful") => (3, b"", r.p1),
        b's' if ends!(t, b"ness") => (4, b"", r.p1),
        _ => return false,
    };
    apply(w, k, rep, p)
}

/// Step 4: delete the suffix if it is in R2.
fn step4(w: &mut Word, t: u64, r: Regions) -> bool {
    let k = match byte(t, 0) {
        b'c' if ends!(t, b"ic") => 2,
        b'e' => {
            if ends!(t, b"ance") || ends!(t, b"ence") || ends!(t, b"able") || ends!(t, b"ible") {
                4
            } else if ends!(t, b"ate") || ends!(t, b"ive") || ends!(t, b"ize") {
                3
            } else {
                return false;
            }
        }
        b'i' if ends!(t, b"iti") => 3,
        b'l' if ends!(t, b"al") => 2,
        b'm' if ends!(t, b"ism") => 3,
        // -ion is deleted only after s or t. The s/t stays, and R2 is tested
        // from the 'i'.
        b'n' if ends!(t, b"sion") || ends!(t, b"tion") => 3,
        b'r' if ends!(t, b"er") => 2,
        b's' if ends!(t, b"ous") => 3,
        b't' if ends!(t, b"ement") => 5,
        b't' if ends!(t, b"ment") => 4,
        b't' if ends!(t, b"ant") || ends!(t, b"ent") => 3,
        _ => return false,
    };
    apply(w, k, b"", r.p2)
}

/// Step 5: delete a final e in R2, or in R1 when what comes before it is not
/// a short syllable. Delete a final l in R2 when another l comes before it.
fn step5(w: &mut Word, t: u64, r: Regions) {
    let start = w.n.wrapping_sub(1);
    match byte(t, 0) {
        // `t >> 8` is the tail of the stem before the 'e'. It holds at least
        // 3 real bytes whenever that stem is 3 or more letters long.
        b'e' if start >= r.p2 || (start >= r.p1 && !shortv(t >> 8, start)) => w.truncate(1),
        b'l' if byte(t, 1) == b'l' && start >= r.p2 => w.truncate(1),
        _ => {}
    }
}
