//! The toolbar popup: one switch per site. A change is written to storage at
//! once; content scripts listen to storage and stop or resume without reload.

use crate::core::rules::Rules;
use crate::core::settings::{Settings, SITES};
use crate::shell::browser::Api;
use crate::shell::{dom, start};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};

/// "On · furthest step 4 of 6" / "Off · not started yet", for one site.
fn show_status(api: &Api, doc: &web_sys::Document, site: &str, settings: &Settings) {
    let Some(line) = dom::by_id::<HtmlElement>(doc, &format!("status-{site}")) else { return };
    let state = api.t(if settings.enabled(site) { "status_on" } else { "status_off" }, &[]);
    let of = Rules::embedded().map(|r| r.route_length).unwrap_or(0);
    let progress = match settings.progress.get(site) {
        Some(n) => api.t("status_progress", &[&n.to_string(), &of.to_string()]),
        None => api.t("status_not_started", &[]),
    };
    line.set_text_content(Some(&format!("{state} · {progress}")));
}

#[wasm_bindgen]
pub fn start_popup(api: JsValue) {
    let api = Api::new(api);
    let Some(doc) = dom::document() else { return };
    dom::translate(&doc, |k| api.t(k, &[]));
    start::wire_buttons(&api, &doc);
    let switches: Vec<(String, HtmlInputElement)> = SITES
        .iter()
        .filter_map(|site| {
            let input = doc
                .query_selector(&format!("input[data-site=\"{site}\"]"))
                .ok()??
                .dyn_into::<HtmlInputElement>()
                .ok()?;
            Some((site.to_string(), input))
        })
        .collect();
    {
        let (api, doc, switches) = (api.clone(), doc.clone(), switches.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let stored = api.storage_get().await.unwrap_or(crate::core::value::Value::Null);
            let (settings, _) = Settings::decode(&stored);
            for (site, input) in &switches {
                input.set_checked(settings.enabled(site));
                let _ = input.set_attribute("aria-checked", if settings.enabled(site) { "true" } else { "false" });
                input.set_disabled(false);
                show_status(&api, &doc, site, &settings);
            }
            if settings.email.is_none() {
                if let Some(hint) = dom::by_id::<HtmlElement>(&doc, "email-hint") {
                    let _ = hint.remove_attribute("hidden");
                }
            }
        });
    }
    for (site, input) in switches {
        let api = api.clone();
        let input2 = input.clone();
        let on_change = Closure::<dyn FnMut()>::new(move || {
            let (api, site, input) = (api.clone(), site.clone(), input2.clone());
            let on = input.checked();
            let _ = input.set_attribute("aria-checked", if on { "true" } else { "false" });
            wasm_bindgen_futures::spawn_local(async move {
                let stored = api.storage_get().await.unwrap_or(crate::core::value::Value::Null);
                let (mut settings, _) = Settings::decode(&stored);
                settings.set_enabled(&site, on);
                if api.storage_set(&settings.encode()).await.is_err() {
                    // Not saved: show the real state rather than a lie.
                    input.set_checked(!on);
                    settings.set_enabled(&site, !on);
                }
                if let Some(doc) = dom::document() {
                    show_status(&api, &doc, &site, &settings);
                }
            });
        });
        let _ = input.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        on_change.forget();
    }
    if let Some(link) = dom::by_id::<HtmlElement>(&doc, "open-options") {
        let on_click = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.prevent_default();
            let _ = api.open_options_page();
        });
        let _ = link.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        on_click.forget();
    }
}
