//! The options page: the user's email, validated where it is typed.

use crate::core::email;
use crate::core::settings::Settings;
use crate::shell::browser::Api;
use crate::shell::dom;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Event, HtmlElement, HtmlFormElement, HtmlInputElement};

#[wasm_bindgen]
pub fn start_options(api: JsValue) {
    let api = Api::new(api);
    let Some(doc) = dom::document() else { return };
    dom::translate(&doc, |k| api.t(k, &[]));
    let (Some(form), Some(input)) =
        (dom::by_id::<HtmlFormElement>(&doc, "options-form"), dom::by_id::<HtmlInputElement>(&doc, "email"))
    else {
        return;
    };
    // Load what is stored, and say if anything had to be reset.
    {
        let (api, doc, input) = (api.clone(), doc.clone(), input.clone());
        wasm_bindgen_futures::spawn_local(async move {
            match api.storage_get().await {
                Ok(v) => {
                    let (settings, problems) = Settings::decode(&v);
                    input.set_value(settings.email.as_deref().unwrap_or(""));
                    if !problems.is_empty() {
                        let keys: Vec<&str> = problems.iter().map(|p| p.key.as_str()).collect();
                        set_text(&doc, "storage-msg", &api.t("storage_problem", &[&keys.join(", ")]));
                    }
                }
                Err(e) => set_text(&doc, "storage-msg", &api.t("storage_unavailable", &[&e])),
            }
        });
    }
    let on_submit = {
        let (api, doc, input) = (api.clone(), doc.clone(), input.clone());
        Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            e.prevent_default();
            let Some(valid) = check(&api, &doc, &input) else {
                return;
            };
            let (api, doc) = (api.clone(), doc.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let stored = api.storage_get().await.unwrap_or(serde_json::Value::Null);
                let (mut settings, _) = Settings::decode(&stored);
                settings.email = if valid.is_empty() { None } else { Some(valid) };
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
    let on_input = {
        let doc = doc.clone();
        Closure::<dyn FnMut()>::new(move || set_text(&doc, "status", ""))
    };
    let _ = input.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref());
    on_input.forget();
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
