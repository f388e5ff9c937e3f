//! The workload: which operations, how often, on which keys. Each client follows its own
//! script, seeded from the run's seed and the client's index, so that a run is the same sequence
//! of choices against every endpoint (the answers, and so the version IDs reused later, are the
//! endpoint's own).

use bytes::Bytes;

/// One kind of request of the workload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Operation {
    /// PutObject: a new version (or the null version's replacement).
    PutObject,
    /// GetObject of the current version.
    GetObject,
    /// GetObject of a version this client wrote earlier.
    GetObjectVersion,
    /// HeadObject of the current version.
    HeadObject,
    /// DeleteObject without a version: a delete marker in a versioned bucket.
    DeleteObject,
    /// DeleteObject of a version this client wrote earlier.
    DeleteObjectVersion,
    /// ListObjectVersions of a prefix of about ten keys.
    ListObjectVersions,
}

impl Operation {
    /// Every operation, in report order.
    pub const ALL: [Operation; 7] = [
        Operation::PutObject,
        Operation::GetObject,
        Operation::GetObjectVersion,
        Operation::HeadObject,
        Operation::DeleteObject,
        Operation::DeleteObjectVersion,
        Operation::ListObjectVersions,
    ];

    /// The operation's API name.
    pub fn name(self) -> &'static str {
        match self {
            Operation::PutObject => "PutObject",
            Operation::GetObject => "GetObject",
            Operation::GetObjectVersion => "GetObject?versionId",
            Operation::HeadObject => "HeadObject",
            Operation::DeleteObject => "DeleteObject",
            Operation::DeleteObjectVersion => "DeleteObject?versionId",
            Operation::ListObjectVersions => "ListObjectVersions",
        }
    }

    /// Its index in [`Operation::ALL`].
    pub fn index(self) -> usize {
        Operation::ALL
            .iter()
            .position(|operation| *operation == self)
            .expect("ALL lists every operation")
    }
}

/// The workload's parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workload {
    /// The seed every client's script derives from.
    pub seed: u64,
    /// How many keys the clients share (versions of one key interleave across clients).
    pub keys: u32,
    /// The size of every object written.
    pub object_size: usize,
    /// The relative weight of each operation, in [`Operation::ALL`]'s order.
    pub weights: [u32; 7],
}

impl Workload {
    /// The default mix: writes and reads of current versions dominate, as in a versioned bucket
    /// in use; a tenth of the requests read or delete older versions; one in twelve lists.
    pub const DEFAULT_WEIGHTS: [u32; 7] = [35, 25, 10, 10, 8, 4, 8];

    /// A workload over `keys` keys of `object_size`-byte objects with the default mix.
    pub fn new(seed: u64, keys: u32, object_size: usize) -> Self {
        Workload {
            seed,
            keys: keys.max(1),
            object_size,
            weights: Self::DEFAULT_WEIGHTS,
        }
    }

    /// The body every PutObject sends: `object_size` bytes derived from the seed.
    pub fn body(&self) -> Bytes {
        let mut rng = fastrand::Rng::with_seed(self.seed);
        (0..self.object_size)
            .map(|_| rng.alphanumeric() as u8)
            .collect()
    }

    /// The script of client `index`.
    pub fn script(&self, index: u32) -> Script {
        let seed = self
            .seed
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(u64::from(index));
        Script {
            rng: fastrand::Rng::with_seed(seed),
            keys: self.keys,
            weights: self.weights,
            written: Vec::new(),
        }
    }
}

/// The name of key `n` of the workload.
pub fn key_name(n: u32) -> String {
    format!("load/k{n:05}")
}

/// One request of a client's script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Put a new version of `key`.
    Put {
        /// The key.
        key: String,
    },
    /// Read `key` (its current version, or `version_id`).
    Get {
        /// The key.
        key: String,
        /// A version this client wrote, or `None` for the current one.
        version_id: Option<String>,
    },
    /// HEAD `key`'s current version.
    Head {
        /// The key.
        key: String,
    },
    /// Delete `key` (a delete marker, or the version `version_id` for good).
    Delete {
        /// The key.
        key: String,
        /// A version this client wrote, or `None` for a simple delete.
        version_id: Option<String>,
    },
    /// List the versions under `prefix` (at most 100).
    ListVersions {
        /// The prefix: ten consecutive keys share it.
        prefix: String,
    },
}

impl Step {
    /// The operation this step is.
    pub fn operation(&self) -> Operation {
        match self {
            Step::Put { .. } => Operation::PutObject,
            Step::Get {
                version_id: None, ..
            } => Operation::GetObject,
            Step::Get { .. } => Operation::GetObjectVersion,
            Step::Head { .. } => Operation::HeadObject,
            Step::Delete {
                version_id: None, ..
            } => Operation::DeleteObject,
            Step::Delete { .. } => Operation::DeleteObjectVersion,
            Step::ListVersions { .. } => Operation::ListObjectVersions,
        }
    }
}

/// A client's script: a deterministic sequence of steps, which also remembers the versions
/// the client wrote so that later steps can name them.
#[derive(Clone, Debug)]
pub struct Script {
    rng: fastrand::Rng,
    keys: u32,
    weights: [u32; 7],
    /// (key, version ID) of this client's puts, oldest first; a deleted version leaves.
    written: Vec<(String, String)>,
}

/// How many written versions a script remembers (the oldest are forgotten first).
const REMEMBERED: usize = 256;

impl Script {
    /// The next step. An operation on an older version, when the client has written none yet,
    /// becomes a put.
    pub fn next_step(&mut self) -> Step {
        let total: u32 = self.weights.iter().sum();
        let mut pick = self.rng.u32(0..total.max(1));
        let mut operation = Operation::PutObject;
        for (candidate, weight) in Operation::ALL.iter().zip(self.weights) {
            if pick < weight {
                operation = *candidate;
                break;
            }
            pick -= weight;
        }
        let key = key_name(self.rng.u32(0..self.keys));
        match operation {
            Operation::PutObject => Step::Put { key },
            Operation::GetObject => Step::Get {
                key,
                version_id: None,
            },
            Operation::HeadObject => Step::Head { key },
            Operation::DeleteObject => Step::Delete {
                key,
                version_id: None,
            },
            Operation::ListObjectVersions => Step::ListVersions {
                prefix: key[..key.len() - 1].to_owned(),
            },
            Operation::GetObjectVersion | Operation::DeleteObjectVersion => {
                if self.written.is_empty() {
                    return Step::Put { key };
                }
                let index = self.rng.usize(0..self.written.len());
                if operation == Operation::GetObjectVersion {
                    let (key, version_id) = self.written[index].clone();
                    Step::Get {
                        key,
                        version_id: Some(version_id),
                    }
                } else {
                    let (key, version_id) = self.written.remove(index);
                    Step::Delete {
                        key,
                        version_id: Some(version_id),
                    }
                }
            }
        }
    }

    /// Records the version ID an endpoint gave a put of `key`.
    pub fn wrote(&mut self, key: String, version_id: String) {
        if self.written.len() == REMEMBERED {
            self.written.remove(0);
        }
        self.written.push((key, version_id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(workload: &Workload, client: u32, count: usize) -> Vec<Step> {
        let mut script = workload.script(client);
        (0..count)
            .map(|n| {
                let step = script.next_step();
                if let Step::Put { key } = &step {
                    script.wrote(key.clone(), format!("v{n}"));
                }
                step
            })
            .collect()
    }

    #[test]
    fn a_script_is_the_same_for_the_same_seed_and_client() {
        let workload = Workload::new(7, 64, 16);
        assert_eq!(steps(&workload, 3, 500), steps(&workload, 3, 500));
        assert_ne!(steps(&workload, 3, 500), steps(&workload, 4, 500));
        assert_ne!(
            steps(&workload, 3, 500),
            steps(&Workload::new(8, 64, 16), 3, 500)
        );
    }

    #[test]
    fn the_mix_reaches_every_operation_near_its_weight() {
        let workload = Workload::new(1, 64, 16);
        let mut counts = [0u32; 7];
        for step in steps(&workload, 0, 20_000) {
            counts[step.operation().index()] += 1;
        }
        let total: u32 = Workload::DEFAULT_WEIGHTS.iter().sum();
        for (operation, (count, weight)) in Operation::ALL
            .iter()
            .zip(counts.iter().zip(Workload::DEFAULT_WEIGHTS))
        {
            let expected = 20_000 * weight / total;
            // Version steps fall back to puts only before the first put: a handful at most.
            assert!(
                count.abs_diff(expected) < expected / 5 + 20,
                "{operation:?}: {count} steps, expected about {expected}"
            );
        }
    }

    #[test]
    fn version_steps_name_versions_the_client_wrote_and_deleted_ones_leave() {
        let workload = Workload::new(5, 8, 16);
        let mut script = workload.script(0);
        let mut live: Vec<(String, String)> = Vec::new();
        for n in 0..2_000 {
            match script.next_step() {
                Step::Put { key } => {
                    let id = format!("v{n}");
                    script.wrote(key.clone(), id.clone());
                    live.push((key, id));
                    if live.len() > REMEMBERED {
                        live.remove(0);
                    }
                }
                Step::Get {
                    key,
                    version_id: Some(id),
                } => assert!(live.contains(&(key, id))),
                Step::Delete {
                    key,
                    version_id: Some(id),
                } => {
                    let at = live
                        .iter()
                        .position(|entry| *entry == (key.clone(), id.clone()))
                        .expect("a deleted version was written and not deleted yet");
                    live.remove(at);
                }
                _ => {}
            }
        }
    }

    #[test]
    fn bodies_have_the_size_asked_for_and_follow_the_seed() {
        let workload = Workload::new(3, 8, 1000);
        assert_eq!(workload.body().len(), 1000);
        assert_eq!(workload.body(), workload.body());
        assert_ne!(workload.body(), Workload::new(4, 8, 1000).body());
    }
}
