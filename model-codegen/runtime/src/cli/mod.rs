//! The JSON-lines command line of a generated service (the `cli` feature): validate request
//! bodies, build requests, parse responses and sample fixtures from the shell, for any
//! service, so a service's binary is a `main` that names its service and strategies:
//!
//! ```ignore
//! fn main() -> std::process::ExitCode {
//!     model_runtime::cli::main::<my_model::service::Service>(&model_runtime::cli::Cli {
//!         program: "my-model",
//!         samples: model_runtime::cli::Samples {
//!             names: my_model::strategies::NAMES,
//!             valid: my_model::strategies::by_name,
//!             invalid: my_model::strategies::invalid_by_name,
//!         },
//!     })
//! }
//! ```
//!
//! It reads JSON (or a CBOR body) from a file or stdin and writes JSON to stdout. Exit codes:
//! 0 valid or ok, 1 invalid input (or an error response), 2 a usage or I/O error.

mod args;
mod documents;
mod jsonl;

use std::io::{BufRead, BufWriter, Write};
use std::process::ExitCode;

use proptest::strategy::{BoxedStrategy, Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use crate::strategy::ExpectedViolation;
use crate::wire::{Protocol, Service};
use args::{Command, Options};

/// What a service's command line is called and what `sample` draws from.
#[derive(Clone, Copy, Debug)]
pub struct Cli {
    /// The program's name, as usage texts and messages show it.
    pub program: &'static str,
    /// The service's strategies.
    pub samples: Samples,
}

/// The generated `strategies` module's lookups, for `sample`.
#[derive(Clone, Copy, Debug)]
pub struct Samples {
    /// Every shape `sample` knows, by name (`strategies::NAMES`).
    pub names: &'static [&'static str],
    /// Valid values of a shape, as JSON text (`strategies::by_name`).
    pub valid: fn(&str) -> Option<BoxedStrategy<String>>,
    /// Bodies of an operation input that break one constraint, with the violation to expect
    /// (`strategies::invalid_by_name`).
    pub invalid: fn(&str) -> Option<BoxedStrategy<InvalidBody>>,
}

/// A body that breaks one constraint, and the violation to expect.
pub type InvalidBody = (serde_json::Value, ExpectedViolation);

/// How a command ended badly.
#[derive(Debug, PartialEq)]
pub(crate) enum Failure {
    /// Wrong arguments: the message, and the command whose usage to show (`None`: the
    /// program's).
    Usage(String, Option<Command>),
    /// Reading or writing failed.
    Io(String),
}

/// Runs the command line on the process's arguments, stdin and stdout, and gives the exit
/// code; usage and I/O errors go to stderr.
pub fn main<S: Service>(cli: &Cli) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    // Large buffers: at tens of thousands of records a second, read and write system calls
    // of 8 KiB each cost as much as a tenth of the work.
    const BUFFER: usize = 1 << 20;
    let mut input = std::io::BufReader::with_capacity(BUFFER, stdin.lock());
    let mut output = BufWriter::with_capacity(BUFFER, stdout.lock());
    let outcome =
        run::<S>(cli, &args, &mut input, &mut output).and_then(|ok| match output.flush() {
            Ok(()) => Ok(ok),
            Err(e) => Err(Failure::Io(format!("cannot write: {e}"))),
        });
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(Failure::Usage(message, command)) => {
            let usage = args::usage::<S>(cli, command);
            eprintln!("{}: {message}\n\n{usage}", cli.program);
            ExitCode::from(2)
        }
        Err(Failure::Io(message)) => {
            eprintln!("{}: {message}", cli.program);
            ExitCode::from(2)
        }
    }
}

/// Runs one command line: `args` without the program name, `input` what stdin would give
/// (a body without FILE, or `--jsonl` records). Gives whether everything was valid or ok.
pub(crate) fn run<S: Service>(
    cli: &Cli,
    args: &[String],
    input: &mut dyn BufRead,
    output: &mut dyn Write,
) -> Result<bool, Failure> {
    let Some(name) = args.first() else {
        return Err(Failure::Usage("missing a command".to_owned(), None));
    };
    if matches!(name.as_str(), "--help" | "-h" | "help") {
        print_line(output, &args::usage::<S>(cli, None))?;
        return Ok(true);
    }
    let Some(command) = Command::parse(name) else {
        return Err(Failure::Usage(format!("unknown command `{name}`"), None));
    };
    let options = Options::parse(command, &args[1..])?;
    if options.help {
        print_line(output, &args::usage::<S>(cli, Some(command)))?;
        return Ok(true);
    }
    match command {
        Command::Sample => sample(cli, &options, output),
        _ => {
            let protocol = protocol::<S>(command, options.protocol.as_deref())?;
            if options.jsonl {
                let default_operation = match options.positional.first() {
                    Some(name) => Some(operation::<S>(command, name)?),
                    None => None,
                };
                jsonl::run::<S>(command, default_operation, protocol, input, output)
            } else {
                single::<S>(command, &options, protocol, input, output)
            }
        }
    }
}

/// `--protocol`: one the service speaks, its default when not given.
fn protocol<S: Service>(command: Command, name: Option<&str>) -> Result<Protocol, Failure> {
    let Some(name) = name else {
        return Ok(S::PROTOCOL);
    };
    Protocol::from_name(name)
        .filter(|p| S::PROTOCOLS.contains(p))
        .ok_or_else(|| {
            let known: Vec<&str> = S::PROTOCOLS.iter().map(|p| p.name()).collect();
            Failure::Usage(
                format!(
                    "unknown protocol `{name}`; the service speaks {}",
                    known.join(", ")
                ),
                Some(command),
            )
        })
}

/// An operation name the service has.
fn operation<S: Service>(command: Command, name: &str) -> Result<&str, Failure> {
    match S::OPERATION_NAMES.contains(&name) {
        true => Ok(name),
        false => Err(Failure::Usage(
            documents::unknown_operation_message::<S>(name),
            Some(command),
        )),
    }
}

fn read_input(path: Option<&String>, stdin: &mut dyn BufRead) -> Result<Vec<u8>, Failure> {
    match path.map(String::as_str) {
        None | Some("-") => {
            let mut body = Vec::new();
            stdin
                .read_to_end(&mut body)
                .map_err(|e| Failure::Io(format!("cannot read stdin: {e}")))?;
            Ok(body)
        }
        Some(path) => {
            std::fs::read(path).map_err(|e| Failure::Io(format!("cannot read {path}: {e}")))
        }
    }
}

fn print_line(out: &mut dyn Write, document: &str) -> Result<(), Failure> {
    out.write_all(document.as_bytes())
        .and_then(|()| out.write_all(b"\n"))
        .map_err(|e| Failure::Io(format!("cannot write: {e}")))
}

/// One document from a file or stdin.
fn single<S: Service>(
    command: Command,
    options: &Options,
    protocol: Protocol,
    stdin: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<bool, Failure> {
    let name = options
        .positional
        .first()
        .ok_or_else(|| Failure::Usage("missing the operation name".to_owned(), Some(command)))?;
    let operation = operation::<S>(command, name)?;
    if options.positional.len() > 2 {
        return Err(Failure::Usage(
            "too many arguments".to_owned(),
            Some(command),
        ));
    }
    let status = match command {
        Command::ParseResponse => Some(options.status(command)?),
        _ => None,
    };
    let headers = options.headers(command)?;
    let body = read_input(options.positional.get(1), stdin)?;
    let (document, ok) = match (command, status) {
        (Command::Request, _) => documents::request::<S>(operation, &body, protocol),
        (Command::ParseResponse, Some(status)) => {
            documents::parse_response::<S>(operation, protocol, status, &headers, &body)
        }
        _ => documents::validate::<S>(operation, documents::Body::Bytes(protocol, &body)),
    }?;
    print_line(out, &document)?;
    Ok(ok)
}

fn sample(cli: &Cli, options: &Options, out: &mut dyn Write) -> Result<bool, Failure> {
    let usage = |message: String| Failure::Usage(message, Some(Command::Sample));
    let name = options
        .positional
        .first()
        .ok_or_else(|| usage("missing the shape name".to_owned()))?;
    if options.positional.len() > 1 {
        return Err(usage("too many arguments".to_owned()));
    }
    let count: usize = parse_number(options.count.as_deref(), 10, "--count")?;
    let seed: u64 = parse_number(options.seed.as_deref(), 0, "--seed")?;
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
    );
    if options.invalid {
        let strategy = (cli.samples.invalid)(name).ok_or_else(|| {
            usage(
                "--invalid takes an operation input, an operation's name followed by `Input`"
                    .to_owned(),
            )
        })?;
        for _ in 0..count {
            let (body, expected) = new_value(&strategy, &mut runner)?;
            print_line(out, &documents::invalid_sample(&body, &expected)?)?;
        }
    } else {
        let strategy = (cli.samples.valid)(name).ok_or_else(|| {
            usage(format!(
                "unknown shape `{name}`; the shapes are: {}",
                cli.samples.names.join(", ")
            ))
        })?;
        for _ in 0..count {
            print_line(out, &new_value(&strategy, &mut runner)?)?;
        }
    }
    Ok(true)
}

fn new_value<T: std::fmt::Debug>(
    strategy: &impl Strategy<Value = T>,
    runner: &mut TestRunner,
) -> Result<T, Failure> {
    strategy
        .new_tree(runner)
        .map(|tree| tree.current())
        .map_err(|e| Failure::Io(format!("cannot generate a value: {e}")))
}

fn parse_number<T: std::str::FromStr>(
    text: Option<&str>,
    default: T,
    name: &str,
) -> Result<T, Failure> {
    match text {
        None => Ok(default),
        Some(text) => text.parse().map_err(|_| {
            Failure::Usage(
                format!("{name} `{text}` is not a whole number"),
                Some(Command::Sample),
            )
        }),
    }
}

#[cfg(test)]
mod tests;
