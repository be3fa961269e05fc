//! The one animation loop. Every frame it tells the session how much real time passed, draws
//! the network canvas if it is mounted, and hands any effects to the app. Time moves
//! whatever views are mounted (a chart-only embed plays too).

use super::network;
use crate::ui::session::{Action, Effect, Session};
use gloo_render::{request_animation_frame, AnimationFrame};
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::NodeRef;

/// The running loop; dropping it stops the loop.
pub struct Loop {
    _frame: Rc<RefCell<Option<AnimationFrame>>>,
}

/// Start the loop over `session`, redrawing the network on `canvas` when it is mounted;
/// `on_effects` receives what each tick asks the page to do.
pub fn start(session: Rc<RefCell<Session>>, canvas: NodeRef, on_effects: impl Fn(Vec<Effect>) + 'static) -> Loop {
    let handle: Rc<RefCell<Option<AnimationFrame>>> = Rc::new(RefCell::new(None));
    let state = Rc::new(Frame { session, canvas, on_effects: Box::new(on_effects), last_ms: RefCell::new(None) });
    schedule(handle.clone(), state);
    Loop { _frame: handle }
}

struct Frame {
    session: Rc<RefCell<Session>>,
    canvas: NodeRef,
    on_effects: Box<dyn Fn(Vec<Effect>)>,
    last_ms: RefCell<Option<f64>>,
}

fn schedule(handle: Rc<RefCell<Option<AnimationFrame>>>, frame: Rc<Frame>) {
    let h2 = handle.clone();
    let af = request_animation_frame(move |now| {
        let dt = frame.last_ms.borrow().map(|last| (now - last) / 1000.0).unwrap_or(0.0);
        *frame.last_ms.borrow_mut() = Some(now);
        let mut fx = frame.session.borrow_mut().reduce(Action::Tick { dt, now_ms: now });
        // a heavy run being built: a few model steps at a time, for about 12 ms of this frame
        if frame.session.borrow().building().is_some() {
            let clock = web_sys::window().and_then(|w| w.performance());
            let t0 = clock.as_ref().map(|p| p.now()).unwrap_or(0.0);
            loop {
                let more = frame.session.borrow_mut().work(1);
                let done = frame.session.borrow().building().is_none();
                if done {
                    fx.extend(more);
                    break;
                }
                if clock.as_ref().map(|p| p.now() - t0).unwrap_or(f64::MAX) > 12.0 {
                    fx.extend(more);
                    break;
                }
            }
        }
        if let Some(c) = frame.canvas.cast::<HtmlCanvasElement>() {
            let s = frame.session.borrow();
            network::draw(&c, s.player(), s.lang(), s.focused(), 1.0, s.presenter(), s.dark());
        }
        if !fx.is_empty() {
            (frame.on_effects)(fx);
        }
        schedule(h2, frame);
    });
    *handle.borrow_mut() = Some(af);
}
