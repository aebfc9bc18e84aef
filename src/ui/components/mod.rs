//! One component per file, each with its own props; children send [`Command`]s up.
//!
//! [`Command`]: crate::editor::Command

mod doc_view;
mod entity_list;
mod inspector;
mod legend;
mod shortcuts;
mod source;
mod status;
mod toolbar;

pub use doc_view::DocView;
pub use entity_list::EntityList;
pub use inspector::Inspector;
pub use legend::Legend;
pub use shortcuts::Shortcuts;
pub use source::SourcePane;
pub use status::StatusLine;
pub use toolbar::Toolbar;

use crate::extract::labels;

/// The keyboard digit shown for a label in the legend and on label buttons (1-based).
pub fn label_key(label: &str) -> Option<usize> {
    labels::ALL.iter().position(|l| *l == label).map(|i| i + 1)
}

/// The CSS class that colours a label.
pub fn label_class(label: &str) -> String {
    if labels::ALL.contains(&label) {
        format!("l-{label}")
    } else {
        "l-custom".to_string()
    }
}
