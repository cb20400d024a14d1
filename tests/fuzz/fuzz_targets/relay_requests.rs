//! Fuzz target: whole requests to the real relay (`docs/PROTOCOL.md §4`,
//! §8): the router of `whistlebox_relay::app` over a real sled store in a
//! temporary directory, with the example team (`keys/team.toml`) and one
//! real investigator token, built once; each input is one `GET` or `HEAD`
//! request, sent in-process (`tower::ServiceExt::oneshot`). It reaches every
//! parser of request text on the read routes: the path and its ids (object,
//! upload session, part), the `after`/`limit` query, the bearer token and
//! the `Whistlebox-Mailbox` header.
//!
//! Input: a flags byte (bits 0–1: no `Authorization`, the real token, a
//! fuzzed one, or the real one in another case/scheme spelling; bit 2: a
//! `HEAD` instead of a `GET`; bits 3–4: no mailbox header, a well-formed one,
//! a fuzzed one, or two), then the request target up to the first `\n`, then
//! the fuzzed header value. Properties, for every request:
//! - never a `5xx` (an empty store can always answer a read);
//! - every §4.5 security header with its exact value, none of the forbidden
//!   ones;
//! - an error is `application/json` `{"error": code, "message": text}` (and
//!   `retry_after` only with 429/503), the code a lowercase `snake_case` word;
//! - the investigator routes answer `401 unauthorized` to anything but the
//!   real token, and the inbox answers a well-formed query with `200`;
//! - no answer echoes the token, the mailbox secret, or a secret-looking
//!   word of a fuzzed header value.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use libfuzzer_sys::fuzz_target;
use tower::ServiceExt;
use whistlebox_relay::headers::{FORBIDDEN_HEADERS, SECURITY_HEADERS};
use whistlebox_relay::{tokens, AppState, Config};

struct Relay {
    rt: tokio::runtime::Runtime,
    app: Router,
    token: String,
    _data: tempfile::TempDir,
}

fn relay() -> &'static Relay {
    static RELAY: OnceLock<Relay> = OnceLock::new();
    RELAY.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let data = tempfile::tempdir().expect("a data directory");
        let team = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../keys/team.toml");
        let config = Config::new(data.path().join("data"), team);
        let state = AppState::open(&config).expect("the relay opens");
        let token = tokens::create(&config.data).expect("a token");
        let app = {
            let _guard = rt.enter();
            whistlebox_relay::app(state)
        };
        Relay {
            rt,
            app,
            token,
            _data: data,
        }
    })
}

fn is_code(code: &str) -> bool {
    !code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let (target, value) = match rest.iter().position(|&b| b == b'\n') {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &[][..]),
    };
    let Ok(target) = std::str::from_utf8(target) else {
        return;
    };
    if !target.starts_with('/') {
        return;
    }
    let relay = relay();
    let method = if flags & 4 == 0 { Method::GET } else { Method::HEAD };
    let mut request = Request::builder().method(method.clone()).uri(target);

    let auth = flags & 3;
    let real_token = auth == 1 || auth == 3;
    match auth {
        1 => request = request.header(header::AUTHORIZATION, format!("Bearer {}", relay.token)),
        2 => match HeaderValue::from_bytes(value) {
            Ok(v) => request = request.header(header::AUTHORIZATION, v),
            Err(_) => return,
        },
        3 => request = request.header(header::AUTHORIZATION, format!("bEARER   {} ", relay.token)),
        _ => {}
    }
    let mailbox = (flags >> 3) & 3;
    let secret = "0123456789abcdef".repeat(4);
    match mailbox {
        1 => request = request.header("whistlebox-mailbox", secret.as_str()),
        2 => match HeaderValue::from_bytes(value) {
            Ok(v) => request = request.header("whistlebox-mailbox", v),
            Err(_) => return,
        },
        3 => {
            request = request
                .header("whistlebox-mailbox", secret.as_str())
                .header("whistlebox-mailbox", secret.as_str())
        }
        _ => {}
    }
    let Ok(request) = request.body(Body::empty()) else {
        return; // Not a valid request target for `http`: hyper never passes one on.
    };
    let path = request.uri().path().to_owned();
    let query = request.uri().query().map(str::to_owned);

    let (status, headers, body) = relay.rt.block_on(async {
        let response = relay.app.clone().oneshot(request).await.expect("infallible");
        let (parts, body) = response.into_parts();
        let body = body.collect().await.expect("a body").to_bytes();
        (parts.status, parts.headers, body)
    });

    assert!(!status.is_server_error(), "{status} for {method} {target:?}");
    for (name, expected) in SECURITY_HEADERS {
        assert_eq!(
            headers.get(name).map(HeaderValue::as_bytes),
            Some(expected.as_bytes()),
            "{name} on {status} for {target:?}"
        );
    }
    for name in FORBIDDEN_HEADERS {
        assert!(headers.get(&name).is_none(), "{name} on {status} for {target:?}");
    }

    if method == Method::GET && !status.is_success() && status != StatusCode::NOT_MODIFIED {
        assert_eq!(
            headers.get(header::CONTENT_TYPE).map(HeaderValue::as_bytes),
            Some(&b"application/json"[..]),
            "{status} for {target:?}"
        );
        let error: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(&body).expect("an error body is a JSON object");
        let code = error.get("error").and_then(|v| v.as_str()).expect("an error code");
        assert!(is_code(code), "{code:?}");
        assert!(error.get("message").is_some_and(|v| v.is_string()));
        for key in error.keys() {
            let allowed = key == "error"
                || key == "message"
                || (key == "retry_after"
                    && matches!(status.as_u16(), 429 | 503));
            assert!(allowed, "unexpected key {key:?} in {status} for {target:?}");
        }
    }

    // The investigator routes (PROTOCOL.md §4.2) refuse every other token alike.
    let investigator_route = path == "/api/inbox"
        || path
            .strip_prefix("/api/objects/")
            .is_some_and(|id| !id.is_empty() && !id.contains('/'));
    if investigator_route && !real_token && method == Method::GET {
        let ours = auth == 2 && value.ends_with(relay.token.as_bytes());
        if !ours {
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{target:?}");
        }
    }
    // A well-formed inbox query of the real investigator is answered.
    if path == "/api/inbox" && real_token && method == Method::GET {
        let well_formed = match &query {
            None => true,
            Some(q) => q.split('&').all(|pair| match pair.split_once('=') {
                Some(("after", n)) => !n.is_empty() && n.len() < 19 && n.bytes().all(|b| b.is_ascii_digit()),
                Some(("limit", n)) => n.parse::<u16>().is_ok_and(|n| (1..=1000).contains(&n)) && n.bytes().all(|b| b.is_ascii_digit()),
                _ => false,
            }) && q.split('&').filter(|p| p.starts_with("after=")).count() <= 1
                && q.split('&').filter(|p| p.starts_with("limit=")).count() <= 1,
        };
        if well_formed {
            assert_eq!(status, StatusCode::OK, "{target:?}");
            let answer: serde_json::Value = serde_json::from_slice(&body).unwrap();
            assert_eq!(answer["items"], serde_json::json!([]));
            assert_eq!(answer["more"], serde_json::json!(false));
        }
    }

    // No echo of a secret the request carried in a header (the fuzzer may
    // also write it into the request target, which an error may quote).
    let in_target = |needle: &[u8]| target.as_bytes().windows(needle.len()).any(|w| w == needle);
    let echoes = |needle: &[u8]| {
        needle.len() >= 16 && !in_target(needle) && body.windows(needle.len()).any(|w| w == needle)
    };
    assert!(!echoes(relay.token.as_bytes()), "the token echoed for {target:?}");
    assert!(!echoes(secret.as_bytes()), "the mailbox secret echoed");
    if mailbox == 2 || auth == 2 {
        // A secret-looking word of the fuzzed value (a token or a mailbox
        // secret is ≥ 24 characters of letters, digits, `-` and `_`, with
        // both letters and digits; the relay's own messages hold none).
        for word in value.split(|b| b.is_ascii_whitespace()) {
            let secret_like = word.len() >= 24
                && word.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
                && word.iter().any(u8::is_ascii_digit)
                && word.iter().any(u8::is_ascii_alphabetic);
            assert!(!(secret_like && echoes(word)), "a header value echoed");
        }
    }
});
