//! `model-codegen`: check a model, generate Rust from it, or slice it to some operations.

#![forbid(unsafe_code)]

use std::io::Write as _;
use std::process::ExitCode;

use model_codegen::{json::Json, slice, write, Config};

const USAGE: &str = "\
usage:
  model-codegen check <model.json>
      Print every problem in the model, one per line; exit 1 if there is any.
  model-codegen generate <model.json> [-o <file.rs>] [--runtime-path <path>] [--proptest]
      Write the Rust for the model to <file.rs> (only if it changed), or to stdout.
      The runtime path defaults to ::cloudhsm_model::runtime. --proptest adds strategies
      behind the including crate's `proptest` feature.
  model-codegen slice <model.json> --operations A,B [-o <out.json>]
      Cut the model down to the named operations and every shape they reach.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(Failure::Usage(message)) => {
            eprintln!("model-codegen: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Failed(message)) => {
            eprintln!("{message}");
            ExitCode::from(1)
        }
    }
}

enum Failure {
    Usage(String),
    Failed(String),
}

struct Args {
    model: String,
    output: Option<String>,
    runtime_path: Option<String>,
    operations: Option<String>,
    proptest: bool,
}

fn parse(rest: &[String]) -> Result<Args, Failure> {
    let mut model = None;
    let mut output = None;
    let mut runtime_path = None;
    let mut operations = None;
    let mut proptest = false;
    let mut iter = rest.iter();
    while let Some(arg) = iter.next() {
        let mut value = |name: &str| {
            iter.next()
                .cloned()
                .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))
        };
        match arg.as_str() {
            "-o" | "--output" => output = Some(value("-o")?),
            "--runtime-path" => runtime_path = Some(value("--runtime-path")?),
            "--operations" => operations = Some(value("--operations")?),
            "--proptest" => proptest = true,
            flag if flag.starts_with('-') && flag != "-" => {
                return Err(Failure::Usage(format!("unknown option `{flag}`")))
            }
            path if model.is_none() => model = Some(path.to_owned()),
            extra => return Err(Failure::Usage(format!("unexpected argument `{extra}`"))),
        }
    }
    let model = model.ok_or_else(|| Failure::Usage("missing the model file".to_owned()))?;
    Ok(Args {
        model,
        output,
        runtime_path,
        operations,
        proptest,
    })
}

fn read(path: &str) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| Failure::Failed(format!("cannot read {path}: {e}")))
}

fn emit(output: Option<&str>, text: &str) -> Result<(), Failure> {
    match output {
        Some(path) => write::write_if_changed(std::path::Path::new(path), text)
            .map(|_| ())
            .map_err(|e| Failure::Failed(format!("cannot write {path}: {e}"))),
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| Failure::Failed(format!("cannot write to stdout: {e}"))),
    }
}

fn run(args: &[String]) -> Result<ExitCode, Failure> {
    let Some(command) = args.first() else {
        return Err(Failure::Usage("missing a command".to_owned()));
    };
    if command == "--help" || command == "-h" || command == "help" {
        println!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    }
    let args = parse(&args[1..])?;
    match command.as_str() {
        "check" => match model_codegen::check_str(&read(&args.model)?) {
            Ok(model) => {
                println!("{}: ok ({} shapes)", args.model, model.shapes.len());
                Ok(ExitCode::SUCCESS)
            }
            Err(errors) => {
                println!("{errors}");
                eprintln!("{}: {} problem(s)", args.model, errors.errors().len());
                Ok(ExitCode::from(1))
            }
        },
        "generate" => {
            let mut config = Config::new();
            if let Some(path) = &args.runtime_path {
                config.runtime_path(path.clone());
            }
            config.proptest_strategies(args.proptest);
            let code = config
                .generate_from_str(&read(&args.model)?)
                .map_err(|e| Failure::Failed(e.to_string()))?;
            emit(args.output.as_deref(), &code)?;
            Ok(ExitCode::SUCCESS)
        }
        "slice" => {
            let operations = args
                .operations
                .ok_or_else(|| Failure::Usage("slice needs --operations A,B".to_owned()))?;
            let names: Vec<&str> = operations
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            let model = Json::parse(&read(&args.model)?)
                .map_err(|e| Failure::Failed(format!("{}: not valid JSON: {e}", args.model)))?;
            let sliced =
                slice::slice(&model, &names).map_err(|e| Failure::Failed(e.to_string()))?;
            emit(args.output.as_deref(), &sliced.to_pretty_string())?;
            Ok(ExitCode::SUCCESS)
        }
        other => Err(Failure::Usage(format!("unknown command `{other}`"))),
    }
}
