//! The AWS CLI's pagination, reproduced: follow `nextToken` to the end, or stop at `--max-items` and print a
//! CLI resume token (botocore's `PageIterator` and `TokenEncoder`, so tokens are interchangeable with the CLI's).

use std::future::Future;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use crate::cloud::CloudError;
use crate::domain::command::Paging;

/// One page of a list operation: its result-key items (already as CLI JSON) and the service's next token.
pub struct Page {
    pub items: Vec<Value>,
    pub next_token: Option<String>,
}

/// Everything the CLI prints for a paginated list: the items, and `NextToken` when `--max-items` cut it short.
pub struct Collected {
    pub items: Vec<Value>,
    pub resume_token: Option<String>,
}

/// Runs `fetch(token)` page after page the way botocore does, honouring max_items and starting_token.
pub async fn collect<F, Fut>(paging: &Paging, mut fetch: F) -> Result<Collected, CloudError>
where
    F: FnMut(Option<String>) -> Fut,
    Fut: Future<Output = Result<Page, CloudError>>,
{
    let (mut token, skip_first) = match &paging.starting_token {
        Some(t) => decode(t)?,
        None => (None, 0),
    };
    let mut items: Vec<Value> = Vec::new();
    let mut previous: Option<String> = None;
    let mut first = true;
    loop {
        let page = fetch(token.clone()).await?;
        let mut page_items = page.items;
        // A resume token cut in the middle of a page says how many of that page were already printed.
        let starting_truncation = if first { skip_first } else { 0 };
        if first {
            page_items.drain(..skip_first.min(page_items.len()));
            first = false;
        }
        if let Some(max) = paging.max_items {
            let total = items.len() + page_items.len();
            if total > max {
                let keep = page_items.len() - (total - max);
                page_items.truncate(keep);
                items.extend(page_items);
                return Ok(Collected {
                    items,
                    resume_token: Some(encode(token.as_deref(), Some(keep + starting_truncation))),
                });
            }
        }
        items.extend(page_items);
        let next = match page.next_token.filter(|t| !t.is_empty()) {
            None => break,
            Some(next) => next,
        };
        if paging.max_items == Some(items.len()) {
            return Ok(Collected {
                items,
                resume_token: Some(encode(Some(&next), None)),
            });
        }
        if previous.as_deref() == Some(next.as_str()) {
            return Err(CloudError::Service {
                code: "PaginationError".into(),
                message: format!("the same next token was received twice: {next}"),
            });
        }
        previous = Some(next.clone());
        token = Some(next);
    }
    Ok(Collected {
        items,
        resume_token: None,
    })
}

/// botocore's resume token: base64 of Python's `json.dumps({"nextToken": …[, "boto_truncate_amount": n]})`.
pub fn encode(next_token: Option<&str>, truncate_amount: Option<usize>) -> String {
    let token = match next_token {
        Some(t) => python_json_string(t),
        None => "null".to_string(),
    };
    let json = match truncate_amount {
        Some(n) => format!("{{\"nextToken\": {token}, \"boto_truncate_amount\": {n}}}"),
        None => format!("{{\"nextToken\": {token}}}"),
    };
    STANDARD.encode(json)
}

/// A resume token back into the service token to send and how many items of that page to skip.
pub fn decode(token: &str) -> Result<(Option<String>, usize), CloudError> {
    let bad = || CloudError::Validation {
        code: "InvalidStartingToken".into(),
        message: format!("Bad starting token: {token}"),
    };
    let bytes = STANDARD.decode(token.trim()).map_err(|_| bad())?;
    let value: Value = serde_json::from_slice(&bytes).map_err(|_| bad())?;
    let object = value.as_object().ok_or_else(bad)?;
    let next = match object.get("nextToken") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Null) | None => None,
        Some(_) => return Err(bad()),
    };
    let skip = match object.get("boto_truncate_amount") {
        Some(n) => n.as_u64().ok_or_else(bad)? as usize,
        None => 0,
    };
    Ok((next, skip))
}

/// A JSON string as Python's `json.dumps` writes it (ASCII only: everything else as `\uXXXX`).
fn python_json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tokens_match_botocore_byte_for_byte() {
        // base64 of `{"nextToken": "abc"}`, as the AWS CLI prints it.
        assert_eq!(encode(Some("abc"), None), "eyJuZXh0VG9rZW4iOiAiYWJjIn0=");
        assert_eq!(
            encode(None, Some(2)),
            STANDARD.encode("{\"nextToken\": null, \"boto_truncate_amount\": 2}")
        );
        assert_eq!(python_json_string("é\""), "\"\\u00e9\\\"\"");
    }

    #[test]
    fn tokens_round_trip_and_garbage_is_a_validation_error() {
        assert_eq!(
            decode(&encode(Some("t1"), Some(3))),
            Ok((Some("t1".into()), 3))
        );
        assert_eq!(decode(&encode(None, None)), Ok((None, 0)));
        assert!(matches!(decode("!!!"), Err(CloudError::Validation { .. })));
    }

    /// Pages of `[0,1,2] [3,4,5] [6]` behind tokens "p1", "p2".
    async fn run(paging: Paging) -> Collected {
        let pages = [
            (vec![0, 1, 2], Some("p1")),
            (vec![3, 4, 5], Some("p2")),
            (vec![6], None),
        ];
        let result = collect(&paging, |token| {
            let index = match token.as_deref() {
                None => 0,
                Some("p1") => 1,
                _ => 2,
            };
            let (items, next) = pages[index].clone();
            async move {
                Ok(Page {
                    items: items.into_iter().map(|i| json!(i)).collect(),
                    next_token: next.map(String::from),
                })
            }
        })
        .await;
        match result {
            Ok(c) => c,
            Err(e) => panic!("paging failed: {e}"),
        }
    }

    #[tokio::test]
    async fn follows_every_page_without_max_items() {
        let c = run(Paging::default()).await;
        assert_eq!(c.items, (0..7).map(|i| json!(i)).collect::<Vec<_>>());
        assert_eq!(c.resume_token, None);
    }

    #[tokio::test]
    async fn max_items_mid_page_then_resume_continues_exactly() {
        let first = run(Paging {
            max_items: Some(4),
            ..Paging::default()
        })
        .await;
        assert_eq!(first.items, vec![json!(0), json!(1), json!(2), json!(3)]);
        let token = first.resume_token.clone().unwrap_or_default();
        assert_eq!(decode(&token), Ok((Some("p1".into()), 1)));
        let rest = run(Paging {
            starting_token: Some(token),
            ..Paging::default()
        })
        .await;
        assert_eq!(rest.items, vec![json!(4), json!(5), json!(6)]);
    }

    #[tokio::test]
    async fn max_items_on_a_page_boundary_resumes_at_the_next_page() {
        let c = run(Paging {
            max_items: Some(3),
            ..Paging::default()
        })
        .await;
        assert_eq!(c.items.len(), 3);
        assert_eq!(c.resume_token, Some(encode(Some("p1"), None)));
    }
}
