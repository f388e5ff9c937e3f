//! Issue 17, load and faults, against the real binary over real HTTP (oss dialect, with
//! `--data-dir`):
//!
//! 1. **Load**: 16 concurrent clients send 60 s of mixed versioned traffic — puts, appends,
//!    deletes with and without a version ID, versioning toggles, listings, multipart uploads
//!    (completed and aborted), copies into another bucket (SVC-7). No answer is a server
//!    failure, every version a client wrote reads back with its bytes while the load runs, and
//!    afterwards the served state (`GET /_bv/snapshot`) equals the replay of the server's own
//!    command log (`GET /_bv/log`) through the model's service (INV-9).
//! 2. **Faults**: the load starts again, the server is killed with SIGKILL a few seconds in and
//!    restarted on the same directory. Every acknowledged write is there (each version with its
//!    bytes, each append's bytes in order), the log before the load is unchanged, and beyond it
//!    the log holds the acknowledged writes and at most the requests in flight at the kill —
//!    nothing else — and still replays to the state.
//!
//! `BV_LOAD_SECONDS` shortens the load for a quick local run (default 60).

mod support;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use bucket_versioning::wire::{self, Reply as WireReply};
use bucket_versioning::{BucketConfig, Dialect, Service};
use bytes::Bytes;
use support::client::{Connection, Reply, complete_document, send, upload_id};
use support::server::Spawned;

const CLIENTS: usize = 16;
/// The shared keys every client writes, reads and deletes.
const KEYS: u64 = 32;
const ENABLED: &[u8] =
    b"<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>";
const SUSPENDED: &[u8] =
    b"<VersioningConfiguration><Status>Suspended</Status></VersioningConfiguration>";

/// How long the first load runs.
fn load_duration() -> Duration {
    let seconds = std::env::var("BV_LOAD_SECONDS")
        .ok()
        .and_then(|seconds| seconds.parse().ok())
        .unwrap_or(60);
    Duration::from_secs(seconds)
}

/// The data directory: on tmpfs where there is one. `kill -9` ends the process, not the
/// machine, so what the server wrote survives it on tmpfs as on a disk; and the directory's tens
/// of thousands of piece files go in a moment afterwards instead of tens of seconds.
fn data_dir() -> tempfile::TempDir {
    let shm = std::path::Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::Builder::new().prefix("bv-load-").tempdir_in(shm)
    } else {
        tempfile::tempdir()
    };
    dir.expect("a temporary directory")
}

/// xorshift64*: each client's choices, reproducible from its index.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }
}

/// A write whose answer never came (the server died first): it may or may not have happened.
#[derive(Clone, Debug, Default)]
struct Unresolved {
    /// The bytes of an append in flight.
    append: Option<Vec<u8>>,
    /// The version a delete in flight named.
    deleted: Option<(String, String)>,
}

/// What one client did and saw.
#[derive(Debug, Default)]
struct Client {
    id: usize,
    step: u64,
    /// (key, version ID, body) of its acknowledged puts that made a version (not `null`) and
    /// that it has not deleted.
    versions: Vec<(String, String, Vec<u8>)>,
    /// Versions it deleted by ID (acknowledged).
    deleted: Vec<(String, String)>,
    /// Its own appendable key, the next position, and the bytes acknowledged so far.
    append_key: String,
    position: u64,
    appended: Vec<u8>,
    /// Acknowledged writes (2xx answers to requests that change the state).
    acked_writes: u64,
    /// Acknowledged writes per kind, for the mix's coverage.
    kinds: std::collections::BTreeSet<&'static str>,
    /// A write in flight when the connection failed.
    unresolved: Option<Unresolved>,
    /// Answers that are wrong: a server failure, a version that does not read back.
    failures: Vec<String>,
}

/// What a request is, for the bookkeeping.
enum Sent {
    Read,
    Write(&'static str, Unresolved),
}

impl Client {
    fn new(id: usize, append_key: String) -> Client {
        Client {
            id,
            append_key,
            ..Client::default()
        }
    }

    /// Sends one request: `None` when the connection failed (then the client stops).
    async fn request(
        &mut self,
        connection: &mut Connection,
        sent: Sent,
        (method, path, headers, body): (&str, &str, &[(&str, &str)], Vec<u8>),
    ) -> Option<Reply> {
        let reply = match connection
            .send(method, path, headers, Bytes::from(body))
            .await
        {
            Ok(reply) => reply,
            Err(_) => {
                if let Sent::Write(_, unresolved) = sent {
                    self.unresolved = Some(unresolved);
                }
                return None;
            }
        };
        if reply.status >= 500 {
            self.failures.push(format!(
                "{method} {path}: {} {}",
                reply.status,
                String::from_utf8_lossy(&reply.body)
            ));
        }
        if let Sent::Write(kind, _) = sent
            && (200..300).contains(&reply.status)
        {
            self.acked_writes += 1;
            self.kinds.insert(kind);
        }
        Some(reply)
    }

    /// One step of the mix; `false` once the connection failed.
    async fn step(&mut self, connection: &mut Connection, random: &mut Random) -> bool {
        self.step += 1;
        let (id, step) = (self.id, self.step);
        let key = format!("k{:02}", random.below(KEYS));
        let pick = random.below(100);
        match pick {
            0..30 => {
                let filler = "x".repeat(random.below(200) as usize);
                let body = format!("client {id} step {step} {filler}").into_bytes();
                let path = format!("/load/{key}");
                let request = ("PUT", path.as_str(), &[][..], body.clone());
                let Some(reply) = self
                    .request(
                        connection,
                        Sent::Write("put", Unresolved::default()),
                        request,
                    )
                    .await
                else {
                    return false;
                };
                let version = reply.header("x-oss-version-id");
                if reply.status == 200 && !version.is_empty() && version != "null" {
                    self.versions.push((key, version.to_owned(), body));
                }
            }
            30..42 => {
                let body = format!("[{id}:{step}]").into_bytes();
                let path = format!(
                    "/load/{}?append&position={}",
                    self.append_key, self.position
                );
                let unresolved = Unresolved {
                    append: Some(body.clone()),
                    ..Unresolved::default()
                };
                let request = ("POST", path.as_str(), &[][..], body.clone());
                let Some(reply) = self
                    .request(connection, Sent::Write("append", unresolved), request)
                    .await
                else {
                    return false;
                };
                if let Ok(next) = reply.header("x-oss-next-append-position").parse() {
                    self.position = next;
                }
                if reply.status == 200 {
                    self.appended.extend_from_slice(&body);
                } else {
                    self.failures.push(format!(
                        "an append to its own key answered {}",
                        reply.status
                    ));
                }
            }
            42..52 => {
                let path = format!("/load/{key}");
                if self
                    .request(
                        connection,
                        Sent::Read,
                        ("GET", path.as_str(), &[][..], Vec::new()),
                    )
                    .await
                    .is_none()
                {
                    return false;
                }
            }
            52..57 if !self.versions.is_empty() => {
                // PUT-2, GET-2: a version this client wrote and did not delete reads back.
                let at = random.below(self.versions.len() as u64) as usize;
                let (key, version, body) = self.versions[at].clone();
                let path = format!("/load/{key}?versionId={version}");
                let request = ("GET", path.as_str(), &[][..], Vec::new());
                let Some(reply) = self.request(connection, Sent::Read, request).await else {
                    return false;
                };
                if (reply.status, reply.body.as_ref()) != (200, body.as_slice()) {
                    self.failures
                        .push(format!("{key} {version} read back as {}", reply.status));
                }
            }
            57..65 => {
                let path = format!("/load/{key}");
                let request = ("DELETE", path.as_str(), &[][..], Vec::new());
                let sent = Sent::Write("delete", Unresolved::default());
                if self.request(connection, sent, request).await.is_none() {
                    return false;
                }
            }
            65..70 if !self.versions.is_empty() => {
                let at = random.below(self.versions.len() as u64) as usize;
                let (key, version, _) = self.versions.remove(at);
                let path = format!("/load/{key}?versionId={version}");
                let unresolved = Unresolved {
                    deleted: Some((key.clone(), version.clone())),
                    ..Unresolved::default()
                };
                let request = ("DELETE", path.as_str(), &[][..], Vec::new());
                let sent = Sent::Write("delete version", unresolved);
                let Some(reply) = self.request(connection, sent, request).await else {
                    return false;
                };
                if reply.status == 204 {
                    self.deleted.push((key, version));
                }
            }
            70..80 => {
                let prefix = &key[..2];
                let path = if pick.is_multiple_of(2) {
                    format!("/load?versions&prefix={prefix}&max-keys=20")
                } else {
                    format!("/load?prefix={prefix}&max-keys=20")
                };
                let request = ("GET", path.as_str(), &[][..], Vec::new());
                if self
                    .request(connection, Sent::Read, request)
                    .await
                    .is_none()
                {
                    return false;
                }
            }
            80..82 => {
                let status = if random.below(2) == 0 {
                    ENABLED
                } else {
                    SUSPENDED
                };
                let request = ("PUT", "/load?versioning", &[][..], status.to_vec());
                let sent = Sent::Write("versioning", Unresolved::default());
                if self.request(connection, sent, request).await.is_none() {
                    return false;
                }
            }
            82..92 => return self.multipart(connection, random).await,
            92..96 => {
                let path = format!("/other/copy{id}");
                let source = format!("/load/{key}");
                let headers = [("x-oss-copy-source", source.as_str())];
                let request = ("PUT", path.as_str(), &headers[..], Vec::new());
                let sent = Sent::Write("copy", Unresolved::default());
                if self.request(connection, sent, request).await.is_none() {
                    return false;
                }
            }
            _ => {
                let path = format!("/load/{key}");
                let request = ("HEAD", path.as_str(), &[][..], Vec::new());
                if self
                    .request(connection, Sent::Read, request)
                    .await
                    .is_none()
                {
                    return false;
                }
            }
        }
        true
    }

    /// An upload of one part, completed (or, one time in four, aborted).
    async fn multipart(&mut self, connection: &mut Connection, random: &mut Random) -> bool {
        let (id, step) = (self.id, self.step);
        let path = format!("/load/upload{id}");
        let initiate = format!("{path}?uploads");
        let request = ("POST", initiate.as_str(), &[][..], Vec::new());
        let sent = Sent::Write("initiate", Unresolved::default());
        let Some(reply) = self.request(connection, sent, request).await else {
            return false;
        };
        let Some(upload) = upload_id(&reply.body) else {
            self.failures.push(format!(
                "no upload ID: {}",
                String::from_utf8_lossy(&reply.body)
            ));
            return true;
        };
        let body = format!("part of client {id} step {step}").into_bytes();
        let part = format!("{path}?partNumber=1&uploadId={upload}");
        let sent = Sent::Write("upload part", Unresolved::default());
        let Some(reply) = self
            .request(connection, sent, ("PUT", part.as_str(), &[][..], body))
            .await
        else {
            return false;
        };
        let etag = reply.header("etag").to_owned();
        let ended = format!("{path}?uploadId={upload}");
        let request = if random.below(4) == 0 {
            ("DELETE", ended.as_str(), &[][..], Vec::new())
        } else {
            let complete = complete_document(&[&etag]);
            ("POST", ended.as_str(), &[][..], complete.into_bytes())
        };
        let kind = if request.0 == "DELETE" {
            "abort"
        } else {
            "complete"
        };
        let sent = Sent::Write(kind, Unresolved::default());
        self.request(connection, sent, request).await.is_some()
    }
}

/// Runs `clients` until `stop` is set or their connection fails; returns them.
async fn load(address: SocketAddr, clients: Vec<Client>, stop: Arc<AtomicBool>) -> Vec<Client> {
    let tasks: Vec<_> = clients
        .into_iter()
        .map(|mut client| {
            let stop = Arc::clone(&stop);
            tokio::spawn(async move {
                let mut connection = Connection::new(address);
                let mut random = Random(0x9E37_79B9_7F4A_7C15 ^ ((client.id as u64 + 1) << 8));
                while !stop.load(Ordering::Relaxed) {
                    if !client.step(&mut connection, &mut random).await {
                        break;
                    }
                }
                client
            })
        })
        .collect();
    let mut done = Vec::new();
    for task in tasks {
        done.push(task.await.expect("a client task"));
    }
    done
}

/// The log and the service snapshot of the server at `address`, and the log's replay.
async fn log_snapshot_replay(address: SocketAddr) -> (Vec<String>, Service, Service) {
    let log = send(address, "GET", "/_bv/log", b"").await;
    let log = String::from_utf8(log.body.to_vec()).expect("a UTF-8 log");
    let snapshot = send(address, "GET", "/_bv/snapshot", b"").await;
    let served: Service = serde_json::from_slice(&snapshot.body).expect("a service snapshot");
    let mut replayed = Service::new(BucketConfig::new(Dialect::Oss));
    for (line, reply) in log.lines().zip(wire::replay_service(&mut replayed, &log)) {
        assert!(
            matches!(reply, WireReply::Ok(_)),
            "a logged command is refused on replay: {line} -> {}",
            reply.to_line()
        );
    }
    (log.lines().map(str::to_owned).collect(), served, replayed)
}

#[track_caller]
fn assert_no_failures(clients: &[Client]) {
    let failures: Vec<&String> = clients.iter().flat_map(|client| &client.failures).collect();
    assert!(
        failures.is_empty(),
        "{} wrong answers: {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
}

// Rule: INV-9, ID-1, PUT-2, APP-2, DEL-2, VS-2, MPU-7, SVC-7 (issue 17: under load the state is
// the replay of the server's own log; after kill -9 every acknowledged write is there and
// nothing else changed)
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn load_then_kill_9_loses_no_acknowledged_write() {
    let dir = data_dir();
    let server = Spawned::with_data_dir(Dialect::Oss, dir.path());
    let address = server.address;
    for (method, path, body) in [
        ("PUT", "/load", &b""[..]),
        ("PUT", "/other", b""),
        ("PUT", "/load?versioning", ENABLED),
    ] {
        assert_eq!(
            send(address, method, path, body).await.status,
            200,
            "{path}"
        );
    }

    // 1. Load: the state is the replay of the log.
    let stop = Arc::new(AtomicBool::new(false));
    let clients = (0..CLIENTS)
        .map(|id| Client::new(id, format!("append{id}")))
        .collect();
    let running = tokio::spawn(load(address, clients, Arc::clone(&stop)));
    tokio::time::sleep(load_duration()).await;
    stop.store(true, Ordering::Relaxed);
    let clients = running.await.expect("the load");
    assert_no_failures(&clients);
    assert!(
        clients.iter().all(|client| client.unresolved.is_none()),
        "a connection failed under load"
    );
    let kinds: std::collections::BTreeSet<_> = clients
        .iter()
        .flat_map(|client| client.kinds.iter().copied())
        .collect();
    assert_eq!(
        kinds.len(),
        10,
        "every kind of write was acknowledged: {kinds:?}"
    );
    let (before, served, replayed) = log_snapshot_replay(address).await;
    let requests: u64 = clients.iter().map(|client| client.step).sum();
    eprintln!(
        "load: {requests} steps, {} acknowledged writes, {} log lines",
        clients
            .iter()
            .map(|client| client.acked_writes)
            .sum::<u64>(),
        before.len()
    );
    assert!(
        served == replayed,
        "the served state is not the replay of its log"
    );
    served.check_invariants().expect("INV-1..INV-10");

    // 2. Faults: kill -9 a few seconds into a new load, restart on the same directory.
    let stop = Arc::new(AtomicBool::new(false));
    let clients = (0..CLIENTS)
        .map(|id| Client::new(id, format!("after{id}")))
        .collect();
    let running = tokio::spawn(load(address, clients, Arc::clone(&stop)));
    tokio::time::sleep(Duration::from_secs(3)).await;
    server.kill();
    let clients = tokio::time::timeout(Duration::from_secs(30), running)
        .await
        .expect("every client stops once the server is gone")
        .expect("the load");
    assert_no_failures(&clients);
    let server = Spawned::with_data_dir(Dialect::Oss, dir.path());
    let address = server.address;
    let (after, served, replayed) = log_snapshot_replay(address).await;
    assert!(
        served == replayed,
        "the restarted state is not the replay of its log"
    );
    served.check_invariants().expect("INV-1..INV-10");
    assert_eq!(
        after.get(..before.len()),
        Some(&before[..]),
        "the log before the kill changed"
    );

    // Beyond it: the acknowledged writes, and at most the writes in flight.
    let acked: u64 = clients.iter().map(|client| client.acked_writes).sum();
    let in_flight = clients
        .iter()
        .filter(|client| client.unresolved.is_some())
        .count() as u64;
    let added = after[before.len()..]
        .iter()
        .filter(|line| !line.contains(r#""op":"advance_clock""#))
        .count() as u64;
    eprintln!("kill -9: {acked} acknowledged writes, {in_flight} in flight, {added} logged");
    assert!(acked > 0, "the second load wrote nothing before the kill");
    assert!(
        (acked..=acked + in_flight).contains(&added),
        "{added} commands logged for {acked} acknowledged writes and {in_flight} in flight"
    );

    // Every acknowledged version, with its bytes; every acknowledged append, in order.
    let mut connection = Connection::new(address);
    let mut get = async |path: String| {
        connection
            .send("GET", &path, &[], Bytes::new())
            .await
            .expect("the restarted server answers")
    };
    for client in &clients {
        let maybe_deleted = client
            .unresolved
            .as_ref()
            .and_then(|write| write.deleted.clone());
        for (key, version, body) in &client.versions {
            if maybe_deleted.as_ref() == Some(&(key.clone(), version.clone())) {
                continue;
            }
            let reply = get(format!("/load/{key}?versionId={version}")).await;
            assert_eq!(reply.status, 200, "{key} {version} is lost");
            assert_eq!(
                reply.body.as_ref(),
                body.as_slice(),
                "{key} {version} changed"
            );
        }
        for (key, version) in &client.deleted {
            let reply = get(format!("/load/{key}?versionId={version}")).await;
            assert_eq!(reply.status, 404, "{key} {version} was deleted and is back");
        }
        if client.appended.is_empty() {
            continue;
        }
        let reply = get(format!("/load/{}", client.append_key)).await;
        assert_eq!(
            reply.status,
            200,
            "{} is lost: {}",
            client.append_key,
            String::from_utf8_lossy(&reply.body)
        );
        let tail = reply
            .body
            .strip_prefix(client.appended.as_slice())
            .unwrap_or_else(|| panic!("{}: an acknowledged append is lost", client.append_key));
        let in_flight = client
            .unresolved
            .as_ref()
            .and_then(|write| write.append.as_deref());
        assert!(
            tail.is_empty() || Some(tail) == in_flight,
            "{}: bytes nobody appended",
            client.append_key
        );
    }
}
