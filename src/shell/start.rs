//! "Start on Facebook / Instagram" buttons (first-run page, options, popup):
//! each opens its site's start page from the rules, where the guide takes over.
//! The popup relabels a button "Guide me again" when its site has a receipt.

use crate::core::rules::Rules;
use crate::core::settings::Settings;
use crate::prelude::*;
use crate::shell::browser::Api;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement};

/// Wires every `[data-start="<site id>"]` button of the page.
pub fn wire_buttons(api: &Api, doc: &Document) {
    let rules = Rules::embedded();
    let Ok(buttons) = doc.query_selector_all("[data-start]") else { return };
    for i in 0..buttons.length() {
        let Some(button) = buttons.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else { continue };
        let Some(site) = button.get_attribute("data-start").and_then(|id| rules.site(&id)) else { continue };
        button.set_text_content(Some(&api.t("start_on", &[site.name])));
        let api = api.clone();
        let on_click = Closure::<dyn FnMut()>::new(move || {
            let api = api.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // Asking to start is asking again: a site with a receipt is
                // quiet until then. Saved before the tab opens, so that the
                // new page's guide reads it.
                if let Ok(stored) = api.storage_get().await {
                    let mut settings = Settings::read(&stored);
                    if settings.quiet(site.id) {
                        settings.again.push(site.id.to_string());
                        let _ = api.storage_set(&settings.encode()).await;
                    }
                }
                let _ = api.open_tab(site.start);
            });
        });
        let _ = button.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        on_click.forget();
    }
}
