//! The web app's entry point (built by Trunk for wasm32). Natively it only says so.

#[cfg(target_arch = "wasm32")]
fn main() {
    newsmark_web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("newsmark-web is the browser app: build and serve it with `scripts/serve.sh`.");
}
