//! Checking a CA bundle (PEM) the way the TLS layer will read it, so a bad file is an error here, not a panic there.

use rustls::RootCertStore;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

/// Each certificate of the bundle as its own PEM block; an error names what is wrong with the file.
pub fn certificates(pem: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let ders = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("is not a PEM file: {e}"))?;
    if ders.is_empty() {
        return Err("holds no certificate".into());
    }
    let mut roots = RootCertStore::empty();
    ders.iter()
        .enumerate()
        .map(|(index, der)| {
            roots.add(der.clone()).map_err(|e| {
                format!(
                    "holds an unreadable certificate (number {}): {e}",
                    index + 1
                )
            })?;
            Ok(pem_block(der))
        })
        .collect()
}

fn pem_block(der: &CertificateDer<'_>) -> Vec<u8> {
    use base64::Engine;
    let body = base64::engine::general_purpose::STANDARD.encode(der.as_ref());
    let mut out = String::from("-----BEGIN CERTIFICATE-----\n");
    for line in body.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(line));
        out.push('\n');
    }
    out.push_str("-----END CERTIFICATE-----\n");
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_and_empty_files_are_refused_with_a_reason() {
        assert!(certificates(b"").is_err());
        assert!(certificates(b"hello").is_err());
        let broken = b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        let err = certificates(broken).expect_err("not a certificate");
        assert!(err.contains("unreadable"), "{err}");
    }
}
