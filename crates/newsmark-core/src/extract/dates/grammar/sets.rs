//! Sets (recurring times) led by "every" or "each": "every Monday", "every two years",
//! "each day", "every morning", "every other week".

use super::{hit, numbers::Amount, Hit, Parser};
use crate::extract::dates::lex::{Kw, W};
use crate::extract::labels::SET;

impl Parser<'_> {
    /// "every Monday", "every two years", "each day", "every morning".
    pub(super) fn set(&self, i: usize) -> Option<Hit> {
        let j = i + 1;
        match self.w(j) {
            W::Weekday { d, .. } => hit(i, j + 1, SET, Some(format!("XXXX-WXX-{d}"))),
            W::Month { m, abbr: false } => hit(i, j + 1, SET, Some(format!("XXXX-{m:02}"))),
            W::Unit { u, plural: false } => {
                hit(i, j + 1, SET, Some(Self::duration_value(Amount::N(1), u)))
            }
            W::Part { p, plural: false } => {
                hit(i, j + 1, SET, Some(format!("XXXX-XX-XXT{}", p.code())))
            }
            W::K(Kw::Other) => match self.w(j + 1) {
                W::Unit { u, plural: false } => {
                    hit(i, j + 2, SET, Some(Self::duration_value(Amount::N(2), u)))
                }
                _ => None,
            },
            W::Num(_) | W::K(Kw::Few) => {
                let (a, u, _, e) = self.amount_unit(j)?;
                hit(i, e, SET, Some(Self::duration_value(a, u)))
            }
            _ if self.num(j).is_some() => {
                let (a, u, _, e) = self.amount_unit(j)?;
                hit(i, e, SET, Some(Self::duration_value(a, u)))
            }
            _ => None,
        }
    }
}
