//! One case: a fresh bucket on the endpoint, a scenario run on it and on the model step by
//! step, every answer compared, and the chain read back through ListObjectVersions after every
//! step; then the bucket is emptied and deleted.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use bucket_versioning::UploadId;
use bucket_versioning::request::{
    AbortMultipartUpload, DeleteObject, ListMultipartUploads, ListObjectVersions,
};
use bucket_versioning::strategies::{Resolver, Template};
use bucket_versioning::{Bucket, BucketConfig, Command, Dialect, Outcome};
use bucket_versioning_http::client::{
    Answer, Client, ServiceCommand, observable_answer, on_the_wire,
};
use serde_json::Value;

use crate::endpoint::{Endpoint, EndpointError};
use crate::ids::{IdMap, MirroredIds};
use crate::project::{self, Compared, Difference};
use crate::rules;
use crate::scenario::on_the_wire_only;

/// The seed of the model's IDs (ID-5). Any seed does: the endpoint's IDs are mapped.
pub const MODEL_SEED: u64 = 0;

/// One step as it ran: the command (the model's IDs) and both answers, projected, in the
/// model's IDs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The command, as the model got it.
    pub command: Command,
    /// Whether the checker added it (the chain read back after the step before), rather than
    /// the scenario.
    pub read_back: bool,
    /// The model's answer.
    pub model: Value,
    /// The endpoint's answer, its IDs translated to the model's.
    pub endpoint: Value,
}

/// Where a case first diverged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Divergence {
    /// The index of the step in [`CaseRun::steps`] (its last step).
    pub step: usize,
    /// The step's operation (`put_object`); for a chain read back, the operation of the step
    /// before it, the one that made the chain.
    pub op: String,
    /// The field grouped by: the differing field's name, or `chain` for a chain read back
    /// (whichever of its fields differs first, one bug gives one group).
    pub field: String,
    /// The rule family the field falls under (`RSP`, `LST`, …); for a chain read back, the
    /// operation's family.
    pub rule: String,
    /// The field that differs.
    pub difference: Difference,
}

impl Divergence {
    /// The group: (operation, field, rule). A chain read back that differs is grouped as
    /// (the operation before it, `chain`, that operation's family).
    pub fn group(&self) -> Group {
        Group {
            op: self.op.clone(),
            field: self.field.clone(),
            rule: self.rule.clone(),
        }
    }
}

/// A divergence group: one bug, however many cases show it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Group {
    /// The operation.
    pub op: String,
    /// The field.
    pub field: String,
    /// The rule family.
    pub rule: String,
}

impl std::fmt::Display for Group {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}/{}", self.op, self.field, self.rule)
    }
}

impl std::str::FromStr for Group {
    type Err = String;

    /// `op/field/rule`, as [`Display`](std::fmt::Display) writes it.
    fn from_str(text: &str) -> Result<Self, String> {
        let mut parts = text.trim().split('/');
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(op), Some(field), Some(rule), None)
                if !op.is_empty() && !field.is_empty() && !rule.is_empty() =>
            {
                Ok(Group {
                    op: op.to_owned(),
                    field: field.to_owned(),
                    rule: rule.to_owned(),
                })
            }
            _ => Err(format!("{text:?} is not a group (op/field/rule)")),
        }
    }
}

/// What a case did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseRun {
    /// The steps run, read-backs included, up to the divergence.
    pub steps: Vec<Step>,
    /// The scenario's commands that were sent (not counting read-backs).
    pub sent: usize,
    /// The first divergence, if any.
    pub divergence: Option<Divergence>,
    /// Why the case's bucket could not be emptied and deleted, if it could not.
    pub left_behind: Option<String>,
}

/// One case on `endpoint`: creates `bucket`, runs `templates`, cleans up.
///
/// # Errors
///
/// [`EndpointError`] when the endpoint cannot be reached, or refuses to create the bucket.
pub async fn run<E: Endpoint>(
    endpoint: &E,
    dialect: Dialect,
    bucket: &str,
    templates: &[Template],
    compared: &mut Compared,
) -> Result<CaseRun, EndpointError> {
    let client = Client::new(dialect, &endpoint.host());
    let create = ServiceCommand::CreateBucket {
        bucket: bucket.to_owned(),
    };
    let response = endpoint.send(client.service_request(&create)).await?;
    if !response.status().is_success() {
        return Err(EndpointError::new(
            format!("creating the bucket {bucket}"),
            format!(
                "status {}: {}",
                response.status(),
                String::from_utf8_lossy(response.body())
            ),
        ));
    }
    let (ids, uploads) = MirroredIds::new(MODEL_SEED);
    let mut case = Case {
        endpoint,
        client,
        dialect,
        bucket,
        model: Bucket::with_id_source(BucketConfig::new(dialect).with_seed(MODEL_SEED), ids),
        uploads,
        resolver: Resolver::default(),
        ids: IdMap::new(),
        run: CaseRun::default(),
    };
    let result = case.steps(templates, compared).await;
    // A bucket the endpoint does not let go of is reported, not fatal: the case was run.
    case.run.left_behind = case.clean_up().await.err().map(|error| error.to_string());
    result?;
    Ok(case.run)
}

struct Case<'a, E> {
    endpoint: &'a E,
    client: Client,
    dialect: Dialect,
    bucket: &'a str,
    model: Bucket<MirroredIds>,
    uploads: Arc<Mutex<VecDeque<UploadId>>>,
    resolver: Resolver,
    ids: IdMap,
    run: CaseRun,
}

impl<E: Endpoint> Case<'_, E> {
    async fn steps(
        &mut self,
        templates: &[Template],
        compared: &mut Compared,
    ) -> Result<(), EndpointError> {
        for template in templates {
            let command =
                on_the_wire_only(self.dialect, self.resolver.resolve(template, &self.model));
            if let Command::AdvanceClock(advance) = &command {
                // LC-0: only an endpoint with a clock API can follow; else it is left out.
                if self.model.now().checked_add(advance.seconds).is_some()
                    && self.endpoint.advance_clock(advance.seconds).await?
                {
                    let result = self.model.apply(command.clone());
                    self.resolver.record(&command, &result);
                }
                continue;
            }
            let Some(op) = self.step(command, false, None, compared).await? else {
                continue;
            };
            self.run.sent += 1;
            if self.run.divergence.is_some() {
                return Ok(());
            }
            // The chain as the endpoint holds it, after every step.
            let list = Command::ListObjectVersions(ListObjectVersions::new());
            self.step(list, true, Some(op), compared).await?;
            if self.run.divergence.is_some() {
                return Ok(());
            }
        }
        Ok(())
    }

    /// Sends `command` and applies it to the model; `None` when the codec cannot send it (the
    /// model does not get it either). `group_op` names the operation a divergence is grouped
    /// under when it is not the command's own (a read-back's).
    async fn step(
        &mut self,
        command: Command,
        read_back: bool,
        group_op: Option<&'static str>,
        compared: &mut Compared,
    ) -> Result<Option<&'static str>, EndpointError> {
        let theirs = self.to_endpoint(&command);
        let Ok(request) = self.client.request(self.bucket, &theirs) else {
            return Ok(None);
        };
        let response = self.endpoint.send(request).await?;
        let decoded = self.client.answer(&theirs, &response);
        let endpoint = match &decoded {
            Ok(answer) => project::answer(answer),
            Err(error) => project::undecodable(error),
        };
        if let Ok(Answer::Outcome(Outcome::InitiateMultipartUpload(initiated))) = &decoded
            && let Ok(mut queue) = self.uploads.lock()
        {
            // MPU-1: the model's upload gets the endpoint's ID.
            queue.clear();
            queue.push_back(initiated.upload_id.clone());
        }
        let result = self.model.apply(on_the_wire(self.bucket, &command));
        if !read_back {
            self.resolver.record(&command, &result);
        }
        let answer = observable_answer(self.dialect, &command, &result);
        let mut model = project::answer(&answer);
        self.ids.learn(&model, &endpoint);
        let mut endpoint = self.ids.to_model(&endpoint);
        // An error response that is no violation of the model's carries no fields to compare
        // with a violation's: code and status only.
        if matches!(decoded, Ok(Answer::Error(_))) || matches!(answer, Answer::Error(_)) {
            model = project::code_and_status(&model);
            endpoint = project::code_and_status(&endpoint);
        }
        let op = command.op();
        let difference = project::diff(&model, &endpoint, compared);
        self.run.steps.push(Step {
            command,
            read_back,
            model,
            endpoint,
        });
        if let Some(difference) = difference {
            let (op, field, rule) = match group_op {
                Some(op) => (op, "chain".to_owned(), rules::family_of_op(op)),
                None => (
                    op,
                    difference.field.clone(),
                    rules::rule_of(op, &difference.field),
                ),
            };
            self.run.divergence = Some(Divergence {
                step: self.run.steps.len() - 1,
                op: op.to_owned(),
                field,
                rule: rule.to_owned(),
                difference,
            });
        }
        Ok(Some(op))
    }

    /// `command` with the endpoint's IDs.
    fn to_endpoint(&self, command: &Command) -> Command {
        if self.ids.is_empty() {
            return command.clone();
        }
        serde_json::to_value(command)
            .ok()
            .map(|value| self.ids.to_endpoint(&value))
            .and_then(|value| serde_json::from_value(value).ok())
            .map_or_else(|| command.clone(), |sent| with_pairs_of(sent, command))
    }

    /// Every version and upload of the bucket removed, then the bucket (its own IDs, no
    /// mapping).
    async fn clean_up(&mut self) -> Result<(), EndpointError> {
        for _ in 0..64 {
            let list = Command::ListObjectVersions(ListObjectVersions::new());
            let Some(Outcome::ListObjectVersions(page)) = self.raw(&list).await? else {
                break;
            };
            if page.entries.is_empty() {
                break;
            }
            for entry in page.entries {
                let delete = DeleteObject::new(entry.key).version_id(entry.version_id);
                self.raw(&Command::DeleteObject(delete)).await?;
            }
        }
        for _ in 0..64 {
            let list = Command::ListMultipartUploads(ListMultipartUploads::new());
            let Some(Outcome::ListMultipartUploads(page)) = self.raw(&list).await? else {
                break;
            };
            if page.uploads.is_empty() {
                break;
            }
            for upload in page.uploads {
                let abort = AbortMultipartUpload::new(upload.key, upload.upload_id);
                self.raw(&Command::AbortMultipartUpload(abort)).await?;
            }
        }
        let delete = ServiceCommand::DeleteBucket {
            bucket: self.bucket.to_owned(),
        };
        let response = self
            .endpoint
            .send(self.client.service_request(&delete))
            .await?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(EndpointError::new(
                format!("deleting the bucket {}", self.bucket),
                format!(
                    "status {}: {}",
                    response.status(),
                    String::from_utf8_lossy(response.body())
                ),
            ))
        }
    }

    /// `command` (the endpoint's IDs) sent as it is; its outcome, if it succeeded.
    async fn raw(&self, command: &Command) -> Result<Option<Outcome>, EndpointError> {
        let Ok(request) = self.client.request(self.bucket, command) else {
            return Ok(None);
        };
        let response = self.endpoint.send(request).await?;
        Ok(match self.client.answer(command, &response) {
            Ok(Answer::Outcome(outcome)) => Some(outcome),
            _ => None,
        })
    }
}

/// `translated` (`original` with the endpoint's IDs) with `original`'s tag sets and user
/// metadata as they were. The JSON the IDs are translated in holds one value per name, so a tag
/// key or a metadata name given twice (TAG-3's `InvalidTag`, TAG-5's joined values) would reach
/// the endpoint once while the model gets it twice; neither carries an ID.
fn with_pairs_of(mut translated: Command, original: &Command) -> Command {
    match (&mut translated, original) {
        (Command::PutObject(sent), Command::PutObject(given)) => {
            sent.tags.clone_from(&given.tags);
            sent.metadata.clone_from(&given.metadata);
        }
        (Command::AppendObject(sent), Command::AppendObject(given)) => {
            sent.tags.clone_from(&given.tags);
            sent.metadata.clone_from(&given.metadata);
        }
        (Command::InitiateMultipartUpload(sent), Command::InitiateMultipartUpload(given)) => {
            sent.tags.clone_from(&given.tags);
            sent.metadata.clone_from(&given.metadata);
        }
        (Command::CopyObject(sent), Command::CopyObject(given)) => {
            sent.tags.clone_from(&given.tags);
            sent.metadata.clone_from(&given.metadata);
        }
        (Command::PutObjectTagging(sent), Command::PutObjectTagging(given)) => {
            sent.tags.clone_from(&given.tags);
        }
        (Command::PutSymlink(sent), Command::PutSymlink(given)) => {
            sent.tags.clone_from(&given.tags);
            sent.metadata.clone_from(&given.metadata);
        }
        _ => {}
    }
    translated
}

/// The rules a step falls under.
pub fn rules_of(step: &Step) -> Vec<String> {
    rules::rules_of_step(step.command.op(), &step.model)
}
