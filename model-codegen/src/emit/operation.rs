//! `operation::<name>` modules (input, output, error enum, wire functions) and the `service`
//! module (names and the request pipeline).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::doc_attrs;
use super::{ident, structure, Ctx};
use crate::ir::{IrShape, Kind, Operation, OperationError};

pub(super) fn modules(ctx: &Ctx<'_>) -> TokenStream {
    let modules = ctx.ir.operations.values().map(|op| module(ctx, op));
    quote!(#(#modules)*)
}

/// The operation's input or output structure (the IR makes one for `smithy.api#Unit`).
fn io_shape<'a>(ctx: &Ctx<'a>, op: &Operation, input: bool) -> Option<&'a IrShape> {
    ctx.ir
        .shapes
        .get(if input { &op.input } else { &op.output })
}

fn module(ctx: &Ctx<'_>, op: &Operation) -> TokenStream {
    let module = ident(&op.module);
    let doc = doc_attrs(op.doc.as_deref(), &format!("The `{}` operation.", op.name));
    let (Some(input_shape), Some(output_shape)) =
        (io_shape(ctx, op, true), io_shape(ctx, op, false))
    else {
        return TokenStream::new();
    };
    let input = structure::input(ctx, input_shape, &op.name, op.has_input);
    // An output's builder stays beside it: only operation items live in this module.
    let structure::Lenient {
        item: output,
        builder: output_builder,
    } = structure::lenient(ctx, output_shape);
    let errors = modeled_errors(ctx, op);
    let wire = ctx
        .has_wire()
        .then(|| wire(ctx, op, input_shape, output_shape, &errors));
    let name = &op.name;
    // The error enum reads its variants' codes and messages through the runtime's trait.
    let rt = &ctx.rt;
    let error_trait =
        (wire.is_some() && !errors.is_empty()).then(|| quote!(use #rt::ModeledError as _;));
    let items = ctx.module(quote! {
        #error_trait

        /// The operation's name in the model.
        pub const OPERATION_NAME: &str = #name;

        #input
        #output
        #output_builder
        #wire
    });
    quote! {
        #doc
        pub mod #module {
            #items
        }
    }
}

/// The error structures an operation names, with their variants (`check` made sure each is
/// an error structure).
fn modeled_errors<'a>(ctx: &Ctx<'a>, op: &'a Operation) -> Vec<(&'a OperationError, &'a IrShape)> {
    op.errors.iter().map(|e| (e, ctx.shape(&e.shape))).collect()
}

/// Request parts, response parsing, the error enum and mock responses for one operation.
fn wire(
    ctx: &Ctx<'_>,
    op: &Operation,
    input: &IrShape,
    output: &IrShape,
    errors: &[(&OperationError, &IrShape)],
) -> TokenStream {
    let rt = &ctx.rt;
    let root = &ctx.root;
    let input_name = ident(&input.ident);
    let output_name = ident(&output.ident);
    let error_name = ident(&op.error_enum);
    let op_name = &op.name;
    let variants: Vec<_> = errors.iter().map(|(e, _)| ident(&e.variant)).collect();
    let types: Vec<_> = errors.iter().map(|(_, s)| ctx.rust_type(&s.id)).collect();
    let codes: Vec<&str> = errors.iter().map(|(_, s)| s.id.name()).collect();
    // Each protocol picks which of the two names an error body carries.
    let absolute_ids: Vec<String> = errors.iter().map(|(_, s)| s.id.to_string()).collect();
    let variant_docs = errors
        .iter()
        .map(|(_, s)| doc_attrs(s.doc.as_deref(), &format!("The `{}` error.", s.id.name())));
    let unhandled = quote! {
        Self::Unhandled(#rt::wire::UnhandledError::new(
            parts.code().map(str::to_owned),
            parts.message().map(str::to_owned),
            status,
            body.to_vec(),
        ))
    };
    // An operation that names no errors has nothing to match against.
    let dispatch = if variants.is_empty() {
        unhandled
    } else {
        quote! {
            match parts.code() {
                #(Some(#codes) => Self::#variants(<#types>::from_response_body(protocol, body, parts.message())),)*
                _ => #unhandled,
            }
        }
    };
    // An operation without input or output in the model sends no body for it (awsJson
    // still sends `{}` for a missing input).
    let input_arg = if op.has_input {
        quote!(Some(self))
    } else {
        quote!(None::<&Self>)
    };
    let output_arg = if op.has_output {
        quote!(Some(self))
    } else {
        quote!(None::<&Self>)
    };
    let http_response = ctx.has_http().then(|| {
        quote! {
            /// [`parse_response`] for an `http::Response` (the crate's `http` feature), with
            /// any body that is bytes (`Vec<u8>`, `Bytes`, `String`). A header value that is
            /// not UTF-8 is read lossily, so it can only fail the checks that read it.
            #[cfg(feature = "http")]
            #[allow(clippy::result_large_err)] // the error is the model's, as large as it is
            pub fn parse_http_response<B: AsRef<[u8]>>(
                response: &#rt::http::Response<B>,
            ) -> Result<#output_name, #error_name> {
                parse_http_response_in(#root::service::PROTOCOL, response)
            }

            /// [`parse_http_response`] for a response in `protocol`.
            #[cfg(feature = "http")]
            #[allow(clippy::result_large_err)] // the error is the model's, as large as it is
            pub fn parse_http_response_in<B: AsRef<[u8]>>(
                protocol: #rt::wire::Protocol,
                response: &#rt::http::Response<B>,
            ) -> Result<#output_name, #error_name> {
                let headers = #rt::wire::header_pairs(response.headers());
                parse_response_in(protocol, response.status().as_u16(), &headers, response.body().as_ref())
            }
        }
    });
    let enum_doc = format!(" Every error `{op_name}` can return: those its model names, and `Unhandled` for any other.");
    quote! {
        impl #input_name {
            /// The HTTP request for this input in the service's default protocol, ready for
            /// an HTTP stack and a signer.
            pub fn to_http_request(&self) -> #rt::wire::HttpRequestParts {
                self.to_http_request_in(#root::service::PROTOCOL)
            }

            /// The HTTP request for this input in `protocol` (one of `service::PROTOCOLS`).
            pub fn to_http_request_in(&self, protocol: #rt::wire::Protocol) -> #rt::wire::HttpRequestParts {
                #rt::__private::request_in(protocol, #root::service::NAME, OPERATION_NAME, #input_arg)
            }
        }

        impl #output_name {
            /// The successful response a service sends with this output (for mocks), in the
            /// service's default protocol.
            pub fn to_http_response(&self) -> #rt::wire::HttpResponseParts {
                self.to_http_response_in(#root::service::PROTOCOL)
            }

            /// The successful response in `protocol`.
            pub fn to_http_response_in(&self, protocol: #rt::wire::Protocol) -> #rt::wire::HttpResponseParts {
                #rt::__private::ok_response_in(protocol, #output_arg)
            }
        }

        /// Reads a response to this operation in the service's default protocol: a 2xx
        /// status gives the output (parsed leniently), anything else the error its code names.
        #[allow(clippy::result_large_err)] // the error is the model's, as large as it is
        pub fn parse_response<K: AsRef<str>, V: AsRef<str>>(
            status: u16,
            headers: &[(K, V)],
            body: &[u8],
        ) -> Result<#output_name, #error_name> {
            parse_response_in(#root::service::PROTOCOL, status, headers, body)
        }

        /// [`parse_response`] for a response in `protocol`.
        #[allow(clippy::result_large_err)] // the error is the model's, as large as it is
        pub fn parse_response_in<K: AsRef<str>, V: AsRef<str>>(
            protocol: #rt::wire::Protocol,
            status: u16,
            headers: &[(K, V)],
            body: &[u8],
        ) -> Result<#output_name, #error_name> {
            #rt::__private::check_response(protocol, status, headers, body).map_err(#error_name::Unhandled)?;
            if !#rt::__private::is_success(status) {
                return Err(#error_name::from_response_in(protocol, status, headers, body));
            }
            #rt::__private::from_body(protocol, body).map_err(|e| {
                #error_name::Unhandled(#rt::wire::UnhandledError::new(
                    None,
                    Some(format!("the body of a successful response is not a valid {}: {e}", OPERATION_NAME)),
                    status,
                    body.to_vec(),
                ))
            })
        }

        #http_response

        #[doc = #enum_doc]
        #[allow(clippy::large_enum_variant)] // variants are the model's errors, unboxed to match on
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum #error_name {
            #(
                #variant_docs
                #variants(#types),
            )*
            /// An error the model does not name for this operation, kept whole.
            Unhandled(#rt::wire::UnhandledError),
        }

        impl #error_name {
            /// The error an error response (non-2xx) in the service's default protocol stands
            /// for. awsJson: the code comes from `X-Amzn-Errortype`, else the body's `code`,
            /// else its `__type`; RPC v2 CBOR: from `__type` alone.
            pub fn from_response<K: AsRef<str>, V: AsRef<str>>(status: u16, headers: &[(K, V)], body: &[u8]) -> Self {
                Self::from_response_in(#root::service::PROTOCOL, status, headers, body)
            }

            /// [`from_response`](Self::from_response) for a response in `protocol`.
            pub fn from_response_in<K: AsRef<str>, V: AsRef<str>>(
                protocol: #rt::wire::Protocol,
                status: u16,
                headers: &[(K, V)],
                body: &[u8],
            ) -> Self {
                let parts = #rt::__private::ErrorParts::read_in(protocol, headers, body);
                #dispatch
            }

            /// The error code (shape name), if known.
            pub fn code(&self) -> Option<&str> {
                match self {
                    #(Self::#variants(_) => Some(#codes),)*
                    Self::Unhandled(e) => e.code(),
                }
            }

            /// The message, if the service sent one.
            pub fn message(&self) -> Option<&str> {
                match self {
                    #(Self::#variants(e) => e.message(),)*
                    Self::Unhandled(e) => e.message(),
                }
            }

            /// Whether the caller or the service is at fault.
            pub fn fault(&self) -> #rt::wire::Fault {
                match self {
                    #(Self::#variants(_) => <#types>::FAULT,)*
                    Self::Unhandled(e) => e.fault(),
                }
            }

            /// Whether retrying may succeed: the model marks the error `@retryable`, or the
            /// service is at fault.
            pub fn is_retryable(&self) -> bool {
                match self {
                    #(Self::#variants(e) => e.is_retryable(),)*
                    Self::Unhandled(e) => e.fault() == #rt::wire::Fault::Server,
                }
            }

            /// The response a service sends for this error (for mocks) in the service's
            /// default protocol: its status and a body with `__type`.
            pub fn to_http_response(&self) -> #rt::wire::HttpResponseParts {
                self.to_http_response_in(#root::service::PROTOCOL)
            }

            /// The response for this error in `protocol`.
            pub fn to_http_response_in(&self, protocol: #rt::wire::Protocol) -> #rt::wire::HttpResponseParts {
                match self {
                    #(Self::#variants(e) => #rt::__private::error_response_in(
                        protocol,
                        <#types>::HTTP_STATUS,
                        #codes,
                        #absolute_ids,
                        e,
                    ),)*
                    Self::Unhandled(e) => e.to_http_response_in(protocol),
                }
            }
        }

        impl #rt::wire::OperationError for #error_name {
            fn type_name(&self) -> &'static str {
                match self {
                    #(Self::#variants(_) => #codes,)*
                    Self::Unhandled(_) => "Unhandled",
                }
            }

            fn code(&self) -> Option<&str> {
                #error_name::code(self)
            }

            fn message(&self) -> Option<&str> {
                #error_name::message(self)
            }

            fn fault(&self) -> #rt::wire::Fault {
                #error_name::fault(self)
            }
        }

        impl std::fmt::Display for #error_name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    #(Self::#variants(e) => e.fmt(f),)*
                    Self::Unhandled(e) => e.fmt(f),
                }
            }
        }

        impl std::error::Error for #error_name {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                match self {
                    #(Self::#variants(e) => Some(e),)*
                    Self::Unhandled(e) => Some(e),
                }
            }
        }
    }
}

/// The `service` module: names, content type, and `parse_request` for request pipelines.
pub(super) fn service_module(ctx: &Ctx<'_>) -> TokenStream {
    let Some(service) = ctx.ir.service.as_ref() else {
        return TokenStream::new();
    };
    let rt = &ctx.rt;
    let root = &ctx.root;
    let name = &service.name;
    let protocol = |p: crate::traits::Protocol| {
        let variant = format_ident!("{}", p.variant());
        quote!(#rt::wire::Protocol::#variant)
    };
    let shape_id = service.id.to_string();
    let version = service.version.clone().unwrap_or_default();
    let doc = doc_attrs(service.doc.as_deref(), &format!("The `{name}` service."));
    let ops: Vec<&Operation> = ctx.ir.operations.values().collect();
    let op_names: Vec<&str> = ops.iter().map(|op| op.name.as_str()).collect();
    let request_docs: Vec<String> = op_names
        .iter()
        .map(|n| format!(" A `{n}` request."))
        .collect();
    let response_docs: Vec<String> = op_names
        .iter()
        .map(|n| format!(" A `{n}` response."))
        .collect();
    let variants: Vec<_> = ops.iter().map(|op| ident(&op.request_variant)).collect();
    let inputs: Vec<_> = ops.iter().map(|op| ctx.rust_type(&op.input)).collect();
    let modules: Vec<_> = ops
        .iter()
        .map(|op| {
            let module = ident(&op.module);
            quote!(#root::operation::#module)
        })
        .collect();
    let defaulted: Vec<_> = ops
        .iter()
        .zip(&variants)
        .filter(|(op, _)| {
            io_shape(ctx, op, true).is_some_and(|s| structure::input_fills_defaults(ctx, s))
        })
        .map(|(_, variant)| variant)
        .collect();
    let fill_defaults = if defaulted.is_empty() {
        // No input of this service has a member with a default.
        quote!(self)
    } else {
        let rest = (defaulted.len() < ops.len()).then(|| quote!(request => request,));
        quote! {
            match self {
                #(Self::#defaulted(input) => Self::#defaulted(input.with_defaults()),)*
                #rest
            }
        }
    };
    let builders: Vec<_> = ops
        .iter()
        .zip(&modules)
        .map(|(op, module)| {
            let builder = io_shape(ctx, op, true).and_then(|s| match &s.kind {
                Kind::Structure { builder, .. } => Some(ident(builder)),
                _ => None,
            });
            quote!(#module::#builder)
        })
        .collect();
    let outputs: Vec<_> = ops.iter().map(|op| ctx.rust_type(&op.output)).collect();
    let errors: Vec<_> = ops
        .iter()
        .zip(&modules)
        .map(|(op, module)| {
            let error = ident(&op.error_enum);
            quote!(#module::#error)
        })
        .collect();
    let http_request = ctx.has_http().then(|| {
        quote! {
            /// [`parse_request`] for an `http::Request` (the crate's `http` feature), with any
            /// body that is bytes (`Vec<u8>`, `Bytes`, `String`): its path, headers and body.
            /// A header value that is not UTF-8 is read lossily, so it can only fail the
            /// checks that read it (an `X-Amz-Target` that is not UTF-8 names no operation).
            #[cfg(feature = "http")]
            pub fn parse_http_request<B: AsRef<[u8]>>(
                request: &#rt::http::Request<B>,
            ) -> Result<Request, #rt::wire::RequestError> {
                let headers = #rt::wire::header_pairs(request.headers());
                parse_request(request.uri().path(), &headers, request.body().as_ref())
            }
        }
    });
    let wire = match (ctx.has_wire(), service.protocols.first()) {
        (true, Some(&default)) => {
            let default_protocol = protocol(default);
            let protocols = service.protocols.iter().map(|p| protocol(*p));
            Some((
                quote! {
                    /// The protocols the service speaks, the default first.
                    pub const PROTOCOLS: &[#rt::wire::Protocol] = &[#(#protocols),*];
                    /// The default protocol: what the methods without `_in` use.
                    pub const PROTOCOL: #rt::wire::Protocol = #default_protocol;
                    /// The default protocol's `Content-Type`.
                    pub const CONTENT_TYPE: &str = PROTOCOL.content_type();
                },
                quote! {
                    /// The HTTP request for this input, in the default protocol.
                    pub fn to_http_request(&self) -> #rt::wire::HttpRequestParts {
                        self.to_http_request_in(PROTOCOL)
                    }

                    /// The HTTP request for this input in `protocol`.
                    pub fn to_http_request_in(&self, protocol: #rt::wire::Protocol) -> #rt::wire::HttpRequestParts {
                        match self {
                            #(Self::#variants(input) => input.to_http_request_in(protocol),)*
                        }
                    }
                },
                quote! {
                    /// [`parse_input`] for a body in `protocol` (RPC v2 CBOR: the CBOR bytes).
                    pub fn parse_input_in(protocol: #rt::wire::Protocol, operation: &str, body: &[u8]) -> Option<Result<Request, #rt::InputError>> {
                        use #rt::OperationInput as _;
                        match operation {
                            #(#op_names => Some(#inputs::from_body_in(protocol, body).map(Request::#variants)),)*
                            _ => None,
                        }
                    }
                },
                quote! {
                    /// A parsed response of any operation: its output, or its error.
                    // One value per response, moved rarely: boxing the outputs would only add an
                    // allocation to every parse.
                    #[allow(clippy::large_enum_variant)]
                    #[derive(Clone, Debug, PartialEq)]
                    #[non_exhaustive]
                    pub enum Response {
                        #(
                            #[doc = #response_docs]
                            #variants(Result<#outputs, #errors>),
                        )*
                    }

                    impl Response {
                        /// The output as JSON, if the response was a success.
                        pub fn output_json(&self) -> Option<Vec<u8>> {
                            match self {
                                #(Self::#variants(Ok(output)) => Some(#rt::__private::to_json_bytes(output)),)*
                                #[allow(unreachable_patterns)]
                                _ => None,
                            }
                        }

                        /// The error, if the response was one.
                        pub fn error(&self) -> Option<&dyn #rt::wire::OperationError> {
                            match self {
                                #(Self::#variants(Err(error)) => Some(error),)*
                                #[allow(unreachable_patterns)]
                                _ => None,
                            }
                        }

                        /// The HTTP response a service sends for this output or error, in the default
                        /// protocol.
                        pub fn to_http_response(&self) -> #rt::wire::HttpResponseParts {
                            self.to_http_response_in(PROTOCOL)
                        }

                        /// The HTTP response for this output or error in `protocol`.
                        pub fn to_http_response_in(&self, protocol: #rt::wire::Protocol) -> #rt::wire::HttpResponseParts {
                            match self {
                                #(
                                    Self::#variants(Ok(output)) => output.to_http_response_in(protocol),
                                    Self::#variants(Err(error)) => error.to_http_response_in(protocol),
                                )*
                            }
                        }
                    }

                    /// Reads a response to `operation` (by its model name) in the default protocol;
                    /// `None` if the service has no such operation.
                    pub fn parse_response<K: AsRef<str>, V: AsRef<str>>(
                        operation: &str,
                        status: u16,
                        headers: &[(K, V)],
                        body: &[u8],
                    ) -> Option<Response> {
                        parse_response_in(PROTOCOL, operation, status, headers, body)
                    }

                    /// [`parse_response`] for a response in `protocol`.
                    pub fn parse_response_in<K: AsRef<str>, V: AsRef<str>>(
                        protocol: #rt::wire::Protocol,
                        operation: &str,
                        status: u16,
                        headers: &[(K, V)],
                        body: &[u8],
                    ) -> Option<Response> {
                        match operation {
                            #(#op_names => Some(Response::#variants(#modules::parse_response_in(protocol, status, headers, body))),)*
                            _ => None,
                        }
                    }

                    /// The service as one type, for tools written once for every service: the
                    /// runtime's `wire::Service`, which the JSON-lines command line takes.
                    #[derive(Clone, Copy, Debug)]
                    pub struct Service;

                    impl #rt::wire::Service for Service {
                        const NAME: &'static str = NAME;
                        const PROTOCOLS: &'static [#rt::wire::Protocol] = PROTOCOLS;
                        const PROTOCOL: #rt::wire::Protocol = PROTOCOL;
                        const OPERATION_NAMES: &'static [&'static str] = OPERATION_NAMES;

                        type Request = Request;
                        type Response = Response;

                        fn parse_input(operation: &str, body: &[u8]) -> Option<Result<Request, #rt::InputError>> {
                            parse_input(operation, body)
                        }

                        fn parse_input_in(protocol: #rt::wire::Protocol, operation: &str, body: &[u8]) -> Option<Result<Request, #rt::InputError>> {
                            parse_input_in(protocol, operation, body)
                        }

                        fn parse_input_str(operation: &str, body: &str) -> Option<Result<Request, #rt::InputError>> {
                            parse_input_str(operation, body)
                        }

                        fn deserialize_input<'de, D: serde::Deserializer<'de>>(
                            operation: &str,
                            deserializer: D,
                        ) -> Result<Option<Result<Request, #rt::ValidationErrors>>, D::Error> {
                            serde::de::DeserializeSeed::deserialize(RequestSeed { operation }, deserializer)
                        }

                        fn to_http_request_in(request: &Request, protocol: #rt::wire::Protocol) -> #rt::wire::HttpRequestParts {
                            request.to_http_request_in(protocol)
                        }

                        fn parse_response_in(
                            protocol: #rt::wire::Protocol,
                            operation: &str,
                            status: u16,
                            headers: &[(String, String)],
                            body: &[u8],
                        ) -> Option<Response> {
                            parse_response_in(protocol, operation, status, headers, body)
                        }

                        fn output_json(response: &Response) -> Option<Vec<u8>> {
                            response.output_json()
                        }

                        fn error(response: &Response) -> Option<&dyn #rt::wire::OperationError> {
                            response.error()
                        }
                    }

                    /// The protocol an incoming request speaks: RPC v2 CBOR when it says so in
                    /// `Smithy-Protocol` and the service speaks it, else the default. A pipeline
                    /// answers the request, and any rejection, in this protocol.
                    pub fn request_protocol<K: AsRef<str>, V: AsRef<str>>(headers: &[(K, V)]) -> #rt::wire::Protocol {
                        #rt::__private::request_protocol(headers, PROTOCOLS)
                    }

                    /// Reads an incoming request as the service would, in the protocol it speaks
                    /// ([`request_protocol`]). awsJson: the `Content-Type` must be the protocol's and
                    /// `X-Amz-Target` one of the service's operations; RPC v2 CBOR: the `path` must be
                    /// `.../service/<service>/operation/<operation>`, with no `X-Amz-Target`
                    /// (`UnknownOperationException` otherwise). The body must be of the right types
                    /// (`SerializationException`) and satisfy every constraint (`ValidationException`,
                    /// listing every violation). An empty body is an empty input.
                    pub fn parse_request<K: AsRef<str>, V: AsRef<str>>(
                        path: &str,
                        headers: &[(K, V)],
                        body: &[u8],
                    ) -> Result<Request, #rt::wire::RequestError> {
                        parse_request_in(request_protocol(headers), path, headers, body)
                    }

                    /// [`parse_request`] in a given protocol (one of [`PROTOCOLS`]; another is an
                    /// unknown operation).
                    pub fn parse_request_in<K: AsRef<str>, V: AsRef<str>>(
                        protocol: #rt::wire::Protocol,
                        path: &str,
                        headers: &[(K, V)],
                        body: &[u8],
                    ) -> Result<Request, #rt::wire::RequestError> {
                        use #rt::OperationInput as _;
                        if !PROTOCOLS.contains(&protocol) {
                            return Err(#rt::wire::RequestError::UnknownOperation {
                                target: None,
                                reason: format!("the service does not speak {}", protocol.name()),
                            });
                        }
                        let operation = #rt::wire::RequestError::check_request(protocol, path, headers, body, SHAPE_ID)?;
                        match operation {
                            #(#op_names => Ok(Request::#variants(#inputs::from_body_in(protocol, body)?)),)*
                            other => Err(#rt::wire::RequestError::unknown_operation(protocol, NAME, path, other)),
                        }
                    }

                    #http_request
                },
            ))
        }
        _ => None,
    };
    let (wire_constants, wire_request_methods, wire_parse_in, wire_items) =
        wire.unwrap_or_default();
    let items = ctx.module(quote! {
        /// The service shape's name (which prefixes every awsJson `X-Amz-Target`).
        pub const NAME: &str = #name;
        /// The service shape's absolute id.
        pub const SHAPE_ID: &str = #shape_id;
        /// The API version.
        pub const VERSION: &str = #version;
        #wire_constants
        /// Every operation's name, sorted.
        pub const OPERATION_NAMES: &[&str] = &[#(#op_names),*];

        /// A valid input of any of the service's operations. It serializes as its input
        /// does (the members, as a JSON body has them).
        #[allow(clippy::large_enum_variant)] // variants are the inputs, unboxed to match on
        #[derive(Clone, Debug, PartialEq, serde::Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum Request {
            #(
                #[doc = #request_docs]
                #variants(#inputs),
            )*
        }

        impl Request {
            /// The operation's name.
            pub fn operation_name(&self) -> &'static str {
                match self {
                    #(Self::#variants(_) => #op_names,)*
                }
            }

            /// The input with its absent members that have model defaults set to them,
            /// as a service acts on it (parsing leaves them absent).
            #[must_use]
            pub fn with_defaults(self) -> Self {
                #fill_defaults
            }
            #wire_request_methods
        }

        /// Parses and validates the body of a request to `operation` (by its model name);
        /// `None` if the service has no such operation.
        pub fn parse_input(operation: &str, body: &[u8]) -> Option<Result<Request, #rt::InputError>> {
            use #rt::OperationInput as _;
            match operation {
                #(#op_names => Some(#inputs::from_json_slice(body).map(Request::#variants)),)*
                _ => None,
            }
        }

        #wire_parse_in

        /// [`parse_input`] for a body already known to be UTF-8.
        pub fn parse_input_str(operation: &str, body: &str) -> Option<Result<Request, #rt::InputError>> {
            use #rt::OperationInput as _;
            match operation {
                #(#op_names => Some(#inputs::from_json_str(body).map(Request::#variants)),)*
                _ => None,
            }
        }

        /// Reads the body of a request to one operation from any serde `Deserializer` and
        /// checks it, so a body inside a larger document is read in the same pass as the
        /// document. The value is `None` for an operation the service does not have (its
        /// body is skipped), else the request or every violation.
        #[derive(Clone, Copy, Debug)]
        pub struct RequestSeed<'a> {
            /// The operation's model name.
            pub operation: &'a str,
        }

        impl<'de> serde::de::DeserializeSeed<'de> for RequestSeed<'_> {
            type Value = Option<Result<Request, #rt::ValidationErrors>>;

            fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
                match self.operation {
                    #(#op_names => {
                        let builder = <#builders as serde::Deserialize>::deserialize(deserializer)?;
                        Ok(Some(builder.check().map(Request::#variants)))
                    })*
                    _ => {
                        <serde::de::IgnoredAny as serde::Deserialize>::deserialize(deserializer)?;
                        Ok(None)
                    }
                }
            }
        }

        #wire_items
    });
    quote! {
        #doc
        pub mod service {
            #items
        }
    }
}
