//! http.md §2–§5: every response document, written exactly, per dialect; every request document
//! parsed as the SDKs send it.

use bucket_versioning::Dialect;
use bucket_versioning_http::xml::*;

const PROLOG: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
const NS: &str = " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";

#[track_caller]
fn written(document: &impl ResponseBody, dialect: Dialect) -> String {
    String::from_utf8(document.to_xml(dialect).to_vec()).expect("UTF-8")
}

/// The expected document: the prolog, then `body` with `{ns}` replaced by the s3 namespace
/// attribute in s3 and by nothing in oss.
fn expected(dialect: Dialect, body: &str) -> String {
    let ns = if dialect == Dialect::S3 { NS } else { "" };
    format!("{PROLOG}{}", body.replace("{ns}", ns))
}

fn owner() -> Owner {
    Owner {
        id: "1234".into(),
        display_name: "owner".into(),
    }
}

// http.md §5.7, LST-1: versions and delete markers interleaved in one order; oss `Type` and an
// empty `Delimiter`; s3 namespace; `.000Z`; quoted ETags; `encoding-type=url` on the listed
// fields (oss also the version-ID markers).
#[test]
fn list_versions_result() {
    let result = ListVersionsResult {
        name: "bucket".into(),
        prefix: "a b/".into(),
        key_marker: "a b/0".into(),
        version_id_marker: "v+0".into(),
        max_keys: 3,
        delimiter: None,
        encoding_type: Some(EncodingType::Url),
        is_truncated: true,
        next_key_marker: Some("a b/k".into()),
        next_version_id_marker: Some("v+1".into()),
        entries: vec![
            VersionListEntry::DeleteMarker(DeleteMarkerEntry {
                key: "a b/k".into(),
                version_id: "v2".into(),
                is_latest: true,
                last_modified: 1_554_794_848,
                owner: owner(),
            }),
            VersionListEntry::Version(VersionEntry {
                key: "a b/k".into(),
                version_id: "v+1".into(),
                is_latest: false,
                last_modified: 1_554_794_000,
                etag: "D41D8CD98F00B204E9800998ECF8427E".into(),
                object_type: Some("Normal".into()),
                size: 0,
                storage_class: "Standard".into(),
                owner: owner(),
            }),
        ],
        common_prefixes: vec![CommonPrefix {
            prefix: "a b/c/".into(),
        }],
    };
    let owner = "<Owner><ID>1234</ID><DisplayName>owner</DisplayName></Owner>";
    let body = |dialect| {
        let (version_id_marker, next_version_id_marker, delimiter, object_type, version_id) =
            match dialect {
                Dialect::Oss => (
                    "v%2B0",
                    "v%2B1",
                    "<Delimiter></Delimiter>",
                    "<Type>Normal</Type>",
                    "v+1",
                ),
                Dialect::S3 => ("v+0", "v+1", "", "", "v+1"),
            };
        format!(
            "<ListVersionsResult{{ns}}><Name>bucket</Name><Prefix>a%20b/</Prefix>\
             <KeyMarker>a%20b/0</KeyMarker><VersionIdMarker>{version_id_marker}</VersionIdMarker>\
             <MaxKeys>3</MaxKeys>{delimiter}<EncodingType>url</EncodingType>\
             <IsTruncated>true</IsTruncated><NextKeyMarker>a%20b/k</NextKeyMarker>\
             <NextVersionIdMarker>{next_version_id_marker}</NextVersionIdMarker>\
             <DeleteMarker><Key>a%20b/k</Key><VersionId>v2</VersionId><IsLatest>true</IsLatest>\
             <LastModified>2019-04-09T07:27:28.000Z</LastModified>{owner}</DeleteMarker>\
             <Version><Key>a%20b/k</Key><VersionId>{version_id}</VersionId><IsLatest>false</IsLatest>\
             <LastModified>2019-04-09T07:13:20.000Z</LastModified>\
             <ETag>\"D41D8CD98F00B204E9800998ECF8427E\"</ETag>{object_type}<Size>0</Size>\
             <StorageClass>Standard</StorageClass>{owner}</Version>\
             <CommonPrefixes><Prefix>a%20b/c/</Prefix></CommonPrefixes></ListVersionsResult>"
        )
    };
    for dialect in [Dialect::Oss, Dialect::S3] {
        assert_eq!(
            written(&result, dialect),
            expected(dialect, &body(dialect)),
            "{dialect}"
        );
    }
    // Without encoding-type=url nothing is encoded.
    let plain = ListVersionsResult {
        encoding_type: None,
        ..result
    };
    assert!(written(&plain, Dialect::S3).contains("<Prefix>a b/</Prefix>"));
    assert!(!written(&plain, Dialect::S3).contains("EncodingType"));
}

// http.md §5.7: ListObjects v1 — oss `Type` and `StorageClass` in every `Contents`, `NextMarker`
// when truncated (MODEL: both dialects).
#[test]
fn list_bucket_result_v1() {
    let result = ListBucketResult {
        name: "bucket".into(),
        prefix: String::new(),
        marker: String::new(),
        max_keys: 100,
        delimiter: Some("/".into()),
        encoding_type: None,
        is_truncated: true,
        next_marker: Some("k".into()),
        contents: vec![ObjectEntry {
            key: "k".into(),
            last_modified: 0,
            etag: "5EB63BBBE01EEED093CB22BB8F5ACDC3".into(),
            object_type: Some("Normal".into()),
            size: 11,
            storage_class: "Standard".into(),
            owner: Some(owner()),
        }],
        common_prefixes: vec![CommonPrefix {
            prefix: "p/".into(),
        }],
    };
    for dialect in [Dialect::Oss, Dialect::S3] {
        let object_type = if dialect == Dialect::Oss {
            "<Type>Normal</Type>"
        } else {
            ""
        };
        let body = format!(
            "<ListBucketResult{{ns}}><Name>bucket</Name><Prefix></Prefix><Marker></Marker>\
             <MaxKeys>100</MaxKeys><Delimiter>/</Delimiter><IsTruncated>true</IsTruncated>\
             <NextMarker>k</NextMarker><Contents><Key>k</Key>\
             <LastModified>1970-01-01T00:00:00.000Z</LastModified>\
             <ETag>\"5EB63BBBE01EEED093CB22BB8F5ACDC3\"</ETag>{object_type}<Size>11</Size>\
             <StorageClass>Standard</StorageClass>\
             <Owner><ID>1234</ID><DisplayName>owner</DisplayName></Owner></Contents>\
             <CommonPrefixes><Prefix>p/</Prefix></CommonPrefixes></ListBucketResult>"
        );
        assert_eq!(
            written(&result, dialect),
            expected(dialect, &body),
            "{dialect}"
        );
    }
}

// http.md §5.7: ListObjectsV2 — KeyCount, tokens; oss encodes NextContinuationToken too.
#[test]
fn list_bucket_result_v2() {
    let result = ListBucketResultV2 {
        name: "bucket".into(),
        prefix: "a+".into(),
        continuation_token: Some("YQ".into()),
        start_after: Some("a b".into()),
        max_keys: 1,
        delimiter: None,
        encoding_type: Some(EncodingType::Url),
        is_truncated: true,
        key_count: 1,
        next_continuation_token: Some("YSBi=".into()),
        contents: vec![ObjectEntry {
            key: "a b".into(),
            last_modified: 86_400,
            etag: "e".into(),
            object_type: Some("Multipart".into()),
            size: 1,
            storage_class: "STANDARD".into(),
            owner: None,
        }],
        common_prefixes: vec![],
    };
    assert_eq!(
        written(&result, Dialect::S3),
        expected(
            Dialect::S3,
            "<ListBucketResult{ns}><Name>bucket</Name><Prefix>a%2B</Prefix>\
             <ContinuationToken>YQ</ContinuationToken><StartAfter>a%20b</StartAfter>\
             <MaxKeys>1</MaxKeys><EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>\
             <KeyCount>1</KeyCount><NextContinuationToken>YSBi=</NextContinuationToken>\
             <Contents><Key>a%20b</Key><LastModified>1970-01-02T00:00:00.000Z</LastModified>\
             <ETag>\"e\"</ETag><Size>1</Size><StorageClass>STANDARD</StorageClass></Contents>\
             </ListBucketResult>"
        )
    );
    let oss = written(&result, Dialect::Oss);
    assert!(oss.contains("<NextContinuationToken>YSBi%3D</NextContinuationToken>"));
    assert!(oss.contains("<Delimiter></Delimiter>"));
    assert!(oss.contains("<Type>Multipart</Type>"));
}

// http.md §5.6: the multipart documents; oss2 requires IsTruncated and NextPartNumberMarker,
// NextKeyMarker and NextUploadIdMarker always; oss HashCrc64ecma on parts.
#[test]
fn multipart_documents() {
    let initiate = InitiateMultipartUploadResult {
        encoding_type: None,
        bucket: "b".into(),
        key: "k".into(),
        upload_id: "0004B9894A22E5B1888A1E29F823****".into(),
    };
    for dialect in [Dialect::Oss, Dialect::S3] {
        assert_eq!(
            written(&initiate, dialect),
            expected(
                dialect,
                "<InitiateMultipartUploadResult{ns}><Bucket>b</Bucket><Key>k</Key>\
                 <UploadId>0004B9894A22E5B1888A1E29F823****</UploadId>\
                 </InitiateMultipartUploadResult>"
            )
        );
    }
    let complete = CompleteMultipartUploadResult {
        encoding_type: Some(EncodingType::Url),
        location: "http://b.localhost/a%20b".into(),
        bucket: "b".into(),
        key: "a b".into(),
        etag: "3858F62230AC3C915F300C664312C11F-2".into(),
    };
    assert_eq!(
        written(&complete, Dialect::Oss),
        expected(
            Dialect::Oss,
            "<CompleteMultipartUploadResult><EncodingType>url</EncodingType>\
             <Location>http://b.localhost/a%20b</Location><Bucket>b</Bucket><Key>a%20b</Key>\
             <ETag>\"3858F62230AC3C915F300C664312C11F-2\"</ETag></CompleteMultipartUploadResult>"
        )
    );
    let parts = ListPartsResult {
        bucket: "b".into(),
        encoding_type: None,
        key: "k".into(),
        upload_id: "u".into(),
        part_number_marker: 0,
        next_part_number_marker: 2,
        max_parts: 1000,
        is_truncated: false,
        parts: vec![PartEntry {
            part_number: 2,
            last_modified: 1,
            etag: "E".into(),
            size: 102_400,
            crc64: Some(42),
        }],
    };
    for dialect in [Dialect::Oss, Dialect::S3] {
        let crc = if dialect == Dialect::Oss {
            "<HashCrc64ecma>42</HashCrc64ecma>"
        } else {
            ""
        };
        assert_eq!(
            written(&parts, dialect),
            expected(
                dialect,
                &format!(
                    "<ListPartsResult{{ns}}><Bucket>b</Bucket><Key>k</Key><UploadId>u</UploadId>\
                     <PartNumberMarker>0</PartNumberMarker>\
                     <NextPartNumberMarker>2</NextPartNumberMarker><MaxParts>1000</MaxParts>\
                     <IsTruncated>false</IsTruncated><Part><PartNumber>2</PartNumber>\
                     <LastModified>1970-01-01T00:00:01.000Z</LastModified><ETag>\"E\"</ETag>\
                     <Size>102400</Size>{crc}</Part></ListPartsResult>"
                )
            )
        );
    }
    let uploads = ListMultipartUploadsResult {
        bucket: "b".into(),
        encoding_type: Some(EncodingType::Url),
        key_marker: String::new(),
        upload_id_marker: String::new(),
        next_key_marker: String::new(),
        next_upload_id_marker: String::new(),
        delimiter: "/".into(),
        prefix: "a b".into(),
        max_uploads: 1000,
        is_truncated: false,
        uploads: vec![UploadEntry {
            key: "a b/c".into(),
            upload_id: "u".into(),
            initiated: 0,
        }],
        common_prefixes: vec![],
    };
    assert_eq!(
        written(&uploads, Dialect::Oss),
        expected(
            Dialect::Oss,
            "<ListMultipartUploadsResult><Bucket>b</Bucket><EncodingType>url</EncodingType>\
             <KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker><NextKeyMarker></NextKeyMarker>\
             <NextUploadIdMarker></NextUploadIdMarker><Delimiter>/</Delimiter>\
             <Prefix>a%20b</Prefix><MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated>\
             <Upload><Key>a%20b/c</Key><UploadId>u</UploadId>\
             <Initiated>1970-01-01T00:00:00.000Z</Initiated></Upload></ListMultipartUploadsResult>"
        )
    );
    let copy_part = CopyPartResult {
        last_modified: 0,
        etag: "e".into(),
    };
    assert_eq!(
        written(&copy_part, Dialect::S3),
        expected(
            Dialect::S3,
            "<CopyPartResult{ns}><LastModified>1970-01-01T00:00:00.000Z</LastModified>\
             <ETag>\"e\"</ETag></CopyPartResult>"
        )
    );
}

// http.md §5.4, BAT-3: the DeleteResult entries; oss quiet without errors has no body.
#[test]
fn delete_result() {
    let result = DeleteResult {
        quiet: false,
        encoding_type: Some(EncodingType::Url),
        deleted: vec![
            Deleted {
                key: "a b".into(),
                version_id: None,
                delete_marker: true,
                delete_marker_version_id: Some("dm".into()),
            },
            Deleted {
                key: "c".into(),
                version_id: Some("v".into()),
                delete_marker: false,
                delete_marker_version_id: None,
            },
        ],
        errors: vec![DeleteError {
            key: "/bad".into(),
            version_id: Some(String::new()),
            code: "InvalidArgument".into(),
            message: "the version ID is empty".into(),
        }],
    };
    for dialect in [Dialect::Oss, Dialect::S3] {
        assert_eq!(
            written(&result, dialect),
            expected(
                dialect,
                "<DeleteResult{ns}><EncodingType>url</EncodingType><Deleted><Key>a%20b</Key>\
                 <DeleteMarker>true</DeleteMarker><DeleteMarkerVersionId>dm</DeleteMarkerVersionId>\
                 </Deleted><Deleted><Key>c</Key><VersionId>v</VersionId></Deleted><Error>\
                 <Key>/bad</Key><VersionId></VersionId><Code>InvalidArgument</Code>\
                 <Message>the version ID is empty</Message></Error></DeleteResult>"
            )
        );
    }
    let quiet = DeleteResult {
        quiet: true,
        ..DeleteResult::default()
    };
    assert_eq!(written(&quiet, Dialect::Oss), "");
    assert_eq!(
        written(&quiet, Dialect::S3),
        expected(Dialect::S3, "<DeleteResult{ns}></DeleteResult>")
    );
}

// http.md §4: GetBucketInfo with every element oss2 requires; ListBuckets per dialect;
// GetBucketLocation; GetBucketVersioning with and without a status.
#[test]
fn bucket_documents() {
    let info = BucketInfo {
        name: "b".into(),
        creation_date: 0,
        storage_class: "Standard".into(),
        extranet_endpoint: "127.0.0.1:9000".into(),
        intranet_endpoint: "127.0.0.1:9000".into(),
        location: "oss-local".into(),
        owner: owner(),
        grant: "private".into(),
        versioning: Some("Enabled".into()),
    };
    assert_eq!(
        written(&info, Dialect::Oss),
        expected(
            Dialect::Oss,
            "<BucketInfo><Bucket><Name>b</Name><CreationDate>1970-01-01T00:00:00.000Z</CreationDate>\
             <StorageClass>Standard</StorageClass><ExtranetEndpoint>127.0.0.1:9000</ExtranetEndpoint>\
             <IntranetEndpoint>127.0.0.1:9000</IntranetEndpoint><Location>oss-local</Location>\
             <Owner><ID>1234</ID><DisplayName>owner</DisplayName></Owner>\
             <AccessControlList><Grant>private</Grant></AccessControlList>\
             <Versioning>Enabled</Versioning></Bucket></BucketInfo>"
        )
    );
    let buckets = ListAllMyBucketsResult {
        owner: owner(),
        buckets: vec![BucketSummary {
            name: "b".into(),
            creation_date: 0,
            location: Some("oss-local".into()),
            extranet_endpoint: Some("e".into()),
            intranet_endpoint: Some("i".into()),
            storage_class: Some("Standard".into()),
        }],
    };
    let owner_xml = "<Owner><ID>1234</ID><DisplayName>owner</DisplayName></Owner>";
    assert_eq!(
        written(&buckets, Dialect::Oss),
        expected(
            Dialect::Oss,
            &format!(
                "<ListAllMyBucketsResult>{owner_xml}<Buckets><Bucket><Name>b</Name>\
                 <CreationDate>1970-01-01T00:00:00.000Z</CreationDate><Location>oss-local</Location>\
                 <ExtranetEndpoint>e</ExtranetEndpoint><IntranetEndpoint>i</IntranetEndpoint>\
                 <StorageClass>Standard</StorageClass></Bucket></Buckets></ListAllMyBucketsResult>"
            )
        )
    );
    assert_eq!(
        written(&buckets, Dialect::S3),
        expected(
            Dialect::S3,
            &format!(
                "<ListAllMyBucketsResult{{ns}}>{owner_xml}<Buckets><Bucket><Name>b</Name>\
                 <CreationDate>1970-01-01T00:00:00.000Z</CreationDate></Bucket></Buckets>\
                 </ListAllMyBucketsResult>"
            )
        )
    );
    for (dialect, location) in [(Dialect::Oss, "oss-local"), (Dialect::S3, "")] {
        assert_eq!(
            written(
                &LocationConstraint {
                    location: location.into()
                },
                dialect
            ),
            expected(
                dialect,
                &format!("<LocationConstraint{{ns}}>{location}</LocationConstraint>")
            )
        );
        assert_eq!(
            written(&VersioningConfiguration::default(), dialect),
            expected(
                dialect,
                "<VersioningConfiguration{ns}></VersioningConfiguration>"
            )
        );
        let enabled = VersioningConfiguration {
            status: Some("Enabled".into()),
            mfa_delete: None,
        };
        assert_eq!(
            written(&enabled, dialect),
            expected(
                dialect,
                "<VersioningConfiguration{ns}><Status>Enabled</Status></VersioningConfiguration>"
            )
        );
    }
}

// http.md §5.2, §5.5: CopyObjectResult (quoted ETag) and s3 GetObjectAttributes (unquoted ETag,
// only what was asked for).
#[test]
fn object_documents() {
    let copy = CopyObjectResult {
        etag: "abc".into(),
        last_modified: 1,
    };
    for dialect in [Dialect::Oss, Dialect::S3] {
        assert_eq!(
            written(&copy, dialect),
            expected(
                dialect,
                "<CopyObjectResult{ns}><ETag>\"abc\"</ETag>\
                 <LastModified>1970-01-01T00:00:01.000Z</LastModified></CopyObjectResult>"
            )
        );
    }
    let attributes = GetObjectAttributesResponse {
        etag: Some("abc-2".into()),
        object_parts: Some(ObjectParts { parts_count: 2 }),
        storage_class: None,
        object_size: Some(10),
    };
    assert_eq!(
        written(&attributes, Dialect::S3),
        expected(
            Dialect::S3,
            "<GetObjectAttributesResponse{ns}><ETag>abc-2</ETag>\
             <ObjectParts><PartsCount>2</PartsCount></ObjectParts><ObjectSize>10</ObjectSize>\
             </GetObjectAttributesResponse>"
        )
    );
}

// TAG-2, LC-14, OL-1, OL-2, OL-7: the configuration documents in responses.
#[test]
fn configuration_documents() {
    let tagging = Tagging {
        tag_set: TagSet {
            tags: vec![
                Tag {
                    key: "k".into(),
                    value: "v".into(),
                },
                Tag {
                    key: "e".into(),
                    value: String::new(),
                },
            ],
        },
    };
    assert_eq!(
        written(&tagging, Dialect::S3),
        expected(
            Dialect::S3,
            "<Tagging{ns}><TagSet><Tag><Key>k</Key><Value>v</Value></Tag>\
             <Tag><Key>e</Key><Value></Value></Tag></TagSet></Tagging>"
        )
    );
    assert_eq!(
        written(&Tagging::default(), Dialect::Oss),
        expected(Dialect::Oss, "<Tagging><TagSet></TagSet></Tagging>")
    );
    // oss2 requires ID, Prefix and Status in every rule.
    let lifecycle = LifecycleConfiguration {
        rules: vec![LifecycleRule {
            status: "Enabled".into(),
            expiration: Some(LifecycleExpiration {
                days: Some(30),
                ..LifecycleExpiration::default()
            }),
            ..LifecycleRule::default()
        }],
    };
    assert_eq!(
        written(&lifecycle, Dialect::Oss),
        expected(
            Dialect::Oss,
            "<LifecycleConfiguration><Rule><ID></ID><Prefix></Prefix><Status>Enabled</Status>\
             <Expiration><Days>30</Days></Expiration></Rule></LifecycleConfiguration>"
        )
    );
    assert_eq!(
        written(&lifecycle, Dialect::S3),
        expected(
            Dialect::S3,
            "<LifecycleConfiguration{ns}><Rule><Status>Enabled</Status>\
             <Expiration><Days>30</Days></Expiration></Rule></LifecycleConfiguration>"
        )
    );
    let worm = WormConfiguration {
        worm_id: "w".into(),
        state: "Locked".into(),
        retention_period_in_days: 1,
        creation_date: 0,
    };
    assert_eq!(
        written(&worm, Dialect::Oss),
        expected(
            Dialect::Oss,
            "<WormConfiguration><WormId>w</WormId><State>Locked</State>\
             <RetentionPeriodInDays>1</RetentionPeriodInDays>\
             <CreationDate>1970-01-01T00:00:00.000Z</CreationDate></WormConfiguration>"
        )
    );
    let lock = ObjectLockConfiguration {
        object_lock_enabled: Some("Enabled".into()),
        rule: Some(ObjectLockRule {
            default_retention: Some(DefaultRetention {
                mode: Some("GOVERNANCE".into()),
                days: Some(1),
                years: None,
            }),
        }),
    };
    assert_eq!(
        written(&lock, Dialect::S3),
        expected(
            Dialect::S3,
            "<ObjectLockConfiguration{ns}><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule>\
             <DefaultRetention><Mode>GOVERNANCE</Mode><Days>1</Days></DefaultRetention></Rule>\
             </ObjectLockConfiguration>"
        )
    );
}

// http.md §2: text is escaped; a key with markup characters stays one element.
#[test]
fn text_is_escaped() {
    let copy = Tagging {
        tag_set: TagSet {
            tags: vec![Tag {
                key: "<a&b>".into(),
                value: "\"'".into(),
            }],
        },
    };
    let xml = written(&copy, Dialect::Oss);
    assert!(xml.contains("<Key>&lt;a&amp;b&gt;</Key>"), "{xml}");
    assert_eq!(
        Tagging::from_xml(xml.as_bytes()).expect("parses back"),
        copy
    );
}

// http.md §5.4, §10: botocore's Delete (namespace, Objects before Quiet) and oss2's (Quiet
// first, no namespace, `True`); an empty VersionId is kept for BAT-4.
#[test]
fn delete_requests_parse_from_both_sdks() {
    let botocore = br#"<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>a</Key></Object><Object><Key>b</Key><VersionId>null</VersionId></Object><Quiet>true</Quiet></Delete>"#;
    let oss2 = br#"<?xml version="1.0" encoding="UTF-8"?><Delete><Quiet>True</Quiet><Object><Key>a</Key></Object><Object><Key>b</Key><VersionId>null</VersionId></Object></Delete>"#;
    let interleaved = br#"<Delete><Object><Key>a</Key></Object><Quiet>TRUE</Quiet><Object><Key>b</Key><VersionId>null</VersionId></Object></Delete>"#;
    let want = Delete {
        quiet: Some(true),
        objects: vec![
            ObjectIdentifier {
                key: "a".into(),
                version_id: None,
                etag: None,
            },
            ObjectIdentifier {
                key: "b".into(),
                version_id: Some("null".into()),
                etag: None,
            },
        ],
    };
    for body in [&botocore[..], oss2, interleaved] {
        assert_eq!(Delete::from_xml(body), Ok(want.clone()));
    }
    let empty_version =
        Delete::from_xml(b"<Delete><Object><Key>a</Key><VersionId/></Object></Delete>")
            .expect("parses");
    assert_eq!(empty_version.objects[0].version_id.as_deref(), Some(""));
    assert_eq!(empty_version.quiet, None);
    assert_eq!(
        Delete::from_xml(b"<Delete></Delete>").map(|d| d.objects.len()),
        Ok(0)
    );
}

// MPU-4, MPU-5: botocore's Complete (ETag first, quoted, namespace) and oss2's.
#[test]
fn complete_requests_parse_from_both_sdks() {
    let botocore = br#"<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Part><ETag>"abc"</ETag><PartNumber>1</PartNumber></Part><Part><ETag>"def"</ETag><PartNumber>2</PartNumber></Part></CompleteMultipartUpload>"#;
    let oss2 = br#"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"abc"</ETag></Part><Part><PartNumber>2</PartNumber><ETag>def</ETag></Part></CompleteMultipartUpload>"#;
    for body in [&botocore[..], oss2] {
        let complete = CompleteMultipartUpload::from_xml(body).expect("parses");
        let parts: Vec<(i64, &str)> = complete
            .parts
            .iter()
            .map(|part| (part.part_number, part.unquoted_etag()))
            .collect();
        assert_eq!(parts, [(1, "abc"), (2, "def")]);
    }
}

// LC-9, http.md §4: oss2's lifecycle (rule-level Prefix and Tag, `True`, oss Filter/Not) and
// botocore's (Filter/And, NoncurrentVersionExpiration with NewerNoncurrentVersions).
#[test]
fn lifecycle_requests_parse_in_both_shapes() {
    let oss2 = br#"<LifecycleConfiguration><Rule><ID>r1</ID><Prefix>logs/</Prefix><Status>Enabled</Status><Expiration><ExpiredObjectDeleteMarker>True</ExpiredObjectDeleteMarker></Expiration><AbortMultipartUpload><CreatedBeforeDate>2019-04-09T00:00:00.000Z</CreatedBeforeDate></AbortMultipartUpload><Tag><Key>k</Key><Value>v</Value></Tag><NoncurrentVersionExpiration><NoncurrentDays>5</NoncurrentDays></NoncurrentVersionExpiration><Filter><Not><Prefix>logs/keep/</Prefix><Tag><Key>keep</Key><Value>yes</Value></Tag></Not></Filter></Rule></LifecycleConfiguration>"#;
    let config = LifecycleConfiguration::from_xml(oss2).expect("parses");
    let rule = &config.rules[0];
    assert_eq!(rule.id.as_deref(), Some("r1"));
    assert_eq!(rule.prefix.as_deref(), Some("logs/"));
    assert_eq!(
        rule.expiration
            .as_ref()
            .and_then(|e| e.expired_object_delete_marker),
        Some(true)
    );
    assert_eq!(
        rule.abort_multipart_upload
            .as_ref()
            .and_then(|abort| abort.created_before_date.as_deref()),
        Some("2019-04-09T00:00:00.000Z")
    );
    assert_eq!(rule.tags.len(), 1);
    let not = &rule.filter.as_ref().expect("a filter").not[0];
    assert_eq!(not.prefix.as_deref(), Some("logs/keep/"));
    assert_eq!(not.tag.as_ref().map(|tag| tag.key.as_str()), Some("keep"));

    let botocore = br#"<LifecycleConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><ID>r2</ID><Filter><And><Prefix>a/</Prefix><Tag><Key>k1</Key><Value>v1</Value></Tag><Tag><Key>k2</Key><Value>v2</Value></Tag><ObjectSizeGreaterThan>10</ObjectSizeGreaterThan></And></Filter><Status>Disabled</Status><Expiration><Date>2019-04-09T00:00:00Z</Date></Expiration><NoncurrentVersionExpiration><NoncurrentDays>1</NoncurrentDays><NewerNoncurrentVersions>3</NewerNoncurrentVersions></NoncurrentVersionExpiration><AbortIncompleteMultipartUpload><DaysAfterInitiation>7</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule></LifecycleConfiguration>"#;
    let config = LifecycleConfiguration::from_xml(botocore).expect("parses");
    let rule = &config.rules[0];
    let and = rule
        .filter
        .as_ref()
        .and_then(|f| f.and.as_ref())
        .expect("And");
    assert_eq!(and.tags.len(), 2);
    assert_eq!(and.object_size_greater_than, Some(10));
    assert_eq!(
        rule.noncurrent_version_expiration
            .as_ref()
            .and_then(|e| e.newer_noncurrent_versions),
        Some(3)
    );
    assert_eq!(
        rule.abort_incomplete_multipart_upload
            .as_ref()
            .and_then(|a| a.days_after_initiation),
        Some(7)
    );
    assert_eq!(
        bucket_versioning_http::time::parse_iso8601_midnight(
            rule.expiration
                .as_ref()
                .and_then(|e| e.date.as_deref())
                .expect("a date")
        ),
        Ok(1_554_768_000)
    );
}

// OL-1, OL-2, OL-7, http.md §4: the remaining request documents.
#[test]
fn other_requests_parse() {
    assert_eq!(
        CreateBucketConfiguration::from_xml(
            br#"<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>"#
        )
        .map(|c| c.location_constraint),
        Ok(Some("eu-west-1".into()))
    );
    assert_eq!(
        CreateBucketConfiguration::from_xml(
            b"<CreateBucketConfiguration><StorageClass>IA</StorageClass></CreateBucketConfiguration>"
        )
        .map(|c| c.storage_class),
        Ok(Some("IA".into()))
    );
    assert_eq!(
        Retention::from_xml(
            b"<Retention><Mode>COMPLIANCE</Mode><RetainUntilDate>2030-01-01T00:00:00Z</RetainUntilDate></Retention>"
        )
        .map(|r| r.mode),
        Ok(Some("COMPLIANCE".into()))
    );
    assert_eq!(
        LegalHold::from_xml(b"<LegalHold><Status>ON</Status></LegalHold>").map(|h| h.status),
        Ok(Some("ON".into()))
    );
    assert_eq!(
        InitiateWormConfiguration::from_xml(
            b"<InitiateWormConfiguration><RetentionPeriodInDays>365</RetentionPeriodInDays></InitiateWormConfiguration>"
        )
        .map(|w| w.retention_period_in_days),
        Ok(365)
    );
    assert_eq!(
        ExtendWormConfiguration::from_xml(
            b"<ExtendWormConfiguration><RetentionPeriodInDays>366</RetentionPeriodInDays></ExtendWormConfiguration>"
        )
        .map(|w| w.retention_period_in_days),
        Ok(366)
    );
    let lock = ObjectLockConfiguration::from_xml(
        b"<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Years>1</Years><Mode>GOVERNANCE</Mode></DefaultRetention></Rule></ObjectLockConfiguration>",
    )
    .expect("parses");
    assert_eq!(
        lock.rule
            .and_then(|rule| rule.default_retention)
            .and_then(|retention| retention.years),
        Some(1)
    );
    // oss2 sends the literal `None` for an unset status: parsed as text, VS-2 refuses it.
    assert_eq!(
        VersioningConfiguration::from_xml(
            b"<VersioningConfiguration><Status>None</Status></VersioningConfiguration>"
        )
        .map(|c| c.status),
        Ok(Some("None".into()))
    );
}

// http.md §10: bodies that are not the operation's document are MalformedXML.
#[test]
fn malformed_requests_are_refused() {
    assert!(matches!(
        VersioningConfiguration::from_xml(b"<Tagging/>"),
        Err(XmlError::WrongRoot {
            expected: "VersioningConfiguration",
            ..
        })
    ));
    assert!(matches!(
        Delete::from_xml(b""),
        Err(XmlError::WrongRoot { .. })
    ));
    assert!(matches!(
        Delete::from_xml(b"<Delete><Object>"),
        Err(XmlError::Malformed(_))
    ));
    assert!(matches!(
        Delete::from_xml(b"<Delete><Object><VersionId>v</VersionId></Object></Delete>"),
        Err(XmlError::Malformed(_))
    ));
    assert!(matches!(
        Delete::from_xml(b"<Delete><Quiet>yes</Quiet></Delete>"),
        Err(XmlError::Malformed(_))
    ));
    assert!(matches!(
        CompleteMultipartUpload::from_xml(
            b"<CompleteMultipartUpload><Part><PartNumber>one</PartNumber><ETag>e</ETag></Part></CompleteMultipartUpload>"
        ),
        Err(XmlError::Malformed(_))
    ));
    assert!(matches!(
        VersioningConfiguration::from_xml(
            b"<VersioningConfiguration><Status>Enabled</Status><Status>Suspended</Status></VersioningConfiguration>"
        ),
        Err(XmlError::Malformed(_))
    ));
    assert_eq!(Delete::from_xml(b"\xff<Delete/>"), Err(XmlError::NotUtf8));
    let huge = vec![b' '; MAX_REQUEST_BODY + 1];
    assert_eq!(
        Delete::from_xml(&huge),
        Err(XmlError::TooLarge(MAX_REQUEST_BODY + 1))
    );
    // Entities are not expanded beyond the predefined ones: no external entity is read.
    let external = br#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><VersioningConfiguration><Status>&x;</Status></VersioningConfiguration>"#;
    assert!(VersioningConfiguration::from_xml(external).is_err());
}
