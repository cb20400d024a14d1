//! Refusals are readable (PROTOCOL.md §4.4): a client that sends its whole
//! body before reading the answer — as browsers' XMLHttpRequest and most
//! HTTP libraries do — gets the refusal, not a connection reset, when the
//! relay refuses from the head alone. On a real port.

mod common;

use std::io::{Read, Write};
use std::net::SocketAddr;

use common::{body, Fixture, BUCKET_64K};

/// Sends one request with its whole body, then reads the answer: the
/// status, or the I/O error that cut the exchange.
fn send_whole(addr: SocketAddr, head: &str, body: &[u8]) -> Result<u16, std::io::Error> {
    let mut stream = std::net::TcpStream::connect(addr)?;
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw);
    Ok(text.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusal_before_the_body_is_read_reaches_a_client_sending_it_whole() {
    let f = Fixture::new(3);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(whistlebox_relay::serve(listener, f.state.clone(), async {
        let _ = stopped.await;
    }));

    // Larger than any socket buffer on loopback: without the drain the
    // relay's close resets the connection while this is being written.
    let report = body(3, BUCKET_64K * 48);
    let cases = [
        ("POST /api/reports", "", 428u16, "no proof of work"),
        (
            "PUT /api/uploads/not-an-upload/parts/0",
            "",
            400,
            "a malformed upload id",
        ),
        (
            "POST /api/objects/00000000000000000000000000000000/reply",
            "Authorization: Bearer wbt_nope\r\n",
            401,
            "a bad token",
        ),
    ];
    for (line, extra, want, what) in cases {
        let head = format!(
            "{line} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{extra}Content-Length: {}\r\n\r\n",
            report.len()
        );
        let body = report.clone();
        let got = tokio::task::spawn_blocking(move || send_whole(addr, &head, &body))
            .await
            .unwrap();
        match got {
            Ok(status) => assert_eq!(status, want, "{what}: the refusal's status"),
            Err(e) => panic!("{what}: the client saw {e} instead of the {want} refusal"),
        }
    }
    // Nothing of the refused bodies was kept.
    f.assert_empty().await;

    let _ = stop.send(());
    server.await.unwrap().unwrap();
}
