//! Word classes from word vectors (`data/word-clusters.bin`, built by
//! `scripts/build-clusters.py`; provenance in `data/README.md`): each known word has a path
//! of three nested classes (4096, 512 and 64 of them). They are features of the tagger for
//! words that training never saw: a new company or disease name falls in the class of
//! older ones. The table travels inside the model file, so the page fetches one file.
//!
//! Format, little-endian: `b"NMWC\x01"`, `u32` number of words `n`, three `u16` class
//! counts; per level-1 class its level-2 class (`u16`), per level-2 class its level-3 class
//! (`u16`); per word its level-1 class (`u16`); the `n` words sorted and front-coded (a
//! `u8` count of bytes shared with the previous word, the rest, a `\n`). Words are lower
//! case and looked up by the tagger's hash of a token's lower case: one lookup per
//! distinct word of a document.

use crate::hash::IdMap;

/// Marks a word with no class.
pub const NONE: u32 = u32::MAX;

/// The loaded table: lower-case word hash → packed class path.
#[derive(Debug, Clone, Default)]
pub struct Clusters {
    map: IdMap<u64, u32>,
}

impl Clusters {
    /// Reads a table; `hash` is the tagger's hash of a lower-case word.
    pub fn from_bytes(bytes: &[u8], hash: impl Fn(&str) -> u64) -> Result<Clusters, String> {
        let bad = |what: &str| format!("not a newsmark word-class table: {what}");
        if bytes.len() < 15 || &bytes[..5] != b"NMWC\x01" {
            return Err(bad("wrong header"));
        }
        let u16_at = |k: usize| -> Result<u16, String> {
            bytes
                .get(k..k + 2)
                .map(|b| u16::from_le_bytes([b[0], b[1]]))
                .ok_or_else(|| bad("truncated"))
        };
        let n = u32::from_le_bytes([bytes[5], bytes[6], bytes[7], bytes[8]]) as usize;
        let (k1, k2, k3) = (
            u16_at(9)? as usize,
            u16_at(11)? as usize,
            u16_at(13)? as usize,
        );
        if n > bytes.len() || k1 == 0 || k2 == 0 || k3 == 0 {
            return Err(bad("counts"));
        }
        let mut pos = 15;
        let mut table = |len: usize, max: usize| -> Result<Vec<u16>, String> {
            let v = (0..len)
                .map(|k| u16_at(pos + 2 * k))
                .collect::<Result<Vec<u16>, String>>()?;
            pos += 2 * len;
            if v.iter().any(|&x| x as usize >= max) {
                return Err(bad("class out of range"));
            }
            Ok(v)
        };
        let up1 = table(k1, k2)?;
        let up2 = table(k2, k3)?;
        let leaf = table(n, k1)?;
        let mut map = IdMap::default();
        map.reserve(n);
        let mut word: Vec<u8> = Vec::with_capacity(32);
        for &c in &leaf {
            let shared = *bytes.get(pos).ok_or_else(|| bad("truncated"))? as usize;
            pos += 1;
            if shared > word.len() {
                return Err(bad("front coding"));
            }
            word.truncate(shared);
            let end = bytes[pos..]
                .iter()
                .position(|&b| b == b'\n')
                .ok_or_else(|| bad("truncated"))?;
            word.extend_from_slice(&bytes[pos..pos + end]);
            pos += end + 1;
            let w = std::str::from_utf8(&word).map_err(|_| bad("not UTF-8"))?;
            let c = c as usize;
            let (c2, c3) = (up1[c] as usize, up2[up1[c] as usize] as usize);
            map.insert(hash(w), (c as u32) << 16 | (c2 as u32) << 6 | c3 as u32);
        }
        if pos != bytes.len() || k2 > 1 << 10 || k3 > 1 << 6 {
            return Err(bad("trailing bytes or too many classes"));
        }
        Ok(Clusters { map })
    }

    /// Packed class path of the word whose lower-case hash is `lh`, [`NONE`] if unknown.
    #[inline]
    pub fn get(&self, lh: u64) -> u32 {
        self.map.get(&lh).copied().unwrap_or(NONE)
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True for an empty table.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// The three classes of a packed path, finest first.
#[inline]
pub fn levels(c: u32) -> [u64; 3] {
    [(c >> 16) as u64, (c >> 6 & 0x3ff) as u64, (c & 0x3f) as u64]
}
