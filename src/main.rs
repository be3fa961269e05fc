//! Mounts the app in the browser. (Natively, use the `standoff` command-line tool.)

#[cfg(all(target_arch = "wasm32", feature = "app"))]
mod test_exports;

#[cfg(all(target_arch = "wasm32", feature = "app"))]
fn main() {
    parcel_standoff::view::start();
}

#[cfg(not(all(target_arch = "wasm32", feature = "app")))]
fn main() {
    eprintln!("parcel-standoff is the browser app; run it with `make serve`, or use the `standoff` CLI natively.");
}
