//! Request and response bodies the benchmarks share, and the no-validation baseline types.

// Bench-only helpers: not every bench uses every item, and they are not public API.
#![allow(dead_code, missing_docs)]

use std::time::Instant;

use serde::{Deserialize, Serialize};

/// The arguments after `-- count` (`cargo bench --bench X -- count ...`), if the bench was
/// asked to count rather than measure: the benches' instruction-count mode.
pub fn count_args() -> Option<Vec<String>> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    (args.first().map(String::as_str) == Some("count")).then(|| args[1..].to_vec())
}

/// Rounds of a paired ratio.
pub const ROUNDS: usize = 41;

/// Paired ratio of `model` to `baseline`: each round times both back to back for about two
/// milliseconds a side (alternating which goes first) and takes the ratio within the round,
/// so a slow spell of the machine slows both alike. The quartiles and median of the rounds.
pub fn paired_ratio(baseline: &mut dyn FnMut(), model: &mut dyn FnMut()) -> [f64; 3] {
    baseline();
    let start = Instant::now();
    baseline();
    let once = start.elapsed().as_secs_f64().max(1e-8);
    let iterations = ((2e-3 / once) as usize).clamp(10, 1_000_000);
    let time = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        for _ in 0..iterations {
            f();
        }
        start.elapsed().as_secs_f64()
    };
    time(baseline);
    time(model);
    let mut ratios: Vec<f64> = (0..ROUNDS)
        .map(|round| {
            if round % 2 == 0 {
                let b = time(baseline);
                time(model) / b
            } else {
                let m = time(model);
                m / time(baseline)
            }
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    [
        ratios[ROUNDS / 4],
        ratios[ROUNDS / 2],
        ratios[ROUNDS * 3 / 4],
    ]
}

/// A CopyBackupToRegion body with `tags` tags: every third value 256 characters long, every
/// fourth key and value non-ASCII.
pub fn copy_body(tags: usize) -> Vec<u8> {
    copy_body_with(tags, true)
}

/// [`copy_body`] with the same lengths in ASCII only, to show what non-ASCII text costs.
pub fn copy_body_ascii(tags: usize) -> Vec<u8> {
    copy_body_with(tags, false)
}

fn copy_body_with(tags: usize, non_ascii: bool) -> Vec<u8> {
    let tag_list: Vec<serde_json::Value> = (0..tags)
        .map(|i| {
            let key = match (i % 4 == 0, non_ascii) {
                (true, true) => format!("Kostenstelle-é{i}"),
                (true, false) => format!("Kostenstelle-e{i}"),
                _ => format!("team-{i}"),
            };
            let value = match i % 4 {
                0 if non_ascii => {
                    "Zürich/Genève "
                        .repeat(18)
                        .chars()
                        .take(250)
                        .collect::<String>()
                        + "ÿ½+=-@"
                }
                0 => "Zurich/Geneve ".repeat(18).chars().take(256).collect(),
                _ if i % 3 == 0 => "v".repeat(256),
                _ => format!("value:{i}"),
            };
            serde_json::json!({ "Key": key, "Value": value })
        })
        .collect();
    let mut body = serde_json::json!({
        "DestinationRegion": "eu-central-1",
        "BackupId": "backup-abcdefghijk",
    });
    if tags > 0 {
        body["TagList"] = serde_json::Value::Array(tag_list);
    }
    serde_json::to_vec(&body).unwrap_or_default()
}

/// Letters of each script, cycled to make a value.
pub fn letters(script: &str) -> Vec<char> {
    let range = |from: u32, to: u32| (from..=to).filter_map(char::from_u32).collect::<Vec<_>>();
    match script {
        "ascii" => range('a' as u32, 'z' as u32),
        "latin" => "àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįĵķĺļľłńņňŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷźżž"
            .chars()
            .collect(),
        // Words of mostly ASCII letters with some accented ones, and spaces: European
        // place names, as tags often hold.
        "accented" => "Zürich Genève Łódź São Paulo Kraków Málaga Århus Düsseldorf Besançon "
            .chars()
            .collect(),
        "cjk" => range(0x4E00, 0x4EFF),
        "hangul" => range(0xAC00, 0xACFF),
        "arabic" => range(0x0627, 0x064A),
        "devanagari" => range(0x0905, 0x0939),
        _ => range(0x20000, 0x2007F)
            .into_iter()
            .chain(range(0x1D400, 0x1D44F))
            .collect(),
    }
}

/// The 50-tag CopyBackupToRegion body of `scripts.rs`: tag `i` has a 64-letter value in the script when `i % 3 == 0`, 256 ASCII
/// letters when `i % 3 == 1`, and a short ASCII value otherwise.
pub fn script_body(script: &str) -> Vec<u8> {
    let letters = letters(script);
    let tags: Vec<serde_json::Value> = (0..50usize)
        .map(|i| {
            let value: String = match i % 3 {
                0 => (0..64)
                    .map(|k| letters[(i * 7 + k) % letters.len()])
                    .collect(),
                1 => (0..256)
                    .map(|k| char::from(b'a' + ((i + k) % 26) as u8))
                    .collect(),
                _ => format!("value-{i}"),
            };
            serde_json::json!({ "Key": format!("key-{i}"), "Value": value })
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({
        "DestinationRegion": "eu-central-1",
        "BackupId": "backup-abcdefghijk",
        "TagList": tags,
    }))
    .unwrap_or_default()
}

/// The scripts the benchmarks vary the text over.
pub const SCRIPTS: [&str; 8] = [
    "ascii",
    "latin",
    "accented",
    "cjk",
    "hangul",
    "arabic",
    "devanagari",
    "astral",
];

pub const MODIFY_BODY: &[u8] = br#"{"BackupId":"backup-abcdefghijk","NeverExpires":true}"#;

/// A ModifyBackupAttributes response with every Backup member set (and 50 tags).
pub fn full_backup_response() -> Vec<u8> {
    let tags: serde_json::Value = serde_json::from_slice(&copy_body(50))
        .ok()
        .and_then(|v: serde_json::Value| v.get("TagList").cloned())
        .unwrap_or_default();
    serde_json::to_vec(&serde_json::json!({
        "Backup": {
            "BackupId": "backup-abcdefghijk",
            "BackupArn": "arn:aws:cloudhsm:us-east-1:123456789012:backup/backup-abcdefghijk",
            "BackupState": "READY",
            "ClusterId": "cluster-abcdefghijk",
            "CreateTimestamp": 1515531081.123,
            "CopyTimestamp": 1515617481,
            "NeverExpires": true,
            "SourceRegion": "us-west-2",
            "SourceBackup": "backup-zyxwvutsrqp",
            "SourceCluster": "cluster-zyxwvutsrqp",
            "DeleteTimestamp": 1518123081.5,
            "TagList": tags,
            "HsmType": "hsm1.medium",
            "Mode": "FIPS"
        }
    }))
    .unwrap_or_default()
}

pub const ERROR_BODY: &[u8] =
    br#"{"__type":"com.amazonaws.cloudhsmv2#CloudHsmResourceNotFoundException","message":"Backup backup-abcdefghijk does not exist"}"#;

// The baseline: the same shapes as plain serde structs, with no validation, no exact
// timestamps and no unknown-value handling.

#[derive(Serialize, Deserialize)]
pub struct BaseTag {
    #[serde(rename = "Key")]
    pub key: String,
    #[serde(rename = "Value")]
    pub value: String,
}

#[derive(Serialize, Deserialize)]
pub struct BaseCopyInput {
    #[serde(rename = "DestinationRegion")]
    pub destination_region: String,
    #[serde(rename = "BackupId")]
    pub backup_id: String,
    #[serde(rename = "TagList", skip_serializing_if = "Option::is_none")]
    pub tag_list: Option<Vec<BaseTag>>,
}

#[derive(Serialize, Deserialize)]
pub struct BaseModifyInput {
    #[serde(rename = "BackupId")]
    pub backup_id: String,
    #[serde(rename = "NeverExpires")]
    pub never_expires: bool,
}

#[derive(Serialize, Deserialize)]
pub struct BaseBackup {
    #[serde(rename = "BackupId")]
    pub backup_id: Option<String>,
    #[serde(rename = "BackupArn")]
    pub backup_arn: Option<String>,
    #[serde(rename = "BackupState")]
    pub backup_state: Option<String>,
    #[serde(rename = "ClusterId")]
    pub cluster_id: Option<String>,
    #[serde(rename = "CreateTimestamp")]
    pub create_timestamp: Option<f64>,
    #[serde(rename = "CopyTimestamp")]
    pub copy_timestamp: Option<f64>,
    #[serde(rename = "NeverExpires")]
    pub never_expires: Option<bool>,
    #[serde(rename = "SourceRegion")]
    pub source_region: Option<String>,
    #[serde(rename = "SourceBackup")]
    pub source_backup: Option<String>,
    #[serde(rename = "SourceCluster")]
    pub source_cluster: Option<String>,
    #[serde(rename = "DeleteTimestamp")]
    pub delete_timestamp: Option<f64>,
    #[serde(rename = "TagList")]
    pub tag_list: Option<Vec<BaseTag>>,
    #[serde(rename = "HsmType")]
    pub hsm_type: Option<String>,
    #[serde(rename = "Mode")]
    pub mode: Option<String>,
}

#[derive(Serialize, Deserialize)]
pub struct BaseModifyOutput {
    #[serde(rename = "Backup")]
    pub backup: Option<BaseBackup>,
}

#[derive(Serialize, Deserialize)]
pub struct BaseError {
    #[serde(rename = "__type")]
    pub error_type: Option<String>,
    pub message: Option<String>,
}
