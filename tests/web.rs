//! Component tests in headless Chromium (wasm-bindgen-test): the app mounts, draws, and
//! responds to a person's actions.
#![cfg(target_arch = "wasm32")]

use parcel_standoff::view::app::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Document, Element, HtmlCanvasElement, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

fn doc() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn mount() -> Element {
    mount_at("").await
}

/// Mount the app at the address `fragment` (each test starts from its own address: the app
/// keeps its state in the fragment).
async fn mount_at(fragment: &str) -> Element {
    let w = web_sys::window().unwrap();
    let path = w.location().pathname().unwrap();
    w.history().unwrap().replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}{fragment}"))).unwrap();
    let style = doc().create_element("style").unwrap();
    style.set_text_content(Some("canvas.network, figure canvas { display: block; width: 100%; }"));
    doc().head().unwrap().append_child(&style).unwrap();
    let root = doc().create_element("div").unwrap();
    root.set_attribute("style", "width: 1200px").unwrap();
    doc().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    sleep(250).await;
    root
}

fn q(root: &Element, sel: &str) -> Element {
    root.query_selector(sel).unwrap().unwrap_or_else(|| panic!("no element {sel}"))
}

fn painted(c: &HtmlCanvasElement) -> usize {
    let ctx = c.get_context("2d").unwrap().unwrap().dyn_into::<web_sys::CanvasRenderingContext2d>().unwrap();
    let (w, h) = (c.width() as f64, c.height() as f64);
    let data = ctx.get_image_data(0.0, 0.0, w, h).unwrap().data();
    data.chunks(4).filter(|p| p[0] < 200 || p[1] < 200 || p[2] < 200).count()
}

#[wasm_bindgen_test]
async fn the_first_screen_draws_the_network_and_the_charts() {
    let root = mount().await;
    // a first start of the browser on a fresh machine can be slow: wait, do not guess a delay
    wait_for(|| root.query_selector("canvas#network").unwrap().is_some(), "the network canvas").await;
    let net: HtmlCanvasElement = q(&root, "canvas#network").dyn_into().unwrap();
    wait_for(|| net.width() >= 1000, "the network canvas to be sized to the page").await;
    wait_for(|| painted(&net) > 5000, "the network to be drawn").await;
    let charts = root.query_selector_all("figure.chart canvas").unwrap();
    assert_eq!(charts.length() as usize, parcel_standoff::ui::views::ChartKind::ALL.len(), "every chart");
    let share: HtmlCanvasElement = q(&root, "#chart-share canvas").dyn_into().unwrap();
    wait_for(|| painted(&share) > 1000, "the share chart to be drawn").await;
    // every data link control has a name and a state
    let switches = root.query_selector_all("button[role=switch]").unwrap();
    assert!(switches.length() >= 50);
    for i in 0..switches.length() {
        let b: Element = switches.item(i).unwrap().dyn_into().unwrap();
        assert_eq!(b.get_attribute("aria-checked").as_deref(), Some("true"));
        assert!(b.get_attribute("aria-label").unwrap().ends_with(": connected"));
    }
    root.remove();
}

#[wasm_bindgen_test]
async fn cutting_a_link_changes_its_state_and_is_logged() {
    let root = mount().await;
    let b: HtmlElement = q(&root, "button[data-link='track.sf']").dyn_into().unwrap();
    b.click();
    wait_for(|| q(&root, "button[data-link='track.sf']").get_attribute("aria-checked").as_deref() == Some("false"), "the cut").await;
    let b = q(&root, "button[data-link='track.sf']");
    assert_eq!(b.get_attribute("aria-checked").as_deref(), Some("false"));
    assert_eq!(b.get_attribute("aria-label").as_deref(), Some("SF Express → Cainiao tracking: cut"));
    let log = q(&root, "#event-log").text_content().unwrap();
    assert!(log.contains("Cut: SF Express → Cainiao tracking"), "{log}");
    assert!(q(&root, "#announce").text_content().unwrap().to_lowercase().contains("cut"));
    // step a day: SF parcels on Taobao go untracked
    let step: HtmlElement = q(&root, "#step").dyn_into().unwrap();
    for _ in 0..24 {
        step.click();
    }
    wait_for(|| q(&root, "#clock time").text_content().as_deref() == Some("2017-05-30 00:00"), "a day of steps").await;
    let v: f64 = q(&root, "#readout-untracked .value").get_attribute("data-value").unwrap().parse().unwrap();
    assert!(v > 0.5, "untracked parcels (millions) after a day: {v}");
    root.remove();
}

#[wasm_bindgen_test]
async fn the_language_switch_translates_the_page() {
    let root = mount().await;
    let h1 = q(&root, "h1").text_content().unwrap();
    let btn: HtmlElement = q(&root, "button.lang").dyn_into().unwrap();
    btn.click();
    wait_for(|| q(&root, "h1").text_content().unwrap() != h1, "the page to change language").await;
    let zh = q(&root, "h1").text_content().unwrap();
    assert_ne!(h1, zh);
    assert_eq!(zh, "快递数据之争");
    assert_eq!(doc().document_element().unwrap().get_attribute("lang").as_deref(), Some("zh-CN"));
    root.remove();
}

/// Poll until `cond` holds (a rebuild of the run takes a while in a debug build).
async fn wait_for(mut cond: impl FnMut() -> bool, what: &str) {
    for _ in 0..100 {
        if cond() {
            return;
        }
        sleep(50).await;
    }
    panic!("timed out waiting for {what}");
}

fn set_input(root: &Element, sel: &str, value: &str) {
    let input: web_sys::HtmlInputElement = q(root, sel).dyn_into().unwrap();
    input.set_value(value);
    let ev = web_sys::Event::new_with_event_init_dict("change", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    input.dispatch_event(&ev).unwrap();
}

#[wasm_bindgen_test]
async fn the_parameters_panel_validates_and_applies_changes() {
    let root = mount().await;
    // out of range: explained, nothing changes
    set_input(&root, "#param-locker_share", "3");
    wait_for(|| root.query_selector("#param-locker_share-error").unwrap().is_some(), "the refusal").await;
    // the error sits next to its field, which says it is invalid
    let err = q(&root, "#param-locker_share-error").text_content().unwrap();
    assert!(err.contains("locker_share") && err.contains("0 to 1"), "{err}");
    assert_eq!(q(&root, "#param-locker_share").get_attribute("aria-invalid").as_deref(), Some("true"));
    // a valid change is applied and marked
    set_input(&root, "#param-habit", "0.1");
    wait_for(|| root.query_selector(".param-error").unwrap().is_none(), "the error to clear").await;
    assert_eq!(q(&root, "#param-locker_share").get_attribute("aria-invalid").as_deref(), Some("false"));
    let card = q(&root, "#param-habit").closest(".param").unwrap().unwrap();
    assert!(card.class_list().contains("changed"));
    // shares that no longer add up are refused with the rule in words
    set_input(&root, "#param-band_share-lt1000", "0.9");
    wait_for(|| root.query_selector("#param-band_share-lt1000-error").unwrap().is_some(), "the refusal").await;
    assert!(q(&root, "#param-band_share-lt1000-error").text_content().unwrap().contains("must add up to 1"));
    let reset: HtmlElement = q(&root, "#reset-params").dyn_into().unwrap();
    reset.click();
    wait_for(|| root.query_selector(".param.changed").unwrap().is_none(), "defaults to return").await;
    root.remove();
}

#[wasm_bindgen_test]
async fn the_story_panel_asks_before_it_reveals() {
    let root = mount().await;
    let start: HtmlElement = q(&root, "#story-start").dyn_into().unwrap();
    start.click();
    wait_for(|| root.query_selector("#story-next").unwrap().is_some(), "the story").await;
    let next: HtmlElement = q(&root, "#story-next").dyn_into().unwrap();
    next.click();
    wait_for(|| root.query_selector(".choice").unwrap().is_some(), "a question").await;
    let reveal = q(&root, "#story-reveal");
    assert!(reveal.has_attribute("disabled"), "no reveal before a prediction");
    let choice: HtmlElement = q(&root, ".choice").dyn_into().unwrap();
    choice.click();
    wait_for(|| !q(&root, "#story-reveal").has_attribute("disabled"), "the reveal to be offered").await;
    let reveal: HtmlElement = q(&root, "#story-reveal").dyn_into().unwrap();
    assert!(!reveal.has_attribute("disabled"));
    reveal.click();
    wait_for(|| root.query_selector("#story-explain").unwrap().is_some(), "the explanation").await;
    assert!(q(&root, "#story-explain").text_content().unwrap().len() > 20);
    wait_for(|| q(&root, "#clock time").text_content().as_deref() == Some("2017-06-02 01:00"), "the story's moment").await;
    root.remove();
}

#[cfg(feature = "pseudo-locale")]
/// Text that is data, not words: numbers, times, symbols (what is left once every catalogue
/// text — ⟦bracketed⟧ in the pseudo-language — is taken out).
fn leftover_words(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '⟦' => depth += 1,
            '⟧' => depth -= 1,
            _ if depth > 0 => {}
            c if c.is_ascii_digit() || c.is_whitespace() || ".,:;%+−-–—/()[]×✕━▶❚←→↗·?✓✗|".contains(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// In the pseudo-language `qps` (built with the `pseudo-locale` feature exactly as a third
/// language file would be: one more file and one more line), every word on the screen — text,
/// labels, titles — comes from the catalogue. Not words: confidence marks (`[approx]`, codes
/// the help explains), keyboard key caps (`kbd`), parameter ids (`code`) and the embed snippet
/// (`textarea`, an address).
#[cfg(feature = "pseudo-locale")]
#[wasm_bindgen_test]
async fn in_a_pseudo_language_every_visible_word_comes_from_the_catalogue() {
    let root = mount_at("#lang=qps").await;
    assert_eq!(doc().document_element().unwrap().get_attribute("lang").as_deref(), Some("en-XA"));
    assert_eq!(q(&root, "h1").text_content().as_deref(), Some("⟦Parcel Standoff⟧"));
    assert_eq!(leftover_words("⟦Play⟧ 12.5% ▶"), "");
    assert_eq!(leftover_words("⟦Play⟧ now"), "now", "a word outside the catalogue is found");
    let check = |root: &Element, screen: &str| {
        let mut found = Vec::new();
        let all = root.query_selector_all("*").unwrap();
        for i in 0..all.length() {
            let el: Element = all.item(i).unwrap().dyn_into().unwrap();
            // text marked as another language (`lang`: the switch names the next language in
            // its own words) is not the page's
            if el.closest(".conf, kbd, code, textarea, script, style, body [lang]").unwrap().is_some() {
                continue;
            }
            let nodes = el.child_nodes();
            let mut texts: Vec<String> = (0..nodes.length())
                .filter_map(|j| nodes.item(j))
                .filter(|n| n.node_type() == web_sys::Node::TEXT_NODE)
                .filter_map(|n| n.text_content())
                .collect();
            for attr in ["aria-label", "title", "placeholder", "alt"] {
                texts.extend(el.get_attribute(attr));
            }
            for t in texts {
                let left = leftover_words(&t);
                if !left.is_empty() {
                    found.push(format!("<{}> {:?} ({:?})", el.tag_name().to_lowercase(), t, left));
                }
            }
        }
        assert!(found.is_empty(), "{screen}: words not from the catalogue:\n{}", found.join("\n"));
    };
    check(&root, "explorer");
    // the story, the help overlay and the embed dialog
    let click = |sel: &str| q(&root, sel).dyn_into::<HtmlElement>().unwrap().click();
    click("#story-start");
    wait_for(|| root.query_selector("#story").unwrap().is_some(), "the story").await;
    click("#story-next");
    wait_for(|| root.query_selector(".choice").unwrap().is_some(), "a question").await;
    click(".choice");
    wait_for(|| !q(&root, "#story-reveal").has_attribute("disabled"), "the reveal to be offered").await;
    click("#story-reveal");
    wait_for(|| root.query_selector("#story-explain").unwrap().is_some(), "the reveal").await;
    click("#help-button");
    wait_for(|| root.query_selector("#help").unwrap().is_some(), "the help").await;
    check(&root, "story and help");
    root.remove();
    // the experiments panel and the Embed dialog live in the panels' module on the page (which a
    // test page has not): mounted here on their own, in the same pseudo-language
    use parcel_standoff::model::{run::RunSpec, scenario};
    use parcel_standoff::present::i18n::Lang;
    use std::rc::Rc;
    let qps = Lang::parse("qps").unwrap();
    let place = doc().create_element("div").unwrap();
    doc().body().unwrap().append_child(&place).unwrap();
    let june = scenario::builtin("june-2017").unwrap();
    let props = parcel_standoff::view::experiment_panel::Props {
        lang: qps,
        exp: None,
        spec: Rc::new(RunSpec::new(june.clone())),
        defaults: Rc::new(june),
        results: None,
        progress: None,
        error: None,
        dark: false,
        on: yew::Callback::noop(),
    };
    yew::Renderer::<parcel_standoff::view::experiment_panel::ExperimentPanel>::with_root_and_props(place.clone(), props).render();
    let dialog = doc().create_element("div").unwrap();
    doc().body().unwrap().append_child(&dialog).unwrap();
    let props = parcel_standoff::view::embed_dialog::Props {
        lang: qps,
        link: "scenario=june-2017".into(),
        title: "⟦Parcel Standoff⟧".into(),
        on: yew::Callback::noop(),
    };
    yew::Renderer::<parcel_standoff::view::embed_dialog::EmbedDialog>::with_root_and_props(dialog.clone(), props).render();
    wait_for(
        || place.query_selector("#exp-run").unwrap().is_some() && dialog.query_selector("#embed-dialog").unwrap().is_some(),
        "the panels",
    )
    .await;
    check(&place, "experiments panel");
    check(&dialog, "embed dialog");
    place.remove();
    dialog.remove();
}
