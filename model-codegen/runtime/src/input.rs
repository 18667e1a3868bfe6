//! Operation inputs as a request pipeline receives them: the trait every generated input
//! implements and the error it reports. Apart from `wire` because it is about a body becoming
//! a value, whichever protocol carried it.

use super::cbor;
use super::validation::ValidationErrors;
use super::wire;

/// Why a request body could not become an operation input.
#[derive(Debug)]
pub enum InputError {
    /// The body is not JSON, or a member has the wrong JSON type (what AWS calls a
    /// `SerializationException`).
    Serialization(serde_json::Error),
    /// The body is not CBOR, or a member has the wrong CBOR type (RPC v2 CBOR's
    /// `SerializationException`).
    Cbor(cbor::Error),
    /// The body is well-formed but breaks the model's constraints (a `ValidationException`).
    Validation(ValidationErrors),
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputError::Serialization(e) => write!(f, "{e}"),
            InputError::Cbor(e) => write!(f, "{e}"),
            InputError::Validation(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for InputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            InputError::Serialization(e) => Some(e),
            InputError::Cbor(e) => Some(e),
            InputError::Validation(e) => Some(e),
        }
    }
}

/// What a generated operation input implements: checked construction from a request body.
pub trait OperationInput: Sized + serde::Serialize {
    /// The operation's name in the model (`CopyBackupToRegion`).
    const OPERATION_NAME: &'static str;

    /// Parses and validates a request body, keeping serialization and validation failures
    /// apart. Every violation is reported, not just the first.
    fn from_json_slice(body: &[u8]) -> Result<Self, InputError>;

    /// [`from_json_slice`](Self::from_json_slice) for a body already known to be UTF-8
    /// (its strings are then not checked again).
    fn from_json_str(body: &str) -> Result<Self, InputError>;

    /// Parses and validates an RPC v2 CBOR request body (an empty one is an empty input).
    fn from_cbor_slice(body: &[u8]) -> Result<Self, InputError>;

    /// Parses and validates a request body in `protocol` (an empty one is an empty input).
    fn from_body_in(protocol: wire::Protocol, body: &[u8]) -> Result<Self, InputError> {
        match protocol {
            wire::Protocol::AwsJson1_0 | wire::Protocol::AwsJson1_1 => {
                Self::from_json_slice(wire::body::json_body(body))
            }
            wire::Protocol::RpcV2Cbor => Self::from_cbor_slice(body),
        }
    }
}
