//! What waits for the frame before it: the annotation panes on the first paint, the entity
//! list after an edit.

use crate::dom;
use crate::state::UiState;
use newsmark_core::document::Entity;
use std::rc::Rc;
use yew::prelude::*;

/// Whether the first frame is on screen. The first frame shows the header, the toolbar and
/// the text pane, what a person acts on first; the annotation panes follow in the task
/// after it. On a cold page their first render and layout cost tens of milliseconds the
/// first frame need not wait for.
#[hook]
pub fn use_first_paint_done() -> bool {
    let done = use_state_eq(|| false);
    use_effect_with((), {
        let done = done.setter();
        move |_| dom::after_paint(move || done.set(true)).forget()
    });
    *done
}

/// The document's entities, computed again when the document changed, after the frame
/// that shows the change: an edit's own marks and inspector paint first, and the list (a
/// few milliseconds of layout on an article, entity linking over a book besides) follows
/// in the next task.
#[hook]
pub fn use_entities(state: &UseReducerHandle<UiState>) -> Rc<Vec<Entity>> {
    let revision = state.editor.doc.revision();
    let entities = use_mut_ref(|| Rc::new(Vec::<Entity>::new()));
    let update = use_force_update();
    use_effect_with(revision, {
        let (entities, state) = (entities.clone(), state.clone());
        move |_| {
            let step = dom::after_paint(move || {
                let fresh = state.editor.doc.entities();
                // The same list (no text yet, or a change that left the entities as they
                // were) is not worth rendering the page again.
                if **entities.borrow() != fresh {
                    *entities.borrow_mut() = Rc::new(fresh);
                    update.force_update();
                }
            });
            move || drop(step)
        }
    });
    let shown = entities.borrow().clone();
    shown
}
