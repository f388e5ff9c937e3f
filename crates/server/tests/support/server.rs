//! Starting and stopping servers for the tests: in-process on port 0 ([`InProcess`]), or the
//! real binary as a child process ([`Spawned`]); and the checks every bad-input test ends with
//! ([`Probe`]: the server still serves, and its state is unchanged).

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use bucket_versioning::Dialect;
use bucket_versioning_server::serve::{ServeOptions, Server};
use bytes::Bytes;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::client::send;

/// The server binary built for these tests.
pub const BINARY: &str = env!("CARGO_BIN_EXE_bucket-versioning");

/// A server running in this process on a free port, until [`stop`](Self::stop).
#[derive(Debug)]
pub struct InProcess {
    /// Where it listens.
    pub address: SocketAddr,
    stop: oneshot::Sender<()>,
    running: JoinHandle<()>,
}

impl InProcess {
    /// Binds `options` (on a free port unless they name one) and runs the server on the
    /// current tokio runtime.
    pub async fn start(options: ServeOptions) -> InProcess {
        let server = Server::bind(options).await.expect("the server binds");
        let address = server.local_addr();
        let (stop, stopped) = oneshot::channel::<()>();
        let running = tokio::spawn(server.run(async {
            let _ = stopped.await;
        }));
        InProcess {
            address,
            stop,
            running,
        }
    }

    /// A server of `dialect` with every other option at its default (seed 0, memory only).
    pub async fn dialect(dialect: Dialect) -> InProcess {
        InProcess::start(ServeOptions {
            dialect,
            ..ServeOptions::default()
        })
        .await
    }

    /// Stops the server (graceful shutdown) and waits until it has.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        self.running.await.expect("the server stops");
    }
}

/// The binary `bucket-versioning serve` as a child process, killed when dropped.
#[derive(Debug)]
pub struct Spawned {
    /// The child.
    pub child: Child,
    /// Where it listens (from its first stdout line).
    pub address: SocketAddr,
}

impl Spawned {
    /// Runs `bucket-versioning serve --bind 127.0.0.1:0 ARGS…` and waits for its listening
    /// line.
    pub fn start(args: &[&str]) -> Spawned {
        let mut child = Command::new(BINARY)
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        let stdout = child.stdout.take().expect("piped");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the listening line");
        let url = line
            .split_whitespace()
            .nth(3)
            .and_then(|url| url.strip_prefix("http://"))
            .unwrap_or_else(|| panic!("not a listening line: {line:?}"));
        let address = url.parse().expect("an address");
        Spawned { child, address }
    }

    /// `serve --dialect D --data-dir DIR`.
    pub fn with_data_dir(dialect: Dialect, dir: &Path) -> Spawned {
        let dir = dir.to_str().expect("a UTF-8 temporary path");
        Spawned::start(&["--dialect", dialect_name(dialect), "--data-dir", dir])
    }

    /// The base URL, `http://ADDR`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// `kill -9`, and waits for the process to be gone.
    pub fn kill(mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reaped");
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The `--dialect` value of `dialect`.
pub fn dialect_name(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Oss => "oss",
        Dialect::S3 => "s3",
    }
}

/// What a bad-input test compares before and after: the service snapshot, and one object read.
#[derive(Debug, PartialEq, Eq)]
pub struct Probe {
    /// The body of `GET /_bv/snapshot`.
    pub snapshot: Bytes,
    /// The status and body of the read.
    pub read: (u16, Bytes),
}

impl Probe {
    /// Takes the snapshot of the server at `address` and reads `path`.
    pub async fn take(address: SocketAddr, path: &str) -> Probe {
        let snapshot = send(address, "GET", "/_bv/snapshot", b"").await.body;
        let read = send(address, "GET", path, b"").await;
        Probe {
            snapshot,
            read: (read.status, read.body),
        }
    }

    /// ERR-2: the server still serves, its state is what it was before the refused requests,
    /// and the object reads back as `expected` (200).
    #[track_caller]
    pub fn assert_unchanged(&self, before: &Probe, expected: &[u8]) {
        assert_eq!(
            self.snapshot, before.snapshot,
            "a refused request changed the state"
        );
        assert_eq!(
            (self.read.0, self.read.1.as_ref()),
            (200, expected),
            "the object no longer reads back"
        );
    }
}
