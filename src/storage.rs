//! Persistence in `localStorage`: the whole document with its undo history, in the
//! versioned envelope of [`newsmark_core::persist`] (older copies are migrated on load). The key
//! stays `newsmark/v1/document` so every older copy is found; the version lives in the
//! payload. A stored value that cannot be read is moved aside, never overwritten.

use newsmark_core::document::Document;
use newsmark_core::persist;

/// The key of the current document.
pub const KEY: &str = "newsmark/v1/document";
/// Where an unreadable stored document is kept for rescue.
pub const BROKEN_KEY: &str = "newsmark/v1/unreadable";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved document, or why it could not be read (`Ok(None)`: nothing saved), with a
/// note for the person when part of it (a damaged undo history) had to be left out.
pub fn load() -> Result<Option<(Document, Option<String>)>, String> {
    let Some(s) = storage() else {
        return Err(
            "this browser does not allow local storage: work will not survive a reload".into(),
        );
    };
    let Some(raw) = s.get_item(KEY).ok().flatten() else {
        return Ok(None);
    };
    match persist::decode(&raw) {
        Ok(loaded) => Ok(Some((loaded.doc, loaded.note))),
        Err(e) => {
            let _ = s.set_item(BROKEN_KEY, &raw);
            let _ = s.remove_item(KEY);
            Err(format!(
                "the saved document could not be read ({e}); it was kept under “{BROKEN_KEY}”"
            ))
        }
    }
}

/// Saves the document; an error says why (e.g. the storage is full). When the whole undo
/// history does not fit, the document is saved with its most recent steps only (then
/// with none): the work itself is never left unsaved to keep old undo steps. The previous
/// copy stays until a new one is written.
pub fn save(doc: &Document) -> Result<(), String> {
    thread_local! {
        /// The smallest saved copy the storage refused, as its
        /// [`Document::saved_bytes_lower_bound`]: a copy whose bound is as large (its JSON
        /// is at most a few per cent smaller, the escapes and names the bound leaves out)
        /// is not encoded and written out to be refused again. On a book with a few undo
        /// steps that was half of every save, some 30 ms per edit. At worst a copy that
        /// would just have fit is saved with fewer undo steps.
        static REFUSED: std::cell::Cell<usize> = const { std::cell::Cell::new(usize::MAX) };
    }
    let s = storage().ok_or("local storage is not available")?;
    let (undo, redo) = doc.history_len();
    let mut size = 0;
    for keep in [usize::MAX, 20, 0] {
        if keep != usize::MAX && undo.max(redo) <= keep {
            continue;
        }
        let mut copy;
        let doc = if keep == usize::MAX {
            doc
        } else {
            copy = doc.clone();
            copy.keep_history(keep, keep);
            &copy
        };
        let refused = REFUSED.get();
        let bound = doc.saved_bytes_lower_bound();
        if keep != 0 && bound >= refused {
            continue;
        }
        let json = persist::encode(doc).map_err(|e| e.to_string())?;
        size = json.len();
        if s.set_item(KEY, &json).is_ok() {
            if bound >= refused {
                // Room was made since (a bigger copy went in): try whole histories again.
                REFUSED.set(usize::MAX);
            }
            return Ok(());
        }
        REFUSED.set(refused.min(bound));
    }
    Err(format!(
        "could not save ({} KB): the browser's storage may be full — export your work",
        size / 1024
    ))
}
