//! Reading the rest of a refused request's body before answering
//! (PROTOCOL.md §4.4, "Refusals are readable").
//!
//! Many refusals are decided from the head alone — no proof of work (`428`),
//! the write rate (`429`), `busy`, `storage_full` (`503`), a bad token
//! (`401`) — and answered before the body is read. hyper then closes the
//! connection with the body's bytes still unread in the socket's receive
//! buffer, and the kernel answers the client's next bytes with a reset: a
//! client that sends its whole body before reading the answer, as most do
//! (browsers' `XMLHttpRequest`, `ureq`, `curl` without `Expect`), sees
//! "connection reset" instead of the refusal and its `Retry-After` (hyper
//! issue #2384). So every 4xx/5xx answer but `413` (which refuses the body's
//! size: reading it is what was refused) first reads and discards what is
//! left of the body — at most [`DRAIN_MAX_BYTES`] (more than one upload part)
//! and for at most [`DRAIN_MAX_TIME`] — and nothing read is kept. Beyond
//! either bound the connection is closed as before.

use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use http_body_util::BodyExt;
use hyper::body::{Body as _, Frame, SizeHint};

/// Most bytes read and discarded after a refusal: one 4 MiB upload part
/// (§4.7) and its slack.
pub const DRAIN_MAX_BYTES: u64 = 5 * 1024 * 1024;
/// Longest time spent reading them.
pub const DRAIN_MAX_TIME: Duration = Duration::from_secs(5);

/// The request body, shared between the handler (which reads it, or not)
/// and [`drain_refused`] (which reads what is left after a refusal).
struct Shared(Arc<Mutex<Body>>);

impl hyper::body::Body for Shared {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let mut body = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        Pin::new(&mut *body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .size_hint()
    }
}

/// Middleware: runs the route, and if it refused (4xx or 5xx) without reading
/// the whole body, drains the rest within the bounds above first.
pub async fn drain_refused(request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    if body.is_end_stream() {
        return next.run(Request::from_parts(parts, body)).await;
    }
    let shared = Arc::new(Mutex::new(body));
    let response = next
        .run(Request::from_parts(
            parts,
            Body::new(Shared(shared.clone())),
        ))
        .await;
    let status = response.status();
    // A 413 refuses the body's size itself: reading it is what was refused.
    if (status.is_client_error() || status.is_server_error())
        && status != StatusCode::PAYLOAD_TOO_LARGE
    {
        let rest = std::mem::take(&mut *shared.lock().unwrap_or_else(PoisonError::into_inner));
        if !rest.is_end_stream() {
            discard(rest).await;
        }
    }
    response
}

/// Reads and drops up to [`DRAIN_MAX_BYTES`] for up to [`DRAIN_MAX_TIME`].
async fn discard(body: Body) {
    let mut body = body;
    let mut left = DRAIN_MAX_BYTES;
    let _ = tokio::time::timeout(DRAIN_MAX_TIME, async {
        while let Some(Ok(frame)) = body.frame().await {
            let len = frame.data_ref().map_or(0, |d| d.len() as u64);
            if len >= left {
                break;
            }
            left -= len;
        }
    })
    .await;
}
