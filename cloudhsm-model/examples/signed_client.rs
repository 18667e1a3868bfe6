//! A client of the pipeline server (or of any endpoint speaking CloudHSM V2's awsJson1_1):
//! build a `ModifyBackupAttributes` request, turn it into an `http::Request` (the `http`
//! feature), sign it with SigV4 (`aws-sigv4`), send it with hyper, and read the typed output.
//!
//! ```sh
//! cargo run -p cloudhsm-model --example pipeline_server   # prints its URL
//! cargo run -p cloudhsm-model --example signed_client -- http://127.0.0.1:PORT
//! ```
//!
//! It prints the output as JSON. The credentials are AWS's documented example keys unless
//! `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` are set; the pipeline server accepts any
//! signature.

use std::error::Error;
use std::time::SystemTime;

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use cloudhsm_model::operation::modify_backup_attributes::{
    self, ModifyBackupAttributesInput, ModifyBackupAttributesOutput,
};
use cloudhsm_model::runtime::http;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;

/// Errors of any step, for `?`.
pub type BoxError = Box<dyn Error + Send + Sync>;

/// The signing name in the model's `aws.auth#sigv4` trait.
const SIGNING_NAME: &str = "cloudhsm";

fn main() -> Result<(), BoxError> {
    let Some(endpoint) = std::env::args().nth(1) else {
        return Err("usage: signed_client <endpoint URL, e.g. http://127.0.0.1:PORT>".into());
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let output = runtime.block_on(modify_backup(&endpoint, "backup-abcdefghijk"))?;
    println!("{}", serde_json::to_string(&output)?);
    Ok(())
}

/// Sets `NeverExpires` on `backup_id` at `endpoint`, signed, and reads the typed output (a
/// typed error if the service answers with one).
pub async fn modify_backup(
    endpoint: &str,
    backup_id: &str,
) -> Result<ModifyBackupAttributesOutput, BoxError> {
    let input = ModifyBackupAttributesInput::builder()
        .backup_id(backup_id)
        .never_expires(true)
        .build()?;
    let mut request: http::Request<Vec<u8>> =
        input.to_http_request().into_http_request(endpoint)?;
    sign_request(&mut request, "us-east-1")?;
    let response = send(request).await?;
    Ok(modify_backup_attributes::parse_http_response(&response)?)
}

/// Adds SigV4's `Authorization` and `X-Amz-Date` headers for `region`.
pub fn sign_request(request: &mut http::Request<Vec<u8>>, region: &str) -> Result<(), BoxError> {
    let credentials = match (
        std::env::var("AWS_ACCESS_KEY_ID"),
        std::env::var("AWS_SECRET_ACCESS_KEY"),
    ) {
        (Ok(key), Ok(secret)) => Credentials::new(key, secret, None, None, "environment"),
        _ => Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            None,
            None,
            "example",
        ),
    };
    let identity = credentials.into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(SIGNING_NAME)
        .time(SystemTime::now())
        .settings(SigningSettings::default())
        .build()?
        .into();
    let headers = request
        .headers()
        .iter()
        .map(|(name, value)| Ok((name.as_str(), value.to_str()?)))
        .collect::<Result<Vec<_>, http::header::ToStrError>>()?;
    let uri = request.uri().to_string();
    let signable = SignableRequest::new(
        request.method().as_str(),
        uri,
        headers.into_iter(),
        SignableBody::Bytes(request.body()),
    )?;
    let (instructions, _signature) = sign(signable, &params)?.into_parts();
    instructions.apply_to_request_http1x(request);
    Ok(())
}

/// Sends one request over a fresh HTTP/1.1 connection to the request's host and reads the
/// whole response.
pub async fn send(request: http::Request<Vec<u8>>) -> Result<http::Response<Bytes>, BoxError> {
    let authority = request
        .uri()
        .authority()
        .ok_or("the request has no host")?
        .as_str()
        .to_owned();
    let stream = tokio::net::TcpStream::connect(authority).await?;
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    let response = sender
        .send_request(request.map(Full::<Bytes>::from))
        .await?;
    let (parts, body) = response.into_parts();
    let body = body.collect().await?.to_bytes();
    Ok(http::Response::from_parts(parts, body))
}
