//! Embeds the reporting page (`web/dist/`, PROTOCOL.md §4.8) into the relay.
//!
//! Reads `web/dist/SHA256SUMS`, checks that every listed file exists and has
//! the listed SHA-256 (the build fails loudly otherwise), and writes
//! `$OUT_DIR/bundle.rs`: a table of `include_bytes!` for `SHA256SUMS` and each
//! listed file. Node is not needed: the committed `web/dist` is embedded.

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let dist = manifest.join("..").join("..").join("web").join("dist");
    let sums_path = dist.join("SHA256SUMS");
    println!("cargo:rerun-if-changed={}", dist.display());
    println!("cargo:rerun-if-changed={}", sums_path.display());
    let sums = std::fs::read_to_string(&sums_path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}; the relay embeds the committed page bundle (run `npm ci && npm run build` in web/)",
            sums_path.display()
        )
    });
    let mut table = String::new();
    writeln!(
        table,
        "/// `web/dist/SHA256SUMS`, byte for byte.\npub(crate) static SUMS: &[u8] = include_bytes!({:?});",
        path_text(&sums_path)
    )
    .unwrap();
    table.push_str("/// Every file `SHA256SUMS` lists, by path.\npub(crate) static FILES: &[(&str, &[u8])] = &[\n");
    for (number, line) in sums.lines().enumerate() {
        let (digest, path) = line.split_once("  ").unwrap_or_else(|| {
            panic!(
                "web/dist/SHA256SUMS line {} is not `<sha256>  <path>`",
                number + 1
            )
        });
        let relative = Path::new(path);
        let safe = relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        assert!(safe, "web/dist/SHA256SUMS names an unsafe path {path:?}");
        let file = dist.join(relative);
        println!("cargo:rerun-if-changed={}", file.display());
        let bytes = std::fs::read(&file).unwrap_or_else(|e| {
            panic!("web/dist/{path} is listed in SHA256SUMS but cannot be read: {e}")
        });
        let actual: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert!(
            actual == digest,
            "web/dist/{path} has SHA-256 {actual}, but SHA256SUMS says {digest}; rebuild web/dist (npm ci && npm run build)"
        );
        writeln!(
            table,
            "    ({path:?}, include_bytes!({:?})),",
            path_text(&file)
        )
        .unwrap();
    }
    table.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it")).join("bundle.rs");
    std::fs::write(&out, table).expect("write bundle.rs");
}

fn path_text(path: &Path) -> String {
    path.to_str()
        .unwrap_or_else(|| panic!("path {} is not UTF-8", path.display()))
        .to_owned()
}
