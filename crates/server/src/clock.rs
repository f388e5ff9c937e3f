//! The endpoint's logical clock (LC-0): whole seconds since the epoch, following the wall
//! clock unless a test pins it (`/_bv/clock`).

use std::time::{SystemTime, UNIX_EPOCH};

/// The clock: the wall clock, or a pinned reading that moves only when advanced.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Clock {
    pinned: Option<u64>,
}

impl Clock {
    /// The reading now.
    pub fn now(&self) -> u64 {
        self.pinned.unwrap_or_else(wall)
    }

    /// Whether the clock is pinned.
    pub fn is_pinned(&self) -> bool {
        self.pinned.is_some()
    }

    /// Pins the clock at `now`.
    pub fn pin(&mut self, now: u64) {
        self.pinned = Some(now);
    }

    /// Moves the clock forward by `seconds`, pinning it at its reading first.
    pub fn advance(&mut self, seconds: u64) {
        self.pinned = Some(self.now().saturating_add(seconds));
    }

    /// Follows the wall clock again.
    pub fn unpin(&mut self) {
        self.pinned = None;
    }
}

/// The wall clock in whole seconds (0 before the epoch). The server is the one place that
/// reads it: it passes the reading to the model as `advance_clock` commands (LC-0).
#[allow(
    clippy::disallowed_methods,
    reason = "the I/O layer owns the wall clock; the model gets readings as commands"
)]
fn wall() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Rule: LC-0 (the server's clock: pinned readings move only when advanced)
    #[test]
    fn a_pinned_clock_moves_only_when_advanced() {
        let mut clock = Clock::default();
        assert!(!clock.is_pinned());
        clock.pin(86_400);
        assert_eq!(clock.now(), 86_400);
        clock.advance(5);
        assert_eq!((clock.now(), clock.is_pinned()), (86_405, true));
        clock.unpin();
        assert!(clock.now() > 86_405);
    }
}
