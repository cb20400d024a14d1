//! The proof of work on anonymous writes (PROTOCOL.md §9), on a real relay:
//! real sled in a temp dir, served on 127.0.0.1:0, spoken to over TCP.
//! On each of the three write routes: no header → 428, malformed → 400,
//! forged tag / wrong solution / another relay or an earlier run → 403
//! `pow_invalid`, expired → 403 `pow_expired`, replay → 409 `pow_spent`, a
//! valid solution → 201. A refused write stores nothing, spends no write
//! budget and (for a 429 or 503) no solution.

mod common;

use std::net::SocketAddr;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use common::{body, Fixture, BUCKET_64K};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use whistlebox_core::pow::{self, Challenge, Solution};
use whistlebox_relay::store::Usage;

const MAILBOX_SECRET: &str = "5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c";

/// The fixture's state served on a real port until dropped.
struct Served {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl Served {
    async fn start(f: &Fixture) -> Served {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(whistlebox_relay::serve(listener, f.state.clone(), async {
            let _ = stopped.await;
        }));
        Served {
            addr,
            stop: Some(stop),
            server: Some(server),
        }
    }

    async fn stop(mut self) {
        let _ = self.stop.take().unwrap().send(());
        self.server.take().unwrap().await.unwrap().unwrap();
    }

    /// One request on a fresh connection; the status and the JSON body.
    async fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> (u16, serde_json::Value) {
        let mut stream = tokio::net::TcpStream::connect(self.addr).await.unwrap();
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: {}\r\n",
            body.len()
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).await.unwrap();
        // A refusal may come before the body is read: a failed write is fine.
        let _ = stream.write_all(body).await;
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw).await;
        let text = String::from_utf8_lossy(&raw);
        let status = text[9..12].parse().unwrap();
        let (_, json) = text.split_once("\r\n\r\n").unwrap();
        (status, serde_json::from_str(json).unwrap_or_default())
    }

    async fn challenge(&self) -> Challenge {
        let (status, json) = self.send("POST", "/api/pow", &[], b"").await;
        assert_eq!(status, 201, "{json}");
        assert_eq!(json["bits"], common::TEST_POW_BITS);
        assert_eq!(json["parts"], whistlebox_relay::config::DEFAULT_POW_PARTS);
        let bytes = URL_SAFE_NO_PAD
            .decode(json["challenge"].as_str().unwrap())
            .unwrap();
        Challenge::from_bytes(&bytes).unwrap()
    }

    async fn solved(&self) -> String {
        pow::solve(&self.challenge().await).header_value()
    }

    /// An anonymous write on `route` (0 report, 1 upload session, 2
    /// follow-up) with `pow` as its `Whistlebox-Pow` header, if any.
    async fn write(&self, route: usize, pow: Option<&str>) -> (u16, serde_json::Value) {
        let report = body(1, BUCKET_64K);
        let (path, body): (&str, &[u8]) = match route {
            0 => ("/api/reports", &report),
            1 => ("/api/uploads", b""),
            _ => ("/api/mailbox", &report),
        };
        let mut headers = vec![("whistlebox-mailbox", MAILBOX_SECRET)];
        if let Some(value) = pow {
            headers.push(("whistlebox-pow", value));
        }
        self.send("POST", path, &headers, body).await
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Asserts `reply` is the refusal `status` / `code` and says what to do.
fn assert_refused(reply: &(u16, serde_json::Value), status: u16, code: &str, what: &str) {
    assert_eq!(reply.0, status, "{what}: {}", reply.1);
    assert_eq!(reply.1["error"], code, "{what}: {}", reply.1);
    let message = reply.1["message"].as_str().unwrap();
    assert!(message.contains("POST /api/pow"), "{what}: {message}");
}

/// A header whose challenge has one byte of its tag changed, re-solved so
/// that only the tag is wrong.
fn forged(challenge: &Challenge) -> String {
    let mut bytes = *challenge.as_bytes();
    bytes[pow::CHALLENGE_LEN - 1] ^= 1;
    pow::solve(&Challenge::from_bytes(&bytes).unwrap()).header_value()
}

/// A header for `challenge` whose first nonce does not solve its part.
fn wrong_solution(challenge: &Challenge) -> String {
    let mut solution = pow::solve(challenge);
    let seed = pow::seed(challenge, 0);
    solution.nonces[0] = (0..)
        .find(|n| !pow::solves(&seed, *n, challenge.bits()))
        .unwrap();
    solution.header_value()
}

/// A header for `challenge` with its difficulty changed (and so its tag broken).
fn other_difficulty(challenge: &Challenge) -> String {
    let mut bytes = *challenge.as_bytes();
    bytes[1] = 0;
    pow::solve(&Challenge::from_bytes(&bytes).unwrap()).header_value()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_malformed_forged_or_wrong_pow_is_refused_and_changes_nothing() {
    for route in 0..3 {
        // A budget of one write: any refusal that spent it would make the
        // valid write at the end fail.
        let f = Fixture::with(1, |c| c.max_writes_per_minute = 1);
        let relay = Served::start(&f).await;
        let reply = relay.write(route, None).await;
        assert_refused(&reply, 428, "pow_required", "no header");

        let good = relay.solved().await;
        let (head, nonces) = good.split_once('.').unwrap();
        let malformed = [
            String::new(),
            "x".to_owned(),
            head.to_owned(),
            format!("{head}.{nonces}.0"),
            format!("{head}.0{nonces}"),
            format!("{}.{nonces}", &head[1..]),
            format!("{head}.{nonces}{}", "0".repeat(400)),
            good.replace('.', ","),
        ];
        for value in &malformed {
            let reply = relay.write(route, Some(value)).await;
            assert_refused(&reply, 400, "bad_pow", value);
        }

        // The header twice, each a valid solution of its own.
        let (one, two) = (relay.solved().await, relay.solved().await);
        let twice = [
            ("whistlebox-pow", one.as_str()),
            ("whistlebox-pow", two.as_str()),
        ];
        let path = ["/api/reports", "/api/uploads", "/api/mailbox"][route];
        let reply = relay.send("POST", path, &twice, b"").await;
        assert_refused(&reply, 400, "bad_pow", "twice");

        let challenge = relay.challenge().await;
        for (what, value) in [
            ("forged tag", forged(&challenge)),
            ("wrong solution", wrong_solution(&challenge)),
            ("other difficulty", other_difficulty(&challenge)),
        ] {
            let reply = relay.write(route, Some(&value)).await;
            assert_refused(&reply, 403, "pow_invalid", what);
        }
        assert_eq!(f.usage(), Usage::default(), "route {route}: nothing stored");
        assert_eq!(f.state.pow().spent_len(), 0);

        // The budget is intact and the challenge unspent: its true solution passes.
        let valid = pow::solve(&challenge).header_value();
        let reply = relay.write(route, Some(&valid)).await;
        assert_eq!(reply.0, 201, "route {route}: {}", reply.1);
        assert_eq!(f.state.pow().spent_len(), 1);
        relay.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replayed_solution_gets_pow_spent_on_every_route() {
    let f = Fixture::new(1);
    let relay = Served::start(&f).await;
    for route in 0..3 {
        let solved = relay.solved().await;
        assert_eq!(relay.write(route, Some(&solved)).await.0, 201);
        let before = f.usage();
        for again in 0..3 {
            let reply = relay.write(again, Some(&solved)).await;
            assert_refused(&reply, 409, "pow_spent", "replay");
        }
        assert_eq!(f.usage(), before, "a replay stores nothing");
    }
    relay.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_challenge_gets_pow_expired() {
    let f = Fixture::with(1, |c| c.pow_ttl_secs = 1);
    let relay = Served::start(&f).await;
    let mut solved = Vec::new();
    for _ in 0..3 {
        solved.push(relay.solved().await);
    }
    // The expiry counts whole seconds on the relay's clock: past 2 s, a
    // 1-second challenge has expired whatever the rounding.
    tokio::time::sleep(std::time::Duration::from_millis(2_100)).await;
    for (route, value) in solved.iter().enumerate() {
        let reply = relay.write(route, Some(value)).await;
        assert_refused(&reply, 403, "pow_expired", "expired");
    }
    assert_eq!(f.usage(), Usage::default());
    relay.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_challenge_from_before_a_restart_is_invalid() {
    let f = Fixture::new(1);
    let relay = Served::start(&f).await;
    let mut solved = Vec::new();
    for _ in 0..3 {
        solved.push(relay.solved().await);
    }
    relay.stop().await;
    let f = f.reopen();
    let relay = Served::start(&f).await;
    for (route, value) in solved.iter().enumerate() {
        let reply = relay.write(route, Some(value)).await;
        assert_refused(&reply, 403, "pow_invalid", "earlier run");
    }
    assert_eq!(f.usage(), Usage::default());
    relay.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_refused_by_the_rate_or_the_quota_keeps_its_solution() {
    // The write rate: the second write is refused, and its solution stays unspent.
    let f = Fixture::with(1, |c| c.max_writes_per_minute = 1);
    let relay = Served::start(&f).await;
    assert_eq!(relay.write(0, None).await.0, 428);
    let first = relay.solved().await;
    assert_eq!(relay.write(0, Some(&first)).await.0, 201);
    let second = relay.solved().await;
    for route in 0..3 {
        let reply = relay.write(route, Some(&second)).await;
        assert_eq!(reply.0, 429, "{}", reply.1);
    }
    assert_eq!(f.state.pow().spent_len(), 1, "only the admitted write's");
    relay.stop().await;

    // The storage quota: 503, nothing spent.
    let f = Fixture::with(1, |c| c.max_store_bytes = 1);
    let relay = Served::start(&f).await;
    let solved = relay.solved().await;
    for route in 0..3 {
        let reply = relay.write(route, Some(&solved)).await;
        assert_eq!(
            (reply.0, reply.1["error"].as_str()),
            (503, Some("storage_full"))
        );
    }
    assert_eq!(f.state.pow().spent_len(), 0);
    relay.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn investigator_routes_and_reads_need_no_pow() {
    let f = Fixture::new(1);
    let relay = Served::start(&f).await;
    let solved = relay.solved().await;
    let (status, created) = relay.write(0, Some(&solved)).await;
    assert_eq!(status, 201);
    let id = created["id"].as_str().unwrap();
    let bearer = format!("Bearer {}", f.token);
    let auth = [("authorization", bearer.as_str())];
    let reply = relay
        .send(
            "POST",
            &format!("/api/objects/{id}/reply"),
            &auth,
            &body(2, BUCKET_64K),
        )
        .await;
    assert_eq!(reply.0, 201, "{}", reply.1);
    let mailbox = [("whistlebox-mailbox", MAILBOX_SECRET)];
    assert_eq!(
        relay.send("GET", "/api/mailbox", &mailbox, b"").await.0,
        200
    );
    assert_eq!(relay.send("GET", "/api/inbox", &auth, b"").await.0, 200);
    assert_eq!(relay.send("GET", "/api/pow", &[], b"").await.0, 405);
    relay.stop().await;
}

#[test]
fn a_solution_header_round_trips_through_the_parser() {
    let challenge = Challenge::new(Challenge::signed(3, 5, 10, [1; 16]), [2; 16]);
    let solution = pow::solve(&challenge);
    let parsed = Solution::parse(solution.header_value().as_bytes()).unwrap();
    assert_eq!(parsed, solution);
}
