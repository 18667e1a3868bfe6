//! Every AWS awsJson model in `../shared/models/aws/` (beside the workspace) checks and
//! generates, except for the patterns listed in [`KNOWN_PATTERN_FAILURES`], whose syntax
//! (lookaround, Java-only classes, anchors and flags, UTF-16 surrogates, classes too large for
//! the `regex` crate) is not supported yet. The list is exact: the test fails when a model
//! fails in a way it does not list, and when a listed failure goes away (then delete its line).
//!
//! Skipped, with a message, when the folder is absent (a fresh clone).

use std::collections::BTreeSet;
use std::path::PathBuf;

use model_codegen::{Config, ModelError};

const NEGATIVE_LOOKAHEAD: &str = "negative lookahead `(?!...)` is not supported";
const NEGATIVE_LOOKBEHIND: &str = "negative lookbehind `(?<!...)` is not supported";
const LOOKAHEAD: &str = "lookahead `(?=...)` is not supported";
/// `(?i)`, `(?s)`: Java's inline flags.
const INLINE_FLAG: &str = "unsupported group syntax `(?`";
/// `\A` and `\z`: Java's input anchors.
const JAVA_ANCHOR: &str = r"unknown escape `\A`";
/// `\p{Print}`, `\p{Alnum}`, `\p{Alpha}`: Java's POSIX classes.
const JAVA_CLASS: &str = "Unicode property not found";
/// Unicode classes repeated so often the compiled regex passes the `regex` crate's limit.
const TOO_LARGE: &str = "exceeds size limit";
/// A UTF-16 surrogate range (`\uD800-\uDBFF`).
const SURROGATE: &str = r"lone surrogate `\uD800` is not supported";

/// (model file, shape id, what the `@pattern` error says): each pattern error the corpus
/// still has, and no other.
#[rustfmt::skip]
const KNOWN_PATTERN_FAILURES: &[(&str, &str, &str)] = &[
    ("acm-2015-12-08.json", "com.amazonaws.acm#DomainNameString", NEGATIVE_LOOKAHEAD),
    ("appstream-2016-12-01.json", "com.amazonaws.appstream#S3Bucket", NEGATIVE_LOOKBEHIND),
    ("appstream-2016-12-01.json", "com.amazonaws.appstream#TagKey", NEGATIVE_LOOKAHEAD),
    ("athena-2017-05-18.json", "com.amazonaws.athena#NotebookName", NEGATIVE_LOOKAHEAD),
    ("bedrock-data-automation-runtime-2024-06-13.json", "com.amazonaws.bedrockdataautomationruntime#TagKey", NEGATIVE_LOOKAHEAD),
    ("budgets-2016-10-20.json", "com.amazonaws.budgets#BudgetName", NEGATIVE_LOOKAHEAD),
    ("cloudwatch-events-2015-10-07.json", "com.amazonaws.cloudwatchevents#PathParameter", NEGATIVE_LOOKAHEAD),
    ("cognito-identity-provider-2016-04-18.json", "com.amazonaws.cognitoidentityprovider#S3BucketType", NEGATIVE_LOOKBEHIND),
    ("cognito-identity-provider-2016-04-18.json", "com.amazonaws.cognitoidentityprovider#SmsInviteMessageType", INLINE_FLAG),
    ("comprehend-2017-11-27.json", "com.amazonaws.comprehend#EntityTypeName", NEGATIVE_LOOKAHEAD),
    ("cost-explorer-2017-10-25.json", "com.amazonaws.costexplorer#CostCategoryName", NEGATIVE_LOOKAHEAD),
    ("cost-explorer-2017-10-25.json", "com.amazonaws.costexplorer#CostCategoryValue", NEGATIVE_LOOKAHEAD),
    ("datasync-2018-11-09.json", "com.amazonaws.datasync#Endpoint", JAVA_ANCHOR),
    ("datasync-2018-11-09.json", "com.amazonaws.datasync#PtolemyPassword", NEGATIVE_LOOKAHEAD),
    ("datasync-2018-11-09.json", "com.amazonaws.datasync#PtolemyUsername", NEGATIVE_LOOKAHEAD),
    ("datasync-2018-11-09.json", "com.amazonaws.datasync#ServerIpAddress", JAVA_ANCHOR),
    ("dynamodb-2012-08-10.json", "com.amazonaws.dynamodb#AutoScalingPolicyName", JAVA_CLASS),
    ("emr-2009-03-31.json", "com.amazonaws.emr#UriString", SURROGATE),
    ("eventbridge-2015-10-07.json", "com.amazonaws.eventbridge#PathParameter", NEGATIVE_LOOKAHEAD),
    ("fms-2018-01-01.json", "com.amazonaws.fms#ManagedServiceData", NEGATIVE_LOOKAHEAD),
    ("invoicing-2024-12-01.json", "com.amazonaws.invoicing#InvoiceUnitName", NEGATIVE_LOOKAHEAD),
    ("iotsecuretunneling-2018-10-05.json", "com.amazonaws.iotsecuretunneling#Description", TOO_LARGE),
    ("iotthingsgraph-2018-09-06.json", "com.amazonaws.iotthingsgraph#FlowTemplateFilterValue", JAVA_CLASS),
    ("iotthingsgraph-2018-09-06.json", "com.amazonaws.iotthingsgraph#SystemTemplateFilterValue", JAVA_CLASS),
    ("iotthingsgraph-2018-09-06.json", "com.amazonaws.iotthingsgraph#Urn", JAVA_CLASS),
    ("kinesis-analytics-v2-2018-05-23.json", "com.amazonaws.kinesisanalyticsv2#RecordRowPath", LOOKAHEAD),
    ("pcs-2023-02-10.json", "com.amazonaws.pcs#ClusterName", NEGATIVE_LOOKAHEAD),
    ("pcs-2023-02-10.json", "com.amazonaws.pcs#ComputeNodeGroupName", NEGATIVE_LOOKAHEAD),
    ("pcs-2023-02-10.json", "com.amazonaws.pcs#QueueName", NEGATIVE_LOOKAHEAD),
    ("pinpoint-sms-voice-v2-2022-03-31.json", "com.amazonaws.pinpointsmsvoicev2#ContextValue", NEGATIVE_LOOKAHEAD),
    ("pinpoint-sms-voice-v2-2022-03-31.json", "com.amazonaws.pinpointsmsvoicev2#KeywordMessage", NEGATIVE_LOOKAHEAD),
    ("pinpoint-sms-voice-v2-2022-03-31.json", "com.amazonaws.pinpointsmsvoicev2#TextMessageBody", NEGATIVE_LOOKAHEAD),
    ("pinpoint-sms-voice-v2-2022-03-31.json", "com.amazonaws.pinpointsmsvoicev2#VoiceMessageBody", NEGATIVE_LOOKAHEAD),
    ("qldb-session-2019-07-11.json", "com.amazonaws.qldbsession#LedgerName", NEGATIVE_LOOKAHEAD),
    ("rekognition-2016-06-27.json", "com.amazonaws.rekognition#TagKey", NEGATIVE_LOOKAHEAD),
    ("route53resolver-2018-04-01.json", "com.amazonaws.route53resolver#Name", NEGATIVE_LOOKAHEAD),
    ("route53resolver-2018-04-01.json", "com.amazonaws.route53resolver#ResolverQueryLogConfigName", NEGATIVE_LOOKAHEAD),
    ("servicediscovery-2017-03-14.json", "com.amazonaws.servicediscovery#ServiceName", LOOKAHEAD),
    ("sfn-2016-11-23.json", "com.amazonaws.sfn#CharacterRestrictedName", LOOKAHEAD),
    ("snowball-2016-06-30.json", "com.amazonaws.snowball#Email", LOOKAHEAD),
    ("ssm-2014-11-06.json", "com.amazonaws.ssm#AccountId", INLINE_FLAG),
    ("ssm-2014-11-06.json", "com.amazonaws.ssm#AlarmName", NEGATIVE_LOOKAHEAD),
    ("ssm-2014-11-06.json", "com.amazonaws.ssm#DocumentReviewComment", NEGATIVE_LOOKAHEAD),
    ("ssm-2014-11-06.json", "com.amazonaws.ssm#InstancePropertyFilterValue", TOO_LARGE),
    ("ssm-2014-11-06.json", "com.amazonaws.ssm#InstancePropertyStringFilterKey", TOO_LARGE),
    ("ssm-2014-11-06.json", "com.amazonaws.ssm#MetadataKey", NEGATIVE_LOOKAHEAD),
    ("ssm-2014-11-06.json", "com.amazonaws.ssm#OpsItemCategory", NEGATIVE_LOOKAHEAD),
    ("ssm-2014-11-06.json", "com.amazonaws.ssm#OpsItemDataKey", NEGATIVE_LOOKAHEAD),
    ("ssm-2014-11-06.json", "com.amazonaws.ssm#OpsItemSeverity", NEGATIVE_LOOKAHEAD),
    ("ssm-2014-11-06.json", "com.amazonaws.ssm#OpsItemSource", NEGATIVE_LOOKAHEAD),
    ("ssm-2014-11-06.json", "com.amazonaws.ssm#OpsItemTitle", NEGATIVE_LOOKAHEAD),
    ("ssm-2014-11-06.json", "com.amazonaws.ssm#OpsMetadataFilterKey", NEGATIVE_LOOKAHEAD),
    ("ssm-2014-11-06.json", "com.amazonaws.ssm#OpsMetadataResourceId", NEGATIVE_LOOKAHEAD),
    ("ssm-2014-11-06.json", "com.amazonaws.ssm#Policy", NEGATIVE_LOOKAHEAD),
    ("ssm-2014-11-06.json", "com.amazonaws.ssm#RegistrationMetadataKey", NEGATIVE_LOOKAHEAD),
    ("ssm-2014-11-06.json", "com.amazonaws.ssm#RegistrationMetadataValue", NEGATIVE_LOOKAHEAD),
    ("ssm-2014-11-06.json", "com.amazonaws.ssm#StringDateTime", NEGATIVE_LOOKAHEAD),
    ("storage-gateway-2013-06-30.json", "com.amazonaws.storagegateway#IPV4Address", NEGATIVE_LOOKAHEAD),
    ("storage-gateway-2013-06-30.json", "com.amazonaws.storagegateway#NetworkInterfaceId", JAVA_ANCHOR),
    ("storage-gateway-2013-06-30.json", "com.amazonaws.storagegateway#SnapshotId", JAVA_ANCHOR),
    ("textract-2018-06-27.json", "com.amazonaws.textract#TagKey", NEGATIVE_LOOKAHEAD),
    ("translate-2017-07-01.json", "com.amazonaws.translate#TranslatedTextString", TOO_LARGE),
    ("workmail-2017-10-01.json", "com.amazonaws.workmail#OrganizationName", NEGATIVE_LOOKAHEAD),
];

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/models/aws")
}

/// Whether `error` is the listed failure `(shape, reason)`: a `@pattern` error of that shape
/// saying that.
fn is_known(error: &ModelError, shape: &str, reason: &str) -> bool {
    error.shape == shape && error.message.starts_with("@pattern ") && error.message.contains(reason)
}

#[test]
fn every_aws_json_model_checks_and_generates_but_for_the_known_pattern_failures() {
    let dir = corpus_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "SKIPPED: {} is not present (only CI and the developers have ../shared/)",
            dir.display()
        );
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} holds no models", dir.display());

    let mut problems = Vec::new();
    let mut matched = BTreeSet::new();
    let (mut checked, mut generated, mut known_failures) = (0, 0, 0);
    for path in &files {
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                problems.push(format!("{file}: cannot read: {e}"));
                continue;
            }
        };
        let listed: Vec<(usize, &str, &str)> = KNOWN_PATTERN_FAILURES
            .iter()
            .enumerate()
            .filter(|(_, (f, _, _))| *f == file)
            .map(|(i, (_, shape, reason))| (i, *shape, *reason))
            .collect();
        match model_codegen::check_str(&text) {
            Ok(_) => {
                checked += 1;
                for (_, shape, reason) in &listed {
                    problems.push(format!(
                        "{file}: `{shape}` ({reason}) is listed as failing but checks now: \
                         delete its line"
                    ));
                }
                match Config::new().generate_from_str(&text) {
                    Ok(code) if code.contains("pub mod types") => generated += 1,
                    Ok(_) => problems.push(format!("{file}: generated code has no `types`")),
                    Err(errors) => {
                        problems.push(format!("{file}: checks but does not generate:\n{errors}"))
                    }
                }
            }
            Err(errors) => {
                for error in errors.errors() {
                    match listed
                        .iter()
                        .find(|(_, shape, reason)| is_known(error, shape, reason))
                    {
                        Some((index, _, _)) => {
                            known_failures += 1;
                            matched.insert(*index);
                        }
                        None => problems.push(format!("{file}: unexpected error: {error}")),
                    }
                }
                for (index, shape, reason) in &listed {
                    if !matched.contains(index) {
                        problems.push(format!(
                            "{file}: `{shape}` ({reason}) is listed as failing but is not \
                             reported: delete its line"
                        ));
                    }
                }
            }
        }
    }
    for (index, (file, shape, _)) in KNOWN_PATTERN_FAILURES.iter().enumerate() {
        if !matched.contains(&index) && !files.iter().any(|p| p.ends_with(file)) {
            problems.push(format!(
                "{file}: listed (`{shape}`) but not in {}",
                dir.display()
            ));
        }
    }
    println!(
        "corpus: {} models, {checked} checked, {generated} generated, {known_failures} known \
         pattern failures in {} models",
        files.len(),
        files.len() - checked,
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
