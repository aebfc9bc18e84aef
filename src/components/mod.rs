//! One component per file, each with its own props; children send [`Command`]s up.
//!
//! [`Command`]: crate::editor::Command

mod doc_view;
mod entity_list;
mod export_menu;
mod inspector;
mod label_editor;
mod legend;
mod shortcuts;
mod source;
mod status;
mod toolbar;

pub use doc_view::DocView;
pub use entity_list::EntityList;
pub use export_menu::ExportMenu;
pub use inspector::Inspector;
pub use label_editor::LabelEditor;
pub use legend::Legend;
pub use shortcuts::Shortcuts;
pub use source::SourcePane;
pub use status::StatusLine;
pub use toolbar::Toolbar;

use newsmark_core::document::{find_label, LabelDef};
use std::rc::Rc;

/// The document's label set, shared by the components' props.
pub type Labels = Rc<Vec<LabelDef>>;

/// The number key of a label (1–9, its place in the set), if it has one.
pub fn label_key(set: &[LabelDef], label: &str) -> Option<usize> {
    find_label(set, label).1.map(|i| i + 1).filter(|k| *k <= 9)
}

/// The CSS class that colours a label: its palette colour (`c-0` … `c-11`).
pub fn label_class(set: &[LabelDef], label: &str) -> String {
    format!("c-{}", find_label(set, label).0)
}
