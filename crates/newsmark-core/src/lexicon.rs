//! Word lists (gazetteers) compiled into the binary from `data/`: places, nationalities,
//! first names, titles, organisation words. Entries are normalised through the project's
//! tokenizer, so a phrase such as `Guinea-Bissau` is looked up as the token sequence
//! `Guinea - Bissau`. Provenance and licences: `data/README.md`.

use crate::text::{tokenize, Token};
use std::collections::HashMap;
use std::sync::LazyLock;

/// One bit per list a phrase belongs to.
pub mod class {
    /// A country name.
    pub const COUNTRY: u16 = 1;
    /// A city.
    pub const CITY: u16 = 1 << 1;
    /// A region: US state, continent, well-known area, place abbreviation.
    pub const REGION: u16 = 1 << 2;
    /// A nationality or demonym adjective.
    pub const NATIONALITY: u16 = 1 << 3;
    /// A first name.
    pub const FIRST_NAME: u16 = 1 << 4;
    /// A title or role that precedes a name.
    pub const TITLE: u16 = 1 << 5;
    /// A word that makes a name an organisation.
    pub const ORG_WORD: u16 = 1 << 6;
    /// The short name of a well-known organisation.
    pub const ORG: u16 = 1 << 7;
    /// A capitalised function word that is not a name.
    pub const STOP: u16 = 1 << 8;
    /// A name CoNLL labels MISC: disease, vaccine, event, competition, software, award.
    pub const MISC_NAME: u16 = 1 << 9;
    /// A legal-form suffix of a company name (`Inc`, `GmbH`, `ASA`).
    pub const LEGAL: u16 = 1 << 10;
    /// The nickname of a sports team (`Yankees`, `Ducks`).
    pub const TEAM: u16 = 1 << 11;
    /// Any place list.
    pub const PLACE: u16 = COUNTRY | CITY | REGION;
    /// Number of classes.
    pub const COUNT: usize = 12;
}

/// The compiled word lists.
#[derive(Debug)]
pub struct Lexicon {
    phrases: HashMap<String, u16, Fast>,
    max_len: usize,
}

const LISTS: &[(u16, &str)] = &[
    (class::COUNTRY, include_str!("../../../data/countries.txt")),
    (class::CITY, include_str!("../../../data/cities.txt")),
    (class::REGION, include_str!("../../../data/regions.txt")),
    (
        class::REGION,
        include_str!("../../../data/places-extra.txt"),
    ),
    (
        class::NATIONALITY,
        include_str!("../../../data/nationalities.txt"),
    ),
    (
        class::FIRST_NAME,
        include_str!("../../../data/first-names.txt"),
    ),
    (class::TITLE, include_str!("../../../data/titles.txt")),
    (class::ORG_WORD, include_str!("../../../data/org-words.txt")),
    (class::ORG, include_str!("../../../data/orgs-extra.txt")),
    (class::STOP, include_str!("../../../data/stopwords.txt")),
    (
        class::MISC_NAME,
        include_str!("../../../data/misc-names.txt"),
    ),
    (class::LEGAL, include_str!("../../../data/legal-forms.txt")),
    (class::TEAM, include_str!("../../../data/sports-teams.txt")),
];

/// Fast hashing for the phrase table (short keys, no untrusted input to defend against).
type Fast = std::hash::BuildHasherDefault<crate::hash::WordHasher>;

/// Marks a key that starts a longer phrase (not a class: [`Lexicon::classes`] hides it).
const PREFIX: u16 = 1 << 15;

static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);

/// The shared lexicon, built on first use.
pub fn get() -> &'static Lexicon {
    &LEXICON
}

impl Lexicon {
    fn build() -> Lexicon {
        let mut phrases: HashMap<String, u16, Fast> =
            HashMap::with_capacity_and_hasher(20_000, Fast::default());
        let mut max_len = 1;
        for (cls, list) in LISTS {
            for line in list.lines() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let words = entry_words(line);
                max_len = max_len.max(words.len());
                for k in 1..words.len() {
                    *phrases.entry(words[..k].join(" ")).or_insert(0) |= PREFIX;
                }
                *phrases.entry(words.join(" ")).or_insert(0) |= cls;
            }
        }
        Lexicon {
            phrases,
            max_len: max_len.min(6),
        }
    }

    /// Classes of the exact phrase `key` (token texts joined by single spaces).
    pub fn classes(&self, key: &str) -> u16 {
        self.phrases.get(key).copied().unwrap_or(0) & !PREFIX
    }

    /// Classes of the token sequence `tokens` of `text`.
    pub fn classes_of(&self, text: &str, tokens: &[Token]) -> u16 {
        if tokens.len() == 1 {
            return self.classes(tokens[0].text(text));
        }
        self.classes(&join(text, tokens))
    }

    /// True when the single word `word` is in any list of `mask`.
    pub fn is(&self, word: &str, mask: u16) -> bool {
        self.classes(word) & mask != 0
    }

    /// Longest phrase length (in tokens) worth looking up.
    pub fn max_len(&self) -> usize {
        self.max_len
    }

    /// For each token, the classes of the longest list phrase that covers it, with the
    /// token's position in that phrase (`0` single, `1` first, `2` inside, `3` last).
    /// Phrases are matched greedily left to right, longest first, only over the place,
    /// nationality and organisation lists (the lists of single-word cues are left to
    /// [`Lexicon::is`]), and never across a line break or a wide gap.
    pub fn matches(&self, text: &str, tokens: &[Token]) -> Vec<(u16, u8)> {
        let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
        let breaks: Vec<bool> = (0..tokens.len())
            .map(|k| {
                k > 0 && {
                    let gap = &text[tokens[k - 1].span.end..tokens[k].span.start];
                    gap.len() > 1 || gap.contains('\n')
                }
            })
            .collect();
        self.matches_words(&words, &breaks)
    }

    /// [`Lexicon::matches`] over words (`breaks[k]`: no phrase may join word `k` to word
    /// `k - 1`).
    pub fn matches_words<S: AsRef<str>>(&self, words: &[S], breaks: &[bool]) -> Vec<(u16, u8)> {
        let mask = class::PLACE | class::NATIONALITY | class::ORG | class::MISC_NAME | class::TEAM;
        let mut out = vec![(0u16, 0u8); words.len()];
        let mut i = 0;
        let mut key = String::new();
        while i < words.len() {
            if !words[i]
                .as_ref()
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
            {
                i += 1;
                continue;
            }
            let mut best = (0usize, 0u16);
            key.clear();
            for len in 1..=self.max_len.min(words.len() - i) {
                let k = i + len - 1;
                if len > 1 {
                    if breaks[k] {
                        break;
                    }
                    key.push(' ');
                }
                key.push_str(words[k].as_ref());
                let found = self.phrases.get(key.as_str()).copied().unwrap_or(0);
                if found & mask != 0 {
                    best = (len, found & mask);
                }
                if found & PREFIX == 0 {
                    break;
                }
            }
            if best.0 == 0 {
                i += 1;
                continue;
            }
            let (len, c) = best;
            for k in 0..len {
                let pos = if len == 1 {
                    0
                } else if k == 0 {
                    1
                } else if k + 1 == len {
                    3
                } else {
                    2
                };
                out[i + k] = (c, pos);
            }
            i += len;
        }
        out
    }
}

/// The token texts of a list entry. Most entries are plain ASCII words between single
/// spaces, which the tokenizer splits at the spaces and nowhere else: they are split so
/// here (the page builds the lists while it starts, and the tokenizer would take most of
/// that time). Any other entry goes through the tokenizer.
fn entry_words(line: &str) -> Vec<&str> {
    let plain = line
        .split(' ')
        .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphabetic()));
    if plain {
        return line.split(' ').collect();
    }
    tokenize(line).iter().map(|t| t.text(line)).collect()
}

/// Token texts joined by single spaces.
pub fn join(text: &str, tokens: &[Token]) -> String {
    let mut s = String::new();
    for (k, t) in tokens.iter().enumerate() {
        if k > 0 {
            s.push(' ');
        }
        s.push_str(t.text(text));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_entries_split_at_spaces_as_the_tokenizer_splits_them() {
        let mut plain = 0;
        for (_, list) in LISTS {
            for line in list.lines().map(str::trim).filter(|l| !l.is_empty()) {
                let by_tokenizer: Vec<&str> = tokenize(line).iter().map(|t| t.text(line)).collect();
                assert_eq!(entry_words(line), by_tokenizer, "{line:?}");
                plain += usize::from(line.bytes().all(|b| b.is_ascii_alphabetic() || b == b' '));
            }
        }
        assert!(plain > 10_000, "most entries take the plain path: {plain}");
    }

    #[test]
    fn looks_up_words_and_phrases() {
        let lex = get();
        assert!(lex.is("Paris", class::CITY));
        assert!(lex.is("France", class::COUNTRY));
        assert!(lex.is("French", class::NATIONALITY));
        assert!(lex.is("President", class::TITLE));
        assert!(lex.is("U.S.", class::REGION));
        assert!(lex.is("NATO", class::ORG));
        assert!(!lex.is("Paris", class::NATIONALITY));
        let text = "flights from New York to Guinea-Bissau";
        let toks = tokenize(text);
        let m = lex.matches(text, &toks);
        assert_eq!(m[2], (class::REGION, 1));
        assert_eq!(m[3], (class::REGION, 3));
        assert!(m[5].0 & class::COUNTRY != 0 && m[5].1 == 1);
        assert_eq!(m[7].1, 3);
    }
}
