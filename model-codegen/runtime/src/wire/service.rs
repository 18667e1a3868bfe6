//! A generated service, as tools that work for any service see it.

use super::{HttpRequestParts, OperationError, Protocol};
use crate::{InputError, ValidationErrors};

/// What generated code knows about a service, behind one type (the generated
/// `service::Service`), so that a tool written once works for every model: the JSON-lines
/// command line (`cli`, with the `cli` feature) takes the service as a type parameter.
///
/// Each item is the generated `service` module's item of the same name; users of one
/// service call those directly.
pub trait Service {
    /// The service's shape name (`Weather`).
    const NAME: &'static str;
    /// The protocols the service speaks, its default first.
    const PROTOCOLS: &'static [Protocol];
    /// The protocol used when none is named.
    const PROTOCOL: Protocol;
    /// The service's operations by name, sorted.
    const OPERATION_NAMES: &'static [&'static str];

    /// One operation's input, valid by construction.
    type Request;
    /// One operation's response: an output or one of its errors.
    type Response;

    /// Reads a JSON body as given (an empty one is malformed) as `operation`'s input and
    /// checks it; `None` for an operation the service does not have.
    fn parse_input(operation: &str, body: &[u8]) -> Option<Result<Self::Request, InputError>>;

    /// Reads `body` in `protocol` as `operation`'s input and checks it (an empty body is an
    /// empty input, as the protocols have it).
    fn parse_input_in(
        protocol: Protocol,
        operation: &str,
        body: &[u8],
    ) -> Option<Result<Self::Request, InputError>>;

    /// Reads a JSON body known to be UTF-8 as `operation`'s input and checks it.
    fn parse_input_str(operation: &str, body: &str) -> Option<Result<Self::Request, InputError>>;

    /// Reads `operation`'s input from any serde deserializer (a request embedded in a larger
    /// document, read in the same pass) and checks it: `Ok(None)` for an operation the
    /// service does not have, whose value is skipped.
    #[allow(clippy::type_complexity)]
    fn deserialize_input<'de, D: serde::Deserializer<'de>>(
        operation: &str,
        deserializer: D,
    ) -> Result<Option<Result<Self::Request, ValidationErrors>>, D::Error>;

    /// The HTTP request that carries `request` in `protocol`.
    fn to_http_request_in(request: &Self::Request, protocol: Protocol) -> HttpRequestParts;

    /// Reads a response to `operation` as a client does; `None` for an operation the service
    /// does not have.
    fn parse_response_in(
        protocol: Protocol,
        operation: &str,
        status: u16,
        headers: &[(String, String)],
        body: &[u8],
    ) -> Option<Self::Response>;

    /// A successful response's output, as JSON.
    fn output_json(response: &Self::Response) -> Option<Vec<u8>>;

    /// An error response's error.
    fn error(response: &Self::Response) -> Option<&dyn OperationError>;
}
