//! The built-in theme is embedded folder by folder (`include_dir!`); the compiler tracks the
//! files it embedded, but not a file added to those folders. Asking cargo to watch the whole
//! theme folder makes a new template, stylesheet or archetype part of the next build.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=build.rs");
}
