//! Glue: where "how sure is this?" is computed. A Web Worker with its own wasm module
//! (`uncertainty-worker.js` and the `parcel-standoff-worker` module), started the first time a
//! request is sent: one per core but one, at least one and at most two (each computing half of
//! the bands' runs): on two cores, two workers beside the page made its frames late while bands
//! computed (p95 217 ms against 133 ms with one, on a loaded 2-core machine) for an ensemble
//! barely faster (9.2 s against 10.0 s). When no worker can start (a policy forbids it, the page
//! was opened as a file, a failed load), the page loads the same script and module itself and
//! the same jobs run on the page, ~12 ms of model steps a frame; the page says so. The page's own bundle holds none
//! of the ensemble code. Replies (text, see `uncertainty::Scheduler`) go to `on_reply`.

use crate::ui::uncertainty::{Request, Task};
use gloo_events::EventListener;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::Callback;

const WORKER_SCRIPT: &str = "uncertainty-worker.js";
const MODULE_SCRIPT: &str = "parcel-standoff-worker.js";

pub struct Estimator(Rc<RefCell<Inner>>);

enum Where {
    Nowhere,
    /// One worker per core but one (at least one, at most two): the bands' runs are split between them.
    Workers(Vec<web_sys::Worker>),
    /// Loading the script on the page.
    Loading,
    /// The page's stand-in (`window.parcelStandoffLocal`).
    Page(JsValue),
    /// Nothing can compute here.
    Failed,
}

struct Inner {
    at: Where,
    listeners: Vec<EventListener>,
    /// Requests not yet answered (the latest of each kind): sent again if the worker fails.
    open: Vec<Request>,
    /// Each worker's progress on the current bands: (id, done, total).
    progress: Vec<(u64, usize, usize)>,
    on_reply: Callback<String>,
    on_in_page: Callback<()>,
    /// Keeps the page's reply handler alive.
    _listen: Option<Closure<dyn FnMut(JsValue)>>,
}

impl Estimator {
    pub fn new(on_reply: Callback<String>, on_in_page: Callback<()>) -> Estimator {
        Estimator(Rc::new(RefCell::new(Inner {
            at: Where::Nowhere,
            listeners: Vec::new(),
            open: Vec::new(),
            progress: Vec::new(),
            on_reply,
            on_in_page,
            _listen: None,
        })))
    }

    pub fn send(&self, req: &Request) {
        {
            let mut i = self.0.borrow_mut();
            i.open.retain(|r| r.task.slot() != req.task.slot());
            i.open.push(req.clone());
        }
        if matches!(self.0.borrow().at, Where::Nowhere) && !self.start_workers() {
            self.fall_back();
        }
        if matches!(self.0.borrow().at, Where::Failed) {
            return self.fail();
        }
        self.post(req);
    }

    /// Send a request where jobs run: the bands and a ranking split over the workers.
    fn post(&self, req: &Request) {
        let ok = match &self.0.borrow().at {
            Where::Workers(ws) => match req.task {
                Task::Bands { .. } | Task::Rank { .. } if ws.len() > 1 => ws.iter().enumerate().all(|(k, w)| {
                    let shard = Request { task: req.task.shard(k, ws.len()), ..req.clone() };
                    w.post_message(&shard.to_text().into()).is_ok()
                }),
                // an experiment to the last worker: beside the bands, not after them
                Task::Experiment(_) => ws[ws.len() - 1].post_message(&req.to_text().into()).is_ok(),
                _ => ws[0].post_message(&req.to_text().into()).is_ok(),
            },
            Where::Page(local) => call(local, "post", &req.to_text().into()),
            _ => true, // sent when the page's stand-in has loaded
        };
        if !ok {
            self.fall_back();
        }
    }

    /// Start a worker per core but one (at least one, at most two): the page keeps a core for
    /// its frames; false if the browser refuses at once.
    fn start_workers(&self) -> bool {
        let cores = web_sys::window().map(|w| w.navigator().hardware_concurrency()).unwrap_or(1.0);
        let n = if cores >= 3.0 { 2 } else { 1 };
        let mut ws = Vec::new();
        let mut listeners = Vec::new();
        for k in 0..n {
            let Ok(w) = web_sys::Worker::new(WORKER_SCRIPT) else { break };
            let me = Rc::downgrade(&self.0);
            listeners.push(EventListener::new(&w, "message", move |e| {
                let text = e.dyn_ref::<web_sys::MessageEvent>().and_then(|m| m.data().as_string()).unwrap_or_default();
                if let Some(inner) = me.upgrade() {
                    Estimator(inner).worker_said(k, text);
                }
            }));
            let me = Rc::downgrade(&self.0);
            // the script or its module could not load (missing, forbidden by policy): compute here
            listeners.push(EventListener::new(&w, "error", move |_| {
                if let Some(inner) = me.upgrade() {
                    Estimator(inner).fall_back();
                }
            }));
            ws.push(w);
        }
        if ws.is_empty() {
            return false;
        }
        let mut i = self.0.borrow_mut();
        i.listeners = listeners;
        i.progress = vec![(0, 0, 0); ws.len()];
        i.at = Where::Workers(ws);
        true
    }

    /// A message from worker `k`: progress is summed over the workers, another shard's
    /// outcomes go to the first worker, the rest to the page.
    fn worker_said(&self, k: usize, text: String) {
        if let Some(rest) = text.strip_prefix("o\t") {
            if let Where::Workers(ws) = &self.0.borrow().at {
                let _ = ws[0].post_message(&format!("m\t{rest}").into());
            }
            return;
        }
        if text.starts_with("p\t") {
            let f: Vec<u64> = text.split('\t').skip(1).filter_map(|x| x.parse().ok()).collect();
            if let [id, done, total] = f[..] {
                let sum = {
                    let mut i = self.0.borrow_mut();
                    if let Some(p) = i.progress.get_mut(k) {
                        *p = (id, done as usize, total as usize);
                    }
                    i.progress.iter().filter(|p| p.0 == id).fold((0, 0), |a, p| (a.0 + p.1, a.1 + p.2))
                };
                return self.reply(format!("p\t{id}\t{}\t{}", sum.0, sum.1));
            }
        }
        self.reply(text);
    }

    fn reply(&self, text: String) {
        if text.starts_with("x\t0\tthe module could not start") && matches!(self.0.borrow().at, Where::Workers(_)) {
            self.fall_back();
            return;
        }
        let on = {
            let mut i = self.0.borrow_mut();
            if let Some(id) = finished_id(&text) {
                i.open.retain(|r| r.id != id);
            }
            i.on_reply.clone()
        };
        on.emit(text);
    }

    /// Compute on the page from now on: load the worker's script and module here (the single
    /// offline file carries them already), then send what the worker had not answered.
    fn fall_back(&self) {
        {
            let mut i = self.0.borrow_mut();
            if let Where::Workers(ws) = &i.at {
                ws.iter().for_each(|w| w.terminate());
            } else if !matches!(i.at, Where::Nowhere) {
                return;
            }
            i.listeners.clear();
            i.at = Where::Loading;
            let on = i.on_in_page.clone();
            drop(i);
            on.emit(());
        }
        if local().is_some() {
            self.page_ready();
            return;
        }
        let me = Rc::downgrade(&self.0);
        self.load(MODULE_SCRIPT, move |ok| {
            let Some(inner) = me.upgrade() else { return };
            let e = Estimator(inner);
            if !ok {
                e.fail();
                return;
            }
            let me = Rc::downgrade(&e.0);
            e.load(WORKER_SCRIPT, move |ok| {
                if let Some(inner) = me.upgrade() {
                    let e = Estimator(inner);
                    if ok && local().is_some() {
                        e.page_ready();
                    } else {
                        e.fail();
                    }
                }
            });
        });
    }

    /// Add a script to the page; `done(loaded)` when it has run or failed.
    fn load(&self, src: &str, done: impl Fn(bool) + 'static) {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return self.fail() };
        let Ok(s) = doc.create_element("script") else { return self.fail() };
        let _ = s.set_attribute("src", src);
        let done = Rc::new(done);
        let d = done.clone();
        let ok = EventListener::once(&s, "load", move |_| d(true));
        let bad = EventListener::once(&s, "error", move |_| done(false));
        self.0.borrow_mut().listeners.extend([ok, bad]);
        if let Some(head) = doc.head() {
            let _ = head.append_child(&s);
        }
    }

    fn page_ready(&self) {
        let Some(local) = local() else { return self.fail() };
        let me = Rc::downgrade(&self.0);
        let listen = Closure::<dyn FnMut(JsValue)>::new(move |m: JsValue| {
            if let Some(inner) = me.upgrade() {
                Estimator(inner).reply(m.as_string().unwrap_or_default());
            }
        });
        call(&local, "listen", listen.as_ref());
        let open: Vec<Request> = {
            let mut i = self.0.borrow_mut();
            i._listen = Some(listen);
            i.at = Where::Page(local);
            i.open.clone()
        };
        for req in open {
            self.post(&req);
        }
    }

    fn fail(&self) {
        let open: Vec<u64> = {
            let mut i = self.0.borrow_mut();
            i.at = Where::Failed;
            i.open.drain(..).map(|r| r.id).collect()
        };
        for id in open {
            // an empty reason: the page says in its own words that nothing can compute here
            self.reply(format!("x\t{id}\t"));
        }
    }
}

/// The page's stand-in for a worker, once its script has run.
fn local() -> Option<JsValue> {
    let w = web_sys::window()?;
    js_sys::Reflect::get(&w, &"parcelStandoffLocal".into()).ok().filter(|v| v.is_object())
}

fn call(obj: &JsValue, method: &str, arg: &JsValue) -> bool {
    js_sys::Reflect::get(obj, &method.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .is_some_and(|f| f.call1(obj, arg).is_ok())
}

/// The request an answer or a refusal closes.
fn finished_id(text: &str) -> Option<u64> {
    let mut f = text.split(['\t', '\n']);
    match f.next() {
        Some("a") | Some("x") => f.next()?.parse().ok(),
        _ => None,
    }
}
