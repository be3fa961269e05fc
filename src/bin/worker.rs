//! The Web Worker's module: computes "how sure is this?" jobs (`uncertainty::Scheduler`) one run
//! at a time, so that the page's thread never waits for an ensemble. It holds no interface code
//! (built with `--no-default-features`). `static/uncertainty-worker.js` loads it and calls
//! `submit` for each request and `work` until it is `idle` (the page, without a worker, calls
//! `work_steps` for a slice of each frame instead). It also answers the page's Cite (`cite`) and
//! Download data (`bundle`), which recompute a link's run: the page's module carries neither the
//! citation's words nor the bundle's writer.

#[cfg(target_arch = "wasm32")]
mod worker {
    use parcel_standoff::ui::uncertainty::Scheduler;
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;

    thread_local! {
        static JOBS: RefCell<Scheduler> = RefCell::new(Scheduler::default());
    }

    /// A request (`uncertainty::Request::to_text`); returns the first message to the page.
    #[wasm_bindgen]
    pub fn submit(text: &str) -> String {
        JOBS.with(|j| j.borrow_mut().submit(text))
    }

    /// The citation of the state at `link` (the page's address), cited on `date`, in `lang`:
    /// `ui::cite::for_page`.
    #[wasm_bindgen]
    pub fn cite(link: &str, lang: &str, date: &str) -> String {
        let lang = parcel_standoff::present::i18n::Lang::parse(lang).unwrap_or_default();
        parcel_standoff::ui::cite::for_page(link, lang, date)
    }

    /// The zip of the whole run of the state `link` names: `ui::bundle::for_page`.
    #[wasm_bindgen]
    pub fn bundle(link: &str) -> Result<Vec<u8>, String> {
        parcel_standoff::ui::bundle::for_page(link)
    }

    /// Compute one run; the message to the page, or "" when idle.
    #[wasm_bindgen]
    pub fn work() -> String {
        JOBS.with(|j| j.borrow_mut().work())
    }

    /// At most `steps` model steps (the page computing without a worker, a slice of a frame);
    /// the message to the page when a run is done, else "".
    #[wasm_bindgen]
    pub fn work_steps(steps: usize) -> String {
        JOBS.with(|j| j.borrow_mut().work_steps(steps))
    }

    /// Nothing to compute now.
    #[wasm_bindgen]
    pub fn idle() -> bool {
        JOBS.with(|j| j.borrow().idle())
    }

    // ---- for the test and benchmark suites (`tests/e2e/util.mjs`, `workerBindings`) ----

    use parcel_standoff::model::run::{Run, RunSpec};
    use parcel_standoff::model::scenario;

    /// Digest of a built-in scenario's run and baseline (compare with `standoff digest`).
    #[wasm_bindgen]
    pub fn model_digest(scenario_id: &str) -> Result<String, String> {
        let r = Run::complete(RunSpec::new(scenario::builtin(scenario_id)?));
        Ok(format!("{:016x}", r.digest()))
    }

    /// Best wall time (ms, to the millisecond) of `reps` full june-2017 replays (run + baseline).
    #[wasm_bindgen]
    pub fn bench_replay(reps: u32) -> f64 {
        let spec = RunSpec::new(scenario::builtin("june-2017").expect("built-in"));
        let mut best = f64::MAX;
        for _ in 0..reps.max(1) {
            let t = js_sys::Date::now();
            let r = Run::complete(spec.clone());
            best = best.min(js_sys::Date::now() - t);
            assert!(!r.frames().is_empty());
        }
        best
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("parcel-standoff-worker runs in the browser (a Web Worker); natively, use `standoff ensemble`.");
}
