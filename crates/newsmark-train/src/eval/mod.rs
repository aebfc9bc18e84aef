//! Evaluation against gold data: counts, precision/recall/F1 tables, and the readers of
//! each gold format (TimeML, CoNLL-2003, newsmark JSON gold).

pub mod conll;
pub mod gold;
pub mod timeml;

use std::collections::BTreeMap;
use std::fmt;

/// True positives, false positives and false negatives of one category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted and in gold.
    pub tp: usize,
    /// Predicted, not in gold.
    pub fp: usize,
    /// In gold, not predicted.
    pub fn_: usize,
}

impl Counts {
    /// tp / (tp + fp), 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// tp / (tp + fn), 0 when gold is empty.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// Harmonic mean of precision and recall, 0 when nothing is right: 2tp / (2tp + fp +
    /// fn), one division of whole numbers (the trainer picks its best epoch by it).
    pub fn f1(&self) -> f64 {
        if self.tp == 0 {
            0.0
        } else {
            2.0 * self.tp as f64 / (2 * self.tp + self.fp + self.fn_) as f64
        }
    }
    /// Adds another count in.
    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Counts per category plus their sum, printable as a table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Title printed above the table.
    pub title: String,
    /// Counts per category (label), in name order.
    pub rows: BTreeMap<String, Counts>,
}

impl Table {
    /// An empty table.
    pub fn new(title: impl Into<String>) -> Self {
        Table {
            title: title.into(),
            rows: BTreeMap::new(),
        }
    }
    /// The counts of `row`, created empty on first use.
    pub fn row(&mut self, row: &str) -> &mut Counts {
        self.rows.entry(row.to_string()).or_default()
    }
    /// The sum over all rows (micro average).
    pub fn total(&self) -> Counts {
        let mut t = Counts::default();
        for c in self.rows.values() {
            t.add(*c);
        }
        t
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.title)?;
        writeln!(
            f,
            "{:<10} {:>6} {:>6} {:>6} {:>9} {:>7} {:>6}",
            "label", "tp", "fp", "fn", "precision", "recall", "F1"
        )?;
        let line = |f: &mut fmt::Formatter<'_>, name: &str, c: &Counts| {
            writeln!(
                f,
                "{:<10} {:>6} {:>6} {:>6} {:>9.3} {:>7.3} {:>6.3}",
                name,
                c.tp,
                c.fp,
                c.fn_,
                c.precision(),
                c.recall(),
                c.f1()
            )
        };
        for (name, c) in &self.rows {
            line(f, name, c)?;
        }
        line(f, "overall", &self.total())
    }
}
