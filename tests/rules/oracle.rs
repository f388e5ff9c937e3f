//! Using the model as an oracle for your own system: a worked example.
//!
//! A server or client team checks its system against the model like this:
//!
//! 1. Wrap the system under test behind a small adapter ([`SystemUnderTest`] here) that takes a
//!    [`Command`], performs the matching request, and turns the response into the model's
//!    [`Outcome`] or [`Violation`] (for a real server: parse the status, error code and
//!    headers such as `x-oss-version-id`; leave out what the model does not know, such as
//!    timestamps, or compare a projection of both).
//! 2. Generate command sequences with `bucket_versioning::strategies` (feature `proptest`):
//!    [`strategies::scenario`] gives a configuration and a sequence that names real versions,
//!    uploads, positions and part lists.
//! 3. Drive the system and a [`Bucket`] with the same commands and compare every result
//!    ([`run_both`]). On a mismatch proptest shrinks the sequence to a minimal one and prints
//!    it: a ready-made bug report.
//!
//! The IDs in generated sequences are the model's own (drawn from the configuration's seed). A
//! real server gives out its own IDs, so either map them, or create versions with supplied IDs
//! (`assign_version_id`, rule ID-5) where your server lets you set them.
//!
//! Here the system under test is the naive reference model of `tests/reference/` (a separate
//! implementation standing for "your server"), once as it is and once with a bug injected, to
//! show the oracle passing the first and catching the second.

use crate::reference::RefBucket;
use bucket_versioning::request::PutBucketVersioning;
use bucket_versioning::strategies;
use bucket_versioning::{Bucket, BucketConfig, Command, Outcome, VersioningState, Violation};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestError, TestRng, TestRunner};

/// The adapter a user writes around their system.
trait SystemUnderTest {
    /// Performs `command` and reports the result in the model's terms.
    fn execute(&mut self, command: &Command) -> Result<Outcome, Violation>;
}

/// "Your server": here the naive reference model.
struct NaiveServer(RefBucket);

impl SystemUnderTest for NaiveServer {
    fn execute(&mut self, command: &Command) -> Result<Outcome, Violation> {
        self.0.apply(command.clone())
    }
}

/// "Your server" with a bug: a HeadObject in a Suspended bucket forgets to send the
/// `x-oss-version-id` header (RSP-3 says it must report the entry's ID, `null` included).
struct ForgetsSuspendedVersionHeader(NaiveServer);

impl SystemUnderTest for ForgetsSuspendedVersionHeader {
    fn execute(&mut self, command: &Command) -> Result<Outcome, Violation> {
        let suspended = (self.0).0.state == VersioningState::Suspended;
        let result = self.0.execute(command);
        match result {
            Ok(Outcome::HeadObject(mut meta)) if suspended => {
                meta.version_id = None;
                Ok(Outcome::HeadObject(meta))
            }
            other => other,
        }
    }
}

/// Drives `system` and a fresh model bucket with the same commands and compares every result.
fn run_both(
    config: BucketConfig,
    commands: &[Command],
    system: &mut dyn SystemUnderTest,
) -> Result<(), TestCaseError> {
    let mut oracle = Bucket::new(config);
    for (step, command) in commands.iter().enumerate() {
        let expected = oracle.apply(command.clone());
        let actual = system.execute(command);
        prop_assert_eq!(
            actual,
            expected,
            "step {}: the system disagrees with the model on {:?}",
            step,
            command
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    // Rule: every rule the generated commands reach — a system that follows the rules agrees
    // with the model on every step.
    #[test]
    fn a_correct_system_agrees_with_the_oracle((config, commands) in strategies::scenario(1..=60)) {
        let mut system = NaiveServer(RefBucket::new(config));
        run_both(config, &commands, &mut system)?;
    }
}

// Rule: RSP-3 — the oracle catches a system that breaks it, and shrinks the evidence from up to
// 60 commands to a handful: the bucket made Suspended, an object written, a HeadObject.
#[test]
fn the_oracle_catches_an_injected_bug_and_shrinks_it() {
    let mut runner = TestRunner::new_with_rng(
        Config::with_cases(500),
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    );
    let result = runner.run(&strategies::scenario(1..=60), |(config, commands)| {
        let mut system = ForgetsSuspendedVersionHeader(NaiveServer(RefBucket::new(config)));
        run_both(config, &commands, &mut system)
    });
    let Err(TestError::Fail(reason, (_, minimal))) = result else {
        panic!("the injected bug went unnoticed: {result:?}");
    };
    assert!(reason.message().contains("disagrees"), "{reason}");
    // Proptest tries deleting each command once, in order, so a command that a longer sequence
    // still needed when its turn came can stay: a handful remain, not always only the three
    // that matter.
    assert!(minimal.len() <= 6, "not shrunk: {minimal:#?}");
    assert!(matches!(minimal.last(), Some(Command::HeadObject(_))));
    assert!(minimal.iter().any(|command| matches!(
        command,
        Command::PutBucketVersioning(PutBucketVersioning { status }) if status == "Suspended"
    )));
}
