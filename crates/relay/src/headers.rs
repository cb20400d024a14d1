//! Security headers on every response, errors included (`docs/PROTOCOL.md §4.5`).
//!
//! The headers are set with `overriding` layers wrapped around the whole
//! router, so no handler, fallback or rejection can answer without them. The
//! headers §4.5 forbids (`Set-Cookie`, `Server`, `ETag`, `Last-Modified`) are
//! removed on the way out; `Date` is never added because the server disables
//! hyper's automatic date header (see [`crate::serve`]).

use axum::http::{header, HeaderName, HeaderValue};
use axum::response::Response;
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

/// `Content-Security-Policy` of PROTOCOL.md §4.5.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; worker-src 'self'; \
     form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/// `Permissions-Policy` of PROTOCOL.md §4.5: every listed feature off.
pub const PERMISSIONS_POLICY: &str = "accelerometer=(), camera=(), geolocation=(), \
     gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()";

/// Every header of PROTOCOL.md §4.5 with its value, as set on every response.
pub const SECURITY_HEADERS: [(&str, &str); 8] = [
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("referrer-policy", "no-referrer"),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    ("permissions-policy", PERMISSIONS_POLICY),
    // Required on /api/ and /healthz; the page gets it too (nothing is cached,
    // so Tor Browser keeps no copy and no validator like ETag is needed).
    ("cache-control", "no-store"),
];

/// Headers a response must never carry (PROTOCOL.md §4.5).
pub const FORBIDDEN_HEADERS: [HeaderName; 5] = [
    header::SET_COOKIE,
    header::SERVER,
    header::ETAG,
    header::LAST_MODIFIED,
    header::DATE,
];

/// Wraps `router` so that every response carries the §4.5 headers and none of
/// the forbidden ones. Call it last, so these are the outermost layers.
pub fn apply<S>(router: Router<S>) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    let mut router = router.layer(axum::middleware::map_response(strip_forbidden));
    for (name, value) in SECURITY_HEADERS {
        router = router.layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        ));
    }
    router
}

async fn strip_forbidden(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for name in FORBIDDEN_HEADERS {
        headers.remove(name);
    }
    response
}
