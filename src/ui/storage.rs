//! Persistence in `localStorage`: the whole document with its undo history, as JSON under a
//! versioned key. A stored value that cannot be read is moved aside, never overwritten.

use crate::document::Document;

/// The key of the current document.
pub const KEY: &str = "newsmark/v1/document";
/// Where an unreadable stored document is kept for rescue.
pub const BROKEN_KEY: &str = "newsmark/v1/unreadable";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved document, or why it could not be read (`Ok(None)`: nothing saved).
pub fn load() -> Result<Option<Document>, String> {
    let Some(s) = storage() else {
        return Err(
            "this browser does not allow local storage: work will not survive a reload".into(),
        );
    };
    let Some(raw) = s.get_item(KEY).ok().flatten() else {
        return Ok(None);
    };
    match serde_json::from_str::<Document>(&raw) {
        Ok(doc) => Ok(Some(doc)),
        Err(e) => {
            let _ = s.set_item(BROKEN_KEY, &raw);
            let _ = s.remove_item(KEY);
            Err(format!(
                "the saved document could not be read ({e}); it was kept under “{BROKEN_KEY}”"
            ))
        }
    }
}

/// Saves the document; an error says why (e.g. the storage is full).
pub fn save(doc: &Document) -> Result<(), String> {
    let s = storage().ok_or("local storage is not available")?;
    let json = serde_json::to_string(doc).map_err(|e| e.to_string())?;
    s.set_item(KEY, &json).map_err(|_| {
        format!(
            "could not save ({} KB): the browser's storage may be full — export your work",
            json.len() / 1024
        )
    })
}
