//! Generates the model's Rust code into OUT_DIR. Only the model file triggers a rerun.

use std::path::Path;
use std::process::ExitCode;

const MODEL: &str = "model/cloudhsmv2.json";

fn main() -> ExitCode {
    println!("cargo::rerun-if-changed={MODEL}");
    let code = match model_codegen::Config::new()
        .runtime_path("crate::runtime")
        .proptest_strategies(true)
        .generate_from_path(MODEL)
    {
        Ok(code) => code,
        Err(model_codegen::GenerateError::Model(errors)) => {
            for error in errors.errors() {
                println!("cargo::error={MODEL}: {error}");
            }
            return ExitCode::FAILURE;
        }
        Err(e) => {
            println!("cargo::error={e}");
            return ExitCode::FAILURE;
        }
    };
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        println!("cargo::error=OUT_DIR is not set: build.rs must run under cargo");
        return ExitCode::FAILURE;
    };
    let target = Path::new(&out_dir).join("cloudhsm_model.rs");
    if let Err(e) = model_codegen::write::write_if_changed(&target, &code) {
        println!("cargo::error=cannot write {}: {e}", target.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
