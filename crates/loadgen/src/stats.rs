//! Latency percentiles from the samples of a run.

use std::time::Duration;

/// A summary of latency samples.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Latency {
    /// How many samples.
    pub count: usize,
    /// The median.
    pub p50: Duration,
    /// The 99th percentile.
    pub p99: Duration,
    /// The slowest.
    pub max: Duration,
}

impl Latency {
    /// Summarises `samples` (reordered in place). Percentiles are nearest-rank: the smallest
    /// sample with at least that share of the samples at or below it.
    pub fn of(samples: &mut [Duration]) -> Latency {
        if samples.is_empty() {
            return Latency::default();
        }
        samples.sort_unstable();
        let rank = |percent: usize| {
            let at = (samples.len() * percent).div_ceil(100).max(1) - 1;
            samples[at]
        };
        Latency {
            count: samples.len(),
            p50: rank(50),
            p99: rank(99),
            max: samples[samples.len() - 1],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(values: &[u64]) -> Vec<Duration> {
        values.iter().map(|&v| Duration::from_millis(v)).collect()
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let mut samples: Vec<Duration> = (1..=100).rev().map(Duration::from_millis).collect();
        let latency = Latency::of(&mut samples);
        assert_eq!(latency.count, 100);
        assert_eq!(latency.p50, Duration::from_millis(50));
        assert_eq!(latency.p99, Duration::from_millis(99));
        assert_eq!(latency.max, Duration::from_millis(100));
        let one = Latency::of(&mut ms(&[7]));
        assert_eq!(
            (one.p50, one.p99, one.max),
            (ms(&[7])[0], ms(&[7])[0], ms(&[7])[0])
        );
        let three = Latency::of(&mut ms(&[30, 10, 20]));
        assert_eq!(
            (three.p50, three.p99),
            (Duration::from_millis(20), Duration::from_millis(30))
        );
        assert_eq!(Latency::of(&mut []), Latency::default());
    }
}
