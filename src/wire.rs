//! The trace format's reply line (feature `serde`): `{"ok": …}` or `{"error": …}`.
//!
//! A command line deserializes as a [`Command`](crate::Command); the reply to it serializes
//! from a [`Reply`]. See `docs/spec/trace-format.md`; the `replay` example is a loop over
//! these two.

use alloc::string::String;

use serde::Serialize;

use crate::outcome::Outcome;
use crate::violation::Violation;

/// One reply line of a trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    /// A success: the outcome's fields.
    Ok(Outcome),
    /// A rule violation: code, status, carried fields and message.
    Error(Violation),
    /// A line that is not a valid command: `{"error":{"code":"MalformedCommand","message":…}}`.
    #[serde(rename = "error")]
    Malformed(MalformedCommand),
}

/// The error object of a line that is not a valid command.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MalformedCommand {
    code: &'static str,
    message: String,
}

impl MalformedCommand {
    /// A malformed-command error with `message` (why the line did not parse).
    pub fn new(message: impl Into<String>) -> Self {
        MalformedCommand {
            code: "MalformedCommand",
            message: message.into(),
        }
    }

    /// The reason the line did not parse.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl From<Result<Outcome, Violation>> for Reply {
    fn from(result: Result<Outcome, Violation>) -> Self {
        match result {
            Ok(outcome) => Reply::Ok(outcome),
            Err(violation) => Reply::Error(violation),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The reason a line did not parse is kept as given.
    #[test]
    fn malformed_command_keeps_its_reason() {
        let error = MalformedCommand::new("missing field `body`");
        assert_eq!(error.message(), "missing field `body`");
    }
}
