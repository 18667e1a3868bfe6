//! `model-codegen`: check a model, generate Rust from it, slice it to some operations, or
//! convert it to one JSON AST document. Each command is one library call.

#![forbid(unsafe_code)]

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use model_codegen::{write_if_changed, Config, Model};

const USAGE: &str = "\
usage:
  model-codegen check <model>... [--service <id>] [--no-wire]
      Print every problem in the model, one per line; exit 1 if there is any. It takes
      generate's --service and --no-wire and checks as generate would with them.
  model-codegen generate <model>... [-o <file.rs>] [--runtime-path <path>] [--proptest]
                         [--http] [--service <id>] [--no-wire]
      Write the Rust for the model to <file.rs> (only if it changed), or to stdout.
      The runtime path defaults to ::model_runtime (the model-runtime crate). --proptest adds strategies behind the
      including crate's `proptest` feature, --http the `http` 1.x functions behind its `http`
      feature. --service picks the service of a model that
      defines several. --no-wire emits types and validation alone, for a service whose
      protocol the generator does not speak.
  model-codegen slice <model>... --operations A,B [-o <out.json>]
      Cut the model down to the named operations and every shape they reach.
  model-codegen convert <model>... [-o <out.json>]
      Merge the model's files into one JSON AST document.

A <model> is a Smithy IDL (.smithy) or JSON AST (.json) file, or a directory of them;
several make one model.";

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

/// What the user asked for.
enum Command {
    Help,
    Check {
        service: Option<String>,
        wire: bool,
    },
    Generate {
        runtime_path: Option<String>,
        proptest: bool,
        http: bool,
        service: Option<String>,
        wire: bool,
    },
    Slice {
        operations: Vec<String>,
    },
    Convert,
}

/// A command with the model files and output it works on.
struct Invocation {
    command: Command,
    models: Vec<PathBuf>,
    output: Option<PathBuf>,
}

fn parse(args: &[String]) -> Result<Invocation, Failure> {
    let Some((command, rest)) = args.split_first() else {
        return Err(Failure::Usage("missing a command".to_owned()));
    };
    let mut models = Vec::new();
    let mut output = None;
    let mut runtime_path = None;
    let mut operations = None;
    let mut proptest = false;
    let mut http = false;
    let mut service = None;
    let mut wire = true;
    let mut iter = rest.iter();
    while let Some(arg) = iter.next() {
        let mut value = |name: &str| {
            iter.next()
                .cloned()
                .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))
        };
        match arg.as_str() {
            "-o" | "--output" => output = Some(PathBuf::from(value("-o")?)),
            "--runtime-path" => runtime_path = Some(value("--runtime-path")?),
            "--operations" => operations = Some(value("--operations")?),
            "--proptest" => proptest = true,
            "--http" => http = true,
            "--service" => service = Some(value("--service")?),
            "--no-wire" => wire = false,
            flag if flag.starts_with('-') => {
                return Err(Failure::Usage(format!("unknown option `{flag}`")))
            }
            path => models.push(PathBuf::from(path)),
        }
    }
    let only_for = |flag: &str, set: bool, allowed: bool| {
        if set && !allowed {
            Err(Failure::Usage(format!("`{command}` does not take {flag}")))
        } else {
            Ok(())
        }
    };
    let generating = command == "generate";
    let checking = generating || command == "check";
    only_for("--runtime-path", runtime_path.is_some(), generating)?;
    only_for("--proptest", proptest, generating)?;
    only_for("--http", http, generating)?;
    only_for("--service", service.is_some(), checking)?;
    only_for("--no-wire", !wire, checking)?;
    only_for("--operations", operations.is_some(), command == "slice")?;
    only_for("-o", output.is_some(), command != "check")?;
    let command = match command.as_str() {
        "help" | "--help" | "-h" => Command::Help,
        "check" => Command::Check { service, wire },
        "generate" => Command::Generate {
            runtime_path,
            proptest,
            http,
            service,
            wire,
        },
        "slice" => Command::Slice {
            operations: operations
                .ok_or_else(|| Failure::Usage("slice needs --operations A,B".to_owned()))?
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        },
        "convert" => Command::Convert,
        other => return Err(Failure::Usage(format!("unknown command `{other}`"))),
    };
    if models.is_empty() && !matches!(command, Command::Help) {
        return Err(Failure::Usage("missing the model file".to_owned()));
    }
    Ok(Invocation {
        command,
        models,
        output,
    })
}

/// Writes `text` to the output file (only if it changed) or to stdout.
fn print(output: Option<&PathBuf>, text: &str) -> Result<(), Failure> {
    match output {
        Some(path) => write_if_changed(path, text)
            .map(|_| ())
            .map_err(|e| Failure::Failed(format!("cannot write {}: {e}", path.display()))),
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| Failure::Failed(format!("cannot write to stdout: {e}"))),
    }
}

/// The configuration of the options `check` and `generate` share.
fn config(service: Option<String>, wire: bool) -> Config {
    let mut config = Config::new();
    if let Some(service) = service {
        config.service(service);
    }
    config.wire(wire);
    config
}

fn run(args: &[String]) -> Result<ExitCode, Failure> {
    let invocation = parse(args)?;
    if let Command::Help = invocation.command {
        println!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    }
    let named = invocation
        .models
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(" ");
    let model = match Model::from_paths(&invocation.models) {
        Ok(model) => model,
        Err(model_codegen::Error::Model(errors))
            if matches!(invocation.command, Command::Check { .. }) =>
        {
            println!("{errors}");
            eprintln!("{named}: {} problem(s)", errors.errors().len());
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(Failure::Failed(e.to_string())),
    };
    let output = invocation.output.as_ref();
    match invocation.command {
        Command::Help => {}
        Command::Check { service, wire } => match config(service, wire).check(&model) {
            Ok(()) => println!("{named}: ok ({} shapes)", model.shape_count()),
            Err(errors) => {
                println!("{errors}");
                eprintln!("{named}: {} problem(s)", errors.errors().len());
                return Ok(ExitCode::from(1));
            }
        },
        Command::Generate {
            runtime_path,
            proptest,
            http,
            service,
            wire,
        } => {
            let mut config = config(service, wire);
            if let Some(path) = runtime_path {
                config.runtime_path(path);
            }
            config.proptest_strategies(proptest).http(http);
            let code = config
                .generate(&model)
                .map_err(|e| Failure::Failed(e.to_string()))?;
            print(output, &code)?;
        }
        Command::Slice { operations } => {
            let names: Vec<&str> = operations.iter().map(String::as_str).collect();
            let sliced = model
                .slice(&names)
                .map_err(|e| Failure::Failed(e.to_string()))?;
            print(output, &sliced.to_json_ast())?;
        }
        Command::Convert => print(output, &model.to_json_ast())?,
    }
    Ok(ExitCode::SUCCESS)
}
