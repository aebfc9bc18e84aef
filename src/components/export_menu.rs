//! The export menu: a format, then "Download" or "Copy".

use newsmark_core::formats::Format;
use yew::prelude::*;

/// Props of [`ExportMenu`].
#[derive(Properties, PartialEq)]
pub struct ExportMenuProps {
    /// Whether there is any text to export.
    pub has_text: bool,
    /// "Download" pressed with a format chosen.
    pub on_export_as: Callback<Format>,
    /// "Copy" pressed with a format chosen.
    pub on_copy_as: Callback<Format>,
}

/// The export menu.
#[function_component(ExportMenu)]
pub fn export_menu(p: &ExportMenuProps) -> Html {
    let format = use_state(|| Format::Newsmark);
    let on_format = {
        let format = format.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            if let Some(f) = Format::from_name(&v) {
                format.set(f);
            }
        })
    };
    let download = {
        let (format, on_export_as) = (*format, p.on_export_as.clone());
        Callback::from(move |_: MouseEvent| on_export_as.emit(format))
    };
    let copy = {
        let (format, on_copy_as) = (*format, p.on_copy_as.clone());
        Callback::from(move |_: MouseEvent| on_copy_as.emit(format))
    };
    html! {
        <span class="export-as">
            <select aria-label="Export format" onchange={on_format}>
                { for Format::ALL.iter().map(|f| html! {
                    <option value={f.name()} selected={*f == *format}>{ f.title() }</option>
                }) }
            </select>
            <button type="button" onclick={download} disabled={!p.has_text}>{ "Download" }</button>
            <button type="button" onclick={copy} disabled={!p.has_text || !format.is_text()}
                title={(!format.is_text()).then_some("a binary file: use Download")}>{ "Copy" }</button>
        </span>
    }
}
