//! The content script: classify the page, show the guide, highlight the next
//! click, pre-fill the form, and follow the single-page app as it navigates.
//!
//! Cost model: on a page where no step applies (or the site is switched off,
//! or quiet after a receipt), a DOM mutation costs one string comparison of
//! `location.href` and nothing else (no scan, no frame request). Where a step
//! applies, mutations schedule at most one scan per animation frame, fewer on
//! pages where a scan is costly (see `Content::pace`).

use crate::core::classify::{classify, Page, CONTACT_FORM};
use crate::core::fill::{self, EmailFill};
use crate::core::guide::{expected_step, is_confirmation, refine_contact_form, steps_for};
use crate::core::i18n::{self, Message};
use crate::core::label_files::label_lang;
use crate::core::map::Map;
use crate::core::matcher::{MatchContext, Sift};
use crate::core::ranking::Ranking;
use crate::core::receipts::Receipt;
use crate::core::rules::Rules;
use crate::core::settings::Settings;
use crate::core::strings::{concat, decimal};
use crate::core::url::Url;
use crate::prelude::*;
use crate::shell::browser::Api;
use crate::shell::changes::Changes;
use crate::shell::local::Local;
use crate::shell::panel::{Panel, View};
use crate::shell::{candidates, dom, form};
use ::core::cell::{Cell, RefCell};
use alloc::collections::VecDeque;
use alloc::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{AddEventListenerOptions, Element, KeyboardEvent, MutationObserver, MutationObserverInit};

/// After this long without a target, the panel says so and offers the direct link.
const NOT_FOUND_AFTER_MS: f64 = 4000.0;

struct Content {
    api: Api,
    rules: &'static Rules,
    settings: Settings,
    /// Messages in the page's language, when it differs from the browser's.
    catalog: Option<Map<Message>>,
    /// The language the panel speaks (BCP 47), for its `lang` attribute.
    panel_lang: String,
    url: String,
    /// What the URL says (may be an unknown contact form).
    url_page: Page,
    /// What the guide works with: `url_page`, refined by the page's text.
    page: Page,
    /// When the current page started being looked at.
    since: f64,
    panel: Option<Panel>,
    /// The panel's event listeners; dropped (unregistered memory) with it.
    panel_listeners: Vec<Closure<dyn FnMut(web_sys::Event)>>,
    target: Option<Element>,
    /// The URL on which the user closed the panel; it stays closed there.
    dismissed_on: Option<String>,
    /// `None` until the fill decision was taken for the current URL.
    fill_result: Option<EmailFill>,
    /// Whether the explanation text was written on this URL.
    explained: bool,
    /// Whether the user's name was written on this URL (third-party form).
    named: bool,
    /// The URL on which Meta's confirmation was seen and a receipt kept.
    confirmed_on: Option<String>,
    frame_pending: bool,
    /// Whether the guide works on this URL (a page on the path, the site
    /// switched on, not quiet, not closed): DOM changes matter only then.
    active: bool,
    /// No scan before this time (`performance.now()`), see [`Content::pace`].
    not_before: f64,
    /// When the last scan ended (`performance.now()`), and what it cost (ms).
    last_scan_end: f64,
    last_scan_cost: f64,
    /// The elements that scored on this page, kept between scans: a change
    /// is answered by reading only what changed (see `core::ranking`).
    ranking: Ranking<Element>,
    /// What `ranking` was read for (URL, page kind, language); when that
    /// changes, or is empty, the next scan reads the whole page.
    ranked_for: String,
    /// How many candidates the last whole-page read found (see
    /// [`Changes::limit`]).
    page_candidates: usize,
    /// What the page changed since the last scan.
    changed: Changes,
}

/// A change to the stored settings; says whether there is anything to write.
type SettingsChange = Box<dyn FnOnce(&mut Settings) -> bool>;

static STATE: Local<RefCell<Option<Content>>> = Local(RefCell::new(None));
/// Changes waiting to be written, and whether a writer is running.
static UPDATES: Local<RefCell<VecDeque<SettingsChange>>> = Local(RefCell::new(VecDeque::new()));
static UPDATING: Local<Cell<bool>> = Local(Cell::new(false));
/// The storage changed after the loader's read and before the core's state
/// existed: the start reads it again.
static CHANGED_BEFORE_START: Local<Cell<bool>> = Local(Cell::new(false));
/// The callback of the animation frame asked for, kept until it ran.
type FrameCallback = Option<Closure<dyn FnMut()>>;
static FRAME: Local<RefCell<FrameCallback>> = Local(RefCell::new(None));

fn with_state<R>(f: impl FnOnce(&mut Content) -> R) -> Option<R> {
    STATE.with(|s| s.try_borrow_mut().ok().and_then(|mut s| s.as_mut().map(f)))
}

fn no_page() -> Page {
    Page { site: String::new(), kind: "other".into(), form_id: None }
}

fn current_href() -> String {
    web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()
}

fn is_top_frame() -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    match w.top() {
        Ok(Some(top)) => js_sys::Object::is(&top, &w),
        _ => false,
    }
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// Entry point, called by `content.js` with the extension API object, the
/// `storage.local` read it started as soon as it ran, and the labels files'
/// text and the language they were read for if the background sent them with
/// its answer (Chromium; otherwise, or if the page needs others, they are
/// read here): all under way while the core loads.
#[wasm_bindgen]
pub fn start_content(api: JsValue, stored: js_sys::Promise, labels: JsValue, labels_lang: JsValue) {
    // Frames are never acted in: a Meta form framed by another page is exactly
    // how a hostile page would try to make the extension fill in its stead.
    if !is_top_frame() {
        return;
    }
    let api = Api::new(api);
    // Listening starts here, before anything is awaited: `stored` is a read
    // made before this call (at document_start, and dropped by
    // extension/prefetch.js at any change until this call), so a change it
    // may lack has its event still to come.
    follow_storage(&api);
    wasm_bindgen_futures::spawn_local(async move {
        // All at once: the storage read and the labels files are under way
        // while the background looks up the page language's messages.
        let stored = Api::storage_read(stored);
        let labels = label_files(&api, labels, labels_lang);
        let (panel_lang, catalog) = match page_catalog(&api).await {
            Some((locale, messages)) => (locale.replace('_', "-"), Some(messages)),
            None => (api.ui_language(), None),
        };
        // Made once, kept for the page's life.
        let labels = labels.await;
        let files: Vec<&str> = labels.iter().map(String::as_str).collect();
        let rules: &'static Rules = Box::leak(Box::new(Rules::embedded().with_label_files(&files)));
        // A change since the loader's read: read again before anything is
        // shown (the user may just have switched this site off).
        let mut read = stored.await;
        while CHANGED_BEFORE_START.with(|c| c.replace(false)) {
            read = api.storage_get().await;
        }
        let settings = match read {
            Ok(v) => Settings::read(&v),
            Err(_) => Settings::default(),
        };
        let state = Content {
            api: api.clone(),
            rules,
            settings,
            catalog,
            panel_lang,
            url: String::new(),
            url_page: no_page(),
            page: no_page(),
            since: now(),
            panel: None,
            panel_listeners: Vec::new(),
            target: None,
            dismissed_on: None,
            fill_result: None,
            explained: false,
            named: false,
            confirmed_on: None,
            frame_pending: false,
            active: false,
            not_before: 0.0,
            last_scan_end: f64::NEG_INFINITY,
            last_scan_cost: 0.0,
            ranking: Ranking::default(),
            ranked_for: String::new(),
            page_candidates: 0,
            changed: Changes::default(),
        };
        STATE.with(|s| *s.borrow_mut() = Some(state));
        install_listeners();
        evaluate();
    });
}

fn install_listeners() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(doc) = window.document() else { return };

    // DOM changes: cheap check, then at most one scan per frame. While the
    // guide looks for its target, the scan runs in this callback, before the
    // page paints: a target the page just inserted is highlighted in the same
    // frame, not one frame later.
    let on_mutation = Closure::<dyn FnMut(js_sys::Array)>::new(|records: js_sys::Array| {
        let work = with_state(|s| {
            if s.active {
                s.changed.note(&records, Changes::limit(s.page_candidates));
            }
            if s.frame_pending || !(s.active || s.awaiting_confirmation() || s.url != current_href()) {
                None
            } else if s.active && s.target.is_none() && s.url == current_href() && s.may_scan_now() {
                Some(true)
            } else {
                Some(false)
            }
        });
        match work.flatten() {
            Some(true) => evaluate(),
            Some(false) => schedule(),
            None => {}
        }
    });
    if let Ok(observer) = MutationObserver::new(on_mutation.as_ref().unchecked_ref()) {
        let init = MutationObserverInit::new();
        init.set_child_list(true);
        init.set_subtree(true);
        init.set_attributes(true);
        // A control's words can change in place (a text node's data).
        init.set_character_data(true);
        // Our own data-objector-* attributes are not in this list: no feedback loop.
        let filter: js_sys::Array =
            ["aria-expanded", "aria-hidden", "hidden", "style", "class", "href", "open", "aria-label", "role"]
                .iter()
                .map(|s| JsValue::from_str(s))
                .collect();
        init.set_attribute_filter(&filter);
        if let Some(root) = doc.document_element() {
            let _ = observer.observe_with_options(&root, &init);
        }
    }
    on_mutation.forget();

    // The user's own click on the highlighted Send (or Enter in its form)
    // starts waiting for Meta's confirmation. Capture phase: the page cannot
    // hide it by stopping propagation, and it is only read, never altered.
    let on_send = Closure::<dyn FnMut(web_sys::Event)>::new(|e: web_sys::Event| {
        with_state(|s| s.on_user_send(&e));
    });
    for ev in ["click", "submit"] {
        let _ = doc.add_event_listener_with_callback_and_bool(ev, on_send.as_ref().unchecked_ref(), true);
    }
    on_send.forget();

    let on_nav = Closure::<dyn FnMut()>::new(schedule);
    let _ = window.add_event_listener_with_callback("popstate", on_nav.as_ref().unchecked_ref());
    let _ = window.add_event_listener_with_callback("hashchange", on_nav.as_ref().unchecked_ref());
    on_nav.forget();

    // Keep the ring on its element while the page scrolls or resizes.
    let on_scroll = Closure::<dyn FnMut()>::new(|| {
        with_state(|s| {
            if let Some(p) = &s.panel {
                p.ring_over(s.target.as_ref());
            }
        });
    });
    let opts = AddEventListenerOptions::new();
    opts.set_capture(true);
    opts.set_passive(true);
    for ev in ["scroll", "resize"] {
        let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
            ev,
            on_scroll.as_ref().unchecked_ref(),
            &opts,
        );
    }
    on_scroll.forget();
}

/// The popup's switches and the options page take effect at once.
fn follow_storage(api: &Api) {
    let api2 = api.clone();
    let on_storage = Closure::<dyn FnMut(JsValue, JsValue)>::new(move |_changes: JsValue, area: JsValue| {
        if area.as_string().as_deref() != Some("local") {
            return;
        }
        if with_state(|_| ()).is_none() {
            CHANGED_BEFORE_START.with(|c| c.set(true));
            return;
        }
        reread_storage(api2.clone());
    });
    let _ = api.on_storage_changed(on_storage.as_ref().unchecked_ref());
    on_storage.forget();
}

fn reread_storage(api: Api) {
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(v) = api.storage_get().await else {
            return;
        };
        let settings = Settings::read(&v);
        with_state(|s| {
            if s.settings.email != settings.email && s.fill_result == Some(EmailFill::NothingStored) {
                s.fill_result = None;
            }
            s.settings = settings;
            // Switched off: take everything down now, not at the next frame
            // (a background tab gets no animation frames).
            if !s.settings.enabled(&s.url_page.site) {
                s.teardown();
            }
        });
        schedule();
    });
}

/// Schedules one evaluation on the next animation frame (later on a page
/// where scans are costly: see [`Content::pace`]).
fn schedule() {
    let already = with_state(|s| ::core::mem::replace(&mut s.frame_pending, true));
    if already != Some(false) {
        return;
    }
    request_frame();
}

fn request_frame() {
    FRAME.with(|f| {
        let mut f = f.borrow_mut();
        let cb = f.get_or_insert_with(|| {
            Closure::<dyn FnMut()>::new(|| {
                let wait = with_state(|s| s.wait_ms()).unwrap_or(0.0);
                if wait > 0.0 {
                    let retry = Closure::once_into_js(request_frame);
                    let set = web_sys::window().map(|w| {
                        w.set_timeout_with_callback_and_timeout_and_arguments_0(
                            retry.unchecked_ref(),
                            wait as i32 + i32::from((wait as i32 as f64) < wait), // rounded up
                        )
                    });
                    if !matches!(set, Some(Ok(_))) {
                        with_state(|s| s.frame_pending = false);
                    }
                    return;
                }
                with_state(|s| s.frame_pending = false);
                evaluate();
            })
        });
        if let Some(w) = web_sys::window() {
            if w.request_animation_frame(cb.as_ref().unchecked_ref()).is_err() {
                with_state(|s| s.frame_pending = false);
            }
        }
    });
}

/// Milliseconds on the page's clock.
fn perf_now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or_else(js_sys::Date::now)
}

fn schedule_in(ms: i32) {
    let cb = Closure::once_into_js(schedule);
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), ms);
    }
}

fn evaluate() {
    let started = perf_now();
    let needs_timer = with_state(|s| s.evaluate()).unwrap_or(false);
    with_state(|s| {
        let ended = perf_now();
        s.last_scan_end = ended;
        s.last_scan_cost = ended - started;
        s.pace(started, ended - started)
    });
    if needs_timer {
        schedule_in(NOT_FOUND_AFTER_MS as i32 + 100);
    }
}

/// Scans cheaper than this run every frame.
const CHEAP_SCAN_MS: f64 = 2.0;
/// A scan from the mutation callback (see `install_listeners`) at most once
/// per this long: the rate of one per frame, without waiting for the frame.
const IMMEDIATE_GAP_MS: f64 = 16.0;

impl Content {
    /// Keeps the extension's share of a busy page's main thread small: after
    /// a scan that cost `cost` ms, the next waits `cost` ms more (at most half
    /// the thread) while looking for a target, and 4 × `cost` (a fifth) once
    /// one is highlighted. A new URL is never kept waiting.
    fn pace(&mut self, started: f64, cost: f64) {
        self.not_before = if cost < CHEAP_SCAN_MS {
            0.0
        } else {
            let factor = if self.target.is_some() { 4.0 } else { 1.0 };
            started + cost * (1.0 + factor)
        };
    }

    /// Whether a scan may run right now rather than at the next frame: the
    /// last one fitted in a frame (on a page where scans cost more, e.g. one
    /// of 100,000 elements, they keep to frames: measured, immediate ones
    /// starved the page's own timers), none ran in the last frame's time,
    /// [`Content::pace`] does not hold it back, and the tab is in view (a
    /// hidden tab gets no frames, and so no scans, until the user returns).
    fn may_scan_now(&self) -> bool {
        let now = perf_now();
        self.last_scan_cost < IMMEDIATE_GAP_MS
            && now >= self.not_before
            && now - self.last_scan_end >= IMMEDIATE_GAP_MS
            && dom::document().is_some_and(|d| !d.hidden())
    }

    fn wait_ms(&self) -> f64 {
        if current_href() != self.url {
            return 0.0;
        }
        (self.not_before - perf_now()).max(0.0)
    }

    /// One pass. Returns true when a not-found timer should be armed.
    fn evaluate(&mut self) -> bool {
        let href = current_href();
        let mut arm_timer = false;
        if href != self.url {
            self.url_page = Url::parse(&href).map(|u| classify(self.rules, &u)).unwrap_or_else(no_page);
            self.url = href;
            self.since = now();
            self.fill_result = None;
            self.explained = false;
            self.named = false;
            arm_timer = self.url_page.is_on_path();
        }
        if self.awaiting_confirmation() {
            self.check_confirmation();
        }
        let confirmed_here = self.confirmed_on.as_deref() == Some(self.url.as_str());
        // After a receipt, the way to the form stays quiet; the forms themselves
        // still help (the user went there on purpose, e.g. for another account).
        let quiet = self.settings.quiet(&self.url_page.site) && !self.url_page.is_form() && !confirmed_here;
        let on_path = (self.url_page.is_on_path() || confirmed_here)
            && self.settings.enabled(&self.url_page.site)
            && !quiet
            && self.dismissed_on.as_deref() != Some(self.url.as_str());
        self.active = on_path;
        let Some(doc) = dom::document().filter(|_| on_path) else {
            self.teardown();
            return false;
        };
        let lang = page_language(&doc);
        if confirmed_here {
            self.retarget(None, None);
            self.page.kind = "confirmation".into();
            self.show(&doc, None);
            return false;
        }
        self.page = self.url_page.clone();
        if self.url_page.kind == CONTACT_FORM {
            // Only the page's own words can say what an unknown contact form is.
            match refine_contact_form(self.rules, &candidates::headings(&doc), &lang) {
                Some(kind) => self.page.kind = kind,
                None => {
                    self.teardown();
                    return arm_timer;
                }
            }
        }
        let Some(base) = Url::parse(&self.url) else {
            return false;
        };
        let steps = steps_for(self.rules, &self.page);
        let ctx = MatchContext::new(self.rules, &base, &lang);
        let read_for = concat(&[&self.url, "\n", &self.page.kind, "\n", &lang]);
        let changes = ::core::mem::take(&mut self.changed);
        let expanded = steps.iter().any(|s| s.expanded.is_some());
        let whole = changes.all || read_for != self.ranked_for;
        let sift = Rc::new(Sift::new(self.rules, &base, &lang, &steps));
        let found = if whole {
            self.ranking.clear();
            candidates::collect(&doc, expanded, sift)
        } else {
            let found = candidates::collect_changed(&doc, &changes.roots, &changes.owners, expanded, sift);
            // Elements that left the page go (also those moved into a frame:
            // still connected, but the guide never acts there); read and
            // changed ones are scored anew.
            self.ranking.retain(|e| {
                candidates::in_page(&doc, e) && !found.contains(e) && !changes.owners.iter().any(|n| n == e.as_ref())
            });
            found
        };
        let read = found.candidates();
        if whole {
            self.page_candidates = found.read_count();
        }
        self.ranking.add(&ctx, &steps, &read, |i| found.element(i));
        self.ranked_for = read_for;
        let opts = candidates::visibility_options();
        let choice = self
            .ranking
            .decide(&steps, self.rules.route_length, |e| candidates::is_visible(e, &opts), dom::page_order)
            .map(|(c, e)| (c, e.clone()));
        if let Some((c, _)) = &choice {
            self.record_progress(c.number);
        }
        match &choice {
            Some((c, e)) => self.retarget(Some(e.clone()), Some(c.step_id)),
            None => self.retarget(None, None),
        }
        let choice = choice.map(|(c, _)| c);
        if matches!(self.page.kind.as_str(), "objection_form" | "third_party_form") && self.fill_result.is_none() {
            self.try_fill(&doc);
        }
        self.show(&doc, choice.as_ref().map(|c| (c.step_id, c.number, c.of)));
        arm_timer
    }

    fn show(&mut self, doc: &web_sys::Document, choice: Option<(&str, u32, u32)>) {
        if self.panel.is_none() {
            self.panel = Panel::create(doc);
            if let Some(p) = &self.panel {
                self.panel_listeners = wire_panel(p);
            }
        }
        let view = self.view(choice);
        if let Some(p) = &self.panel {
            p.show(view);
            p.ring_over(self.target.as_ref());
        }
    }

    /// A Send click is waiting for Meta's confirmation on this site.
    fn awaiting_confirmation(&self) -> bool {
        !self.url_page.site.is_empty() && self.settings.pending.as_ref().is_some_and(|p| p.site == self.url_page.site)
    }

    /// Called for every click and submit (capture phase): when it is the
    /// user's own (trusted) activation of the highlighted Send on an objection
    /// form, remembers what was sent until Meta confirms it.
    fn on_user_send(&mut self, e: &web_sys::Event) {
        if !e.is_trusted() || self.page.kind != "objection_form" {
            return;
        }
        let Some(target) =
            self.target.as_ref().filter(|t| t.get_attribute("data-objector-target").as_deref() == Some("send"))
        else {
            return;
        };
        let Some(node) = e.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()) else { return };
        let hit = match e.type_().as_str() {
            "submit" => node.contains(Some(target)),
            _ => target.contains(Some(&node)),
        };
        let Some(doc) = dom::document().filter(|_| hit) else { return };
        let shown = form::email_field(&doc).map(|f| f.value().trim().to_string()).unwrap_or_default();
        let receipt = Receipt {
            site: self.page.site.clone(),
            form: self.page.form_id.clone().unwrap_or_default(),
            email: if crate::core::email::validate(&shown).is_ok() { shown } else { String::new() },
            at: js_sys::Date::new_0().to_iso_string().into(),
            lang: page_language(&doc),
        };
        if Receipt::decode(&receipt.encode()).is_err() {
            return; // e.g. no form number: nothing a receipt could prove
        }
        self.settings.pending = Some(receipt.clone());
        update_settings(&self.api, move |settings| {
            settings.pending = Some(receipt);
            true
        });
    }

    /// Looks for Meta's confirmation in the page's headings and status
    /// messages; when found, the pending Send becomes a receipt.
    fn check_confirmation(&mut self) {
        let Some(doc) = dom::document() else { return };
        let lang = page_language(&doc);
        if !is_confirmation(self.rules, &candidates::status_texts(&doc), &lang) {
            return;
        }
        let site = self.url_page.site.clone();
        let Some(pending) = self.settings.pending.clone() else { return };
        if !self.settings.confirm_pending(&site, now()) {
            return;
        }
        self.confirmed_on = Some(self.url.clone());
        update_settings(&self.api, move |settings| {
            settings.pending = Some(pending);
            settings.confirm_pending(&site, now())
        });
    }

    fn retarget(&mut self, new_target: Option<Element>, step: Option<&str>) {
        let same = match (&self.target, &new_target) {
            (Some(a), Some(b)) => a == b,
            (None, None) => true,
            _ => false,
        };
        if !same {
            if let Some(old) = self.target.take() {
                let _ = old.remove_attribute("data-objector-target");
            }
        }
        if let (Some(t), Some(step)) = (&new_target, step) {
            if t.get_attribute("data-objector-target").as_deref() != Some(step) {
                let _ = t.set_attribute("data-objector-target", step);
            }
        }
        self.target = new_target;
    }

    /// Remembers the furthest step reached on this site, for the popup.
    fn record_progress(&mut self, number: u32) {
        let site = self.page.site.clone();
        if self.settings.progress.get(&site).is_some_and(|&n| n >= number) {
            return;
        }
        self.settings.progress.insert(site.clone(), number);
        update_settings(&self.api, move |settings| {
            let further = settings.progress.get(&site).is_none_or(|&n| n < number);
            if further {
                settings.progress.insert(site, number);
            }
            further
        });
    }

    fn try_fill(&mut self, doc: &web_sys::Document) {
        let Some(field) = form::email_field(doc) else {
            return;
        };
        let decision = fill::decide(self.settings.email.as_deref(), &field.value());
        if let EmailFill::Fill(value) = &decision {
            if form::fill(&field, value).is_err() {
                return;
            }
        }
        // The country goes with the email, once, and only into an unanswered select.
        if let Some(code) = self.settings.country.as_deref() {
            if !form::fill_country(doc, code) {
                // A type-ahead takes the name, in the page's language.
                if let Some(name) = dom::region_name(code, &page_language(doc)) {
                    form::fill_country_typeahead(doc, &name);
                }
            }
        }
        if self.page.kind == "third_party_form" {
            if let Some(name) = self.settings.name.as_deref() {
                self.named = form::fill_name(doc, name);
            }
        }
        if self.settings.explain && self.page.kind == "objection_form" {
            // The default text speaks the page's language: it goes to Meta, on that page.
            let text = match self.settings.explanation.trim() {
                "" => self.t("explanation_default", &[]),
                own => own.to_string(),
            };
            self.explained = form::fill_explanation(doc, &text);
        }
        self.fill_result = Some(decision);
    }

    /// A message in the page's language, else the browser's.
    fn t(&self, key: &str, subs: &[&str]) -> String {
        match self.catalog.as_ref().and_then(|c| c.get(key)) {
            Some(m) => i18n::format(m, subs),
            None => self.api.t(key, subs),
        }
    }

    fn view(&self, choice: Option<(&str, u32, u32)>) -> View {
        let api = self;
        let site = self.rules.site(&self.page.site);
        let site_name = site.map(|s| s.name).unwrap_or("");
        let page_name = api.t(&concat(&["page_", &self.page.kind]), &[]);
        let on_form = self.page.kind == "objection_form";
        let step_text = match choice {
            Some((id, n, of)) => {
                let (n, of) = (decimal(n.into()), decimal(of.into()));
                concat(&[&api.t("step_of", &[&n, &of]), " ", &api.t(&concat(&["step_", id]), &[])])
            }
            None if now() - self.since >= NOT_FOUND_AFTER_MS => api.t("not_found", &[]),
            None => {
                let expected = expected_step(self.rules, &self.page).map(|s| s.id).unwrap_or("");
                concat(&[&api.t("looking", &[]), " ", &api.t(&concat(&["step_", expected]), &[])])
            }
        };
        let asks_code = on_form && dom::document().is_some_and(|d| form::asks_for_code(&d));
        let note_keys: &[&str] = match (&self.fill_result, self.page.kind.as_str()) {
            (_, "confirmation") => &["receipt_saved"],
            (_, "third_party_form") if self.named => &["third_party_note", "third_party_evidence", "fill_name"],
            (_, "third_party_form") => &["third_party_note", "third_party_evidence"],
            _ if asks_code => &["code_step"],
            (Some(EmailFill::Fill(_)), _) if self.explained => &["fill_done", "fill_explanation"],
            (Some(EmailFill::Fill(_)), _) => &["fill_done"],
            (Some(EmailFill::AlreadyThere), _) => &["fill_same"],
            (Some(EmailFill::KeepOther), _) => &["fill_kept_other"],
            (Some(EmailFill::NothingStored), _) => &["fill_no_email"],
            (None, _) => &[],
        };
        let note = note_keys.iter().map(|k| api.t(k, &[])).collect::<Vec<_>>().join(" ");
        View {
            site: self.page.site.clone(),
            page: self.page.kind.clone(),
            step: choice.map(|c| c.0.to_string()).unwrap_or_default(),
            status: match choice {
                _ if self.page.kind == "confirmation" => "done",
                Some(_) => "found",
                None if now() - self.since >= NOT_FOUND_AFTER_MS => "not-found",
                None => "looking",
            },
            note_keys: note_keys.join(" "),
            where_text: api.t("where", &[site_name, &page_name]),
            step_text,
            note,
            direct_label: api.t("open_form_directly", &[]),
            direct_href: if on_form || self.page.kind == "confirmation" {
                String::new()
            } else {
                site.map(|s| s.direct_form.to_string()).unwrap_or_default()
            },
            brand: api.t("extension_name", &[]),
            close_label: api.t("close", &[]),
            not_now_label: api.t("not_now", &[site_name]),
            region_label: api.t("panel_label", &[]),
            lang: self.panel_lang.clone(),
        }
    }

    fn teardown(&mut self) {
        // Whatever the page does while the guide is down, the next scan reads it all.
        self.ranked_for.clear();
        self.ranking.clear();
        if let Some(t) = self.target.take() {
            let _ = t.remove_attribute("data-objector-target");
        }
        if let Some(p) = self.panel.take() {
            p.remove();
        }
        self.panel_listeners.clear();
    }

    /// Records the user's "close"; the next frame removes the panel (not this
    /// call: it runs inside the panel's own listener, which teardown drops).
    fn dismiss(&mut self) {
        self.dismissed_on = Some(self.url.clone());
    }
}

/// "Not now on this site": switches the site's helpers off in storage, exactly
/// like the popup's switch (which turns them back on).
fn not_now() {
    let Some((api, site)) = with_state(|s| (s.api.clone(), s.page.site.clone())) else {
        return;
    };
    update_settings(&api, move |settings| {
        settings.set_enabled(&site, false);
        true
    });
}

/// Read-modify-write of the stored settings, one change at a time: the Send
/// click, its submit and Meta's confirmation come within milliseconds, and two
/// updates in flight must not each write back what they read before the
/// other's change (a receipt lost). A read that fails writes nothing: never
/// defaults over the user's email.
fn update_settings(api: &Api, change: impl FnOnce(&mut Settings) -> bool + 'static) {
    UPDATES.with(|q| q.borrow_mut().push_back(Box::new(change)));
    if UPDATING.with(|u| u.replace(true)) {
        return; // the running writer takes it
    }
    let api = api.clone();
    wasm_bindgen_futures::spawn_local(async move {
        while let Some(change) = UPDATES.with(|q| q.borrow_mut().pop_front()) {
            let Ok(stored) = api.storage_get().await else { continue };
            let mut settings = Settings::read(&stored);
            if change(&mut settings) {
                let _ = api.storage_set(&settings.encode()).await;
            }
        }
        UPDATING.with(|u| u.set(false));
    });
}

fn wire_panel(p: &Panel) -> Vec<Closure<dyn FnMut(web_sys::Event)>> {
    let on_close = Closure::<dyn FnMut(web_sys::Event)>::new(|_e: web_sys::Event| {
        with_state(Content::dismiss);
        schedule();
    });
    let _ = p.close_button().add_event_listener_with_callback("click", on_close.as_ref().unchecked_ref());
    let on_key = Closure::<dyn FnMut(web_sys::Event)>::new(|e: web_sys::Event| {
        if e.dyn_ref::<KeyboardEvent>().is_some_and(|k| k.key() == "Escape") {
            with_state(Content::dismiss);
            schedule();
        }
    });
    let _ = p.host().add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
    let on_not_now = Closure::<dyn FnMut(web_sys::Event)>::new(|_e: web_sys::Event| not_now());
    let _ = p.not_now_button().add_event_listener_with_callback("click", on_not_now.as_ref().unchecked_ref());
    vec![on_close, on_key, on_not_now]
}

/// The texts of the labels files for the page's language: `given` (the
/// files one after the other, which the background read along with its
/// answer to the loader's question, in Chromium), if they are the files this
/// page needs (`given_lang`, the language they were read for: asked at
/// document_start, the question names the browser's language, not the
/// page's), else read from the extension now.
fn label_files(api: &Api, given: JsValue, given_lang: JsValue) -> impl ::core::future::Future<Output = Vec<String>> {
    let lang = dom::document().map(|doc| page_language(&doc)).unwrap_or_default();
    let same = given_lang.as_string().is_some_and(|l| label_lang(&l) == label_lang(&lang));
    let given = given.as_string().filter(|_| same);
    let read = match given {
        Some(_) => None,
        None => Some(api.read_label_files(&Rules::embedded().label_files_for(&lang))),
    };
    async move {
        match read {
            Some(read) => read.await,
            None => given.map(|text| vec![text]).unwrap_or_default(),
        }
    }
}

/// The messages of the page's language, unless the browser already speaks it.
async fn page_catalog(api: &Api) -> Option<(String, Map<Message>)> {
    let doc = dom::document()?;
    let page = i18n::locale_candidates(&page_language(&doc));
    let ui = i18n::locale_candidates(&api.ui_language());
    if page.is_empty() || page.last() == ui.last() {
        return None;
    }
    api.locale_messages(&page).await
}

/// The page's UI language (`<html lang>`), else the browser's.
fn page_language(doc: &web_sys::Document) -> String {
    let lang = doc.document_element().and_then(|e| e.get_attribute("lang")).unwrap_or_default();
    if !lang.trim().is_empty() {
        return lang.trim().to_string();
    }
    web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_else(|| "en".into())
}
