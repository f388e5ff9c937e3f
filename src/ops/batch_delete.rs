//! DeleteObjects, the batch delete (BAT).

use alloc::vec::Vec;

use crate::bucket::Bucket;
use crate::outcome::{DeleteError, DeleteObjectsOutcome, DeletedObject};
use crate::request::{DeleteObjects, ObjectIdentifier};
use crate::version_id::IdSource;
use crate::violation::{MalformedXmlReason, Violation};

/// The most entries one batch delete may name (BAT-1).
const MAX_BATCH: usize = 1000;

impl<S: IdSource> Bucket<S> {
    /// DeleteObjects: each entry is deleted as [`delete_object`](Self::delete_object) would,
    /// in the order given, with one result per entry.
    ///
    /// - BAT-1: 1 to 1000 entries; 0 or more than 1000 is `MalformedXML` 400 and nothing is
    ///   deleted.
    /// - BAT-2: each entry is exactly a DeleteObject with or without its version ID (DEL-1..
    ///   DEL-7), run by the same worker.
    /// - BAT-3: each result follows S3's `DeletedObject` ([`DeletedObject`] tabulates the
    ///   cases): a simple delete that made a marker reports `delete_marker` and the marker's
    ///   ID in `delete_marker_version_id`; a delete by ID reports that ID in `version_id`, and
    ///   in `delete_marker_version_id` too when the entry removed was a marker.
    /// - BAT-4: an entry that fails its own checks (a bad key, a malformed version ID) gets an
    ///   error result with the code DeleteObject would give, and the others still run. `quiet`
    ///   reports only the errors.
    /// - OL-4: `bypass_governance` applies to every entry deleted by ID; an entry whose version
    ///   is locked fails alone (`AccessDenied`).
    pub fn delete_objects(
        &mut self,
        request: DeleteObjects,
    ) -> Result<DeleteObjectsOutcome, Violation> {
        let DeleteObjects {
            objects,
            quiet,
            bypass_governance,
        } = request;
        // OL-4: an absent bypass header means none.
        let bypass_governance = bypass_governance.unwrap_or(false);
        // BAT-4: an absent Quiet element means verbose.
        let quiet = quiet.unwrap_or(false);
        if objects.is_empty() || objects.len() > MAX_BATCH {
            return Err(Violation::MalformedXml(
                MalformedXmlReason::DeleteObjectCount(objects.len()),
            ));
        }
        let mut outcome = DeleteObjectsOutcome {
            deleted: Vec::new(),
            errors: Vec::new(),
        };
        for object in &objects {
            let ObjectIdentifier {
                key,
                version_id,
                etag,
            } = object;
            // CND-5: an entry's `etag` is its `if_match`; failing it fails the entry alone.
            match self.delete(
                key.as_str(),
                version_id.clone(),
                None,
                etag.as_deref(),
                bypass_governance,
            ) {
                Ok(_) if quiet => {}
                Ok(deleted) => {
                    let (delete_marker, delete_marker_version_id) =
                        match (version_id, deleted.delete_marker) {
                            // DEL-3, DEL-4: a simple delete made a marker; the outcome names it.
                            (None, true) => (true, deleted.version_id),
                            // DEL-5: the entry removed by ID was a marker.
                            (Some(id), true) => (true, Some(id.clone())),
                            // DEL-2, or DEL-5 of an object version, or DEL-7.
                            (_, false) => (false, None),
                        };
                    outcome.deleted.push(DeletedObject {
                        key: key.clone(),
                        version_id: version_id.clone(),
                        delete_marker,
                        delete_marker_version_id,
                    });
                }
                Err(violation) => outcome.errors.push(DeleteError {
                    key: key.clone(),
                    version_id: version_id.clone(),
                    violation,
                }),
            }
        }
        Ok(outcome)
    }
}
