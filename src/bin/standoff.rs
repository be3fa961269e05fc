//! `standoff`: run the Parcel Standoff model headless (`standoff help`). The commands live in
//! the library, `parcel_standoff::cli`; this is parse, dispatch and the exit code.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use parcel_standoff::cli;
    use std::io::Write;
    if let Err(e) = cli::parse(std::env::args_os().skip(1)).and_then(cli::dispatch) {
        if let Some(msg) = e.message() {
            // even if standard error itself is closed
            let _ = writeln!(std::io::stderr(), "standoff: {}", msg);
        }
        std::process::exit(e.code());
    }
}
