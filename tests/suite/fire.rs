//! `postback fire` against a server each test starts on 127.0.0.1 (port 0): the requests it
//! receives are exactly the `--sample` URLs; each kind of answer, and no answer at all, is
//! reported with the right exit code; guards send nothing. No test reaches outside.

use crate::common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{postback, stdout_of};

/// What the test server answers.
#[derive(Clone, Copy)]
enum Answer {
    Ok,
    ServerError,
    Redirect,
    /// Never answers (until the client gives up).
    Silent,
    /// Quotes the request line in its body and redirects to the same query, as an error
    /// page and a careless redirect do.
    Echo,
    /// A 200 whose body says the postback was not recorded.
    Rejects,
    /// Starts a body, then stalls.
    Stalls,
}

/// A server on 127.0.0.1:0 answering every request with `answer`; the request lines and
/// user agents it received.
struct Server {
    base: String,
    seen: Arc<Mutex<Vec<(String, String)>>>,
}

fn serve(answer: Answer) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binds");
    let base = format!(
        "http://{}/acquisition",
        listener.local_addr().expect("address")
    );
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let record = Arc::clone(&record);
            std::thread::spawn(move || handle(stream, answer, &record));
        }
    });
    Server { base, seen }
}

fn handle(mut stream: TcpStream, answer: Answer, seen: &Mutex<Vec<(String, String)>>) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    let mut agent = String::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
            break;
        }
        if let Some(value) = header.to_ascii_lowercase().strip_prefix("user-agent:") {
            agent = value.trim().to_string();
        }
    }
    seen.lock()
        .expect("lock")
        .push((request.trim().to_string(), agent));
    let response = match answer {
        Answer::Ok => "HTTP/1.1 200 OK\r\nContent-Length: 12\r\nConnection: close\r\n\r\nrecorded\x1b[2J\n".to_string(),
        Answer::ServerError => "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 5\r\nConnection: close\r\n\r\noops\n".to_string(),
        Answer::Redirect => "HTTP/1.1 302 Found\r\nLocation: https://elsewhere.test/x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_string(),
        Answer::Silent => {
            std::thread::sleep(Duration::from_secs(30));
            return;
        }
        Answer::Echo => {
            let path = request.split(' ').nth(1).unwrap_or_default();
            let body = format!("<p>Bad request: {}</p>\n", request.trim());
            format!(
                "HTTP/1.1 307 Temporary Redirect\r\nLocation: https://elsewhere.test{path}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
        }
        Answer::Rejects => {
            let body = r#"{"success": false, "message": "INVALID_CLICK_ID"}"#;
            format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
        }
        Answer::Stalls => {
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nstarted");
            std::thread::sleep(Duration::from_secs(30));
            return;
        }
    };
    let _ = stream.write_all(response.as_bytes());
}

const SELECTION: &[&str] = &["--campaign", "5509", "--click-id", "CLK-1"];

#[test]
fn it_sends_exactly_the_sample_urls_in_row_order() {
    let server = serve(Answer::Ok);
    let assert = postback()
        .args(["fire", "--endpoint", &server.base])
        .args(SELECTION)
        .assert()
        .success();
    let samples = postback()
        .args(["urls", "--sample"])
        .args(SELECTION)
        .output()
        .expect("runs");
    let expected: Vec<String> = String::from_utf8(samples.stdout)
        .expect("UTF-8")
        .lines()
        .map(|url| {
            let query = url.split_once('?').expect("a query").1;
            format!("GET /acquisition?{query} HTTP/1.1")
        })
        .collect();
    let seen = server.seen.lock().expect("lock").clone();
    let lines: Vec<String> = seen.iter().map(|(line, _)| line.clone()).collect();
    assert_eq!(lines, expected);
    let agent = format!("postback/{}", env!("CARGO_PKG_VERSION"));
    assert!(seen.iter().all(|(_, a)| *a == agent), "{seen:?}");
    // The report: status, time, goal, the URL with its token masked, the body made inert.
    let out = stdout_of(&assert);
    let first = out.lines().next().expect("a line");
    assert!(
        first.starts_with("200 ") && first.contains("ms Sale http://127.0.0.1:"),
        "{out}"
    );
    assert!(first.contains("security_token=REDACTED"), "{out}");
    assert!(
        !out.contains("a1b2c3d4") && !out.contains('\u{1b}'),
        "{out:?}"
    );
    assert!(out.contains("\n    recorded"), "{out}");
}

#[test]
fn each_answer_and_failure_is_reported() {
    for (answer, words, code) in [
        (Answer::ServerError, "500 ", 1),
        (Answer::Redirect, "302 ", 1),
        (Answer::Silent, "timed out after 1 s", 1),
    ] {
        let server = serve(answer);
        let assert = postback()
            .args([
                "fire",
                "--goal",
                "default",
                "--timeout",
                "1",
                "--endpoint",
                &server.base,
            ])
            .args(SELECTION)
            .assert()
            .code(code);
        let out = stdout_of(&assert);
        assert!(out.starts_with(words), "{out}");
        if let Answer::Redirect = answer {
            assert!(
                out.contains("    Location: https://elsewhere.test/x"),
                "{out}"
            );
            assert_eq!(
                server.seen.lock().expect("lock").len(),
                1,
                "no redirect followed"
            );
        }
    }
    // A port nobody listens on: a failure in words, no panic.
    let closed = TcpListener::bind("127.0.0.1:0").expect("binds");
    let port = closed.local_addr().expect("address").port();
    drop(closed);
    let assert = postback()
        .args([
            "fire",
            "--goal",
            "default",
            "--format",
            "json",
            "--endpoint",
        ])
        .arg(format!("http://127.0.0.1:{port}/acquisition"))
        .args(SELECTION)
        .assert()
        .code(1);
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).expect("JSON");
    assert_eq!(json[0]["status"], serde_json::Value::Null);
    assert_eq!(json[0]["campaign_id"], 5509);
    assert_eq!(json[0]["goal"], "Sale");
    let error = json[0]["error"].as_str().expect("an error");
    assert!(
        error.contains("refused") || error.contains("connection failed"),
        "{error}"
    );
}

#[test]
fn guards_send_nothing() {
    let server = serve(Answer::Ok);
    postback()
        .args(["fire", "--campaign", "5509", "--endpoint", &server.base])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "postback test-link --campaign <ID>",
        ));
    postback()
        .args([
            "fire",
            "--level",
            "all",
            "--click-id",
            "C",
            "--endpoint",
            &server.base,
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("more than --max 10"));
    postback()
        .args(["fire", "--dry-run", "--endpoint", &server.base])
        .args(SELECTION)
        .assert()
        .success();
    std::thread::sleep(Duration::from_millis(200));
    assert!(server.seen.lock().expect("lock").is_empty());
}

#[test]
fn dry_run_curl_lines_send_the_same_requests() {
    let server = serve(Answer::Ok);
    let dry = postback()
        .args(["fire", "--dry-run", "--endpoint", &server.base])
        .args(SELECTION)
        .output()
        .expect("runs");
    let lines = String::from_utf8(dry.stdout).expect("UTF-8");
    assert!(
        lines.contains("security_token=a1b2c3d4"),
        "the user runs them: {lines}"
    );
    for line in lines.lines() {
        let status = std::process::Command::new("sh")
            .args(["-c", line])
            .output()
            .expect("sh");
        assert!(status.status.success(), "{line}");
    }
    let fired = serve(Answer::Ok);
    postback()
        .args(["fire", "--endpoint", &fired.base])
        .args(SELECTION)
        .assert()
        .success();
    let requests = |s: &Server| -> Vec<(String, String)> { s.seen.lock().expect("lock").clone() };
    assert_eq!(requests(&server), requests(&fired));
}

#[test]
fn a_proxy_from_the_environment_is_used() {
    // The test server stands in for the proxy: the request for the (reserved, unresolvable)
    // host reaches it, as a tunnel or in absolute form. It speaks no proxy protocol, so the
    // answer is a failure, reported in words.
    let proxy = serve(Answer::Ok);
    let address = proxy.base.trim_end_matches("/acquisition").to_string();
    postback()
        .env("HTTP_PROXY", &address)
        .env_remove("NO_PROXY")
        .args([
            "fire",
            "--goal",
            "default",
            "--endpoint",
            "http://postback.test/acquisition",
        ])
        .args(SELECTION)
        .assert()
        .code(1);
    let seen = proxy.seen.lock().expect("lock").clone();
    assert_eq!(seen.len(), 1, "{seen:?}");
    let line = &seen[0].0;
    assert!(
        line.starts_with("CONNECT postback.test:80 ")
            || line.starts_with("GET http://postback.test/"),
        "{seen:?}"
    );
}

/// `fire` of the campaign's default row to `server`, with `extra` arguments.
fn fire_default(server: &Server, extra: &[&str]) -> assert_cmd::assert::Assert {
    postback()
        .args(["fire", "--goal", "default", "--endpoint", &server.base])
        .args(extra)
        .args(SELECTION)
        .assert()
}

#[test]
fn what_the_endpoint_echoes_shows_no_token() {
    let server = serve(Answer::Echo);
    for format in ["plain", "json"] {
        let assert = fire_default(&server, &["--format", format]).code(1);
        let out = stdout_of(&assert);
        // The body and the Location quote the query: both are there, masked.
        assert!(
            out.contains("Bad request: GET /acquisition?click_id=CLK-1"),
            "{out}"
        );
        assert!(
            out.contains("elsewhere.test/acquisition?click_id=CLK-1"),
            "{out}"
        );
        assert!(!out.contains("a1b2c3d4"), "{out}");
        assert_eq!(out.matches("security_token=REDACTED").count(), 3, "{out}");
    }
}

#[test]
fn a_200_that_rejects_the_postback_is_a_failure_in_words() {
    let server = serve(Answer::Rejects);
    let assert = fire_default(&server, &[]).code(1);
    let out = stdout_of(&assert);
    assert!(out.starts_with("200 rejected (INVALID_CLICK_ID) "), "{out}");
    let assert = fire_default(&server, &["--format", "json"]).code(1);
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).expect("JSON");
    assert_eq!(json[0]["status"], 200);
    assert_eq!(json[0]["rejected"], "INVALID_CLICK_ID");
}

#[test]
fn a_body_cut_by_the_timeout_says_so() {
    let server = serve(Answer::Stalls);
    let assert = fire_default(&server, &["--timeout", "1"]).code(1);
    let out = stdout_of(&assert);
    assert!(
        out.starts_with("200 (the body was cut off by the timeout of 1 s)"),
        "{out}"
    );
    assert!(out.contains("    started"), "{out}");
}

#[test]
fn an_empty_click_id_is_no_click_id() {
    let server = serve(Answer::Ok);
    for empty in ["", "  "] {
        postback()
            .args(["fire", "--campaign", "5509", "--click-id", empty])
            .args(["--endpoint", &server.base])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(
                "postback test-link --campaign <ID>",
            ));
    }
    std::thread::sleep(Duration::from_millis(200));
    assert!(server.seen.lock().expect("lock").is_empty());
}

#[test]
fn a_publisher_postback_is_sent_as_trackier_would_call_it() {
    let server = serve(Answer::Ok);
    let assert = postback()
        .args(["fire", "--publisher", "keito", "--publisher", "adsmedia"])
        .args(["--click-id", "PUB-9", "--endpoint", &server.base])
        .assert()
        .success();
    let seen = server.seen.lock().expect("lock").clone();
    let lines: Vec<&str> = seen.iter().map(|(line, _)| line.as_str()).collect();
    // In the file's order of publishers, every macro a sample, {p1} the click id.
    assert_eq!(
        lines,
        [
            "GET /acquisition?cid=PUB-9&payout=1.00&txid=test-txn-adsmedia&et=registration HTTP/1.1",
            "GET /acquisition?subid=PUB-9&tid=test-txn-keito&payout=1.00 HTTP/1.1",
        ]
    );
    let out = stdout_of(&assert);
    assert!(out.starts_with("200 "), "{out}");
    assert!(
        out.contains("ms Conversions + all goals http://127.0.0.1:"),
        "{out}"
    );
    // The dry run prints the publisher's own URL, its postback key and all (it is the data).
    let dry = stdout_of(
        &postback()
            .args([
                "fire",
                "--publisher",
                "keito",
                "--click-id",
                "PUB-9",
                "--dry-run",
            ])
            .assert()
            .success(),
    );
    assert!(
        dry.ends_with("'https://kt.keito.example/k7x2p9/postback?subid=PUB-9&tid=test-txn-keito&payout=1.00'\n"),
        "{dry}"
    );
    // Without a click id nothing is sent.
    postback()
        .args(["fire", "--publisher", "keito", "--endpoint", &server.base])
        .assert()
        .code(2);
    assert_eq!(server.seen.lock().expect("lock").len(), 2);
}

#[test]
fn a_publisher_postback_key_is_masked_in_what_fire_shows() {
    let server = serve(Answer::Echo);
    let file = common::config(
        &std::fs::read_to_string(common::root().join("campaigns.toml"))
            .unwrap()
            .replace(
                "domain = \"kt.keito.example\"",
                &format!(
                    "domain = \"{}\"",
                    server
                        .base
                        .trim_start_matches("http://")
                        .trim_end_matches("/acquisition")
                ),
            )
            .replace(
                "[publishers.keito]",
                "[publishers.keito]\nscheme = \"http\"",
            ),
    );
    let out = stdout_of(
        &postback()
            .arg("-c")
            .arg(&file.path)
            .args(["fire", "--publisher", "keito", "--click-id", "PUB-9"])
            .assert()
            .code(1),
    );
    assert!(out.contains("/REDACTED/postback?subid=PUB-9"), "{out}");
    assert!(!out.contains("k7x2p9"), "{out}");
}
