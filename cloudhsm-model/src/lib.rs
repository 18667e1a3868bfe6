//! Validated, serde-ready shapes of the AWS CloudHSM V2 backup operations
//! `ModifyBackupAttributes` and `CopyBackupToRegion`, generated at build time from the Smithy
//! model in `model/`.
//!
//! - [`types`]: nested structures and enums; [`types::error`]: the errors operations name.
//! - [`operation`]: per operation, an input that is valid by construction (its builder and
//!   its `Deserialize` check every constraint) and a lenient output.
//! - [`error`]: [`ValidationErrors`](error::ValidationErrors), which lists every violation
//!   and renders as the AWS service would.
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

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod runtime;

include!(concat!(env!("OUT_DIR"), "/cloudhsm_model.rs"));

/// Validation errors: every broken constraint with its path, in AWS's message format.
pub mod error {
    pub use crate::runtime::{Constraint, InputError, PathSegment, ValidationErrors, Violation};
}

pub use runtime::{DateTime, OperationInput};
