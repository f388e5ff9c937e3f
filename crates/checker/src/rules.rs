//! The rules (`rules.md`) a step falls under, and the rule a divergence is grouped by.
//!
//! A step falls under its operation's family (PutObject: PUT, DeleteObject: DEL, …), under the
//! families of what its outcome reports (version IDs: ID and RSP; ETags and CRC-64: CT; the
//! versioning state's effect: VS) and, when the answer is a refusal, ERR. A divergence is
//! grouped under the rule of the field that differs ([`rule_of`]): the field's own family when
//! it has one, else the operation's.

/// The family of rules an operation is specified by.
pub fn family_of_op(op: &str) -> &'static str {
    match op {
        "put_bucket_versioning" | "get_bucket_versioning" => "VS",
        "put_object" => "PUT",
        "append_object" | "seal_append_object" => "APP",
        "delete_object" => "DEL",
        "delete_objects" => "BAT",
        "get_object" | "head_object" => "GET",
        "copy_object" => "CPY",
        "initiate_multipart_upload"
        | "upload_part"
        | "complete_multipart_upload"
        | "abort_multipart_upload"
        | "list_parts"
        | "list_multipart_uploads" => "MPU",
        "list_object_versions" | "list_objects" => "LST",
        "put_object_tagging" | "get_object_tagging" | "delete_object_tagging" => "TAG",
        "advance_clock"
        | "put_bucket_lifecycle"
        | "get_bucket_lifecycle"
        | "delete_bucket_lifecycle"
        | "run_lifecycle" => "LC",
        _ => "ERR",
    }
}

/// The family of rules a field of an answer is specified by, if it has one of its own.
fn family_of_field(field: &str) -> Option<&'static str> {
    Some(match field {
        "version_id" | "delete_marker_version_id" | "source_version_id" => "RSP",
        "etag" | "crc64" | "size" | "object_type" => "CT",
        "code" | "status" | "answer" => "ERR",
        "is_latest"
        | "entries"
        | "objects"
        | "common_prefixes"
        | "is_truncated"
        | "next_key_marker"
        | "next_version_id_marker"
        | "next_marker" => "LST",
        "upload_id" | "uploads" | "parts" | "next_upload_id_marker" => "MPU",
        _ => return None,
    })
}

/// The rule family a divergence in `field` of an answer to `op` is grouped under: the field's
/// family, except that a listing's fields stay under LST and a refusal under the operation's
/// family when it is specified there.
pub fn rule_of(op: &str, field: &str) -> &'static str {
    let family = family_of_op(op);
    match family_of_field(field) {
        Some("ERR") | None => family,
        Some(field_family) if family == "LST" || family == "MPU" => {
            if field_family == "RSP" {
                "LST"
            } else {
                family
            }
        }
        Some(field_family) => field_family,
    }
}

/// The IDs of the rules of `family` (`DEL-1..DEL-7`), as `rules.md` revision 2 numbers them.
pub fn range(family: &str) -> String {
    let last = match family {
        "VS" | "KEY" => 3,
        "ID" | "CT" | "PUT" | "CPY" | "TAG" => 6,
        "APP" => 11,
        "DEL" | "SVC" | "CND" => 7,
        "BAT" | "ERR" => 4,
        "GET" | "LST" | "OL" => 8,
        "MPU" | "INV" => 13,
        "RSP" | "SYM" => 5,
        "LC" => 15,
        _ => return family.to_owned(),
    };
    format!("{family}-1..{family}-{last}")
}

/// Every rule range a step of `op` whose answer is `answer` (trace-format JSON) falls under.
pub fn rules_of_step(op: &str, answer: &serde_json::Value) -> Vec<String> {
    let mut families = vec![family_of_op(op)];
    let reports = |name: &str| answer.get("ok").is_some_and(|ok| ok.get(name).is_some());
    if reports("version_id") {
        families.extend(["ID", "RSP", "VS"]);
    }
    if reports("etag") || reports("crc64") {
        families.push("CT");
    }
    if answer.get("error").is_some() {
        families.push("ERR");
    }
    let mut seen = Vec::new();
    for family in families {
        if !seen.contains(&family) {
            seen.push(family);
        }
    }
    seen.into_iter().map(range).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // RSP-1, LST-1, ERR-1: divergences group under the field's rule, a listing's under LST.
    #[test]
    fn fields_pick_their_rule() {
        assert_eq!(rule_of("put_object", "version_id"), "RSP");
        assert_eq!(rule_of("list_object_versions", "version_id"), "LST");
        assert_eq!(rule_of("delete_object", "code"), "DEL");
        assert_eq!(rule_of("get_object", "etag"), "CT");
        assert_eq!(range("DEL"), "DEL-1..DEL-7");
        let step = rules_of_step(
            "put_object",
            &serde_json::json!({"ok": {"version_id": "v", "etag": "E"}}),
        );
        assert_eq!(
            step,
            [
                "PUT-1..PUT-6",
                "ID-1..ID-6",
                "RSP-1..RSP-5",
                "VS-1..VS-3",
                "CT-1..CT-6"
            ]
        );
    }
}
