//! The `whistlebox` binary: see the library crate for everything it does.

fn main() -> std::process::ExitCode {
    whistlebox::run()
}
