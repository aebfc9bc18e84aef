//! Import and export formats. One file per format; all offsets are checked against the text
//! before anything is written.

pub mod json;
