//! Generates other models for the conformance suite, each included as a module of this crate
//! (so the generated code is compile-checked without extra crates):
//! `published` (AWS's whole CloudHSM V2 model, when `../shared/` is present), `mini` (awsJson
//! 1.0, resources, Unit, legacy enums, ranges, maps) and `kinds` (unions, intEnum, blob, big
//! numbers, documents, sparse lists, sensitive members) and `traits` (timestamp formats,
//! `@default`, `@clientOptional`, `@deprecated`, `@idempotencyToken`, big-number ranges) and
//! `pattern_syntax` (lookaround, backreferences and the Java-only pattern syntax) and
//! `awkward` (what AWS models have that is awkward to name or check: values named like the
//! catch-all variant, a shape named like a builder, `@length` on an enum, enum-keyed maps)
//! and `names` (model-codegen's fixture of names built to collide where the generator used to
//! make names up: its generated code compiles).

use std::path::Path;
use std::process::ExitCode;

fn generate(model: &Path, module: &str, out: &Path) -> Result<(), String> {
    let code = model_codegen::Config::new()
        .root_path(format!("crate::{module}"))
        .proptest_strategies(true)
        .http(true)
        .generate_from_paths(&[model])
        .map_err(|e| format!("{}: {e}", model.display()))?;
    model_codegen::write_if_changed(&out.join(format!("{module}.rs")), &code)
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// Models from `../shared/` (absent in a user's fresh clone), each with the cfg that says
/// it was built: AWS's whole CloudHSM V2 model, and QLDB Session, one of AWS's models with
/// a lookaround pattern (`LedgerName`), to show generated code enforcing it.
const SHARED_MODELS: [(&str, &str, &str); 2] = [
    (
        "../../shared/models/cloudhsm-v2-2017-04-28.json",
        "published",
        "published_model",
    ),
    (
        "../../shared/models/aws/qldb-session-2019-07-11.json",
        "qldb_session",
        "qldb_session_model",
    ),
];

/// The Smithy protocol compliance suites (IDL, in `../shared/protocol-tests/`): the module,
/// the cfg that says it was built, the service, the suite's own files, and whether the
/// generator speaks the suite's protocol (wire code); every suite also reads the shared
/// types and `deps/` (trait definitions and the prelude).
///
/// The restJson1 validation suite is generated without wire code (types and validation
/// only: restJson1's HTTP bindings are not this crate's); its `service` module still parses
/// a body into an operation's input by name.
const PROTOCOL_SUITES: [(&str, &str, &str, &[&str], bool); 4] = [
    (
        "protocol_json11",
        "protocol_json11_suite",
        "aws.protocoltests.json#JsonProtocol",
        &["smithy-aws-protocol-tests/model/awsJson1_1"],
        true,
    ),
    (
        "protocol_json10",
        "protocol_json10_suite",
        "aws.protocoltests.json10#JsonRpc10",
        &["smithy-aws-protocol-tests/model/awsJson1_0"],
        true,
    ),
    (
        "protocol_validation",
        "protocol_validation_suite",
        "aws.protocoltests.restjson.validation#RestJsonValidation",
        &["smithy-aws-protocol-tests/model/restJson1/validation"],
        false,
    ),
    (
        "protocol_cbor",
        "protocol_cbor_suite",
        "smithy.protocoltests.rpcv2Cbor#RpcV2Protocol",
        &[
            "smithy-protocol-tests/model/rpcv2Cbor",
            "smithy-protocol-tests/model/shared-types.smithy",
        ],
        true,
    ),
];

/// What every AWS suite reads besides its own files.
const AWS_SUITE_COMMON: [&str; 2] = [
    "smithy-aws-protocol-tests/model/shared-types.smithy",
    "smithy-aws-protocol-tests/model/aws-config.smithy",
];

const PROTOCOL_TESTS: &str = "../../shared/protocol-tests";

/// Generates a suite's service (without strategies: the runner does not need them) and
/// writes its merged model beside it, where the runner reads the test cases.
fn generate_suite(
    module: &str,
    service: &str,
    files: &[&str],
    wire: bool,
    out: &Path,
) -> Result<(), String> {
    let root = Path::new(PROTOCOL_TESTS);
    let aws = files
        .iter()
        .any(|f| f.starts_with("smithy-aws-protocol-tests/"));
    let common: &[&str] = if aws { &AWS_SUITE_COMMON } else { &[] };
    let paths: Vec<_> = files
        .iter()
        .chain(common)
        .chain(["deps"].iter())
        .map(|f| root.join(f))
        .collect();
    let model = model_codegen::Model::from_paths(&paths).map_err(|e| format!("{module}: {e}"))?;
    for file in model.files() {
        println!("cargo::rerun-if-changed={}", file.display());
    }
    let code = model_codegen::Config::new()
        .root_path(format!("crate::{module}"))
        .service(service)
        .wire(wire)
        .http(true)
        .generate(&model)
        .map_err(|e| format!("{module}: {e}"))?;
    let write = |name: String, text: &str| {
        model_codegen::write_if_changed(&out.join(name), text).map_err(|e| e.to_string())
    };
    write(format!("{module}.rs"), &code)?;
    write(format!("{module}.json"), &model.to_json_ast())?;
    Ok(())
}

fn main() -> ExitCode {
    let Some(out) = std::env::var_os("OUT_DIR") else {
        println!("cargo::error=OUT_DIR is not set");
        return ExitCode::FAILURE;
    };
    let out = Path::new(&out);
    let mut failed = false;
    for model in [
        ("fixtures/models/mini_json10.json", "mini"),
        ("fixtures/models/mini_kinds.json", "kinds"),
        ("fixtures/models/mini_traits.json", "traits"),
        ("fixtures/models/mini_patterns.json", "pattern_syntax"),
        ("fixtures/models/mini_awkward.json", "awkward"),
        (
            "../model-codegen/tests/fixtures/names/accepted.json",
            "names",
        ),
    ] {
        let (path, module) = (Path::new(model.0), model.1);
        println!("cargo::rerun-if-changed={}", path.display());
        if let Err(e) = generate(path, module, out) {
            println!("cargo::error={e}");
            failed = true;
        }
    }
    for (path, module, cfg) in SHARED_MODELS {
        let path = Path::new(path);
        println!("cargo::rustc-check-cfg=cfg({cfg})");
        println!("cargo::rerun-if-changed={}", path.display());
        if !path.exists() {
            println!(
                "cargo::warning={} is absent: the tests of `{module}` are skipped",
                path.display()
            );
            continue;
        }
        match generate(path, module, out) {
            Ok(()) => println!("cargo::rustc-cfg={cfg}"),
            Err(e) => {
                println!("cargo::error={e}");
                failed = true;
            }
        }
    }
    for (module, cfg, service, files, wire) in PROTOCOL_SUITES {
        println!("cargo::rustc-check-cfg=cfg({cfg})");
        println!("cargo::rerun-if-changed={PROTOCOL_TESTS}");
        if !Path::new(PROTOCOL_TESTS).exists() {
            println!(
                "cargo::warning={PROTOCOL_TESTS} is absent: the protocol suite `{module}` is skipped"
            );
            continue;
        }
        match generate_suite(module, service, files, wire, out) {
            Ok(()) => println!("cargo::rustc-cfg={cfg}"),
            Err(e) => {
                println!("cargo::error={e}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
