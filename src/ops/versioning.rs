//! PutBucketVersioning and GetBucketVersioning (VS).

use crate::bucket::Bucket;
use crate::dialect::Dialect;
use crate::outcome::VersioningOutcome;
use crate::versioning::VersioningState;
use crate::violation::{BucketStateReason, MalformedXmlReason, Violation};

impl<S> Bucket<S> {
    /// PutBucketVersioning: move to `Enabled` or `Suspended` (VS-2), or stay (a no-op).
    ///
    /// Any other status, `Disabled` and `Unversioned` included, is rejected (oss `MalformedXML`,
    /// s3 `IllegalVersioningConfigurationException`, both 400) and the state is unchanged.
    /// Existing entries are never touched (VS-3). `Suspended` while Object Lock is on (OL-1) or
    /// a retention policy exists (OL-7) → `InvalidBucketState` 409.
    pub fn put_bucket_versioning(
        &mut self,
        status: impl AsRef<str>,
    ) -> Result<VersioningOutcome, Violation> {
        let status = status.as_ref();
        let Some(state) = VersioningState::requested(status) else {
            return Err(match self.dialect() {
                Dialect::Oss => {
                    Violation::MalformedXml(MalformedXmlReason::VersioningStatus(status.into()))
                }
                Dialect::S3 => Violation::IllegalVersioningConfiguration {
                    status: status.into(),
                },
            });
        };
        if state == VersioningState::Suspended {
            // OL-1, OL-7: Object Lock and a retention policy keep the bucket from Suspended.
            if self.object_lock.is_some() {
                return Err(Violation::InvalidBucketState(
                    BucketStateReason::SuspendWithLock,
                ));
            }
            if self.worm.is_some() {
                return Err(Violation::InvalidBucketState(
                    BucketStateReason::SuspendWithWorm,
                ));
            }
        }
        self.versioning = state;
        Ok(VersioningOutcome { status: state })
    }

    /// GetBucketVersioning: the state in force.
    pub fn get_bucket_versioning(&self) -> VersioningOutcome {
        VersioningOutcome {
            status: self.versioning,
        }
    }
}
