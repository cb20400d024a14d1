//! `whistlebox-relay`: see `whistlebox_relay::cli`.
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    whistlebox_relay::cli::run()
}
