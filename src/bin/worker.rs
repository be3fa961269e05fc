//! The Web Worker's module: computes "how sure is this?" jobs (`uncertainty::Scheduler`) one run
//! at a time, so that the page's thread never waits for an ensemble. It holds no interface code
//! (built with `--no-default-features`). `static/uncertainty-worker.js` loads it and calls
//! `submit` for each request and `work` until it returns nothing.

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

    /// Compute one run; the message to the page, or "" when idle.
    #[wasm_bindgen]
    pub fn work() -> String {
        JOBS.with(|j| j.borrow_mut().work())
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("parcel-standoff-worker runs in the browser (a Web Worker); natively, use `standoff ensemble`.");
}
