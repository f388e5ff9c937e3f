//! The query string (http.md §1.2): parameters in order, flags, presign parameters.
//!
//! - Flags appear bare (`?uploads`, botocore) or with an empty value (`?uploads=`, oss2); both
//!   are the flag.
//! - An empty value is treated as absent ([`Query::get`]); [`Query::value`] still tells a
//!   present-but-empty parameter from a missing one, for the few places a rule needs it (ID-6:
//!   `versionId=` is `InvalidArgument`).
//! - Names are case-sensitive.
//! - The parameters of presigned URLs (oss V1, oss V4, s3 `X-Amz-*`) are removed before dispatch
//!   ([`Query::without_presign`]); the signature code reads them from the full query.

use crate::addressing::UriError;
use crate::percent;

/// The presign parameters of oss signature V1 (http.md §1.2).
const OSS_V1_PRESIGN: [&str; 4] = ["OSSAccessKeyId", "Expires", "Signature", "security-token"];

/// The presign parameters of oss signature V4 (http.md §1.2).
const OSS_V4_PRESIGN: [&str; 7] = [
    "x-oss-signature-version",
    "x-oss-credential",
    "x-oss-date",
    "x-oss-expires",
    "x-oss-signature",
    "x-oss-additional-headers",
    "x-oss-security-token",
];

/// One query parameter, decoded.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Param {
    name: String,
    value: Option<String>,
}

impl Param {
    /// The parameter's name, decoded.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its value, decoded: `None` when bare (`?uploads`), `Some("")` when empty (`?uploads=`).
    pub fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }
}

/// A request's query parameters, decoded, in the order they came.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Query {
    params: Vec<Param>,
}

impl Query {
    /// Parses a raw query string (without the `?`); `None` is the empty query. Names and values
    /// are percent-decoded once, `+` as a space.
    pub fn parse(raw: Option<&str>) -> Result<Query, UriError> {
        let Some(raw) = raw else {
            return Ok(Query::default());
        };
        let mut params = Vec::new();
        for pair in raw.split('&').filter(|pair| !pair.is_empty()) {
            let (name, value) = match pair.split_once('=') {
                Some((name, value)) => (name, Some(value)),
                None => (pair, None),
            };
            let decode = |text: &str| {
                percent::decode_query_component(text).map_err(|source| UriError::Encoding {
                    component: format!("query parameter {name:?}"),
                    source,
                })
            };
            params.push(Param {
                name: decode(name)?,
                value: value.map(decode).transpose()?,
            });
        }
        Ok(Query { params })
    }

    /// The parameters, in order.
    pub fn params(&self) -> &[Param] {
        &self.params
    }

    /// Whether parameter `name` is present, bare, empty or with a value (a flag).
    pub fn has(&self, name: &str) -> bool {
        self.params.iter().any(|param| param.name == name)
    }

    /// The first value of `name`, with an empty value treated as absent (http.md §1.2).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.value(name).filter(|value| !value.is_empty())
    }

    /// The first value of `name` as given: `Some("")` for a bare or empty parameter, `None` only
    /// when it is missing.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|param| param.name == name)
            .map(|param| param.value.as_deref().unwrap_or(""))
    }

    /// The query without the presign parameters of any scheme (http.md §1.2).
    pub fn without_presign(&self) -> Query {
        Query {
            params: self
                .params
                .iter()
                .filter(|param| !is_presign_param(&param.name))
                .cloned()
                .collect(),
        }
    }
}

/// Whether `name` is a parameter of a presigned URL: oss V1, oss V4, or s3 `X-Amz-*`
/// (http.md §1.2).
pub fn is_presign_param(name: &str) -> bool {
    OSS_V1_PRESIGN.contains(&name)
        || OSS_V4_PRESIGN.contains(&name)
        || name
            .get(..6)
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case("x-amz-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Query {
        Query::parse(Some(raw)).expect("test queries decode")
    }

    // http.md §1.2: flags bare or with an empty value; names case-sensitive.
    #[test]
    fn flags_are_bare_or_empty() {
        for raw in ["uploads", "uploads=", "a=1&uploads"] {
            let query = parse(raw);
            assert!(query.has("uploads"), "{raw}");
            assert_eq!(query.value("uploads"), Some(""));
            assert_eq!(query.get("uploads"), None);
        }
        assert!(!parse("Uploads").has("uploads"));
        assert_eq!(parse("uploads").params()[0].value(), None);
        assert_eq!(parse("uploads=").params()[0].value(), Some(""));
    }

    // http.md §1.2: oss2's empty list parameters are absent; order is kept, the first wins.
    #[test]
    fn empty_values_are_absent() {
        let query = parse("versions&prefix=&delimiter=&key-marker=&version-id-marker=&max-keys=2");
        assert_eq!(query.get("prefix"), None);
        assert_eq!(query.get("version-id-marker"), None);
        assert_eq!(query.value("version-id-marker"), Some(""));
        assert_eq!(query.get("max-keys"), Some("2"));
        assert_eq!(query.value("missing"), None);
        let names: Vec<&str> = query.params().iter().map(Param::name).collect();
        assert_eq!(
            names,
            [
                "versions",
                "prefix",
                "delimiter",
                "key-marker",
                "version-id-marker",
                "max-keys"
            ]
        );
        assert_eq!(parse("a=1&a=2").get("a"), Some("1"));
        assert_eq!(parse("&&a=1&").params().len(), 1);
    }

    // http.md §1.2: values decode once, `+` as a space; `=` inside a value stays.
    #[test]
    fn values_decode_once() {
        let query = parse("prefix=a%2Fb+c%2B&marker=x%3Dy=z&key%20marker=1");
        assert_eq!(query.get("prefix"), Some("a/b c+"));
        assert_eq!(query.get("marker"), Some("x=y=z"));
        assert_eq!(query.get("key marker"), Some("1"));
        assert!(matches!(
            Query::parse(Some("prefix=%G0")),
            Err(UriError::Encoding { .. })
        ));
        assert_eq!(Query::parse(None), Ok(Query::default()));
    }

    // http.md §1.2: the presign parameters of all three schemes are removed before dispatch.
    #[test]
    fn presign_parameters_are_removed() {
        let query = parse(
            "versionId=v&OSSAccessKeyId=ak&Expires=1&Signature=s&security-token=t\
             &x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=c&x-oss-date=d\
             &x-oss-expires=60&x-oss-signature=s&x-oss-additional-headers=host\
             &x-oss-security-token=t&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=c\
             &X-Amz-Date=d&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=s\
             &x-amz-security-token=t&uploads",
        );
        let kept = query.without_presign();
        let kept: Vec<&str> = kept.params().iter().map(Param::name).collect();
        assert_eq!(kept, ["versionId", "uploads"]);
        assert!(!is_presign_param("x-oss-process"));
    }
}
