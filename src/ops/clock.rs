//! The logical clock (LC-0).

use crate::bucket::Bucket;
use crate::outcome::ClockOutcome;
use crate::violation::{ArgumentError, Violation};

impl<S> Bucket<S> {
    /// Advances the logical clock by `seconds` (LC-0). The clock never reads the system time.
    ///
    /// Advancing past `u64::MAX` is rejected with `InvalidArgument` (ERR-3).
    pub fn advance_clock(&mut self, seconds: u64) -> Result<ClockOutcome, Violation> {
        self.now = self
            .now
            .checked_add(seconds)
            .ok_or(Violation::InvalidArgument(ArgumentError::ClockOverflow(
                seconds,
            )))?;
        Ok(ClockOutcome { now: self.now })
    }
}
