//! The weight table of a loaded model: feature key → row of `i8` weights.

use super::features::NTAGS;

/// One slot of the weight table: a feature key and its row of weights side by side, so a
/// lookup touches one cache line (the table is a few MB; lookups are the tagger's cost).
#[derive(Debug, Clone, Copy)]
#[repr(C, align(8))]
pub(crate) struct Slot {
    pub(crate) key: u32,
    pub(crate) w: [i8; NTAGS],
    pub(crate) used: bool,
}

/// Open-addressing map from feature key to its row of quantised weights (keys are
/// already hashes). A key's first slot is given by its top bits, so the model file's keys,
/// stored in ascending order, fill the table front to back: loading writes memory in
/// sequence instead of all over a table of several MB.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub(crate) slots: Vec<Slot>,
    pub(crate) mask: usize,
    pub(crate) shift: u32,
    pub(crate) len: usize,
    /// One bit per hash of the low bits of a key, set for every key in the table: most
    /// features a text asks for (word pairs above all) are not in the model, and this
    /// answers them from a few hundred KB that stay in cache instead of the table's MB.
    pub(crate) filter: Vec<u64>,
    pub(crate) filter_mask: usize,
}

impl Table {
    pub(crate) fn with_capacity(n: usize) -> Table {
        let size = (n + n / 2).next_power_of_two().max(16);
        let empty = Slot {
            key: 0,
            w: [0; NTAGS],
            used: false,
        };
        let bits = (n * 16).next_power_of_two().max(64);
        Table {
            slots: vec![empty; size],
            mask: size - 1,
            shift: 32 - size.trailing_zeros(),
            len: 0,
            filter: vec![0; bits / 64],
            filter_mask: bits - 1,
        }
    }

    /// The first slot to look at for `key`.
    #[inline]
    pub(crate) fn home(&self, key: u32) -> usize {
        (u64::from(key) >> self.shift) as usize
    }

    /// Inserts `key` (the caller never inserts a key twice).
    pub(crate) fn insert(&mut self, key: u32, w: [i8; NTAGS]) {
        let mut i = self.home(key);
        while self.slots[i].used {
            i = (i + 1) & self.mask;
        }
        self.slots[i] = Slot { key, w, used: true };
        self.len += 1;
        let b = key as usize & self.filter_mask;
        self.filter[b / 64] |= 1 << (b % 64);
    }

    #[inline]
    pub(crate) fn get(&self, key: u32) -> Option<&[i8; NTAGS]> {
        let b = key as usize & self.filter_mask;
        if self.filter[b / 64] & (1 << (b % 64)) == 0 {
            return None;
        }
        let mut i = self.home(key);
        loop {
            let s = &self.slots[i];
            if !s.used {
                return None;
            }
            if s.key == key {
                return Some(&s.w);
            }
            i = (i + 1) & self.mask;
        }
    }
}
