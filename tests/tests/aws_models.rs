//! Generated code for AWS's published models compiles as crates of their own, as
//! `standalone.rs` builds the suite's models (the harness is `nested/mod.rs`): each
//! `include!`s its file at the root of a crate depending on the runtime crate
//! (`model-runtime`, the generator's default runtime path), `serde` and `serde_json` (and
//! `proptest`, whose strategies are type-checked too), under `deny(warnings, missing_docs)`.
//!
//! A fixed sample compiles in every run: awsJson models (`../shared/models/aws/`) with wire
//! code, and models in the other protocols (restXml, awsQuery, restJson1) without it. With
//! `COMPILE_AWS_MODELS=1`, every awsJson model does (the corpus test in
//! `model-codegen/tests/corpus.rs` shows that every one checks):
//!
//! ```sh
//! COMPILE_AWS_MODELS=1 cargo test -p conformance --test aws_models -- --nocapture
//! ```
//!
//! The crates are type-checked (`cargo check`): every error and lint a model could cause is
//! found there, and code generation for a few million generated lines would only add time.
//! Both tests skip, saying so, when `../shared/` is absent.

mod nested;

use std::path::{Path, PathBuf};

use nested::GeneratedCrate;

/// The sample: varied, and small enough for every run. No model of the corpus has a map
/// keyed by an enum: `fixtures/models/mini_awkward.json`, which `standalone.rs` compiles,
/// has one.
const SAMPLE: &[(&str, &str)] = &[
    (
        "appstream-2016-12-01.json",
        "lookaround patterns, and `AppBlockBuilder` beside `AppBlock`'s builder",
    ),
    (
        "health-2016-08-04.json",
        "an enum value `UNKNOWN` beside the catch-all, `@length` on an enum",
    ),
    ("dynamodb-streams-2012-08-10.json", "a union"),
    (
        "partnercentral-selling-2022-07-26.json",
        "329 shapes, four unions, `@pattern` on a member targeting an enum",
    ),
    (
        "cloudwatch-logs-2014-03-28.json",
        "600 shapes, unions, an enum value `Unknown` beside the catch-all",
    ),
    (
        "compute-optimizer-2019-11-01.json",
        "documentation starting with multi-byte characters after tags",
    ),
    ("mediastore-2017-09-01.json", "`@length` on an enum"),
];

/// AWS's models in the other protocols, generated without wire code (`Config::wire(false)`,
/// as `generate --no-wire`): their types and validation alone, compiled in the same build as
/// the sample above. `../shared/models/aws-other/` holds restJson1 and awsQuery models only
/// (120 and 9), so the restXml one is the service of Smithy's restXml protocol suite
/// (`../shared/protocol-tests/`), which uses every XML trait. Each sample's claims are checked
/// on its model before it is compiled, so the sample stays what it says.
const OTHER_PROTOCOL_SAMPLE: &[OtherSample] = &[
    OtherSample {
        crate_name: "aws-restxml-suite",
        paths: &[
            "protocol-tests/smithy-aws-protocol-tests/model/restXml",
            "protocol-tests/smithy-aws-protocol-tests/model/shared-types.smithy",
            "protocol-tests/smithy-aws-protocol-tests/model/aws-config.smithy",
            "protocol-tests/deps",
        ],
        service: Some("aws.protocoltests.restxml#RestXml"),
        claims: &[Claim::Protocol("restXml")],
        why: "restXml: @xmlName, @xmlAttribute, @xmlFlattened and @xmlNamespace on members, \
              nested and flattened lists and maps, timestamps in every format, IDL with mixins",
    },
    OtherSample {
        crate_name: "aws-docdb-2014-10-31",
        paths: &["models/aws-other/docdb-2014-10-31.json"],
        service: None,
        claims: &[Claim::Protocol("awsQuery")],
        why: "awsQuery: 301 shapes, 57 errors with @awsQueryError, @xmlName on 34 list members, \
              72 members both @required and @clientOptional",
    },
    OtherSample {
        crate_name: "aws-route53-recovery-readiness-2019-12-02",
        paths: &["models/aws-other/route53-recovery-readiness-2019-12-02.json"],
        service: None,
        claims: &[Claim::Protocol("restJson1"), Claim::UnderscoreNames],
        why: "restJson1, 18 `__`-prefixed shapes (`__string`, `__listOf__string`), four of them \
              constrained (`__stringMax64PatternAAZAZ09Z`: @length and @pattern), so they become \
              validated types of their own; 137 shapes",
    },
    OtherSample {
        crate_name: "aws-medialive-2017-10-14",
        paths: &["models/aws-other/medialive-2017-10-14.json"],
        service: None,
        claims: &[Claim::Protocol("restJson1"), Claim::ShapesOver(1_000)],
        why: "over 1,000 shapes (1,180): the smallest such model, with 316 enums and 200 \
              `__`-prefixed shapes",
    },
];

/// A model of the other-protocol sample.
struct OtherSample {
    /// The crate it becomes.
    crate_name: &'static str,
    /// Its files and folders, relative to `../shared/`.
    paths: &'static [&'static str],
    /// The service to generate, for files that define several.
    service: Option<&'static str>,
    /// What it was chosen for, checked on the model.
    claims: &'static [Claim],
    /// Why it was chosen.
    why: &'static str,
}

/// What a sample model was chosen for.
enum Claim {
    /// Its service has the `aws.protocols#<name>` trait.
    Protocol(&'static str),
    /// It has shapes whose names start with `__`.
    UnderscoreNames,
    /// It has more than this many shapes.
    ShapesOver(usize),
}

/// Which of `claims` the model at `model` does not meet.
fn unmet_claims(model: &model_codegen::Model, claims: &[Claim]) -> Vec<String> {
    let ast: serde_json::Value = serde_json::from_str(&model.to_json_ast()).unwrap_or_default();
    let shapes = ast["shapes"].as_object().cloned().unwrap_or_default();
    let protocols: Vec<&str> = shapes
        .values()
        .filter(|s| s["type"] == "service")
        .filter_map(|s| s["traits"].as_object())
        .flat_map(|t| t.keys())
        .filter_map(|t| t.strip_prefix("aws.protocols#"))
        .collect();
    let underscored = shapes
        .keys()
        .filter(|id| {
            id.split_once('#')
                .is_some_and(|(_, name)| name.starts_with("__"))
        })
        .count();
    claims
        .iter()
        .filter_map(|claim| match claim {
            Claim::Protocol(p) if !protocols.contains(p) => {
                Some(format!("no service speaks {p} (protocols: {protocols:?})"))
            }
            Claim::UnderscoreNames if underscored == 0 => Some("no `__` names".to_owned()),
            Claim::ShapesOver(n) if model.shape_count() <= *n => {
                Some(format!("{} shapes, not over {n}", model.shape_count()))
            }
            _ => None,
        })
        .collect()
}

/// A crate name for a model file: `health-2016-08-04.json` -> `aws-health-2016-08-04`.
fn crate_name(file: &str) -> String {
    let stem = file.strip_suffix(".json").unwrap_or(file);
    let clean: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("aws-{clean}")
}

/// The crate of an awsJson model, with wire code and strategies.
fn aws_json_crate(model: &Path) -> Result<GeneratedCrate, String> {
    let file = model
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let code = model_codegen::Config::new()
        .proptest_strategies(true)
        .generate_from_paths(&[model])
        .map_err(|e| format!("{file}: {e}"))?;
    Ok(GeneratedCrate::model(
        &crate_name(&file),
        &format!("AWS's `{file}`"),
        code,
    ))
}

/// The crate of an other-protocol sample model, without wire code, with strategies.
fn other_protocol_crate(shared: &Path, sample: &OtherSample) -> Result<GeneratedCrate, String> {
    let paths: Vec<PathBuf> = sample.paths.iter().map(|p| shared.join(p)).collect();
    let name = sample.crate_name;
    let model = model_codegen::Model::from_paths(&paths).map_err(|e| format!("{name}: {e}"))?;
    let unmet = unmet_claims(&model, sample.claims);
    if !unmet.is_empty() {
        return Err(format!(
            "{name} is no longer what it was chosen for ({}): {}",
            sample.why,
            unmet.join("; ")
        ));
    }
    let mut config = model_codegen::Config::new();
    config.wire(false).proptest_strategies(true);
    if let Some(service) = sample.service {
        config.service(service);
    }
    let code = config
        .generate(&model)
        .map_err(|e| format!("{name}: {e}"))?;
    Ok(GeneratedCrate::model(
        name,
        &format!("`{}` without wire code", sample.paths[0]),
        code,
    ))
}

/// Both samples in one `cargo` run: the awsJson models with wire code, the other
/// protocols' without.
#[test]
fn a_sample_of_aws_models_of_every_protocol_compiles_as_crates_of_their_own() {
    let Some(shared) = nested::shared("") else {
        return;
    };
    let mut crates = Vec::new();
    let mut problems = Vec::new();
    for (file, _) in SAMPLE {
        match aws_json_crate(&shared.join("models/aws").join(file)) {
            Ok(krate) => crates.push(krate),
            Err(e) => problems.push(e),
        }
    }
    for sample in OTHER_PROTOCOL_SAMPLE {
        match other_protocol_crate(&shared, sample) {
            Ok(krate) => crates.push(krate),
            Err(e) => problems.push(e),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("aws-sample");
    if let Err(e) = nested::check_crates(&root, &crates) {
        panic!("the sample's crates do not compile cleanly:\n{e}");
    }
}

#[test]
fn every_aws_model_that_checks_compiles_as_a_crate_of_its_own() {
    if std::env::var_os("COMPILE_AWS_MODELS").is_none_or(|v| v != "1") {
        eprintln!("SKIPPED: set COMPILE_AWS_MODELS=1 to compile every AWS model");
        return;
    }
    let Some(dir) = nested::shared("models/aws") else {
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let (models, unchecked): (Vec<PathBuf>, Vec<PathBuf>) = files.into_iter().partition(|p| {
        std::fs::read_to_string(p).ok().is_some_and(|text| {
            model_codegen::Model::from_json_str(&text)
                .and_then(|model| model.check())
                .is_ok()
        })
    });
    println!(
        "compiling {} models ({} do not check yet and are left out: see the corpus test)",
        models.len(),
        unchecked.len()
    );
    let crates: Vec<GeneratedCrate> = models
        .iter()
        .map(|model| aws_json_crate(model).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("aws-all");
    if let Err(e) = nested::check_crates(&root, &crates) {
        panic!("some crates do not compile cleanly:\n{e}");
    }
}
