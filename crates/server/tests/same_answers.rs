//! The server gives the same answers as the model (issue 17): random scenarios from the model's
//! own generator (`bucket_versioning::strategies`), with service-level requests mixed in, are
//! sent through the client codec (`bucket_versioning_http::client`) to an in-process server
//! and applied directly to a core `Service` of the same dialect and seed. At every step the
//! decoded answer is the model's — the outcome as the dialect's wire shows it
//! (`client::observable_answer`, version IDs included) or the violation with its carried fields
//! (ERR-1). Afterwards the server's snapshot (`GET /_bv/snapshot`) is the model's service, and
//! the server's log (`GET /_bv/log`, a service trace) replays through the core trace format
//! (`wire::replay_service`) to exactly that service (INV-9). Both dialects.
//!
//! What the client cannot send is left out on both sides (`client::EncodeError`: empty keys,
//! supplied version IDs), and so are UploadPartCopy requests with a range (their content is
//! the endpoint's bytes, not the scenario's made-up range content); symlinks, GetObjectMeta /
//! GetObjectAttributes and whole-source UploadPartCopy go over the wire; the clock moves through the control API (`POST /_bv/clock`), as the
//! model's `AdvanceClock` moves the service's, and lifecycle runs through it too
//! (`POST /_bv/lifecycle`, compared with the model's `run_lifecycle` outcome as JSON). Tags,
//! metadata, storage classes, copy directives, object tagging and lifecycle configurations
//! all go over the wire (TAG-1..TAG-6, LC-9, LC-14). Object bucket commands go to the service's
//! default bucket, whose IDs are the seed's own (SVC-5), so that the server — whose buckets all
//! draw from the endpoint's seed — and the service give out the same IDs.

mod support;

use std::net::SocketAddr;

use bucket_versioning::{
    BucketConfig, Command, DEFAULT_BUCKET, Dialect, Outcome, Service, Violation, strategies, wire,
};
use bucket_versioning_http::addressing::Addressing;
use bucket_versioning_http::client::{
    Answer, Client, ServiceCommand, observable, observable_answer, on_the_wire,
};
use bucket_versioning_http::dispatch::DispatchError;
use bucket_versioning_http::{Codec, CodecError};
use bucket_versioning_server::serve::{ServeOptions, Server};
use bytes::Bytes;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// Cases per dialect, of up to 60 commands each.
const CASES: u32 = 64;

/// What a run compared: steps whose answer was an outcome, a violation, anything else.
#[derive(Debug, Default)]
struct Seen {
    outcomes: usize,
    violations: usize,
    service: usize,
    /// Lifecycle runs through the control API (LC-5, LC-13).
    lifecycle_runs: usize,
    /// Steps whose command is a write carrying tags, a content type, user metadata, a storage
    /// class or copy directives (TAG-1, TAG-5, TAG-6).
    attributes: usize,
    /// Steps whose command is Put/Get/DeleteObjectTagging (TAG-2..TAG-4).
    tagging: usize,
    /// Steps whose command is a lifecycle configuration operation (LC-9, LC-14).
    lifecycle: usize,
}

/// One step of a scenario.
#[derive(Clone, Debug)]
#[allow(
    clippy::large_enum_variant,
    reason = "a test's steps, built once per case; a command is as large as its request"
)]
enum Step {
    /// A command on the default bucket.
    Bucket(Command),
    /// A service-level request.
    Service(ServiceCommand),
}

fn service_command() -> impl Strategy<Value = ServiceCommand> {
    let name = prop_oneof![
        3 => Just(DEFAULT_BUCKET.to_owned()),
        3 => Just("other".to_owned()),
        1 => Just("Bad_Name".to_owned()),
    ];
    prop_oneof![
        2 => Just(ServiceCommand::ListBuckets),
        3 => name.clone().prop_map(|bucket| ServiceCommand::CreateBucket { bucket }),
        2 => name.clone().prop_map(|bucket| ServiceCommand::DeleteBucket { bucket }),
        3 => name.prop_map(|bucket| ServiceCommand::GetBucketInfo { bucket }),
    ]
}

fn scenario(dialect: Dialect) -> impl Strategy<Value = (BucketConfig, Vec<Step>)> {
    (0..4u64).prop_flat_map(move |seed| {
        let config = BucketConfig::new(dialect).with_seed(seed);
        (
            strategies::commands(config, 1..60),
            proptest::collection::vec(proptest::option::weighted(0.1, service_command()), 60),
        )
            .prop_map(move |(commands, services)| {
                let mut steps = Vec::new();
                for (command, service) in commands.into_iter().zip(services) {
                    steps.extend(service.map(Step::Service));
                    steps.push(Step::Bucket(command));
                }
                (config, steps)
            })
    })
}

/// Sends `request` (through the tests' shared client) and reads the whole answer.
async fn send(address: SocketAddr, request: http::Request<Bytes>) -> http::Response<Bytes> {
    let (parts, body) = request.into_parts();
    let target = parts
        .uri
        .path_and_query()
        .map_or("/", |target| target.as_str());
    let headers: Vec<(&str, &str)> = parts
        .headers
        .iter()
        .filter(|(name, _)| *name != http::header::HOST)
        .filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)))
        .collect();
    let reply =
        support::client::send_with(address, parts.method.as_str(), target, &headers, &body).await;
    let mut response = http::Response::new(reply.body);
    *response.status_mut() = http::StatusCode::from_u16(reply.status).expect("a status");
    *response.headers_mut() = reply.headers;
    response
}

/// A control request (`/_bv/…`).
async fn control(address: SocketAddr, method: &str, path: &str) -> http::Response<Bytes> {
    let request = http::Request::builder()
        .method(method)
        .uri(path)
        .header(http::header::HOST, address.to_string())
        .body(Bytes::new())
        .expect("a control request");
    send(address, request).await
}

fn expected(dialect: Dialect, result: Result<Outcome, bucket_versioning::Violation>) -> Answer {
    match result {
        Ok(outcome) => Answer::Outcome(observable(dialect, &outcome)),
        Err(violation) => Answer::Violation(violation),
    }
}

async fn run(
    config: BucketConfig,
    steps: Vec<Step>,
    seen: &std::sync::Mutex<Seen>,
) -> Result<(), TestCaseError> {
    let dialect = config.dialect();
    let server = Server::bind(ServeOptions {
        dialect,
        seed: config.seed(),
        ..ServeOptions::default()
    })
    .await
    .expect("the server binds");
    let address = server.local_addr();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(server.run(async {
        let _ = stopped.await;
    }));
    let result = drive(address, config, &steps, seen).await;
    let _ = stop.send(());
    running.await.expect("the server stops");
    result
}

async fn drive(
    address: SocketAddr,
    config: BucketConfig,
    steps: &[Step],
    seen: &std::sync::Mutex<Seen>,
) -> Result<(), TestCaseError> {
    let dialect = config.dialect();
    let client = Client::new(dialect, &address.to_string());
    let codec = Codec::new(dialect, Addressing::new(&address.to_string()));
    prop_assert_eq!(control(address, "POST", "/_bv/reset").await.status(), 204);
    let mut model = Service::new(config);
    let create = ServiceCommand::CreateBucket {
        bucket: DEFAULT_BUCKET.to_owned(),
    };
    let steps = std::iter::once(Step::Service(create)).chain(steps.iter().cloned());
    for (index, step) in steps.enumerate() {
        match step {
            Step::Bucket(Command::AdvanceClock(advance)) => {
                // LC-0 past u64::MAX is the model's InvalidArgument; the control API has no
                // such refusal, so such a step is left out on both sides.
                if model.now().checked_add(advance.seconds).is_none() {
                    continue;
                }
                let path = format!("/_bv/clock?advance={}", advance.seconds);
                prop_assert_eq!(control(address, "POST", &path).await.status(), 200);
                model
                    .advance_clock(advance.seconds)
                    .expect("the clock advances");
            }
            Step::Bucket(command @ Command::RunLifecycle(_)) => {
                // LC-5, LC-13: a run is the control API's; its JSON is the model's outcome as
                // the trace format writes it, or the model's refusal's code and status.
                let path = format!("/_bv/lifecycle?bucket={DEFAULT_BUCKET}");
                let response = control(address, "POST", &path).await;
                let answer: serde_json::Value =
                    serde_json::from_slice(response.body()).expect("a JSON answer");
                let result = model.apply(DEFAULT_BUCKET, command.clone());
                if let Ok(mut seen) = seen.lock() {
                    seen.lifecycle_runs += 1;
                }
                match result {
                    Ok(outcome) => {
                        prop_assert_eq!(response.status(), 200, "step {}", index);
                        prop_assert_eq!(
                            answer,
                            serde_json::to_value(&outcome).expect("an outcome serializes"),
                            "step {}",
                            index
                        );
                    }
                    Err(violation) => {
                        prop_assert_eq!(response.status().as_u16(), violation.http_status());
                        prop_assert_eq!(&answer["error"]["code"], violation.code());
                    }
                }
            }
            // MPU-12: a range that is not the whole source takes its content from the
            // endpoint's bytes, which the scenario's made-up range content is not: left out on
            // both sides (whole-source copies are compared).
            Step::Bucket(Command::UploadPartCopy(copy)) if copy.range.is_some() => continue,
            Step::Bucket(command) => {
                let Ok(request) = client.request(DEFAULT_BUCKET, &command) else {
                    continue;
                };
                // http.md §1.2, §1.3: the other dialect's lock and retention-policy operations are
                // refused at dispatch (501, naming the operation), before any bucket is looked
                // up; the model, which refuses them too (OL-1, OL-7), is not asked.
                let (parts, body) = request.into_parts();
                let refused_at_dispatch = match codec.decode_head(&parts) {
                    Err(CodecError::Dispatch(DispatchError::NotImplemented { feature })) => {
                        Some(feature)
                    }
                    _ => None,
                };
                let response = send(address, http::Request::from_parts(parts, body)).await;
                let answer = client.answer(&command, &response);
                let want = match refused_at_dispatch {
                    Some(operation) => Answer::Violation(Violation::NotImplemented { operation }),
                    None => {
                        let result =
                            model.apply(DEFAULT_BUCKET, on_the_wire(DEFAULT_BUCKET, &command));
                        observable_answer(dialect, &command, &result)
                    }
                };
                if let Ok(mut seen) = seen.lock() {
                    match &want {
                        Answer::Outcome(_) => seen.outcomes += 1,
                        _ => seen.violations += 1,
                    }
                    match kind(&command) {
                        Some(Kind::Attributes) => seen.attributes += 1,
                        Some(Kind::Tagging) => seen.tagging += 1,
                        Some(Kind::Lifecycle) => seen.lifecycle += 1,
                        None => {}
                    }
                }
                prop_assert_eq!(answer, Ok(want), "step {}: {:?}", index, command);
            }
            Step::Service(command) => {
                if let Ok(mut seen) = seen.lock() {
                    seen.service += 1;
                }
                let response = send(address, client.service_request(&command)).await;
                let answer = client.service_answer(&command, &response);
                let want = expected(
                    dialect,
                    match &command {
                        ServiceCommand::ListBuckets => {
                            Ok(Outcome::ListBuckets(model.list_buckets()))
                        }
                        ServiceCommand::CreateBucket { bucket } => {
                            model.create_bucket(bucket).map(Outcome::Bucket)
                        }
                        ServiceCommand::DeleteBucket { bucket } => {
                            model.delete_bucket(bucket).map(Outcome::Bucket)
                        }
                        ServiceCommand::GetBucketInfo { bucket } => {
                            model.bucket_info(bucket).map(Outcome::BucketInfo)
                        }
                    },
                );
                prop_assert_eq!(answer, Ok(want), "step {}: {:?}", index, command);
            }
        }
    }
    // INV-9: the server holds exactly the model's service, and its own log (a service trace)
    // replays through the core trace format to that same service.
    let snapshot = control(address, "GET", "/_bv/snapshot").await;
    let served: Service = serde_json::from_slice(snapshot.body()).expect("a service snapshot");
    // The server moves its service's clock when it applies a command, so a last clock advance
    // with no command after it is not in the snapshot yet; moved there, the services are equal.
    let mut caught_up = served.clone();
    caught_up
        .advance_clock(model.now() - served.now())
        .expect("the model's clock is not behind the server's");
    prop_assert_eq!(
        &caught_up,
        &model,
        "the served service differs from the model's"
    );
    let log = control(address, "GET", "/_bv/log").await;
    let trace = String::from_utf8(log.body().to_vec()).expect("a UTF-8 trace");
    let mut replayed = Service::new(config);
    for (line, reply) in trace
        .lines()
        .zip(wire::replay_service(&mut replayed, &trace))
    {
        prop_assert!(
            matches!(reply, wire::Reply::Ok(_)),
            "the log holds a refused command: {} -> {:?}",
            line,
            reply
        );
    }
    prop_assert_eq!(
        &replayed,
        &served,
        "the replayed log differs from the served service"
    );
    served.check_invariants().expect("INV-1..INV-10");
    Ok(())
}

/// What of TAG and LC a step exercises.
enum Kind {
    /// A write carrying attributes (TAG-1, TAG-5, TAG-6).
    Attributes,
    /// A tagging operation (TAG-2..TAG-4).
    Tagging,
    /// A lifecycle configuration operation (LC-9, LC-14).
    Lifecycle,
}

/// What of TAG and LC `command` exercises, if anything.
fn kind(command: &Command) -> Option<Kind> {
    let writes_attributes = match command {
        Command::PutObjectTagging(_)
        | Command::GetObjectTagging(_)
        | Command::DeleteObjectTagging(_) => return Some(Kind::Tagging),
        Command::PutBucketLifecycle(_)
        | Command::GetBucketLifecycle(_)
        | Command::DeleteBucketLifecycle(_) => return Some(Kind::Lifecycle),
        Command::PutObject(put) => {
            put.tags.is_some()
                || put.metadata.is_some()
                || put.content_type.is_some()
                || put.storage_class.is_some()
        }
        Command::AppendObject(append) => {
            append.metadata.is_some()
                || append.content_type.is_some()
                || append.storage_class.is_some()
        }
        Command::InitiateMultipartUpload(initiate) => {
            initiate.tags.is_some()
                || initiate.metadata.is_some()
                || initiate.content_type.is_some()
                || initiate.storage_class.is_some()
        }
        Command::CopyObject(copy) => {
            copy.tagging_directive.is_some()
                || copy.metadata_directive.is_some()
                || copy.tags.is_some()
                || copy.metadata.is_some()
                || copy.content_type.is_some()
                || copy.storage_class.is_some()
        }
        _ => false,
    };
    writes_attributes.then_some(Kind::Attributes)
}

fn same_answers(dialect: Dialect) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    let seen = std::sync::Mutex::new(Seen::default());
    let outcome = runner.run(&scenario(dialect), |(config, steps)| {
        runtime.block_on(run(config, steps, &seen))
    });
    if let Err(failure) = outcome {
        panic!("{dialect}: {failure}");
    }
    // The run compared real traffic: many successes, many refusals, service requests.
    let seen = seen.into_inner().expect("no step panicked");
    assert!(
        seen.outcomes > 400
            && seen.violations > 200
            && seen.service > 50
            && seen.lifecycle_runs > 20
            && seen.attributes > 100
            && seen.tagging > 50
            && seen.lifecycle > 20,
        "{dialect}: too little compared: {seen:?}"
    );
    eprintln!("{dialect}: compared {seen:?}");
}

/// ERR-1, RSP-1..RSP-5, SVC-1..SVC-6, TAG-1..TAG-6, LC-13, LC-14, INV-9 (oss): the server's
/// answers are the model's.
#[test]
fn oss_server_gives_the_models_answers() {
    same_answers(Dialect::Oss);
}

/// ERR-1, RSP-1..RSP-5, SVC-1..SVC-6, TAG-1..TAG-6, LC-13, LC-14, INV-9 (s3): the server's
/// answers are the model's.
#[test]
fn s3_server_gives_the_models_answers() {
    same_answers(Dialect::S3);
}
