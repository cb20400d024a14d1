//! The HTTP/1.1 server loop: accepts connections and serves [`crate::app`].
//!
//! It runs hyper directly instead of `axum::serve` for two reasons of
//! `docs/PROTOCOL.md §4.5` and the architecture invariants: hyper's automatic
//! `Date` header (an exact time on every response) must be disabled, which
//! `axum::serve` cannot do; and the peer address returned by `accept` is
//! dropped on the spot, never handed to the application.

use std::future::Future;
use std::io;
use std::time::Duration;

use axum::body::Body;
use hyper::body::Incoming;
use hyper::Request;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tower::ServiceExt;

use crate::state::AppState;

/// Longest wait for a request head before the connection is closed.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// Longest wait for open requests to finish after shutdown was requested.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// Serves the relay on `listener` until `shutdown` completes, then lets open
/// requests finish (for up to 30 s) and returns.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let app = crate::app(state);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.auto_date_header(false)
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                // The peer address is dropped here: nothing downstream can log it.
                Ok((stream, _)) => stream,
                Err(e) if is_per_connection(&e) => continue,
                Err(e) => {
                    // E.g. out of file descriptors: back off instead of spinning.
                    tracing::error!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let app = app.clone();
        let service = hyper::service::service_fn(move |request: Request<Incoming>| {
            app.clone().oneshot(request.map(Body::new))
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!("connection ended with an error: {e}");
            }
        });
    }
    drop(listener);
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("shutdown: requests still open after {SHUTDOWN_GRACE:?}, closing them");
    }
    Ok(())
}

/// Errors that concern one connection only, not the listener.
fn is_per_connection(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}
