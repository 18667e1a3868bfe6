//! Generates other models for the conformance suite, each included as a module of this crate
//! (so the generated code is compile-checked without extra crates):
//! `published` (AWS's whole CloudHSM V2 model, when `../shared/` is present), `mini` (awsJson
//! 1.0, resources, Unit, legacy enums, ranges, maps) and `kinds` (unions, intEnum, blob, big
//! numbers, documents, sparse lists, sensitive members) and `traits` (timestamp formats,
//! `@default`, `@clientOptional`, `@deprecated`, `@idempotencyToken`, big-number ranges) and
//! `awkward` (what AWS models have that is awkward to name or check: values named like the
//! catch-all variant, a shape named like a builder, `@length` on an enum, enum-keyed maps).

use std::path::Path;
use std::process::ExitCode;

fn generate(model: &Path, module: &str, out: &Path) -> Result<(), String> {
    let code = model_codegen::Config::new()
        .runtime_path("::cloudhsm_model::runtime")
        .root_path(format!("crate::{module}"))
        .proptest_strategies(true)
        .generate_from_path(model)
        .map_err(|e| format!("{}: {e}", model.display()))?;
    model_codegen::write::write_if_changed(&out.join(format!("{module}.rs")), &code)
        .map_err(|e| e.to_string())?;
    Ok(())
}

fn main() -> ExitCode {
    let Some(out) = std::env::var_os("OUT_DIR") else {
        println!("cargo::error=OUT_DIR is not set");
        return ExitCode::FAILURE;
    };
    let out = Path::new(&out);
    println!("cargo::rustc-check-cfg=cfg(published_model)");
    let mini = Path::new("fixtures/models/mini_json10.json");
    println!("cargo::rerun-if-changed={}", mini.display());
    let published = Path::new("../../shared/models/cloudhsm-v2-2017-04-28.json");
    println!("cargo::rerun-if-changed={}", published.display());
    let kinds = Path::new("fixtures/models/mini_kinds.json");
    println!("cargo::rerun-if-changed={}", kinds.display());
    let traits = Path::new("fixtures/models/mini_traits.json");
    println!("cargo::rerun-if-changed={}", traits.display());
    let awkward = Path::new("fixtures/models/mini_awkward.json");
    println!("cargo::rerun-if-changed={}", awkward.display());
    let mut failed = false;
    for (model, module) in [
        (mini, "mini"),
        (kinds, "kinds"),
        (traits, "traits"),
        (awkward, "awkward"),
    ] {
        if let Err(e) = generate(model, module, out) {
            println!("cargo::error={e}");
            failed = true;
        }
    }
    if published.exists() {
        match generate(published, "published", out) {
            Ok(()) => println!("cargo::rustc-cfg=published_model"),
            Err(e) => {
                println!("cargo::error={e}");
                failed = true;
            }
        }
    } else {
        println!(
            "cargo::warning=../shared/models/ is absent: the published-model tests are skipped"
        );
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
