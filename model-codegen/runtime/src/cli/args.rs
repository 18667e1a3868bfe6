//! The command line's words: commands, the options each takes, and the usage texts.

use super::{Cli, Failure};
use crate::wire::{Protocol, Service};

/// The commands, as the first argument names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Command {
    Validate,
    Request,
    ParseResponse,
    Sample,
}

impl Command {
    pub(crate) fn parse(name: &str) -> Option<Command> {
        Some(match name {
            "validate" => Command::Validate,
            "request" => Command::Request,
            "parse-response" => Command::ParseResponse,
            "sample" => Command::Sample,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Command::Validate => "validate",
            Command::Request => "request",
            Command::ParseResponse => "parse-response",
            Command::Sample => "sample",
        }
    }

    /// The options the command takes (each also takes `--help`).
    fn takes(self, option: Flag) -> bool {
        match self {
            Command::Validate | Command::Request => {
                matches!(option, Flag::Jsonl | Flag::Protocol)
            }
            Command::ParseResponse => matches!(
                option,
                Flag::Jsonl | Flag::Protocol | Flag::Status | Flag::Header
            ),
            Command::Sample => matches!(option, Flag::Invalid | Flag::Count | Flag::Seed),
        }
    }
}

/// An option, as written on the command line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flag {
    Jsonl,
    Invalid,
    Status,
    Header,
    Count,
    Seed,
    Protocol,
}

impl Flag {
    fn parse(text: &str) -> Option<Flag> {
        Some(match text {
            "--jsonl" => Flag::Jsonl,
            "--invalid" => Flag::Invalid,
            "--status" => Flag::Status,
            "--header" | "-H" => Flag::Header,
            "--count" => Flag::Count,
            "--seed" => Flag::Seed,
            "--protocol" => Flag::Protocol,
            _ => return None,
        })
    }

    fn takes_value(self) -> bool {
        !matches!(self, Flag::Jsonl | Flag::Invalid)
    }
}

/// The options of one command, each one the command takes.
#[derive(Default)]
pub(crate) struct Options {
    pub positional: Vec<String>,
    pub jsonl: bool,
    pub invalid: bool,
    status: Option<String>,
    headers: Vec<String>,
    pub count: Option<String>,
    pub seed: Option<String>,
    pub protocol: Option<String>,
    pub help: bool,
}

impl Options {
    /// Reads `command`'s arguments; an option the command does not take is a usage error.
    pub(crate) fn parse(command: Command, args: &[String]) -> Result<Options, Failure> {
        let usage = |message: String| Failure::Usage(message, Some(command));
        let mut options = Options::default();
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            if matches!(arg.as_str(), "--help" | "-h") {
                options.help = true;
                continue;
            }
            let Some(flag) = Flag::parse(arg) else {
                if arg.starts_with("--") {
                    return Err(usage(format!("unknown option `{arg}`")));
                }
                options.positional.push(arg.clone());
                continue;
            };
            if !command.takes(flag) {
                return Err(usage(format!("{} takes no `{arg}`", command.name())));
            }
            let value = match flag.takes_value() {
                true => Some(
                    iter.next()
                        .cloned()
                        .ok_or_else(|| usage(format!("{arg} needs a value")))?,
                ),
                false => None,
            };
            match (flag, value) {
                (Flag::Jsonl, _) => options.jsonl = true,
                (Flag::Invalid, _) => options.invalid = true,
                (Flag::Status, value) => options.status = value,
                (Flag::Header, Some(value)) => options.headers.push(value),
                (Flag::Count, value) => options.count = value,
                (Flag::Seed, value) => options.seed = value,
                (Flag::Protocol, value) => options.protocol = value,
                (Flag::Header, None) => {}
            }
        }
        Ok(options)
    }

    /// `--status`: an HTTP status, which `parse-response` needs.
    pub(crate) fn status(&self, command: Command) -> Result<u16, Failure> {
        let usage = |message: String| Failure::Usage(message, Some(command));
        let status = self
            .status
            .as_deref()
            .ok_or_else(|| usage("parse-response needs --status N".to_owned()))?;
        status
            .parse::<u16>()
            .ok()
            .filter(|s| (100..=599).contains(s))
            .ok_or_else(|| usage(format!("--status `{status}` is not an HTTP status")))
    }

    /// Every `--header 'Name: value'`.
    pub(crate) fn headers(&self, command: Command) -> Result<Vec<(String, String)>, Failure> {
        self.headers
            .iter()
            .map(|text| {
                parse_header(text).ok_or_else(|| {
                    Failure::Usage(
                        format!("--header `{text}` is not `Name: value`"),
                        Some(command),
                    )
                })
            })
            .collect()
    }
}

fn parse_header(text: &str) -> Option<(String, String)> {
    let (name, value) = text.split_once(':')?;
    let name = name.trim();
    (!name.is_empty()).then(|| (name.to_owned(), value.trim().to_owned()))
}

/// The usage text of the program (`None`) or of one command.
pub(crate) fn usage<S: Service>(cli: &Cli, command: Option<Command>) -> String {
    let program = cli.program;
    let operation = S::OPERATION_NAMES.first().copied().unwrap_or("Operation");
    let protocols: Vec<&str> = S::PROTOCOLS.iter().map(|p| p.name()).collect();
    let protocols = protocols.join("|");
    let default = S::PROTOCOL.name();
    let cbor = Protocol::RpcV2Cbor.name();
    match command {
        None => format!(
            "\
usage: {program} <command> [options]

commands:
  validate <Operation> [FILE]       check a request body as the service would
  request <Operation> [FILE]        the HTTP request parts for a valid request body
  parse-response <Operation> --status N [--header 'Name: value']... [FILE]
                                    read a response as a client would
  sample <Shape> [--invalid] [--count N] [--seed S]
                                    generate JSON values (one per line)

FILE is a path, or - (the default) for stdin. validate, request and parse-response take
--jsonl to read one record per stdin line and write one result line each, and
--protocol {protocols} (default {default}): with {cbor}, validate and
parse-response read the raw CBOR body, and request prints the body in base64.
Run `{program} <command> --help` for a command's details."
        ),
        Some(Command::Validate) => format!(
            "\
usage: {program} validate <Operation> [FILE]
       {program} validate --jsonl [<Operation>] < records.jsonl

Prints {{\"valid\":true}}, or {{\"valid\":false,\"error\":\"ValidationException\",\"message\":...,
\"fieldList\":[{{\"path\":...,\"message\":...}}]}}, or {{\"valid\":false,\"error\":\"SerializationException\",
\"message\":...}} for malformed JSON or wrong JSON types. Exit 0 if valid, 1 if not.
--jsonl records: {{\"operation\":\"{operation}\",\"body\":{{...}}}} (body may also be a string).
--protocol {cbor}: FILE is the raw CBOR body; a --jsonl record's body is {{\"base64\":\"...\"}}."
        ),
        Some(Command::Request) => format!(
            "\
usage: {program} request <Operation> [FILE]
       {program} request --jsonl [<Operation>] < records.jsonl

Prints {{\"method\":\"POST\",\"path\":\"/\",\"headers\":{{\"content-type\":...,\"x-amz-target\":...}},
\"body\":\"<exact body text>\"}} for a valid body, else the validate error document (exit 1).
The input is read as JSON in either protocol; with --protocol {cbor} the request is
{{\"method\":\"POST\",\"path\":\"/service/{service}/operation/<Operation>\",\"headers\":{{...}},
\"body_base64\":\"...\"}}.",
            service = S::NAME,
        ),
        Some(Command::ParseResponse) => format!(
            "\
usage: {program} parse-response <Operation> --status N [--header 'Name: value']... [FILE]
       {program} parse-response --jsonl [<Operation>] < records.jsonl

Prints {{\"ok\":true,\"output\":{{...}}}} for a 2xx response, else {{\"ok\":false,\"error\":{{\"type\":...,
\"code\":...,\"message\":...,\"fault\":\"client\"|\"server\"}}}} (exit 1). type is the error's
shape name, or Unhandled for an error the operation does not name.
--jsonl records: {{\"operation\":...,\"status\":400,\"headers\":{{\"X-Amzn-Errortype\":\"...\"}},\"body\":\"...\"}}.
--protocol {cbor}: FILE is the raw CBOR body; a --jsonl record's body is {{\"base64\":\"...\"}}.
The response must carry --header 'Smithy-Protocol: rpc-v2-cbor', as the protocol requires
(without it the response is malformed and read by its status alone, as Unhandled)."
        ),
        Some(Command::Sample) => format!(
            "\
usage: {program} sample <Shape> [--invalid] [--count N] [--seed S]

Prints N (default 10) generated values of <Shape>, one JSON document per line, the same ones
for the same seed (default 0). Shapes are the model's shape names and <Operation>Input /
<Operation>Output ({operation}Input, ...). Valid values pass validation; with --invalid
(operation inputs only) each line is {{\"body\":{{...}},\"expected\":{{\"path\":...,\"violation\":...}}}},
a body that breaks exactly that one constraint (path is a JSON pointer into the body)."
        ),
    }
}
