//! A store's image: the tables opening finds, written by the build for the dataset it embeds.

use super::dictionary::prefix_key;
use super::error::{DecodeError, ErrorKind};
use super::frame::framed;
use super::lexicon::read_lexicon;
use super::reader::Reader;
use super::store::{Stats, Store};
use super::writer::Writer;
use std::borrow::Cow;

/// The magic of a store's image (`Store::image`): internal to one build, never a file a site loads.
const IMAGE_MAGIC: &[u8; 4] = b"CCDI";

impl Store {
    /// What opening found that the bytes do not say outright: where each block of claims, each
    /// block of terms and each claim's passages start, where the lexicon starts, which terms are
    /// entities, the counts, and the postings' layout; tied to the bytes by their checksum. The
    /// build writes it beside the dataset it embeds, so that the widget's start reads these
    /// tables instead of walking every claim, term and passage to find them (`open_image`).
    pub fn image(&self) -> Vec<u8> {
        let mut w = Writer { buf: IMAGE_MAGIC.to_vec() };
        let sum = framed(&self.bytes).map_or(0, |(_, sum)| sum);
        w.varint(u64::from(sum));
        w.len(self.bytes.len());
        w.len(self.claim_count());
        w.len(self.term_count());
        for blocks in [&self.claim_at, &self.term_at, &self.passages_at] {
            let mut previous = 0;
            for &at in &blocks.at {
                w.varint(u64::from(at - previous));
                previous = at;
            }
        }
        w.len(self.lexicon_at);
        for &word in &self.entity {
            w.varint(word);
        }
        for n in [self.stats.accounts, self.stats.origins, self.stats.disputed] {
            w.len(n);
        }
        for pair in self.layout.at.windows(2) {
            w.varint(u64::from(pair[1] - pair[0]));
        }
        for n in self.layout.field_terms {
            w.varint(n);
        }
        w.buf
    }

    /// Opens bytes with the image that the same build wrote of them (`image`), for the dataset
    /// embedded in the library: the catalogue and the lexicon are decoded as usual, the claims,
    /// the dictionary and the passages are not walked, and the checksum is compared with the one
    /// the image was made from instead of computed again (these bytes are part of the library's
    /// own code, like the tables). An image of other bytes is refused. Every later read still
    /// checks what it decodes, so even a wrong image could give wrong answers, never a panic.
    pub fn open_image(bytes: Cow<'static, [u8]>, image: &[u8]) -> Result<Store, DecodeError> {
        let (range, sum) = framed(&bytes)?;
        let mut m = Reader::at(image, 0);
        if image.get(..4) != Some(IMAGE_MAGIC.as_slice()) {
            return Err(DecodeError::new(ErrorKind::NotAnImage, 0));
        }
        m.pos = 4;
        if m.varint()? != u64::from(sum) || m.varint()? != bytes.len() as u64 {
            return Err(m.fail(ErrorKind::ImageMismatch));
        }
        let mut store = Store::empty();
        let (n_claims, n_terms) = (m.varint()? as usize, m.varint()? as usize);
        let mut r = Reader::at(&bytes[..range.end], range.start);
        if store.head(&mut r)? != n_claims || n_terms > bytes.len() {
            return Err(m.fail(ErrorKind::ImageMismatch));
        }
        for (blocks, n) in
            [(&mut store.claim_at, n_claims), (&mut store.term_at, n_terms), (&mut store.passages_at, n_claims)]
        {
            blocks.reserve(n);
            let mut at = 0u32;
            for _ in 0..n.div_ceil(blocks.every) {
                at = at.saturating_add(m.varint()? as u32);
                blocks.at.push(at);
            }
            blocks.len = n;
        }
        store.lexicon_at = m.varint()?.min(range.end as u64) as usize;
        store.entity.reserve_exact(n_terms.div_ceil(64));
        for _ in 0..n_terms.div_ceil(64) {
            store.entity.push(m.varint()?);
        }
        store.stats =
            Stats { accounts: m.varint()? as usize, origins: m.varint()? as usize, disputed: m.varint()? as usize };
        let layout = &mut store.layout;
        layout.at.reserve_exact(n_terms + 1);
        let mut end = 0u32;
        layout.at.push(end);
        for _ in 0..n_terms {
            end = end.saturating_add(m.varint()? as u32);
            layout.at.push(end);
        }
        for n in layout.field_terms.iter_mut() {
            *n = m.varint()?;
        }
        // A posting takes at most six bytes and needs a term id of the passages (one byte at
        // least): a layout beyond that would only ask for a huge allocation.
        if end as usize / 6 > bytes.len() {
            return Err(m.fail(ErrorKind::ImageMismatch));
        }
        if m.pos != image.len() {
            return Err(m.fail(ErrorKind::ImageMismatch));
        }
        // The block keys are the first bytes of each block's first term: a few hundred reads.
        let all: &[u8] = &bytes[..range.end];
        store.term_keys.reserve_exact(store.term_at.at.len());
        for &at in &store.term_at.at {
            store.term_keys.push(prefix_key(Reader::at(all, at as usize).bytes_field()?));
        }
        let mut r = Reader::at(all, store.lexicon_at);
        store.lexicon = read_lexicon(&mut r)?;
        if r.pos != range.end {
            return Err(m.fail(ErrorKind::ImageMismatch));
        }
        store.bytes = bytes;
        Ok(store)
    }
}

// Test code: each `expect` below is the test failing, on the seed (compiled here as build.rs compiles it) or on a
// subset the test encodes itself; no reader's bytes.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::binary::{decode, encode};
    use std::sync::OnceLock;

    /// The seed dataset's bytes and image, as crosscheck-engine's build.rs writes them.
    fn seed() -> (&'static [u8], &'static [u8]) {
        static COMPILED: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
        let (bytes, image) = COMPILED.get_or_init(|| {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/seed");
            let bytes = encode(&crate::source::compile_dir(&dir).expect("the seed compiles"));
            let image = Store::open(Cow::Owned(bytes.clone())).expect("the seed opens").image();
            (bytes, image)
        });
        (bytes, image)
    }

    /// Everything opening works out, side by side (the lexicon through its Debug form: both
    /// sides build it by the same inserts, in the same order).
    fn tables(s: &Store) -> String {
        format!(
            "{:?}",
            (
                &s.catalog,
                &s.claim_at,
                &s.term_at,
                &s.term_keys,
                &s.passages_at,
                &s.entity,
                &s.stats,
                s.lexicon_at,
                &s.layout,
                &s.lexicon,
                s.coding.is_some(),
                s.bytes.len()
            )
        )
    }

    #[test]
    fn the_seed_seed_imageopens_to_the_tables_the_walk_finds() {
        let (seed_bytes, seed_image) = seed();
        let walked = Store::open(Cow::Borrowed(seed_bytes)).expect("the seed opens");
        let imaged = Store::open_image(Cow::Borrowed(seed_bytes), seed_image).expect("the seed's image opens");
        assert!(walked.layout.at.len() > 1000 && walked.claim_count() > 200, "a real dataset, not an empty one");
        assert_eq!(tables(&imaged), tables(&walked));
        assert_eq!(walked.image(), seed_image, "the image is the one the walk gives");
    }

    #[test]
    fn an_seed_imageis_tied_to_its_bytes() {
        let (seed_bytes, seed_image) = seed();
        // Another dataset (the seed's first 40 claims), its own image, and the two crossed.
        let mut ds = decode(seed_bytes).expect("the seed decodes");
        ds.claims.truncate(40);
        let bytes = encode(&ds);
        let walked = Store::open(Cow::Owned(bytes.clone())).expect("the subset opens");
        let image = walked.image();
        let imaged = Store::open_image(Cow::Owned(bytes.clone()), &image).expect("its image opens");
        assert_eq!(tables(&imaged), tables(&walked));
        assert!(Store::open_image(Cow::Owned(bytes), seed_image).is_err(), "the seed's image is not the subset's");
        assert!(Store::open_image(Cow::Borrowed(seed_bytes), &image).is_err(), "the subset's image is not the seed's");
    }

    #[test]
    fn a_damaged_seed_imageis_refused_or_opens_without_panicking() {
        let (seed_bytes, seed_image) = seed();
        for cut in 0..seed_image.len() {
            assert!(Store::open_image(Cow::Borrowed(seed_bytes), &seed_image[..cut]).is_err(), "cut at {cut}");
        }
        let mut image = seed_image.to_vec();
        for at in (0..image.len()).step_by(7) {
            for flip in [0x01u8, 0x80, 0xff] {
                image[at] ^= flip;
                if let Ok(store) = Store::open_image(Cow::Borrowed(seed_bytes), &image) {
                    // Wrong tables read wrong bytes, through the same checked reads as ever.
                    for i in (0..store.claim_count()).step_by(17) {
                        let _ = (store.claim(i), store.claim_id(i), store.term_id("moscow"));
                        let (mut terms, mut spans) = (Vec::new(), Vec::new());
                        store.passages_into(i, &mut terms, &mut spans);
                    }
                }
                image[at] ^= flip;
            }
        }
    }
}
