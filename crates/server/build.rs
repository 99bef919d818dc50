//! Rebuild when the embedded dashboard changes (`include_dir!` alone does not tell Cargo).

fn main() {
    println!("cargo:rerun-if-changed=assets");
}
