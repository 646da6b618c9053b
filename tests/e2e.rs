//! The web page end to end in headless Chromium: `reglament serve` over
//! the shipped corpus, driven by `tests/e2e/browse.mjs` (playwright-core
//! and Debian's chromium, which `tests/setup` installs). The screenshots
//! land in the test's target directory (`e2e/`).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// The server, stopped when the test ends however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A port nobody listens on now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// GET `path` and return the status line, or None while the server is not up.
fn get(addr: &str, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    out.lines().next().map(str::to_string)
}

#[test]
fn search_act_source_diff_and_kazakh_in_chromium() {
    let root = root();
    assert!(
        root.join("tests/e2e/node_modules/playwright-core").is_dir()
            && Path::new("/usr/bin/chromium").exists(),
        "the end-to-end test needs Chromium and playwright-core: run tests/setup"
    );
    let index = tempfile::tempdir().unwrap();
    let addr = format!("127.0.0.1:{}", free_port());
    let _server = Server(
        Command::new(env!("CARGO_BIN_EXE_reglament"))
            .args(["serve", "--addr", &addr, "--corpus"])
            .arg(root.join("corpus"))
            .arg("--index")
            .arg(index.path())
            .spawn()
            .unwrap(),
    );
    // The first start builds the index.
    let start = Instant::now();
    while get(&addr, "/healthz").is_none_or(|l| !l.contains("200")) {
        assert!(
            start.elapsed() < Duration::from_secs(600),
            "the server did not start"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("e2e");
    let run = Command::new("node")
        .arg(root.join("tests/e2e/browse.mjs"))
        .arg(format!("http://{addr}"))
        .arg(&out)
        .output()
        .unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.status.success(), "browse.mjs failed:\n{log}");
    assert!(log.contains("e2e: "), "{log}");
    for name in ["search", "act", "source", "diff", "diff-kk"] {
        let png = std::fs::read(out.join(format!("{name}.png"))).unwrap();
        assert!(
            png.starts_with(b"\x89PNG") && png.len() > 10_000,
            "{name}.png is not a screenshot"
        );
    }
}
