//! The options page, which is also the first-run page (`options.html?welcome`):
//! the user's email (validated where it is typed), their country, and buttons
//! that start the guide on each site.

use crate::core::email;
use crate::core::normalize::normalize;
use crate::core::settings::{valid_name, Settings, COUNTRIES, MAX_EXPLANATION};
use crate::prelude::*;
use crate::shell::browser::Api;
use crate::shell::{dom, start};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, Event, HtmlElement, HtmlFormElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement,
};

pub fn start_options(api: Api) {
    let Some(doc) = dom::document() else { return };
    dom::translate(&doc, |k| api.t(k, &[]));
    let (Some(form), Some(input), Some(name), Some(country), Some(explain), Some(explanation)) = (
        dom::by_id::<HtmlFormElement>(&doc, "options-form"),
        dom::by_id::<HtmlInputElement>(&doc, "email"),
        dom::by_id::<HtmlInputElement>(&doc, "name"),
        dom::by_id::<HtmlSelectElement>(&doc, "country"),
        dom::by_id::<HtmlInputElement>(&doc, "explain"),
        dom::by_id::<HtmlTextAreaElement>(&doc, "explanation"),
    ) else {
        return;
    };
    let fields = Fields { email: input.clone(), name, country: country.clone(), explain, explanation };
    fill_countries(&doc, &country, &api.ui_language());
    start::wire_buttons(&api, &doc);
    // Opened by the extension right after installation: greet, and go straight to the email.
    let first_run = web_sys::window().and_then(|w| w.location().search().ok()).is_some_and(|q| q.contains("welcome"));
    if first_run {
        if let Some(welcome) = dom::by_id::<HtmlElement>(&doc, "welcome") {
            let _ = welcome.remove_attribute("hidden");
        }
        let _ = input.focus();
    }
    load(&api, &doc, &fields);
    let on_submit = {
        let (api, doc, fields) = (api.clone(), doc.clone(), fields.clone());
        Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            e.prevent_default();
            let Some(valid) = check(&api, &doc, &fields.email) else { return };
            let chosen = fields.country.value();
            let name = fields.name.value();
            let explain = fields.explain.checked();
            // The default text is stored as "" so that it follows the browser's language.
            let text = fields.explanation.value();
            let own = if text.trim() == api.t("explanation_default", &[]).trim() { String::new() } else { text };
            let (api, doc) = (api.clone(), doc.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let stored = api.storage_get().await.unwrap_or(crate::core::value::Value::Null);
                let mut settings = Settings::read(&stored);
                settings.email = if valid.is_empty() { None } else { Some(valid) };
                settings.country = COUNTRIES.contains(&chosen.as_str()).then_some(chosen);
                // The field's maxlength keeps it short; a control character cannot be typed.
                settings.name = valid_name(&name).then(|| name.trim().to_string());
                settings.explain = explain;
                settings.explanation = own.chars().take(MAX_EXPLANATION).collect();
                let msg = match api.storage_set(&settings.encode()).await {
                    Ok(()) => api.t("saved", &[]),
                    Err(e) => api.t("save_failed", &[&e]),
                };
                set_text(&doc, "status", &msg);
            });
        })
    };
    let _ = form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
    on_submit.forget();
    // Say what is wrong when the user leaves the field, not while they type.
    let on_blur = {
        let (api, doc, input) = (api.clone(), doc.clone(), input.clone());
        Closure::<dyn FnMut()>::new(move || {
            if !input.value().trim().is_empty() {
                check(&api, &doc, &input);
            }
        })
    };
    let _ = input.add_event_listener_with_callback("blur", on_blur.as_ref().unchecked_ref());
    on_blur.forget();
    // Typing clears the old complaint at once: if it vanished only when the
    // field lost focus, i.e. on the mouse-down of a click on Save, the button
    // would move away under the pointer (measured: the click was lost).
    let on_input = {
        let (doc, input) = (doc.clone(), input.clone());
        Closure::<dyn FnMut()>::new(move || {
            set_text(&doc, "status", "");
            clear_error(&doc, &input);
        })
    };
    let _ = input.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref());
    on_input.forget();
}

#[derive(Clone)]
struct Fields {
    email: HtmlInputElement,
    name: HtmlInputElement,
    country: HtmlSelectElement,
    explain: HtmlInputElement,
    explanation: HtmlTextAreaElement,
}

/// Shows what is stored, and says if anything had to be reset.
fn load(api: &Api, doc: &Document, fields: &Fields) {
    let (api, doc, fields) = (api.clone(), doc.clone(), fields.clone());
    wasm_bindgen_futures::spawn_local(async move {
        match api.storage_get().await {
            Ok(v) => {
                let (settings, problems) = Settings::decode(&v);
                fields.email.set_value(settings.email.as_deref().unwrap_or(""));
                fields.country.set_value(settings.country.as_deref().unwrap_or(""));
                fields.name.set_value(settings.name.as_deref().unwrap_or(""));
                fields.explain.set_checked(settings.explain);
                let text = match settings.explanation.as_str() {
                    "" => api.t("explanation_default", &[]),
                    own => own.to_string(),
                };
                fields.explanation.set_value(&text);
                if !problems.is_empty() {
                    let keys: Vec<&str> = problems.iter().map(|p| p.key.as_str()).collect();
                    set_text(&doc, "storage-msg", &api.t("storage_problem", &[&keys.join(", ")]));
                }
            }
            Err(e) => set_text(&doc, "storage-msg", &api.t("storage_unavailable", &[&e])),
        }
    });
}

/// Adds the EU/EEA countries to the select, named in the browser's language
/// by the browser itself (`Intl.DisplayNames`), sorted by name.
fn fill_countries(doc: &Document, select: &HtmlSelectElement, lang: &str) {
    let mut countries: Vec<(String, &str)> = COUNTRIES
        .iter()
        .map(|code| (dom::region_name(code, lang).unwrap_or_else(|| code.to_string()), *code))
        .collect();
    countries.sort_by_key(|(name, _)| normalize(name));
    for (name, code) in countries {
        if let Some(option) = dom::el(doc, "option", "", &name) {
            let _ = option.set_attribute("value", code);
            let _ = select.append_child(&option);
        }
    }
}

/// Validates the field; shows the reason beside it. `Some("")` means "clear
/// the stored email" (an empty field is allowed: the user may remove it).
fn check(api: &Api, doc: &Document, input: &HtmlInputElement) -> Option<String> {
    if input.value().trim().is_empty() {
        clear_error(doc, input);
        return Some(String::new());
    }
    match email::validate(&input.value()) {
        Ok(valid) => {
            clear_error(doc, input);
            Some(valid)
        }
        Err(err) => {
            let key = format!("email_error_{}", err.code());
            let msg = api.t(&key, &[]);
            let msg = if msg == key { err.message().to_string() } else { msg };
            set_text(doc, "email-msg", &msg);
            set_text(doc, "status", "");
            let _ = input.set_attribute("aria-invalid", "true");
            let _ = input.focus();
            None
        }
    }
}

fn clear_error(doc: &Document, input: &HtmlInputElement) {
    set_text(doc, "email-msg", "");
    let _ = input.remove_attribute("aria-invalid");
}

fn set_text(doc: &Document, id: &str, text: &str) {
    if let Some(e) = dom::by_id::<HtmlElement>(doc, id) {
        e.set_text_content(Some(text));
    }
}
