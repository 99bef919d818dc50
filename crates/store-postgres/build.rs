//! `sqlx::migrate!` embeds `migrations/` at compile time; a new migration alone changes no Rust source, so
//! tell cargo to rebuild the crate when that folder changes.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
