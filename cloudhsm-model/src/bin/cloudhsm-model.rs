//! `cloudhsm-model`: validate request bodies, build requests, parse responses and sample
//! fixtures from the shell; `cloudhsm-model --help` says how. The command line is the
//! runtime's, for any generated service; this names the service and its strategies.

#![forbid(unsafe_code)]

use std::process::ExitCode;

use cloudhsm_model::runtime::cli::{self, Cli, Samples};
use cloudhsm_model::{service, strategies};

fn main() -> ExitCode {
    cli::main::<service::Service>(&Cli {
        program: "cloudhsm-model",
        samples: Samples {
            names: strategies::NAMES,
            valid: strategies::by_name,
            invalid: strategies::invalid_by_name,
        },
    })
}
