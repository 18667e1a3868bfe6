//! Generates the model's Rust code into OUT_DIR. Only the model file triggers a rerun.

use std::process::ExitCode;

const MODEL: &str = "model/cloudhsmv2.json";

fn main() -> ExitCode {
    let generated = model_codegen::Config::new()
        .proptest_strategies(true)
        .http(true)
        .compile(&[MODEL], "cloudhsm_model.rs");
    match generated {
        Ok(()) => ExitCode::SUCCESS,
        Err(model_codegen::Error::Model(errors)) => {
            for error in errors.errors() {
                println!("cargo::error={MODEL}: {error}");
            }
            ExitCode::FAILURE
        }
        Err(e) => {
            println!("cargo::error={e}");
            ExitCode::FAILURE
        }
    }
}
