//! What every error structure of a model has in common.
//!
//! A generated error states only what the model says about it (its code, who is at fault,
//! whether it is retryable, its HTTP status) and where its message is kept. Reading it from a
//! response body, filling in a message found elsewhere, and what `Display` shows are the same
//! for every error, so they are written once here.

use std::fmt;

use super::wire::{self, Fault, Protocol};

/// An error structure the model declares (`@error`), as generated code implements it.
///
/// Its consts and methods need the trait in scope (`use model_runtime::ModeledError;`, or
/// the re-export of the crate that includes the generated code). What a generated error
/// amounts to:
///
/// ```
/// use model_runtime::wire::Fault;
/// use model_runtime::ModeledError;
///
/// #[derive(Debug, Default)]
/// struct AccessDenied {
///     message: Option<String>,
/// }
///
/// impl ModeledError for AccessDenied {
///     const CODE: &'static str = "AccessDenied";
///     const FAULT: Fault = Fault::Client;
///     const RETRYABLE: bool = false;
///     const HTTP_STATUS: u16 = 400;
///
///     fn message(&self) -> Option<&str> {
///         self.message.as_deref()
///     }
///
///     fn message_mut(&mut self) -> Option<&mut Option<String>> {
///         Some(&mut self.message)
///     }
/// }
///
/// impl std::fmt::Display for AccessDenied {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
///         self.fmt_error(f)
///     }
/// }
///
/// impl std::error::Error for AccessDenied {}
///
/// let error = AccessDenied { message: Some("no".into()) };
/// assert_eq!(AccessDenied::HTTP_STATUS, 400);
/// assert_eq!(error.message(), Some("no"));
/// assert!(!error.is_retryable());
/// assert_eq!(error.to_string(), "AccessDenied: no");
/// ```
pub trait ModeledError: std::error::Error {
    /// The error code on the wire (the shape name).
    const CODE: &'static str;

    /// Whether the caller or the service is at fault (the model's `@error`).
    const FAULT: Fault;

    /// Whether the model marks the error `@retryable`.
    const RETRYABLE: bool;

    /// The HTTP status this error is sent with (`@httpError`, else 400 for client and 500
    /// for server errors).
    const HTTP_STATUS: u16;

    /// The message, if the service sent one.
    fn message(&self) -> Option<&str>;

    /// The member that holds the message, or `None` when the model gives the error no
    /// string `message` member (a message found elsewhere in a response is then dropped).
    #[doc(hidden)]
    fn message_mut(&mut self) -> Option<&mut Option<String>>;

    /// Whether retrying may succeed: the model marks the error `@retryable`, or the service
    /// is at fault.
    fn is_retryable(&self) -> bool {
        Self::RETRYABLE || Self::FAULT == Fault::Server
    }

    /// Reads the members of an error response body in `protocol` leniently: a body that is
    /// empty, unreadable or of the wrong shape gives an error with no members, never a
    /// failure, since the status and code already say which error it is. `message` (what
    /// the response carries under `message` or `Message`) fills the message if it is missing.
    #[doc(hidden)]
    fn from_response_body(protocol: Protocol, body: &[u8], message: Option<&str>) -> Self
    where
        Self: Default + serde::de::DeserializeOwned,
    {
        let mut error: Self = wire::body::from_body(protocol, body).unwrap_or_default();
        if let (Some(slot @ None), Some(message)) = (error.message_mut(), message) {
            *slot = Some(message.to_owned());
        }
        error
    }

    /// What `Display` shows: the code, then `: ` and the message if there is one. Hidden:
    /// generated `Display` impls call it; users format the error itself.
    #[doc(hidden)]
    fn fmt_error(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(Self::CODE)?;
        match self.message() {
            Some(message) => write!(f, ": {message}"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Fault, ModeledError, Protocol};

    /// An error with a message member, as generated code would write it.
    #[derive(Debug, Default, PartialEq, serde::Deserialize)]
    struct Throttled {
        #[serde(rename = "Message", alias = "message")]
        message: Option<String>,
        #[serde(rename = "Limit")]
        limit: Option<i32>,
    }

    impl ModeledError for Throttled {
        const CODE: &'static str = "Throttled";
        const FAULT: Fault = Fault::Client;
        const RETRYABLE: bool = true;
        const HTTP_STATUS: u16 = 429;

        fn message(&self) -> Option<&str> {
            self.message.as_deref()
        }

        fn message_mut(&mut self) -> Option<&mut Option<String>> {
            Some(&mut self.message)
        }
    }

    impl std::fmt::Display for Throttled {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            self.fmt_error(f)
        }
    }

    impl std::error::Error for Throttled {}

    /// An error whose model gives it no message member.
    #[derive(Debug, Default, PartialEq, serde::Deserialize)]
    struct Broken {}

    impl ModeledError for Broken {
        const CODE: &'static str = "Broken";
        const FAULT: Fault = Fault::Server;
        const RETRYABLE: bool = false;
        const HTTP_STATUS: u16 = 500;

        fn message(&self) -> Option<&str> {
            None
        }

        fn message_mut(&mut self) -> Option<&mut Option<String>> {
            None
        }
    }

    impl std::fmt::Display for Broken {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            self.fmt_error(f)
        }
    }

    impl std::error::Error for Broken {}

    const JSON: Protocol = Protocol::AwsJson1_1;

    #[test]
    fn a_body_is_read_and_its_own_message_wins() {
        let body = br#"{"Message":"slow down","Limit":5}"#;
        let error = Throttled::from_response_body(JSON, body, Some("elsewhere"));
        assert_eq!(
            error,
            Throttled {
                message: Some("slow down".to_owned()),
                limit: Some(5),
            }
        );
    }

    #[test]
    fn an_empty_or_unreadable_body_gives_no_members_and_the_message_found_elsewhere() {
        for body in [&b""[..], b"not json", br#"{"Limit":"five"}"#, b"[]"] {
            let error = Throttled::from_response_body(JSON, body, Some("m"));
            assert_eq!(error.message(), Some("m"), "{body:?}");
            assert_eq!(error.limit, None, "{body:?}");
            assert_eq!(
                Throttled::from_response_body(JSON, body, None),
                Throttled::default()
            );
        }
        assert_eq!(
            Throttled::from_response_body(Protocol::RpcV2Cbor, &[0xff], Some("m")).message(),
            Some("m")
        );
    }

    #[test]
    fn an_error_without_a_message_member_keeps_none() {
        let error = Broken::from_response_body(JSON, br#"{"message":"m"}"#, Some("m"));
        assert_eq!(
            (error.message(), error.to_string()),
            (None, "Broken".to_owned())
        );
    }

    #[test]
    fn display_is_the_code_and_the_message() {
        let error = Throttled {
            message: Some("slow down".to_owned()),
            limit: None,
        };
        assert_eq!(error.to_string(), "Throttled: slow down");
        assert_eq!(Throttled::default().to_string(), "Throttled");
    }

    #[test]
    fn retryable_when_marked_or_when_the_service_is_at_fault() {
        assert!(Throttled::default().is_retryable());
        assert!(Broken::default().is_retryable());
    }
}
