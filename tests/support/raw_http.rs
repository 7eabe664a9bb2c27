//! A bare HTTP/1.1 client over TCP, for checking what the sandbox puts on the wire byte for byte.

#![allow(dead_code)]

use std::net::SocketAddr;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// What came back: `None` when the server closed the connection without sending a byte.
pub struct RawResponse {
    pub status: u16,
    pub head: String,
    pub body: String,
}

/// Sends one request with `Connection: close` and reads until the server closes.
pub async fn send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Option<RawResponse> {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut raw = Vec::new();
    // A reset instead of a clean close also counts as "nothing came back".
    let _ = stream.read_to_end(&mut raw).await;
    if raw.is_empty() {
        return None;
    }
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Some(RawResponse {
        status,
        head: head.to_string(),
        body: body.to_string(),
    })
}

/// A SigV4-shaped Authorization header naming `region` (the sandbox reads the scope, not the signature).
pub fn auth(region: &str, service: &str) -> String {
    format!(
        "AWS4-HMAC-SHA256 Credential=AKIDSANDBOXTEST/20240314/{region}/{service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000"
    )
}
