//! The Web Worker's module: computes "how sure is this?" jobs (`uncertainty::Scheduler`) one run
//! at a time, so that the page's thread never waits for an ensemble. It holds no interface code
//! (built with `--no-default-features`). `static/uncertainty-worker.js` loads it and calls
//! `submit` for each request and `work` until it is `idle` (the page, without a worker, calls
//! `work_steps` for a slice of each frame instead).

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
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("parcel-standoff-worker runs in the browser (a Web Worker); natively, use `standoff ensemble`.");
}
