//! `whistlebox audit site URL` (`docs/AUDITING.md`): checks what a running
//! relay serves against what was published — the page bundle (PROTOCOL.md
//! §4.8), the team keyset (§3, `GET /api/team`), the security headers and
//! the absence of cookies on a sweep of routes, methods and error statuses
//! (§4.5), and that the page loads nothing from another origin.
//!
//! The audit only reads: every probe is a `GET`, or a request the relay
//! refuses before storing anything (an unknown method, a body declared over
//! `max_body_bytes`). The expected values are the auditor's own — a local
//! reproducible build of `web/dist` or a published digest, and the keyset
//! file — never the relay's word (`/api/site` is compared, not trusted).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use whistlebox_core::team::{short_fingerprint, Keyset};

use super::{run_checks, Check, Findings, Report};
use crate::error::Error;
use crate::{teamfile, term};

/// Bound on any answer read (the worker bundle is about 0.5 MiB).
const BODY_MAX: u64 = 16 << 20;
/// Bound on the number of assets fetched.
const ASSETS_MAX: usize = 256;

/// The headers every response carries, with their values (PROTOCOL.md §4.5).
pub const SECURITY_HEADERS: [(&str, &str); 8] = [
    (
        "content-security-policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; \
         connect-src 'self'; worker-src 'self'; form-action 'none'; frame-ancestors 'none'; \
         base-uri 'none'",
    ),
    ("referrer-policy", "no-referrer"),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    (
        "permissions-policy",
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), \
         microphone=(), payment=(), usb=(), interest-cohort=()",
    ),
    ("cache-control", "no-store"),
];

/// Headers no response may carry (PROTOCOL.md §4.5); `set-cookie` has its
/// own finding, `cookie_set`.
pub const FORBIDDEN_HEADERS: [&str; 5] = ["set-cookie", "server", "etag", "last-modified", "date"];

/// The checks of `audit site`, in the order they run.
pub const CHECKS: &[Check<SiteView>] = &[
    ("bundle", check_bundle),
    ("keyset", check_keyset),
    ("headers", check_headers),
    ("origins", check_origins),
];

/// Where the expected bundle digest comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    /// `--bundle-sha256 HEX` (lowercase).
    Digest(String),
    /// `--dist DIR`, or `None` for the repository's `web/dist`.
    Dist(Option<PathBuf>),
}

/// A validated `audit site`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SitePlan {
    /// Base URL, without a trailing `/`.
    pub url: String,
    /// The published keyset.
    pub team: PathBuf,
    /// The expected bundle.
    pub expected: Expected,
    /// Proxy, as ureq takes it.
    pub proxy: Option<String>,
    /// Print JSON.
    pub json: bool,
}

/// One HTTP answer as the audit saw it.
#[derive(Clone, Debug)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// Header names (lowercase) and values, in order.
    pub headers: Vec<(String, String)>,
    /// The body, up to 16 MiB.
    pub body: Vec<u8>,
}

/// One request of the header sweep.
#[derive(Clone, Debug, Serialize)]
pub struct Probe {
    /// Method.
    pub method: &'static str,
    /// Path.
    pub path: String,
    /// The status the relay must answer.
    pub expect: u16,
    /// The status it answered.
    pub status: u16,
    /// Whether a different status is a finding (the write probes may meet
    /// a check that comes first, such as proof of work).
    #[serde(skip)]
    strict: bool,
    #[serde(skip)]
    headers: Vec<(String, String)>,
}

/// A load the page makes, found in its HTML, CSS or JavaScript.
#[derive(Clone, Debug, Serialize)]
pub struct Load {
    /// The file it is in.
    pub from: String,
    /// How it loads (`script src`, `new Worker`, `fetch`, …).
    pub how: String,
    /// The URL as written (a template's fixed prefix), or `None` if computed.
    pub url: Option<String>,
}

/// Everything `audit site` fetched; the checks only look.
#[derive(Debug)]
pub struct SiteView {
    origin: String,
    keyset: Keyset,
    expected_digest: String,
    /// path → sha256 from the local build, when one is used.
    expected_files: Option<BTreeMap<String, String>>,
    /// `GET /api/site`, if it answered JSON.
    site: Option<Value>,
    /// `GET /api/team`, if it answered JSON.
    team: Option<Value>,
    /// path → (status, sha256 of the body) for every asset fetched.
    served: BTreeMap<String, (u16, String)>,
    /// The paths the digest covers.
    digest_paths: Vec<String>,
    served_digest: String,
    loads: Vec<Load>,
    probes: Vec<Probe>,
}

/// The summary of `audit site` (`docs/AUDITING.md`).
#[derive(Debug, Serialize)]
pub struct SiteSummary {
    /// The bundle digest recomputed from the served files.
    pub bundle_sha256: String,
    /// The expected digest.
    pub expected_bundle_sha256: String,
    /// Where the expected digest came from.
    pub expected_from: String,
    /// Every asset fetched: path → sha256 (empty when not 200).
    pub assets: BTreeMap<String, String>,
    /// The keyset fingerprint of the `--team` file.
    pub keyset_fingerprint: String,
    /// Every load found in the page, HTML, CSS and JavaScript.
    pub loads: Vec<Load>,
    /// The header sweep.
    pub routes: Vec<Probe>,
}

/// Runs `audit site`.
pub fn run(plan: &SitePlan, out: &mut dyn std::io::Write) -> Result<(), Error> {
    let keyset = teamfile::read(&plan.team)?;
    let (expected_digest, expected_files, expected_from) = match &plan.expected {
        Expected::Digest(hex) => (hex.clone(), None, "--bundle-sha256".to_string()),
        Expected::Dist(dir) => {
            let dir = match dir {
                Some(dir) => dir.clone(),
                None => find_dist()?,
            };
            let (digest, files) = read_dist(&dir)?;
            (digest, Some(files), format!("{}/SHA256SUMS", dir.display()))
        }
    };
    let http = Http::new(&plan.url, plan.proxy.as_deref())?;
    let view = SiteView::load(&http, keyset, expected_digest, expected_files)?;
    let summary = SiteSummary {
        bundle_sha256: view.served_digest.clone(),
        expected_bundle_sha256: view.expected_digest.clone(),
        expected_from,
        assets: view
            .served
            .iter()
            .map(|(p, (_, d))| (p.clone(), d.clone()))
            .collect(),
        keyset_fingerprint: view.keyset.fingerprint(),
        loads: view.loads.clone(),
        routes: view.probes.clone(),
    };
    let dynamic = view.loads.iter().filter(|l| l.url.is_none()).count();
    let lines = vec![
        format!("page bundle sha256 (served):   {}", summary.bundle_sha256),
        format!("page bundle sha256 (expected): {} ({})", summary.expected_bundle_sha256, term::line(&summary.expected_from)),
        format!("assets fetched: {}", summary.assets.len()),
        format!("keyset fingerprint: {}", summary.keyset_fingerprint),
        format!("loads found in the page: {} ({dynamic} with a computed URL, held to 'self' by the CSP)", summary.loads.len()),
        format!("routes probed: {}", summary.routes.len()),
    ];
    let report = Report::new("site", plan.url.clone(), summary, run_checks(&view, CHECKS));
    report.finish(plan.json, &lines, out)
}

/// `web/dist` of the repository the current directory (or the binary) is in.
fn find_dist() -> Result<PathBuf, Error> {
    let mut starts = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        starts.push(cwd);
    }
    if let Ok(exe) = std::env::current_exe() {
        starts.push(exe);
    }
    for start in starts {
        for dir in start.ancestors() {
            let dist = dir.join("web/dist");
            if dist.join("SHA256SUMS").is_file() {
                return Ok(dist);
            }
        }
    }
    Err(Error::Audit {
        what: "no local page build to compare with (web/dist/SHA256SUMS not found above the current directory)".into(),
        hint: "run from a checkout after `cd web && npm ci --ignore-scripts && npm run build`, or pass --dist DIR or --bundle-sha256 HEX".into(),
    })
}

/// The digest of `DIR/SHA256SUMS` and its lines, after checking that every
/// listed file of the local build has its listed digest.
fn read_dist(dir: &Path) -> Result<(String, BTreeMap<String, String>), Error> {
    let sums_path = dir.join("SHA256SUMS");
    let sums = std::fs::read(&sums_path).map_err(Error::io("cannot read", &sums_path))?;
    let bad = |why: String| {
        Error::Audit {
        what: format!("the local build {} is not usable: {why}", dir.display()),
        hint: "rebuild it (`cd web && npm ci --ignore-scripts && npm run build`) or pass --bundle-sha256 HEX".into(),
    }
    };
    let text = std::str::from_utf8(&sums).map_err(|_| bad("SHA256SUMS is not UTF-8".into()))?;
    let mut files = BTreeMap::new();
    for line in text.lines() {
        let (digest, path) = line.split_once("  ").ok_or_else(|| {
            bad(format!(
                "a SHA256SUMS line is not `<sha256>  <path>`: {}",
                term::line(line)
            ))
        })?;
        let local = dir.join(path);
        let bytes = std::fs::read(&local).map_err(Error::io("cannot read", &local))?;
        if hex::encode(Sha256::digest(&bytes)) != digest {
            return Err(bad(format!("{path} does not match its SHA256SUMS line")));
        }
        files.insert(path.to_string(), digest.to_string());
    }
    Ok((hex::encode(Sha256::digest(&sums)), files))
}

/// The bundle digest of PROTOCOL.md §4.8 over `files` (path → sha256): the
/// SHA-256 of the `sha256sum` lines sorted by path.
pub fn bundle_digest(files: &BTreeMap<String, String>) -> String {
    let mut text = String::new();
    for (path, digest) in files {
        text.push_str(&format!("{digest}  {path}\n"));
    }
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// A read-only HTTP client for one relay (also `audit log`'s).
pub(super) struct Http {
    agent: ureq::Agent,
    base: String,
}

impl Http {
    pub(super) fn new(base: &str, proxy: Option<&str>) -> Result<Http, Error> {
        Ok(Http {
            agent: crate::relay::agent("whistlebox-audit", proxy)?,
            base: base.to_string(),
        })
    }

    /// Sends one request; any HTTP status is an answer, only a transport
    /// failure is an error. `declared` sends a small body under a declared
    /// `Content-Length` of that many bytes.
    fn request(
        &self,
        method: &str,
        path: &str,
        declared: Option<u64>,
        pow: Option<&str>,
    ) -> Result<Answer, Error> {
        let mut req = self.agent.request(method, &format!("{}{path}", self.base));
        if let Some(pow) = pow {
            req = req.set("Whistlebox-Pow", pow);
        }
        let result = match declared {
            Some(len) => req
                .set("Content-Length", &len.to_string())
                .set("Content-Type", "application/octet-stream")
                .send(&b"not an age file"[..]),
            None => req.call(),
        };
        let resp = match result {
            Ok(resp) => resp,
            Err(ureq::Error::Status(_, resp)) => resp,
            Err(ureq::Error::Transport(t)) => {
                return Err(Error::Network {
                    url: self.base.clone(),
                    reason: term::line(&t.to_string()),
                })
            }
        };
        let status = resp.status();
        let headers = resp
            .headers_names()
            .into_iter()
            .flat_map(|name| {
                resp.all(&name)
                    .into_iter()
                    .map(|v| (name.to_ascii_lowercase(), v.to_string()))
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut body = Vec::new();
        // A body cut short still tells the audit its headers.
        let _ = resp.into_reader().take(BODY_MAX).read_to_end(&mut body);
        Ok(Answer {
            status,
            headers,
            body,
        })
    }

    pub(super) fn get(&self, path: &str) -> Result<Answer, Error> {
        self.request("GET", path, None, None)
    }
}

/// Most leading zero bits the audit solves for (`K × 2^B` hashes; the
/// default is 14): a relay asking for more gets no solution, and its 413
/// probe is not held to its status.
const POW_BITS_MAX: u8 = 22;

/// The `Whistlebox-Pow` header solving the challenge of a `POST /api/pow`
/// answer (PROTOCOL.md §9.2), if it is one the audit can afford.
fn solve_pow(issued: &Answer) -> Option<String> {
    use base64::Engine;
    use whistlebox_core::pow::{solve, Challenge};
    let body: Value = serde_json::from_slice(&issued.body).ok()?;
    let text = body.get("challenge")?.as_str()?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .ok()?;
    let challenge = Challenge::from_bytes(&bytes).ok()?;
    (challenge.bits() <= POW_BITS_MAX).then(|| solve(&challenge).header_value())
}

fn json(answer: &Answer) -> Option<Value> {
    (answer.status == 200)
        .then(|| serde_json::from_slice(&answer.body).ok())
        .flatten()
}

/// The URL path of a served file (`index.html` is `/`).
fn url_path(file: &str) -> String {
    if file == "index.html" {
        "/".into()
    } else {
        format!("/{file}")
    }
}

/// The file of a same-origin URL path, if it is a page file (`/` or `/assets/…`).
fn file_of(path: &str) -> Option<String> {
    let path = path.split(['?', '#']).next().unwrap_or("");
    match path {
        "/" | "/index.html" => Some("index.html".into()),
        p if p.starts_with("/assets/") && p.len() > 8 && !p.contains("..") => {
            Some(p[1..].to_string())
        }
        _ => None,
    }
}

impl SiteView {
    fn load(
        http: &Http,
        keyset: Keyset,
        expected_digest: String,
        expected_files: Option<BTreeMap<String, String>>,
    ) -> Result<SiteView, Error> {
        let origin = origin_of(&http.base).unwrap_or_default();
        let site = json(&http.get("/api/site")?);
        let team = json(&http.get("/api/team")?);
        let claimed: BTreeSet<String> = site
            .as_ref()
            .and_then(|s| s.get("files"))
            .and_then(Value::as_object)
            .map(|f| f.keys().cloned().collect())
            .unwrap_or_default();
        let listed: Vec<String> = match &expected_files {
            Some(files) => files.keys().cloned().collect(),
            None => claimed.iter().cloned().collect(),
        };
        // Fetch the listed files and whatever the page loads, breadth first.
        let mut queue: Vec<String> = vec!["index.html".into()];
        queue.extend(listed.iter().cloned());
        queue.extend(claimed.iter().cloned());
        let mut served = BTreeMap::new();
        let mut loads = Vec::new();
        while let Some(file) = queue.pop() {
            if served.contains_key(&file) || served.len() >= ASSETS_MAX {
                continue;
            }
            let answer = http.get(&url_path(&file))?;
            let digest = if answer.status == 200 {
                hex::encode(Sha256::digest(&answer.body))
            } else {
                String::new()
            };
            if answer.status == 200 {
                let text = String::from_utf8_lossy(&answer.body);
                let found = if file.ends_with(".html") {
                    html_loads(&text)
                } else if file.ends_with(".css") {
                    css_loads(&text)
                } else if file.ends_with(".js") || file.ends_with(".mjs") {
                    js_loads(&text)
                } else {
                    Vec::new()
                };
                for (how, url) in found {
                    if let Some(next) = url
                        .as_deref()
                        .and_then(|u| same_origin_path(&origin, &url_path(&file), u))
                        .and_then(|p| file_of(&p))
                    {
                        if !url.as_deref().is_some_and(|u| u.ends_with('/')) {
                            queue.push(next);
                        }
                    }
                    loads.push(Load {
                        from: file.clone(),
                        how,
                        url,
                    });
                }
            }
            served.insert(file, (answer.status, digest));
        }
        let digest_files: BTreeMap<String, String> = listed
            .iter()
            .map(|p| {
                (
                    p.clone(),
                    served.get(p).map(|(_, d)| d.clone()).unwrap_or_default(),
                )
            })
            .collect();
        let served_digest = bundle_digest(&digest_files);
        let max_body = team
            .as_ref()
            .and_then(|t| t.get("max_body_bytes"))
            .and_then(Value::as_u64)
            .unwrap_or(256 << 20);
        let js = served
            .keys()
            .find(|p| p.ends_with(".js"))
            .cloned()
            .unwrap_or_else(|| "assets/app.js".into());
        let plan: Vec<(&'static str, String, u16, bool, Option<u64>)> = vec![
            ("GET", "/".into(), 200, true, None),
            ("GET", url_path(&js), 200, true, None),
            ("GET", "/api/team".into(), 200, true, None),
            ("GET", "/api/site".into(), 200, true, None),
            ("GET", "/healthz".into(), 200, true, None),
            ("HEAD", "/".into(), 200, true, None),
            ("GET", "/no-such-page".into(), 404, true, None),
            ("GET", "/assets/no-such-file.js".into(), 404, true, None),
            (
                "GET",
                "/api/objects/00000000000000000000000000000000".into(),
                401,
                true,
                None,
            ),
            ("GET", "/api/inbox".into(), 401, true, None),
            ("GET", "/api/mailbox".into(), 400, true, None),
            ("GET", "/api/uploads/not-an-upload".into(), 400, true, None),
            ("DELETE", "/api/team".into(), 405, true, None),
            ("PUT", "/".into(), 405, true, None),
        ];
        let mut probes = Vec::new();
        let mut probe = |method, path: String, expect, strict, declared, pow: Option<&str>| {
            let answer = http.request(method, &path, declared, pow)?;
            probes.push(Probe {
                method,
                path,
                expect,
                status: answer.status,
                strict,
                headers: answer.headers.clone(),
            });
            Ok::<Answer, Error>(answer)
        };
        for (method, path, expect, strict, declared) in plan {
            probe(method, path, expect, strict, declared, None)?;
        }
        // A 413: a report declared one byte over max_body_bytes, with a
        // solved proof of work (PROTOCOL.md §9) so that the size check is
        // reached; refused before any body byte is read, nothing stored.
        let issued = probe("POST", "/api/pow".into(), 201, true, None, None)?;
        let pow = solve_pow(&issued);
        probe(
            "POST",
            "/api/reports".into(),
            413,
            pow.is_some(),
            Some(max_body.saturating_add(1)),
            pow.as_deref(),
        )?;
        Ok(SiteView {
            origin,
            keyset,
            expected_digest,
            expected_files,
            site,
            team,
            served,
            digest_paths: listed,
            served_digest,
            loads,
            probes,
        })
    }
}

/// `scheme://host[:port]` of an absolute http(s) URL, lowercase, without
/// the default port.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let authority = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    let authority = authority.rsplit('@').next()?.to_string();
    let default = match scheme.as_str() {
        "http" => ":80",
        "https" => ":443",
        _ => "",
    };
    let authority = authority
        .strip_suffix(default)
        .map(str::to_string)
        .unwrap_or(authority);
    Some(format!("{scheme}://{authority}"))
}

/// The same-origin path `url` (found in the file at `from`) points to, or
/// `None` when it goes to another origin or loads no network resource.
fn same_origin_path(origin: &str, from: &str, url: &str) -> Option<String> {
    match classify(origin, url) {
        Target::SameOrigin => {}
        _ => return None,
    }
    if let Some(rest) = url.strip_prefix(origin) {
        return Some(if rest.is_empty() {
            "/".into()
        } else {
            rest.to_string()
        });
    }
    if url.starts_with('/') {
        return Some(url.to_string());
    }
    let dir = &from[..from.rfind('/').map_or(0, |i| i + 1)];
    Some(format!("{}{url}", if dir.is_empty() { "/" } else { dir }))
}

/// Where a URL found in the page leads.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// This origin (a path, or an absolute URL of the same origin).
    SameOrigin,
    /// Nothing is fetched (`data:`, `blob:`, a fragment).
    Inline,
    /// Another origin.
    Foreign,
}

fn classify(origin: &str, url: &str) -> Target {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("data:")
        || lower.starts_with("blob:")
        || lower.starts_with('#')
        || lower.is_empty()
    {
        return Target::Inline;
    }
    if lower.starts_with("//") || lower.starts_with("\\\\") || lower.starts_with("/\\") {
        return Target::Foreign;
    }
    let scheme_end = lower.find(':');
    let has_scheme = scheme_end.is_some_and(|i| {
        i > 0
            && lower[..i]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
            && !lower[..i].contains('/')
    });
    if !has_scheme {
        return Target::SameOrigin;
    }
    match origin_of(url) {
        Some(o) if o == origin => Target::SameOrigin,
        _ => Target::Foreign,
    }
}

/// Attributes that make a browser fetch something, by tag (`a href` is a
/// link the reporter follows, not a load).
fn loads_attr(tag: &str, attr: &str) -> bool {
    matches!(
        (tag, attr),
        (_, "src" | "srcset" | "poster" | "background" | "formaction")
            | ("link", "href")
            | ("object", "data")
            | ("form", "action")
            | ("base", "href")
            | ("html", "manifest")
            | ("image" | "use", "href" | "xlink:href")
    )
}

/// Every load in an HTML page: attributes that fetch, a meta refresh, and
/// the loads of inline scripts and styles.
fn html_loads(html: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(at) = html[i..].find('<').map(|p| p + i) {
        if html[at..].starts_with("<!--") {
            i = html[at..].find("-->").map_or(html.len(), |e| at + e + 3);
            continue;
        }
        let (tag, attrs, end) = parse_tag(html, at);
        i = end.max(at + 1);
        for (name, value) in &attrs {
            if loads_attr(&tag, name) {
                let urls: Vec<String> = if name == "srcset" {
                    value
                        .split(',')
                        .filter_map(|c| c.split_whitespace().next())
                        .map(str::to_string)
                        .collect()
                } else {
                    vec![value.clone()]
                };
                for url in urls {
                    out.push((format!("{tag} {name}"), Some(url)));
                }
            }
            if name == "style" {
                out.extend(css_loads(value));
            }
        }
        if tag == "meta"
            && attrs
                .iter()
                .any(|(n, v)| n == "http-equiv" && v.eq_ignore_ascii_case("refresh"))
        {
            if let Some((_, content)) = attrs.iter().find(|(n, _)| n == "content") {
                let url = content
                    .split_once('=')
                    .map(|(_, u)| u.trim().trim_matches(['\'', '"']).to_string());
                out.push(("meta refresh".into(), url));
            }
        }
        if (tag == "script" || tag == "style") && i <= bytes.len() {
            let close = format!("</{tag}");
            let body_end = html[i..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(html.len(), |e| i + e);
            let body = &html[i..body_end];
            if tag == "script" {
                out.extend(js_loads(body));
            } else {
                out.extend(css_loads(body));
            }
            i = body_end;
        }
    }
    out
}

/// Parses the tag starting at `<` at `at`: its lowercase name, attributes
/// (lowercase names, unquoted values) and where it ends.
fn parse_tag(html: &str, at: usize) -> (String, Vec<(String, String)>, usize) {
    let b = html.as_bytes();
    let mut i = at + 1;
    let start = i;
    while i < b.len()
        && (b[i].is_ascii_alphanumeric() || b[i] == b'-' || b[i] == b'/' || b[i] == b'!')
    {
        i += 1;
    }
    let tag = html[start..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            return (tag, attrs, (i + 1).min(b.len()));
        }
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !b"=>/".contains(&b[i]) {
            i += 1;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                i = vs;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                value = html[vs..i.min(b.len())].to_string();
                i += 1;
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = html[vs..i].to_string();
            }
        }
        if name.is_empty() {
            i += 1;
        } else {
            attrs.push((name, decode_entities(&value)));
        }
    }
}

fn decode_entities(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// `url(…)` and `@import` in CSS.
fn css_loads(css: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let lower = css.to_ascii_lowercase();
    for (marker, how) in [("url(", "css url()"), ("@import", "css @import")] {
        let mut from = 0;
        while let Some(p) = lower[from..].find(marker).map(|p| p + from) {
            let rest = css[p + marker.len()..].trim_start();
            let url = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => rest[1..].split(q).next().map(str::to_string),
                _ if marker == "url(" => rest.split(')').next().map(|u| u.trim().to_string()),
                _ => rest
                    .strip_prefix("url(")
                    .and_then(|r| r.split(')').next())
                    .map(|u| u.trim().trim_matches(['\'', '"']).to_string()),
            };
            out.push((how.to_string(), url));
            from = p + marker.len();
        }
    }
    out
}

/// The load sites of JavaScript: workers, imports, fetches, sockets,
/// beacons. A string literal argument is the URL; a template literal gives
/// its fixed prefix; anything else is computed (`None`).
fn js_loads(js: &str) -> Vec<(String, Option<String>)> {
    const SITES: &[&str] = &[
        "new Worker(",
        "new SharedWorker(",
        "importScripts(",
        "import(",
        "fetch(",
        "sendBeacon(",
        "new WebSocket(",
        "new EventSource(",
        "serviceWorker.register(",
        "new URL(",
    ];
    let mut out = Vec::new();
    let bytes = js.as_bytes();
    for site in SITES {
        let mut from = 0;
        while let Some(p) = js[from..].find(site).map(|p| p + from) {
            from = p + site.len();
            let word_before = p
                .checked_sub(1)
                .map(|i| bytes[i])
                .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$');
            if word_before && !site.starts_with("new ") {
                continue;
            }
            let how = site.trim_end_matches('(').to_string();
            out.push((how, literal_at(&js[from..])));
        }
    }
    // Static imports and re-exports, `from "x"` and `import "x"`, at the
    // start of a statement or after a `}` (esbuild's bundles have none).
    for marker in [
        "from\"",
        "from \"",
        "from'",
        "from '",
        "import\"",
        "import \"",
        "import'",
        "import '",
    ] {
        let mut from = 0;
        while let Some(p) = js[from..].find(marker).map(|p| p + from) {
            from = p + marker.len();
            let statement = p
                .checked_sub(1)
                .map(|i| bytes[i])
                .is_none_or(|b| b" \t\n;})".contains(&b));
            let url = literal_at(&js[p + marker.len() - 1..]);
            let specifier = url
                .as_deref()
                .is_some_and(|u| !u.is_empty() && !u.contains(char::is_whitespace));
            if statement && specifier {
                out.push(("import".into(), url));
            }
        }
    }
    out
}

/// The string literal at the start of `s` (after blanks), or the fixed
/// prefix of a template literal; `None` for anything else.
fn literal_at(s: &str) -> Option<String> {
    let s = s.trim_start();
    let q = s.chars().next()?;
    if !matches!(q, '"' | '\'' | '`') {
        return None;
    }
    let body = &s[1..];
    let mut end = body.find(q)?;
    if q == '`' {
        if let Some(t) = body.find("${") {
            end = end.min(t);
        }
    }
    Some(body[..end].to_string())
}

// ---- the checks ----------------------------------------------------------

/// The served bundle is the expected one, file by file, and `/api/site`
/// says so too.
fn check_bundle(view: &SiteView, f: &mut Findings) {
    if view.served_digest != view.expected_digest {
        f.add(
            "bundle_digest_mismatch",
            "page bundle",
            format!(
                "the served files give bundle sha256 {}, expected {}",
                view.served_digest, view.expected_digest
            ),
        );
    }
    for path in &view.digest_paths {
        let (status, digest) = view.served.get(path).cloned().unwrap_or((0, String::new()));
        if status != 200 {
            f.add(
                "asset_missing",
                url_path(path),
                format!("a file of the bundle answered {status}"),
            );
            continue;
        }
        if let Some(expected) = view.expected_files.as_ref().and_then(|e| e.get(path)) {
            if *expected != digest {
                f.add(
                    "asset_mismatch",
                    url_path(path),
                    format!("served sha256 {digest}, the local build has {expected}"),
                );
            }
        }
    }
    for (path, (status, _)) in &view.served {
        if *status == 200 && !view.digest_paths.contains(path) {
            f.add(
                "unlisted_asset",
                url_path(path),
                "served and loaded by the page, but not in the bundle's SHA256SUMS",
            );
        }
    }
    let Some(site) = &view.site else {
        f.add(
            "site_claim_mismatch",
            "/api/site",
            "no JSON answer (PROTOCOL.md §4.8)",
        );
        return;
    };
    let claimed = site
        .get("bundle_sha256")
        .and_then(Value::as_str)
        .unwrap_or("");
    if claimed != view.expected_digest {
        f.add(
            "site_claim_mismatch",
            "/api/site",
            format!(
                "bundle_sha256 is {}, expected {}",
                term::shorten(claimed, 80),
                view.expected_digest
            ),
        );
    }
    if let Some(files) = site.get("files").and_then(Value::as_object) {
        for (path, digest) in files {
            let served = view.served.get(path).map(|(_, d)| d.as_str()).unwrap_or("");
            if digest.as_str() != Some(served) {
                f.add(
                    "site_claim_mismatch",
                    format!("/api/site files[{path}]"),
                    "the listed digest is not the served file's",
                );
            }
        }
    }
}

/// `/api/team` and `/api/site` announce exactly the published keyset.
fn check_keyset(view: &SiteView, f: &mut Findings) {
    let k = &view.keyset;
    let fingerprint = k.fingerprint();
    if let Some(site) = &view.site {
        if site.get("keyset_fingerprint").and_then(Value::as_str) != Some(fingerprint.as_str()) {
            f.add(
                "keyset_mismatch",
                "/api/site keyset_fingerprint",
                format!("not the --team keyset's fingerprint {fingerprint}"),
            );
        }
    }
    let Some(team) = &view.team else {
        f.add(
            "keyset_mismatch",
            "/api/team",
            "no JSON answer (PROTOCOL.md §4.1)",
        );
        return;
    };
    let s = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    let mut expect = |at: String, got: Option<String>, want: &str| {
        if got.as_deref() != Some(want) {
            f.add(
                "keyset_mismatch",
                at,
                format!(
                    "served {}, the keyset says {}",
                    got.as_deref()
                        .map_or("nothing".into(), |g| format!("{:?}", term::shorten(g, 80))),
                    term::shorten(want, 80)
                ),
            );
        }
    };
    expect("/api/team name".into(), s(team, "name"), &k.name);
    expect(
        "/api/team fingerprint".into(),
        s(team, "fingerprint"),
        &fingerprint,
    );
    expect(
        "/api/team stanza_type".into(),
        s(team, "stanza_type"),
        k.stanza_type().label(),
    );
    let served: &[Value] = team
        .get("investigators")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice);
    for (i, inv) in k.investigators.iter().enumerate() {
        let Some(got) = served.get(i) else {
            expect(format!("/api/team investigators[{i}]"), None, &inv.id);
            continue;
        };
        let at = |field: &str| format!("/api/team investigators[{i}].{field} ({})", inv.id);
        expect(at("id"), s(got, "id"), &inv.id);
        expect(at("name"), s(got, "name"), &inv.name);
        expect(at("role"), s(got, "role"), &inv.role);
        expect(at("recipient"), s(got, "recipient"), &inv.recipient);
        expect(
            at("fingerprint"),
            s(got, "fingerprint"),
            &short_fingerprint(&inv.recipient),
        );
    }
    if served.len() > k.investigators.len() {
        f.add(
            "keyset_mismatch",
            "/api/team investigators",
            format!(
                "{} investigators served, the keyset has {}",
                served.len(),
                k.investigators.len()
            ),
        );
    }
}

/// Every probe carries the §4.5 headers with their values, and none of the
/// forbidden ones; every strict probe got its status.
fn check_headers(view: &SiteView, f: &mut Findings) {
    for probe in &view.probes {
        let at = format!("{} {} ({})", probe.method, probe.path, probe.status);
        if probe.strict && probe.status != probe.expect {
            f.add(
                "unexpected_status",
                &at,
                format!("expected {}", probe.expect),
            );
        }
        for (name, value) in SECURITY_HEADERS {
            let got: Vec<&str> = probe
                .headers
                .iter()
                .filter(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
                .collect();
            match got.as_slice() {
                [] => f.add("missing_header", &at, format!("no {name} header")),
                [one] if *one == value => {}
                _ => f.add(
                    "header_value",
                    &at,
                    format!(
                        "{name} is {:?}, PROTOCOL.md §4.5 says {value:?}",
                        got.join(", ")
                    ),
                ),
            }
        }
        for name in FORBIDDEN_HEADERS {
            if probe.headers.iter().any(|(n, _)| n == name) {
                if name == "set-cookie" {
                    f.add("cookie_set", &at, "the answer sets a cookie");
                } else {
                    f.add(
                        "forbidden_header",
                        &at,
                        format!("a {name} header (PROTOCOL.md §4.5 forbids it)"),
                    );
                }
            }
        }
    }
}

/// Nothing the page loads comes from another origin.
fn check_origins(view: &SiteView, f: &mut Findings) {
    for load in &view.loads {
        if let Some(url) = &load.url {
            if classify(&view.origin, url) == Target::Foreign {
                f.add(
                    "cross_origin_load",
                    format!("{} ({})", url_path(&load.from), load.how),
                    format!("loads {url} from another origin"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_urls() {
        let o = "http://127.0.0.1:8080";
        assert_eq!(classify(o, "/assets/app.js"), Target::SameOrigin);
        assert_eq!(classify(o, "assets/app.js"), Target::SameOrigin);
        assert_eq!(classify(o, "http://127.0.0.1:8080/x"), Target::SameOrigin);
        assert_eq!(classify(o, "data:,"), Target::Inline);
        assert_eq!(classify(o, "https://cdn.example/x.js"), Target::Foreign);
        assert_eq!(classify(o, "//cdn.example/x.js"), Target::Foreign);
        assert_eq!(classify(o, "http://127.0.0.1:8081/x"), Target::Foreign);
        assert_eq!(
            origin_of("https://Report.Example:443/x"),
            Some("https://report.example".into())
        );
    }

    #[test]
    fn finds_loads() {
        let html = r#"<link rel="icon" href="data:,"><link rel=stylesheet href="/assets/style.css">
            <!-- <script src="https://commented.out/x.js"></script> -->
            <script type="module" src='/assets/app.js'></script><a href="https://elsewhere">x</a>
            <img srcset="a.png 1x, https://cdn.example/b.png 2x">"#;
        let urls: Vec<String> = html_loads(html)
            .into_iter()
            .filter_map(|(_, u)| u)
            .collect();
        assert_eq!(
            urls,
            [
                "data:,",
                "/assets/style.css",
                "/assets/app.js",
                "a.png",
                "https://cdn.example/b.png"
            ]
        );
        let js = r#"new Worker("/assets/worker.js",{type:"module"});fetch(`/assets/locales/${l}.json`);fetch(path);import("https://x.example/m.js");prefetch("no")"#;
        let loads = js_loads(js);
        let urls: Vec<Option<String>> = loads.iter().map(|(_, u)| u.clone()).collect();
        assert!(urls.contains(&Some("/assets/worker.js".into())));
        assert!(urls.contains(&Some("/assets/locales/".into())));
        assert!(urls.contains(&None));
        assert!(urls.contains(&Some("https://x.example/m.js".into())));
        assert_eq!(loads.len(), 4, "{loads:?}");
        assert_eq!(
            css_loads("a{background:url( 'x.png' )} @import url(\"y.css\");").len(),
            3
        );
    }

    #[test]
    fn digest_is_sha256sums() {
        let mut files = BTreeMap::new();
        files.insert(
            "index.html".to_string(),
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824".to_string(),
        );
        let text = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824  index.html\n";
        assert_eq!(
            bundle_digest(&files),
            hex::encode(Sha256::digest(text.as_bytes()))
        );
    }
}
