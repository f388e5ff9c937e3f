//! A run: set up the bucket on an endpoint, then concurrent clients follow their scripts until
//! the duration is over.

use std::time::{Duration, Instant};

use bytes::Bytes;
use http::Request;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

use crate::request::{Endpoint, expected};
use crate::stats::Latency;
use crate::workload::{Operation, Step, Workload};

/// Why a run could not be made.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The endpoint did not answer (refused, reset, …).
    #[error("{endpoint}: {error}")]
    Connection {
        /// The endpoint's name.
        endpoint: String,
        /// What the HTTP client reported.
        error: String,
    },
    /// The bucket could not be created or versioned.
    #[error("{endpoint}: {what} answered {status}: {body}")]
    Setup {
        /// The endpoint's name.
        endpoint: String,
        /// The request that failed.
        what: &'static str,
        /// Its status.
        status: http::StatusCode,
        /// The start of its body.
        body: String,
    },
}

/// What one endpoint did in a run.
#[derive(Clone, Debug)]
pub struct RunResult {
    /// The endpoint's name.
    pub endpoint: String,
    /// How long the clients ran.
    pub elapsed: Duration,
    /// Latency of every request, and per operation in [`Operation::ALL`]'s order.
    pub overall: Latency,
    /// Latency per operation.
    pub per_operation: [Latency; 7],
    /// Answers no step expects (5xx, a failed write, a dropped connection), counted.
    pub unexpected: u64,
    /// The first few of them (at most five), described.
    pub unexpected_examples: Vec<String>,
}

impl RunResult {
    /// Requests per second.
    pub fn throughput(&self) -> f64 {
        self.overall.count as f64 / self.elapsed.as_secs_f64().max(f64::MIN_POSITIVE)
    }
}

/// The HTTP client a run uses: HTTP/1.1 with a pool of kept-alive connections.
pub type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// A client with room for `clients` idle connections per endpoint.
pub fn http_client(clients: usize) -> HttpClient {
    let mut connector = HttpConnector::new();
    connector.set_nodelay(true);
    Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(clients)
        .build(connector)
}

/// Sends `request` and reads the whole answer.
async fn send(
    client: &HttpClient,
    request: Request<Full<Bytes>>,
) -> Result<(http::response::Parts, Bytes), String> {
    let response = client
        .request(request)
        .await
        .map_err(|error| format!("{error:?}"))?;
    let (parts, body) = response.into_parts();
    let body = body
        .collect()
        .await
        .map_err(|error| format!("{error:?}"))?
        .to_bytes();
    Ok((parts, body))
}

/// Creates the run's bucket (an existing one of the same owner is fine) and turns versioning on.
pub async fn set_up(client: &HttpClient, endpoint: &Endpoint) -> Result<(), RunError> {
    let connection = |error| RunError::Connection {
        endpoint: endpoint.name.clone(),
        error,
    };
    let (parts, body) = send(client, endpoint.create_bucket())
        .await
        .map_err(connection)?;
    let owned = String::from_utf8_lossy(&body).contains("BucketAlreadyOwnedByYou");
    if !parts.status.is_success() && !owned {
        return Err(setup_error(endpoint, "CreateBucket", parts.status, &body));
    }
    let (parts, body) = send(client, endpoint.enable_versioning())
        .await
        .map_err(connection)?;
    if !parts.status.is_success() {
        return Err(setup_error(
            endpoint,
            "PutBucketVersioning",
            parts.status,
            &body,
        ));
    }
    Ok(())
}

fn setup_error(
    endpoint: &Endpoint,
    what: &'static str,
    status: http::StatusCode,
    body: &[u8],
) -> RunError {
    RunError::Setup {
        endpoint: endpoint.name.clone(),
        what,
        status,
        body: String::from_utf8_lossy(&body[..body.len().min(300)]).into_owned(),
    }
}

/// What one client saw.
#[derive(Default)]
struct ClientLog {
    samples: [Vec<Duration>; 7],
    unexpected: u64,
    examples: Vec<String>,
}

/// How many unexpected answers a run describes.
const EXAMPLES: usize = 5;

/// Runs `clients` clients of `workload` against `endpoint` (already set up) for `duration`;
/// `on_request` is called after every request (for progress).
pub async fn run(
    client: &HttpClient,
    endpoint: &Endpoint,
    workload: &Workload,
    clients: u32,
    duration: Duration,
    on_request: impl Fn() + Clone + Send + Sync + 'static,
) -> RunResult {
    let body = workload.body();
    let start = Instant::now();
    let deadline = start + duration;
    let tasks: Vec<_> = (0..clients)
        .map(|index| {
            let client = client.clone();
            let endpoint = endpoint.clone();
            let body = body.clone();
            let mut script = workload.script(index);
            let on_request = on_request.clone();
            tokio::spawn(async move {
                let mut log = ClientLog::default();
                while Instant::now() < deadline {
                    let step = script.next_step();
                    let sent = Instant::now();
                    let answer = send(&client, endpoint.step(&step, &body)).await;
                    let latency = sent.elapsed();
                    on_request();
                    log.samples[step.operation().index()].push(latency);
                    let problem = match answer {
                        Ok((parts, _)) if expected(&step, parts.status) => {
                            if let Step::Put { key } = step {
                                let version_id = parts
                                    .headers
                                    .get(endpoint.version_id_header())
                                    .and_then(|value| value.to_str().ok());
                                if let Some(version_id) = version_id {
                                    script.wrote(key, version_id.to_owned());
                                }
                            }
                            None
                        }
                        Ok((parts, body)) => Some(format!(
                            "{step:?} answered {}: {}",
                            parts.status,
                            String::from_utf8_lossy(&body[..body.len().min(200)])
                        )),
                        Err(error) => Some(format!("{step:?} failed: {error}")),
                    };
                    if let Some(problem) = problem {
                        log.unexpected += 1;
                        if log.examples.len() < EXAMPLES {
                            log.examples.push(problem);
                        }
                    }
                }
                log
            })
        })
        .collect();
    let mut samples: [Vec<Duration>; 7] = Default::default();
    let mut unexpected = 0;
    let mut unexpected_examples = Vec::new();
    for task in tasks {
        let log = task.await.expect("a client task does not panic");
        for (all, mine) in samples.iter_mut().zip(log.samples) {
            all.extend(mine);
        }
        unexpected += log.unexpected;
        let room = EXAMPLES - unexpected_examples.len().min(EXAMPLES);
        unexpected_examples.extend(log.examples.into_iter().take(room));
    }
    let elapsed = start.elapsed();
    let mut every: Vec<Duration> = samples.iter().flatten().copied().collect();
    let per_operation =
        Operation::ALL.map(|operation| Latency::of(&mut samples[operation.index()]));
    RunResult {
        endpoint: endpoint.name.clone(),
        elapsed,
        overall: Latency::of(&mut every),
        per_operation,
        unexpected,
        unexpected_examples,
    }
}
