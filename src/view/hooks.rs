//! Functions the page exports for the test and benchmark suites (reached from the browser as
//! `window.wasmBindings`). They only read the model; none changes what a person sees.

use super::engine::Engine;
use super::layout::Layout;
use crate::model::output::digest;
use crate::model::run::{Run, RunSpec};
use crate::model::scenario;
use wasm_bindgen::prelude::*;

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// Digest of a built-in scenario's run and baseline (compare with `standoff digest`).
#[wasm_bindgen]
pub fn model_digest(scenario_id: &str) -> Result<String, JsValue> {
    let spec = RunSpec::new(scenario::builtin(scenario_id).map_err(|e| JsValue::from_str(&e))?);
    let r = Run::complete(spec);
    Ok(format!("{:016x}", digest(r.frames()) ^ digest(&r.baseline).rotate_left(1)))
}

/// Best wall time (ms) of `reps` full june-2017 replays (run + baseline).
#[wasm_bindgen]
pub fn bench_replay(reps: u32) -> f64 {
    let spec = RunSpec::new(scenario::builtin("june-2017").expect("built-in"));
    let mut best = f64::MAX;
    for _ in 0..reps.max(1) {
        let t = now_ms();
        let r = Run::complete(spec.clone());
        let dt = now_ms() - t;
        assert!(!r.frames().is_empty());
        best = best.min(dt);
    }
    best
}

/// Wasm time (ms) to draw `frames` frames of the network canvas `canvas_id`, with the
/// sprite density scaled so that about `sprites` sprites are drawn. Returns per-frame times.
#[wasm_bindgen]
pub fn bench_draw(canvas_id: &str, sprites: u32, frames: u32) -> Result<Vec<f64>, JsValue> {
    use wasm_bindgen::JsCast;
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let c = doc
        .get_element_by_id(canvas_id)
        .ok_or("no canvas")?
        .dyn_into::<web_sys::HtmlCanvasElement>()
        .map_err(|_| "not a canvas")?;
    let mut e = Engine::scenario("june-2017").map_err(|e| JsValue::from_str(&e))?;
    e.run.advance_to(e.run.start() + 24 * 3 + 20);
    let lay = Layout::landscape();
    let ctx = c
        .get_context("2d")?
        .ok_or("no 2d context")?
        .dyn_into::<web_sys::CanvasRenderingContext2d>()
        .map_err(|_| "no 2d context")?;
    let natural = super::network::draw_sprites(&ctx, &lay, &e).max(1);
    let scale = sprites as f64 / natural as f64;
    let mut out = Vec::new();
    for i in 0..frames {
        e.phase = i as f64 * 0.01;
        let t = now_ms();
        let n = super::network::draw_with(&c, &e, crate::i18n::Lang::En, None, scale);
        assert!(n > 0);
        out.push(now_ms() - t);
    }
    Ok(out)
}
