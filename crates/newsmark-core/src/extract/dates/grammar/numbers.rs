//! Numbers: the amount before a unit ("three", "twenty-four", "2 1/2", "a few", "several"),
//! and whether a number ends where its token does.

use super::Parser;
use crate::extract::dates::lex::{Kind, Kw, W};

/// How many of something: a number, or an unspecified "several".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Amount {
    N(u64),
    /// n and a half ("2 1/2").
    Half(u64),
    X,
}

impl Parser<'_> {
    /// A number at `i`: digits or words ("twenty-four"), or `a`/`an`, "a few", "several".
    pub(super) fn amount(&self, i: usize) -> Option<(Amount, usize)> {
        let t = self.t.get(i)?;
        match (t.kind, t.w) {
            (Kind::Num, _) => {
                // 1,000
                let mut v = u64::from(t.n);
                let mut j = i + 1;
                while self.punct(j, b',')
                    && self.adj(j)
                    && self.adj(j + 1)
                    && self.num(j + 1).is_some_and(|(_, d)| d == 3)
                {
                    v = v * 1000 + u64::from(self.t[j + 1].n);
                    j += 2;
                }
                if t.digits > 7
                    || (self.punct(j, b'.')
                        && self.adj(j)
                        && self.adj(j + 1)
                        && self.num(j + 1).is_some())
                {
                    return None;
                }
                // "2 1/2"
                if j == i + 1
                    && self.num(j) == Some((1, 1))
                    && !self.adj(j)
                    && self.punct(j + 1, b'/')
                    && self.adj(j + 1)
                    && self.num(j + 2) == Some((2, 1))
                    && self.adj(j + 2)
                {
                    return Some((Amount::Half(v), j + 3));
                }
                Some((Amount::N(v), j))
            }
            (_, W::Num(n)) => {
                let mut v = u64::from(n);
                let mut j = i + 1;
                if (20..=90).contains(&n) {
                    let k = if self.punct(j, b'-') && self.adj(j) {
                        j + 1
                    } else {
                        j
                    };
                    if let W::Num(u) = self.w(k) {
                        if u < 10 {
                            v += u64::from(u);
                            j = k + 1;
                        }
                    }
                }
                if self.kw(j, Kw::Hundred) {
                    v *= 100;
                    j += 1;
                } else if self.kw(j, Kw::Thousand) {
                    v *= 1000;
                    j += 1;
                }
                Some((Amount::N(v), j))
            }
            (_, W::K(Kw::A)) => {
                if self.kw(i + 1, Kw::Few) {
                    Some((Amount::X, i + 2))
                } else if self.kw(i + 1, Kw::Hundred) {
                    Some((Amount::N(100), i + 2))
                } else if self.kw(i + 1, Kw::Couple) {
                    let j = if self.kw(i + 2, Kw::Of) { i + 3 } else { i + 2 };
                    Some((Amount::N(2), j))
                } else {
                    Some((Amount::N(1), i + 1))
                }
            }
            (_, W::K(Kw::Several | Kw::Few | Kw::Many)) => Some((Amount::X, i + 1)),
            // "the next couple of years" (after a determiner, without "a")
            (_, W::K(Kw::Couple)) if self.kw(i + 1, Kw::Of) => Some((Amount::N(2), i + 2)),
            _ => None,
        }
    }

    /// Is token `i` free of glued digits after it (not "1990.5", "2,000", "10:30:")?
    pub(super) fn ends_clean(&self, i: usize) -> bool {
        let j = i + 1;
        !(self.adj(j)
            && self.t[j].kind == Kind::Punct
            && matches!(self.t[j].n as u8, b'.' | b',' | b':' | b'/')
            && self.adj(j + 1)
            && self.num(j + 1).is_some())
            && !(self.adj(j) && matches!(self.t[j].kind, Kind::Num | Kind::Other))
            && !self.punct(j, b'%')
    }
}
