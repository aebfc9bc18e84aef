//! Scoring against a gold file in newsmark JSON (such as the sample's hand gold):
//! exact span + label match per label, and TIMEX3 value agreement on matched time spans.

use super::Table;
use chrono::NaiveDate;
use newsmark_core::extract::{labels, DctChoice, Pipeline};
use newsmark_core::span::OffsetIndex;
use serde::Deserialize;
use std::collections::HashSet;

#[derive(Deserialize)]
struct Gold {
    text: String,
    dct: Option<NaiveDate>,
    spans: Vec<GoldSpan>,
}

#[derive(Deserialize)]
struct GoldSpan {
    start: usize,
    end: usize,
    label: String,
    #[serde(default)]
    value: Option<String>,
}

/// The result of scoring one gold document.
#[derive(Debug, Clone)]
pub struct GoldReport {
    /// Exact-match counts per label.
    pub table: Table,
    /// Time spans matched exactly whose value also matches, and how many were matched.
    pub values: (usize, usize),
    /// Readable lines for each miss and false alarm.
    pub errors: Vec<String>,
}

impl std::fmt::Display for GoldReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.table)?;
        writeln!(
            f,
            "time values right on matched spans: {}/{}",
            self.values.0, self.values.1
        )?;
        for e in &self.errors {
            writeln!(f, "  {e}")?;
        }
        Ok(())
    }
}

/// Scores `pipeline` on a newsmark-JSON gold document (its own DCT is used).
pub fn score(gold_json: &str, pipeline: &Pipeline) -> Result<GoldReport, String> {
    let gold: Gold = serde_json::from_str(gold_json).map_err(|e| format!("gold file: {e}"))?;
    let article = pipeline.annotate_article(&gold.text, DctChoice::given_or_detect(gold.dct));
    let idx = OffsetIndex::new(&gold.text);
    let predicted: Vec<(usize, usize, String, Option<String>)> = article
        .mentions
        .into_iter()
        .map(|m| {
            let s = idx.chars_of(m.span);
            (s.start, s.end, m.label, m.value)
        })
        .collect();
    let slice = |s: usize, e: usize| -> String { gold.text.chars().skip(s).take(e - s).collect() };
    let mut table = Table::new("exact span and label match");
    let mut values = (0, 0);
    let mut errors = Vec::new();
    let gold_keys: HashSet<(usize, usize, &str)> = gold
        .spans
        .iter()
        .map(|g| (g.start, g.end, g.label.as_str()))
        .collect();
    for g in &gold.spans {
        match predicted
            .iter()
            .find(|p| (p.0, p.1, p.2.as_str()) == (g.start, g.end, g.label.as_str()))
        {
            Some(p) => {
                table.row(&g.label).tp += 1;
                if labels::is_time(&g.label) {
                    values.1 += 1;
                    if p.3 == g.value {
                        values.0 += 1;
                    } else {
                        errors.push(format!(
                            "value  {:?} {}: got {:?}, gold {:?}",
                            slice(g.start, g.end),
                            g.label,
                            p.3,
                            g.value
                        ));
                    }
                }
            }
            None => {
                table.row(&g.label).fn_ += 1;
                errors.push(format!(
                    "missed {:?} {} at {}",
                    slice(g.start, g.end),
                    g.label,
                    g.start
                ));
            }
        }
    }
    for p in &predicted {
        if !gold_keys.contains(&(p.0, p.1, p.2.as_str())) {
            table.row(&p.2).fp += 1;
            errors.push(format!("extra  {:?} {} at {}", slice(p.0, p.1), p.2, p.0));
        }
    }
    Ok(GoldReport {
        table,
        values,
        errors,
    })
}
