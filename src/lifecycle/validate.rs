//! LC-9: a lifecycle configuration is accepted or refused as a whole, per dialect.
//!
//! MODEL for the order: the structure of every rule is checked first (`MalformedXML`, as a
//! service parses the whole document before it reads values), then the values (`InvalidArgument`):
//! the rule count, each rule's counts and dates in order, and last the rule IDs, once unnamed
//! rules are named `rule-1`, `rule-2`, … (counting the unnamed rules only, in order; a name
//! that collides with a given ID is a duplicate). An empty configuration is a structure fault.

use alloc::collections::BTreeSet;
use alloc::format;
use alloc::vec::Vec;

use crate::dialect::Dialect;
use crate::lifecycle::config::LifecycleRule;
use crate::violation::{
    ArgumentError, LifecycleStructure, LifecycleValue, MalformedXmlReason, Violation,
};

/// The most rules a configuration may have.
pub(crate) const MAX_RULES: usize = 1000;

/// A day in seconds (LC-0).
pub(crate) const DAY: u64 = 86_400;

/// Checks `rules` as a whole and returns them with every rule named, or the first fault.
pub(crate) fn validate(
    dialect: Dialect,
    mut rules: Vec<LifecycleRule>,
) -> Result<Vec<LifecycleRule>, Violation> {
    let structure = |fault| Violation::MalformedXml(MalformedXmlReason::Lifecycle(fault));
    let value = |fault| Violation::InvalidArgument(ArgumentError::Lifecycle(fault));
    if rules.is_empty() {
        return Err(structure(LifecycleStructure::NoRules));
    }
    for (index, rule) in rules.iter().enumerate() {
        check_structure(dialect, index + 1, rule).map_err(structure)?;
    }
    if rules.len() > MAX_RULES {
        return Err(value(LifecycleValue::TooManyRules(rules.len())));
    }
    for (index, rule) in rules.iter().enumerate() {
        check_values(index + 1, rule).map_err(value)?;
    }
    let mut unnamed = 0usize;
    let mut seen = BTreeSet::new();
    for rule in &mut rules {
        if rule.id.as_deref().is_none_or(str::is_empty) {
            unnamed += 1;
            rule.id = Some(format!("rule-{unnamed}"));
        }
        let id = rule.id.clone().unwrap_or_default();
        if !seen.insert(id.clone()) {
            return Err(value(LifecycleValue::DuplicateRuleId(id)));
        }
    }
    Ok(rules)
}

fn check_structure(
    dialect: Dialect,
    rule: usize,
    r: &LifecycleRule,
) -> Result<(), LifecycleStructure> {
    if r.status != "Enabled" && r.status != "Disabled" {
        return Err(LifecycleStructure::Status {
            rule,
            status: r.status.clone(),
        });
    }
    let lacks = |element| LifecycleStructure::ElementNotInDialect { rule, element };
    let expiration = r.expiration.as_ref();
    let abort = r.abort_incomplete_multipart_upload.as_ref();
    match dialect {
        Dialect::Oss => {
            if expiration.is_some_and(|e| e.date.is_some()) {
                return Err(lacks("Expiration/Date"));
            }
            if r.noncurrent_version_expiration
                .as_ref()
                .is_some_and(|n| n.newer_noncurrent_versions.is_some())
            {
                return Err(lacks("NewerNoncurrentVersions"));
            }
        }
        Dialect::S3 => {
            if expiration.is_some_and(|e| e.created_before_date.is_some()) {
                return Err(lacks("Expiration/CreatedBeforeDate"));
            }
            if abort.is_some_and(|a| a.created_before_date.is_some()) {
                return Err(lacks("AbortIncompleteMultipartUpload/CreatedBeforeDate"));
            }
            if r.filter.not.is_some() {
                return Err(lacks("Filter/Not"));
            }
        }
    }
    if expiration.is_none() && r.noncurrent_version_expiration.is_none() && abort.is_none() {
        return Err(LifecycleStructure::NoAction { rule });
    }
    if let Some(expiration) = expiration
        && expiration.choices() != 1
    {
        return Err(LifecycleStructure::Choices {
            rule,
            action: "Expiration",
            choices: expiration.choices(),
        });
    }
    if let Some(abort) = abort {
        let choices = usize::from(abort.days_after_initiation.is_some())
            + usize::from(abort.created_before_date.is_some());
        if choices != 1 {
            return Err(LifecycleStructure::Choices {
                rule,
                action: "AbortIncompleteMultipartUpload",
                choices,
            });
        }
    }
    if r.filter.has_tags() {
        if expiration.is_some_and(|e| e.expired_object_delete_marker == Some(true)) {
            return Err(LifecycleStructure::ActionWithTagFilter {
                rule,
                action: "ExpiredObjectDeleteMarker",
            });
        }
        if abort.is_some() {
            return Err(LifecycleStructure::ActionWithTagFilter {
                rule,
                action: "AbortIncompleteMultipartUpload",
            });
        }
    }
    Ok(())
}

fn check_values(rule: usize, r: &LifecycleRule) -> Result<(), LifecycleValue> {
    let at_least_one = |days: Option<u64>, element| match days {
        Some(0) => Err(LifecycleValue::DaysBelowOne { rule, element }),
        _ => Ok(()),
    };
    let midnight = |date: Option<u64>, element| match date {
        Some(date) if date % DAY != 0 => Err(LifecycleValue::DateNotMidnight {
            rule,
            element,
            date,
        }),
        _ => Ok(()),
    };
    if let Some(expiration) = &r.expiration {
        at_least_one(expiration.days, "Expiration/Days")?;
        midnight(expiration.date, "Expiration/Date")?;
        midnight(
            expiration.created_before_date,
            "Expiration/CreatedBeforeDate",
        )?;
    }
    if let Some(noncurrent) = &r.noncurrent_version_expiration {
        at_least_one(Some(noncurrent.noncurrent_days), "NoncurrentDays")?;
        if let Some(value) = noncurrent.newer_noncurrent_versions
            && !(1..=100).contains(&value)
        {
            return Err(LifecycleValue::NewerNoncurrentVersions { rule, value });
        }
    }
    if let Some(abort) = &r.abort_incomplete_multipart_upload {
        at_least_one(abort.days_after_initiation, "DaysAfterInitiation")?;
        midnight(
            abort.created_before_date,
            "AbortIncompleteMultipartUpload/CreatedBeforeDate",
        )?;
    }
    Ok(())
}
