//! CoNLL-2003 reader and entity evaluation. (To be written: issue "Entity recognition".)

use crate::extract::Extractor;
use std::path::Path;

/// Evaluates `entities` on a CoNLL-2003 file (exact span and label match) and returns the
/// printable per-type table.
pub fn evaluate(path: &Path, entities: &dyn Extractor) -> Result<String, String> {
    let _ = entities;
    Err(format!("CoNLL evaluation is not written yet ({})", path.display()))
}
