//! The document date: read from the dateline (and following the text as it changes) or set
//! by the person; time values are resolved against it.

use super::merge::Machine;
use super::{Document, Outcome};
use crate::extract::DctChoice;
use chrono::NaiveDate;

impl Document {
    /// The document date in force: the given one, or the one the dateline gave.
    pub fn dct(&self) -> Option<NaiveDate> {
        self.state.dct
    }

    /// How the document date is chosen: from the dateline (following the text as it
    /// changes), or given (set or cleared by the person; text changes do not override it).
    pub fn dct_choice(&self) -> DctChoice {
        self.state.dct_choice
    }

    /// Sets or clears the date by hand; time values re-resolve.
    pub(super) fn set_dct(&mut self, dct: Option<NaiveDate>, machine: Machine) -> Outcome {
        self.state.dct = dct;
        self.state.dct_choice = DctChoice::Given(dct);
        let text = self.state.text.clone();
        self.reannotate(text, machine)
    }

    /// Goes back to the date read from the dateline.
    pub(super) fn use_detected_dct(&mut self, machine: Machine) -> Outcome {
        self.state.dct_choice = DctChoice::Detect;
        let text = self.state.text.clone();
        self.reannotate(text, machine)
    }
}
