//! The document date: read from the dateline (and following the text as it changes) or set
//! by the person; time values are resolved against it.

use super::merge::Machine;
use super::{Document, Outcome};
use crate::extract::DctChoice;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where the document date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum DctSource {
    /// No date known.
    #[default]
    None,
    /// Read from the article's dateline; follows the text as it changes.
    Detected,
    /// Set (or cleared) by the person; text changes do not override it.
    User,
}

impl Document {
    /// The document date in force.
    pub fn dct(&self) -> Option<NaiveDate> {
        self.state.dct
    }
    /// Where the document date came from.
    pub fn dct_source(&self) -> DctSource {
        self.state.dct_source
    }

    /// The document date choice of the current state: the person's date, else the
    /// dateline's.
    pub(super) fn dct_choice(&self) -> DctChoice {
        match self.state.dct_source {
            DctSource::User => DctChoice::Given(self.state.dct),
            _ => DctChoice::Detect,
        }
    }

    /// Sets or clears the date by hand; time values re-resolve.
    pub(super) fn set_dct(&mut self, dct: Option<NaiveDate>, machine: Machine) -> Outcome {
        self.state.dct = dct;
        self.state.dct_source = DctSource::User;
        let text = self.state.text.clone();
        self.reannotate(text, machine)
    }

    /// Goes back to the date read from the dateline.
    pub(super) fn use_detected_dct(&mut self, machine: Machine) -> Outcome {
        self.state.dct_source = DctSource::Detected;
        let text = self.state.text.clone();
        self.reannotate(text, machine)
    }
}
