//! The checker against this project's own server (issue 18's first acceptance item): 500 cases
//! of up to 50 steps in each dialect, and not one divergence — every answer, field by field,
//! and every chain read back after every step is the model's. Signed requests (s3 SigV4, oss
//! V1) are accepted by a server that verifies them, and refused by it with the wrong secret.

mod support;

use bucket_versioning::request::{
    AppendObject, GetObject, InitiateMultipartUpload, PutObject, PutObjectTagging,
};
use bucket_versioning::strategies::Template;
use bucket_versioning::{Command, Dialect, Metadata, Tags};
use bucket_versioning_checker::case::{self, CaseRun};
use bucket_versioning_checker::check::{Options, Report, check};
use bucket_versioning_checker::endpoint::HttpEndpoint;
use bucket_versioning_checker::project::Compared;
use bucket_versioning_checker::scenario;
use bucket_versioning_checker::sign::Keys;
use bucket_versioning_http::auth::Credentials;
use bucket_versioning_server::serve::ServeOptions;
use support::Running;

fn five_hundred_cases(dialect: Dialect) -> Report {
    let server = Running::dialect(dialect);
    let endpoint = HttpEndpoint::new(&server.url).expect("a URL");
    let options = Options {
        cases: 500,
        max_steps: 50,
        seed: 18,
        jobs: 2,
        // Every operation, the oss-only ones in s3 too: this server refuses them as the model.
        ops: scenario::OPS.iter().map(|op| (*op).to_owned()).collect(),
        ..Options::new(dialect)
    };
    check(&endpoint, &options, &|_| {}).expect("the server answers")
}

#[track_caller]
fn assert_no_divergence(dialect: Dialect, report: &Report) {
    assert_eq!(report.cases, 500, "{dialect}: every case ran");
    assert!(
        report.groups.is_empty(),
        "{dialect}: the server diverges from the model: {:#?}",
        report.groups
    );
    // The run compared real traffic, and the fields the issue names.
    assert!(
        report.commands > 8_000,
        "{dialect}: too few commands: {}",
        report.commands
    );
    let mut fields = vec![
        "code",
        "status",
        "version_id",
        "delete_marker",
        "etag",
        "is_latest",
        "entries",
        "next_key_marker",
        "next_version_id_marker",
        "upload_id",
        // TAG-5: the versions' attributes, read back (a metadata name the generator uses).
        "content_type",
        "storage_class",
        "owner",
    ];
    if dialect == Dialect::Oss {
        fields.push("crc64");
    }
    for field in fields {
        assert!(
            report.compared.contains(field),
            "{dialect}: {field} never compared: {:?}",
            report.compared
        );
    }
}

/// ERR-1, RSP-1..RSP-5, LST-1..LST-8, MPU-10, ID-5 (oss): 500 cases, no divergence.
#[test]
fn oss_server_matches_the_model_in_500_cases() {
    let report = five_hundred_cases(Dialect::Oss);
    assert_no_divergence(Dialect::Oss, &report);
}

/// ERR-1, RSP-1..RSP-5, LST-1..LST-8, MPU-10, ID-5 (s3): 500 cases, no divergence.
#[test]
fn s3_server_matches_the_model_in_500_cases() {
    let report = five_hundred_cases(Dialect::S3);
    assert_no_divergence(Dialect::S3, &report);
}

fn signed(dialect: Dialect, secret: &str) -> Result<Report, String> {
    let server = Running::start(ServeOptions {
        dialect,
        credentials: Some(Credentials::new("checker", "s3cr3t")),
        ..ServeOptions::default()
    });
    let endpoint = HttpEndpoint::new(&server.url)
        .expect("a URL")
        .with_keys(Keys::new(dialect, "checker", secret));
    let options = Options {
        cases: 30,
        max_steps: 30,
        ..Options::new(dialect)
    };
    check(&endpoint, &options, &|_| {}).map_err(|error| error.to_string())
}

/// http.md §6 (SVC-3, ERR-1): signed with the server's keys, every request is accepted and the
/// answers are the model's; with another secret the first request is refused.
#[test]
fn signed_requests_are_verified_in_both_dialects() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let report = signed(dialect, "s3cr3t").expect("signed requests are accepted");
        assert!(
            report.groups.is_empty() && report.commands > 100,
            "{dialect}: {report:#?}"
        );
        let refused = signed(dialect, "wrong").expect_err("a wrong signature is refused");
        assert!(
            refused.contains("403") && refused.contains("SignatureDoesNotMatch"),
            "{dialect}: {refused}"
        );
    }
}

/// The steps of `templates` run as one case against this project's server in `dialect`.
fn one_case(dialect: Dialect, templates: &[Template]) -> CaseRun {
    let server = Running::dialect(dialect);
    let endpoint = HttpEndpoint::new(&server.url).expect("a URL");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let mut compared = Compared::default();
    runtime
        .block_on(case::run(
            &endpoint,
            dialect,
            "bv-check-pairs",
            templates,
            &mut compared,
        ))
        .expect("the server answers")
}

/// The model's and the endpoint's answers to the scenario step `op` (not a read-back).
#[track_caller]
fn answers<'a>(run: &'a CaseRun, op: &str) -> Vec<(&'a serde_json::Value, &'a serde_json::Value)> {
    run.steps
        .iter()
        .filter(|step| !step.read_back && step.command.op() == op)
        .map(|step| (&step.model, &step.endpoint))
        .collect()
}

/// TAG-3, TAG-5, ERR-4: a tag key or a metadata name given twice reaches the endpoint twice
/// even once the run has learnt IDs (the commands then go through the ID translation): a tag
/// set with a repeated key is `InvalidTag` on both sides, before the missing key's `NoSuchKey`
/// (arguments before state), and a metadata name given twice in different case reads back
/// with both values joined, on both sides.
#[test]
fn repeated_tag_keys_and_metadata_names_reach_the_endpoint() {
    let repeated = Tags::new().with("team", "a").with("team", "b");
    let templates = [
        // An upload ID learnt: every command after it is translated.
        Template::Ready(Command::InitiateMultipartUpload(
            InitiateMultipartUpload::new("a"),
        )),
        Template::Ready(Command::PutObject(
            PutObject::new("b", "x")
                .metadata(Metadata::new().with("color", "ana").with("Color", "bo")),
        )),
        Template::Ready(Command::GetObject(GetObject::new("b"))),
        Template::Ready(Command::PutObjectTagging(PutObjectTagging::new(
            "missing",
            repeated.clone(),
        ))),
        Template::Ready(Command::InitiateMultipartUpload(
            InitiateMultipartUpload::new("c").tags(repeated.clone()),
        )),
        // An append at the wrong position: the tags are refused first (TAG-3 before APP-5).
        Template::Ready(Command::AppendObject(AppendObject {
            tags: Some(repeated),
            ..AppendObject::new("d", 1, "")
        })),
    ];
    for dialect in [Dialect::Oss, Dialect::S3] {
        let run = one_case(dialect, &templates);
        assert_eq!(run.divergence, None, "{dialect}: {:#?}", run.steps);
        assert_eq!(run.sent, templates.len(), "{dialect}: every step was sent");
        for (model, endpoint) in answers(&run, "get_object") {
            assert_eq!(model["ok"]["metadata"]["color"], "ana,bo", "{dialect}");
            assert_eq!(endpoint, model, "{dialect}");
        }
        let mut refused = [
            answers(&run, "put_object_tagging"),
            answers(&run, "initiate_multipart_upload")[1..].to_vec(),
        ]
        .concat();
        if dialect == Dialect::Oss {
            refused.extend(answers(&run, "append_object"));
        }
        assert_eq!(
            refused.len(),
            2 + usize::from(dialect == Dialect::Oss),
            "{dialect}"
        );
        for (model, endpoint) in refused {
            assert_eq!(model["error"]["code"], "InvalidTag", "{dialect}");
            assert_eq!(endpoint["error"]["code"], "InvalidTag", "{dialect}");
        }
    }
}
