//! Logging that never sees the client (`docs/ARCHITECTURE.md`, PROTOCOL.md §4.3).
//!
//! Log lines go to stderr without timestamps. Each request logs at most one
//! line: the method, the *matched route pattern* (never the URI or query), the
//! status and, for an accepted report, a coarse size bucket. Never the client
//! address (the server is not even given it), user agent, token, object id or
//! time.

use std::io::IsTerminal;

use axum::extract::{MatchedPath, Request};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use tracing_subscriber::EnvFilter;

/// Installs the stderr subscriber: level from `RUST_LOG` (default `info`), no
/// timestamps, no colours unless stderr is a terminal. Does nothing if a
/// subscriber is already installed.
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .without_time()
        .with_target(false)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .try_init();
}

/// A response extension: the size bucket of an accepted report, for the request log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SizeBucket(pub &'static str);

/// The coarse size class logged for an accepted report.
pub fn size_bucket(size: u64) -> SizeBucket {
    const MIB: u64 = 1024 * 1024;
    SizeBucket(match size {
        0..MIB => "<1MiB",
        MIB..=0xFFF_FFF => "1-16MiB",
        0x1_000_000..=0xFFF_FFFF => "16-256MiB",
        _ => ">=256MiB",
    })
}

/// Middleware: logs one line per request from the matched route pattern.
pub async fn log_request(request: Request, next: Next) -> Response {
    let method = method_label(request.method());
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_owned());
    let mut response = next.run(request).await;
    let status = response.status().as_u16();
    let route = route.as_deref().unwrap_or("(no route)");
    match response.extensions_mut().remove::<SizeBucket>() {
        Some(SizeBucket(size)) => tracing::info!("{method} {route} {status} size={size}"),
        None => tracing::info!("{method} {route} {status}"),
    }
    response
}

/// Standard methods by name; anything else (which a client could fill with
/// data) as `OTHER`.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        Method::PATCH => "PATCH",
        Method::TRACE => "TRACE",
        Method::CONNECT => "CONNECT",
        _ => "OTHER",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_buckets_are_coarse() {
        assert_eq!(size_bucket(70_000).0, "<1MiB");
        assert_eq!(size_bucket(1024 * 1024).0, "1-16MiB");
        assert_eq!(size_bucket(16 * 1024 * 1024 - 1).0, "1-16MiB");
        assert_eq!(size_bucket(16 * 1024 * 1024).0, "16-256MiB");
        assert_eq!(size_bucket(256 * 1024 * 1024).0, ">=256MiB");
    }

    #[test]
    fn unusual_methods_are_not_logged_verbatim() {
        let custom = Method::from_bytes(b"SECRETDATA").unwrap();
        assert_eq!(method_label(&custom), "OTHER");
        assert_eq!(method_label(&Method::POST), "POST");
    }
}
