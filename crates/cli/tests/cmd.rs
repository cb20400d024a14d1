//! Snapshot tests of the CLI's exact output (trycmd cases in `tests/cmd/`,
//! run in `tests/fixtures/`): help text, every user-facing error for bad
//! input, and the listing and view of the fixture store.
//! Refresh with `TRYCMD=overwrite cargo test -p whistlebox --test cmd`.

#[test]
fn cli_snapshots() {
    trycmd::TestCases::new()
        .register_bin(
            "whistlebox",
            std::path::Path::new(env!("CARGO_BIN_EXE_whistlebox")),
        )
        .case("tests/cmd/*.toml");
}
