//! The toolbar popup: one switch per site with its status (guide on/off,
//! furthest step, objection sent or not), the receipts (copy, export,
//! delete), and what one objection covers. A change is written to storage at
//! once; content scripts listen to storage and stop or resume without reload.

use crate::core::receipts::{self, Receipt};
use crate::core::rules::Rules;
use crate::core::settings::{access, Settings, SITES};
use crate::core::value::Value;
use crate::prelude::*;
use crate::shell::browser::{json_text, Api};
use crate::shell::{dom, start};
use ::core::cell::Cell;
use alloc::rc::Rc;
use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, HtmlElement, HtmlInputElement};

/// `at` (ISO 8601) as a date and time in the browser's language.
fn local_time(at: &str, lang: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(at));
    if date.get_time().is_nan() {
        return at.to_string();
    }
    let opts = js_sys::Object::new();
    let _ = Reflect::set(&opts, &"dateStyle".into(), &"long".into());
    let _ = Reflect::set(&opts, &"timeStyle".into(), &"short".into());
    date.to_locale_string(lang, &opts).into()
}

fn site_name(site: &str) -> String {
    Rules::embedded().site(site).map_or_else(|| site.to_string(), |s| s.name.to_string())
}

/// "Guide on · furthest step 4 of 6", then "objection sent on …" or "not sent yet".
fn show_status(api: &Api, doc: &Document, site: &str, settings: &Settings) {
    if let Some(line) = dom::by_id::<HtmlElement>(doc, &format!("status-{site}")) {
        let state = if settings.enabled(site) { api.t("status_on", &[]) } else { api.t("status_off", &[]) };
        let of = Rules::embedded().route_length;
        let progress = match settings.progress.get(site) {
            Some(n) => api.t("status_progress", &[&n.to_string(), &of.to_string()]),
            None => api.t("status_not_started", &[]),
        };
        line.set_text_content(Some(&format!("{state} · {progress}")));
    }
    if let Some(line) = dom::by_id::<HtmlElement>(doc, &format!("sent-{site}")) {
        let (text, sent) = match settings.receipt(site) {
            Some(r) => (api.t("status_sent", &[&local_time(&r.at, &api.ui_language())]), "yes"),
            None => (api.t("status_not_yet", &[]), "no"),
        };
        line.set_text_content(Some(&text));
        let _ = line.set_attribute("data-sent", sent);
    }
    // With a receipt the guide is quiet; the start button asks for it again.
    if let Ok(Some(button)) = doc.query_selector(&format!("button[data-start=\"{site}\"]")) {
        let name = site_name(site);
        let label = if settings.quiet(site) { api.t("guide_again", &[&name]) } else { api.t("start_on", &[&name]) };
        button.set_text_content(Some(&label));
    }
}

/// One line per receipt, as copied to the clipboard.
fn receipt_lines(api: &Api, list: &[Receipt]) -> Vec<String> {
    let lang = api.ui_language();
    list.iter()
        .map(|r| {
            let email = if r.email.is_empty() { "—" } else { r.email.as_str() };
            api.t("receipt_line", &[&site_name(&r.site), &local_time(&r.at, &lang), email])
        })
        .collect()
}

fn show_receipts(api: &Api, doc: &Document, settings: &Settings) {
    let Some(list) = dom::by_id::<HtmlElement>(doc, "receipts-list") else { return };
    list.set_text_content(None);
    for line in receipt_lines(api, &settings.receipts) {
        if let Some(li) = dom::el(doc, "li", "", &line) {
            let _ = list.append_child(&li);
        }
    }
    let any = !settings.receipts.is_empty();
    for (id, visible) in [("receipts-none", !any), ("receipts-actions", any)] {
        if let Some(e) = dom::by_id::<HtmlElement>(doc, id) {
            e.set_hidden(!visible);
        }
    }
}

fn say(doc: &Document, text: &str) {
    if let Some(e) = dom::by_id::<HtmlElement>(doc, "receipts-msg") {
        e.set_text_content(Some(text));
    }
}

fn render(api: &Api, doc: &Document, settings: &Settings) {
    for site in SITES {
        show_status(api, doc, site, settings);
    }
    show_receipts(api, doc, settings);
}

pub fn start_popup(api: Api) {
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
            let stored = api.storage_get().await.unwrap_or(Value::Null);
            let mut settings = Settings::read(&stored);
            for (site, input) in &switches {
                // Access the user took away in the browser's own settings shows as off;
                // switching on asks for it again.
                if !api.has_origins(access(site)).await.unwrap_or(true) {
                    settings.set_enabled(site, false);
                }
                input.set_checked(settings.enabled(site));
                let _ = input.set_attribute("aria-checked", if settings.enabled(site) { "true" } else { "false" });
                input.set_disabled(false);
            }
            render(&api, &doc, &settings);
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
            // On: ask for the site's host access now, inside the user's click (Firefox
            // asks the user when it was taken away; where it is held, nothing is shown).
            let granted = if on { api.request_origins(access(&site)).ok() } else { None };
            wasm_bindgen_futures::spawn_local(async move {
                let stored = api.storage_get().await.unwrap_or(Value::Null);
                let mut settings = Settings::read(&stored);
                // Saved first: a browser may close the popup while it asks the user.
                settings.set_enabled(&site, on);
                if api.storage_set(&settings.encode()).await.is_err() {
                    settings.set_enabled(&site, !on); // not saved
                }
                if let Some(granted) = granted {
                    if !matches!(JsFuture::from(granted).await.map(|g| g.as_bool()), Ok(Some(true))) {
                        // Refused: the guide cannot run there, so the switch says off.
                        settings.set_enabled(&site, false);
                        let _ = api.storage_set(&settings.encode()).await;
                    }
                } else if !on {
                    // Off also gives the access back where the browser allows it (Firefox);
                    // Chromium keeps the access its manifest requires, and the switch alone stops the guide.
                    let _ = api.remove_origins(access(&site)).await;
                }
                // The real state, rather than a lie when something was refused or not saved.
                let now = settings.enabled(&site);
                input.set_checked(now);
                let _ = input.set_attribute("aria-checked", if now { "true" } else { "false" });
                if let Some(doc) = dom::document() {
                    show_status(&api, &doc, &site, &settings);
                }
            });
        });
        let _ = input.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        on_change.forget();
    }
    wire_receipt_buttons(&api, &doc);
    if let Some(link) = dom::by_id::<HtmlElement>(&doc, "open-options") {
        let on_click = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.prevent_default();
            let _ = api.open_options_page();
        });
        let _ = link.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        on_click.forget();
    }
}

fn on_click(doc: &Document, id: &str, f: impl FnMut() + 'static) {
    let Some(button) = dom::by_id::<HtmlElement>(doc, id) else { return };
    let cb = Closure::<dyn FnMut()>::new(f);
    let _ = button.add_event_listener_with_callback("click", cb.as_ref().unchecked_ref());
    cb.forget();
}

fn wire_receipt_buttons(api: &Api, doc: &Document) {
    let (a, d) = (api.clone(), doc.clone());
    on_click(doc, "receipts-copy", move || {
        let (api, doc) = (a.clone(), d.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let settings = Settings::read(&api.storage_get().await.unwrap_or(Value::Null));
            let text = receipt_lines(&api, &settings.receipts).join("\n");
            let msg = match copy(&text).await {
                Ok(()) => api.t("receipts_copied", &[]),
                Err(e) => api.t("save_failed", &[&e]),
            };
            say(&doc, &msg);
        });
    });
    let (a, d) = (api.clone(), doc.clone());
    on_click(doc, "receipts-export", move || {
        let (api, doc) = (a.clone(), d.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let settings = Settings::read(&api.storage_get().await.unwrap_or(Value::Null));
            let json = json_text(&Value::object([("receipts", receipts::encode_list(&settings.receipts))]));
            if let Err(e) = download(&doc, "objector-receipts.json", &json) {
                say(&doc, &api.t("save_failed", &[&e]));
            }
        });
    });
    // Deleting asks for a second click: receipts are the user's only proof.
    let armed = Rc::new(Cell::new(false));
    let (a, d) = (api.clone(), doc.clone());
    on_click(doc, "receipts-delete", move || {
        if !armed.replace(true) {
            say(&d, &a.t("receipts_delete_confirm", &[]));
            return;
        }
        armed.set(false);
        let (api, doc) = (a.clone(), d.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let mut settings = Settings::read(&api.storage_get().await.unwrap_or(Value::Null));
            settings.receipts.clear();
            settings.pending = None;
            settings.again.clear();
            let msg = match api.storage_set(&settings.encode()).await {
                Ok(()) => api.t("receipts_deleted", &[]),
                Err(e) => api.t("save_failed", &[&e]),
            };
            render(&api, &doc, &settings);
            say(&doc, &msg);
        });
    });
}

/// Puts `text` on the clipboard (the popup click is the user gesture).
async fn copy(text: &str) -> Result<(), String> {
    let clipboard = web_sys::window().ok_or("no window")?.navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|e| e.as_string().unwrap_or_else(|| "the clipboard is not available".into()))
}

/// Saves `text` as a file through a temporary link to a blob: no permission needed.
fn download(doc: &Document, name: &str, text: &str) -> Result<(), String> {
    let parts: js_sys::Array = ::core::iter::once(JsValue::from_str(text)).collect();
    let props = web_sys::BlobPropertyBag::new();
    props.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &props).map_err(|_| "no blob")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "no object URL")?;
    let link: web_sys::HtmlAnchorElement =
        dom::el(doc, "a", "", "").ok_or("no link")?.dyn_into().map_err(|_| "no link")?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The URL is not revoked: the download may still be reading it, and the
    // popup's document (and the blob with it) is gone as soon as it closes.
    Ok(())
}
