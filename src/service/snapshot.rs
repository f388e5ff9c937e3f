//! Service snapshots (feature `serde`): a [`Service`] serializes to its configuration, its
//! clock and a snapshot of each bucket by name, and is restored from one with identical
//! behaviour — every bucket's ID source at its position. A snapshot whose bucket names, clocks
//! or configurations break INV-10, or whose bucket breaks its own invariants, is refused whole.
//!
//! ```text
//! {"format": 1, "config": {…}, "now": 0, "buckets": {"bucket": {bucket snapshot}, …}}
//! ```

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;

use serde::de::{Deserialize, Deserializer, Error as _};
use serde::ser::{Serialize, Serializer};

use super::Service;
use crate::bucket::Bucket;
use crate::config::BucketConfig;

/// The service snapshot format this crate writes and reads.
const FORMAT: u32 = 1;

#[derive(serde::Serialize)]
struct SnapshotRef<'a> {
    format: u32,
    config: &'a BucketConfig,
    now: u64,
    buckets: &'a BTreeMap<String, Bucket>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Snapshot {
    format: u32,
    config: BucketConfig,
    now: u64,
    buckets: BTreeMap<String, Bucket>,
}

impl Serialize for Service {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        SnapshotRef {
            format: FORMAT,
            config: &self.config,
            now: self.now,
            buckets: &self.buckets,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Service {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let snapshot = Snapshot::deserialize(deserializer)?;
        if snapshot.format != FORMAT {
            return Err(D::Error::custom(format!(
                "snapshot refused: format {} is not {FORMAT}",
                snapshot.format
            )));
        }
        let service = Service {
            config: snapshot.config,
            now: snapshot.now,
            buckets: snapshot.buckets,
        };
        service
            .check_invariants()
            .map_err(|violation| D::Error::custom(format!("snapshot refused: {violation}")))?;
        Ok(service)
    }
}
