//! The frame benchmark's scene (`BenchScene`), which the page's module exports for the benchmark
//! suite (reached from the browser as `window.wasmBindings`): it draws the page's network on a
//! canvas it is given and changes nothing a person sees. A module of the page's binary, not of the
//! library. The model's own test functions (`model_digest`, `bench_replay`) are the workers'
//! module's (`src/bin/worker.rs`), which every reader does not download first.

use parcel_standoff::model::run::RunSpec;
use parcel_standoff::model::scenario;
use parcel_standoff::ui::playback::Player;
use wasm_bindgen::prelude::*;

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// A prepared scene for the frame benchmark: the june-2017 world on 1 June, evening.
#[wasm_bindgen]
pub struct BenchScene {
    player: Player,
    frame: u32,
}

#[wasm_bindgen]
impl BenchScene {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<BenchScene, JsValue> {
        let mut player = Player::new(RunSpec::new(scenario::builtin("june-2017").map_err(|e| JsValue::from_str(&e))?));
        player.seek_hour(24 * 3 + 20);
        Ok(BenchScene { player, frame: 0 })
    }

    /// Draw one frame of the network on canvas `canvas_id` with about `sprites` sprites;
    /// returns the wasm time in ms.
    pub fn draw(&mut self, canvas_id: &str, sprites: u32) -> Result<f64, JsValue> {
        use wasm_bindgen::JsCast;
        let doc = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
        let c =
            doc.get_element_by_id(canvas_id).ok_or("no canvas")?.dyn_into::<web_sys::HtmlCanvasElement>().map_err(|_| "not a canvas")?;
        let natural = natural_sprites(&self.player);
        self.frame += 1;
        self.player.set_phase(self.frame as f64 * 0.006);
        let t = now_ms();
        let n = parcel_standoff::view::network::draw(
            &c,
            &self.player,
            parcel_standoff::present::i18n::Lang::En,
            None,
            sprites as f64 / natural.max(1.0),
            false,
            false,
        );
        let dt = now_ms() - t;
        if n == 0 {
            return Err("nothing drawn".into());
        }
        Ok(dt)
    }
}

fn natural_sprites(e: &Player) -> f64 {
    let f = e.current();
    (f.shipped_total() + f.delivered) / parcel_standoff::view::network::PARCELS_PER_SPRITE
}
