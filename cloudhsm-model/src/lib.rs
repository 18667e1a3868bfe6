//! Validated, serde-ready shapes of the AWS CloudHSM V2 backup operations
//! `ModifyBackupAttributes` and `CopyBackupToRegion`, generated at build time from the Smithy
//! model in `model/`.
//!
//! - [`types`]: nested structures and enums; [`types::error`]: the errors operations name,
//!   each a [`ModeledError`](runtime::ModeledError) (its code, fault, HTTP status and
//!   message).
//! - [`operation`]: per operation, an input that is valid by construction (its builder and
//!   its `Deserialize` check every constraint) and a lenient output.
//! - [`service`]: the request pipeline (`parse_request`) and the protocols the service
//!   speaks: awsJson1_1, the default, and Smithy RPC v2 CBOR; every wire method has an `_in`
//!   form taking a [`runtime::wire::Protocol`], and [`runtime::cbor`] is the CBOR codec.
//! - With the `http` feature: `service::parse_http_request` reads an `http::Request`, each
//!   operation's `parse_http_response` an `http::Response`, and the runtime's wire parts
//!   convert to and from both (`runtime::wire::HttpError` when `http` refuses a header).
//! - Forward-compatible clients: an input builder's `build_unchecked()` sends members the
//!   model's constraints refuse, as a [`runtime::wire::UncheckedInput`] that is not the
//!   input type; the inputs themselves stay valid by construction.
//! - [`runtime`]: the `model-runtime` crate the generated code builds on, re-exported:
//!   [`ValidationErrors`](runtime::ValidationErrors), which lists every violation and renders
//!   as the AWS service would, the traits [`OperationInput`](runtime::OperationInput) and
//!   [`ModeledError`](runtime::ModeledError), timestamps and the wire types.
//!
//! ```
//! use cloudhsm_model::operation::copy_backup_to_region::CopyBackupToRegionInput;
//!
//! let input = CopyBackupToRegionInput::builder()
//!     .backup_id("backup-abcdefghijk")
//!     .destination_region("us-west-2")
//!     .build()?;
//! assert_eq!(
//!     serde_json::to_string(&input)?,
//!     r#"{"DestinationRegion":"us-west-2","BackupId":"backup-abcdefghijk"}"#
//! );
//!
//! let errors = CopyBackupToRegionInput::builder().backup_id("nope").build().unwrap_err();
//! assert_eq!(
//!     errors.to_string(),
//!     "2 validation errors detected: \
//!      Value null at 'destinationRegion' failed to satisfy constraint: Member must not be null; \
//!      Value 'nope' at 'backupId' failed to satisfy constraint: \
//!      Member must satisfy regular expression pattern: ^backup-[2-7a-zA-Z]{11,16}$"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Test fixtures (the `proptest` feature)
//!
//! `strategies` (with `features = ["proptest"]`) generates valid values of every shape,
//! `Arbitrary` operation inputs and outputs, and in `strategies::invalid` request bodies that
//! break exactly one constraint, paired with the violation to expect. A downstream test of a
//! request pipeline might read:
//!
//! ```
//! # #[cfg(feature = "proptest")] {
//! use cloudhsm_model::operation::copy_backup_to_region::CopyBackupToRegionInput;
//! use cloudhsm_model::runtime::wire::RequestError;
//! use cloudhsm_model::{service, strategies};
//! use proptest::prelude::*;
//!
//! proptest! {
//!     // In a real suite these carry #[test].
//!     fn pipeline_accepts_every_valid_request(input in any::<CopyBackupToRegionInput>()) {
//!         let request = input.to_http_request();
//!         prop_assert!(service::parse_request(&request.path, &request.headers, &request.body).is_ok());
//!     }
//!
//!     fn pipeline_rejects_each_broken_constraint(
//!         (body, expected) in strategies::invalid::copy_backup_to_region_input()
//!     ) {
//!         let headers = [
//!             ("Content-Type", service::CONTENT_TYPE),
//!             ("X-Amz-Target", "BaldrApiService.CopyBackupToRegion"),
//!         ];
//!         let body = serde_json::to_vec(&body).unwrap_or_default();
//!         match service::parse_request("/", &headers, &body) {
//!             Err(RequestError::Validation(errors)) => {
//!                 prop_assert!(expected.matches(&errors.violations()[0]));
//!             }
//!             other => prop_assert!(false, "not rejected: {:?}", other),
//!         }
//!     }
//! }
//! pipeline_accepts_every_valid_request();
//! pipeline_rejects_each_broken_constraint();
//! # }
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

/// The runtime generated code builds on: the `model-runtime` crate, re-exported so users of
/// this crate need no second dependency to name its items.
pub use model_runtime as runtime;

include!(concat!(env!("OUT_DIR"), "/cloudhsm_model.rs"));
