//! Reading JSON bodies. Every JSON protocol and every side (a request's input, a response's
//! output or error) reads through [`from_json_body`], so how a body's UTF-8 is checked is
//! decided once, here.

/// Reads a value from a JSON body. The whole body's UTF-8 is checked once up front, which
/// costs less than serde_json checking each string as it goes (about a tenth of parsing a
/// string-heavy body). A body that is not UTF-8 is read as bytes, so what happens to it (the
/// error, or invalid bytes inside an unknown member that is skipped) is exactly serde_json's.
pub fn from_json_body<'a, T: serde::Deserialize<'a>>(body: &'a [u8]) -> serde_json::Result<T> {
    match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(body),
    }
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Named {
        name: String,
    }

    #[test]
    fn a_body_reads_the_same_whether_or_not_it_is_utf8() {
        let bodies: [&[u8]; 5] = [
            br#"{"name":"z\u00fcrich"}"#,
            "{\"name\":\"zürich\"}".as_bytes(),
            b"{\"name\":\"\xff\"}",
            b"{\"skipped\":\"\xff\",\"name\":\"n\"}",
            b"{\"name\":\"n\"\xff}",
        ];
        for body in bodies {
            let ours = super::from_json_body::<Named>(body).map_err(|e| e.to_string());
            let plain = serde_json::from_slice::<Named>(body).map_err(|e| e.to_string());
            assert_eq!(ours, plain, "{}", String::from_utf8_lossy(body));
        }
    }
}
