//! The AWS CLI's shorthand syntax (`key=value,list=[a,b],nested={k=v}`) read into untyped JSON.

// Every scalar comes out as a JSON string; the shape of the option turns strings into numbers, booleans
// and timestamps afterwards (see `shape.rs`), as botocore does. `key=a,b` makes a list when what follows
// the comma is not another `key=`; values may be quoted with `'…'` or `"…"`; `\,` is a literal comma.

use serde_json::{Map, Value};

/// Reads one shorthand word, e.g. `key=status,condition={equals={stringValues=[OPEN]}}`.
pub fn parse_shorthand(text: &str) -> Result<Value, String> {
    let mut reader = Reader {
        chars: text.chars().collect(),
        at: 0,
    };
    let map = reader.pairs(None)?;
    reader.skip_space();
    match reader.peek() {
        None => Ok(Value::Object(map)),
        Some(c) => Err(format!(
            "unexpected {c} at character {} of the shorthand",
            reader.at + 1
        )),
    }
}

/// Whether `text` is a plain shorthand scalar that needs no quoting inside braces or brackets.
pub fn is_bare_scalar(text: &str) -> bool {
    !text.is_empty()
        && text.trim() == text
        && !text
            .chars()
            .any(|c| ",=[]{}'\"\\".contains(c) || c.is_whitespace())
}

struct Reader {
    chars: Vec<char>,
    at: usize,
}

impl Reader {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }

    fn expect(&mut self, wanted: char) -> Result<(), String> {
        self.skip_space();
        match self.peek() {
            Some(c) if c == wanted => {
                self.at += 1;
                Ok(())
            }
            Some(c) => Err(format!(
                "expected {wanted} but found {c} at character {} of the shorthand",
                self.at + 1
            )),
            None => Err(format!("expected {wanted} but the shorthand ended")),
        }
    }

    /// `key=value` pairs separated by commas, up to `close` (or the end when `close` is `None`).
    fn pairs(&mut self, close: Option<char>) -> Result<Map<String, Value>, String> {
        let mut map = Map::new();
        self.skip_space();
        if close.is_some() && self.peek() == close {
            return Ok(map);
        }
        loop {
            let key = self.key()?;
            self.expect('=')?;
            let value = self.value(close)?;
            if map.insert(key.clone(), value).is_some() {
                return Err(format!("{key} is given twice in the shorthand"));
            }
            self.skip_space();
            if self.peek() == Some(',') {
                self.at += 1;
                continue;
            }
            return Ok(map);
        }
    }

    fn key(&mut self) -> Result<String, String> {
        self.skip_space();
        let start = self.at;
        while self
            .peek()
            .is_some_and(|c| c.is_alphanumeric() || "_-.:".contains(c))
        {
            self.at += 1;
        }
        if self.at == start {
            return Err(match self.peek() {
                Some(c) => format!(
                    "expected a key=value pair but found {c} at character {} of the shorthand",
                    self.at + 1
                ),
                None => "expected a key=value pair but the shorthand ended".to_string(),
            });
        }
        Ok(self.chars[start..self.at].iter().collect())
    }

    /// The value after `key=`: a list, a map, or one scalar with comma continuation into a list.
    fn value(&mut self, close: Option<char>) -> Result<Value, String> {
        self.skip_space();
        match self.peek() {
            Some('[') => self.list(),
            Some('{') => self.map(),
            _ => {
                let first = self.scalar(close)?;
                let mut items = vec![first];
                while self.peek() == Some(',') && !self.next_is_key() {
                    self.at += 1;
                    items.push(self.scalar(close)?);
                }
                Ok(if items.len() == 1 {
                    items.remove(0)
                } else {
                    Value::Array(items)
                })
            }
        }
    }

    /// After a comma: does `key=` follow (a new pair) rather than another list item?
    fn next_is_key(&self) -> bool {
        let mut i = self.at + 1;
        while self.chars.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        let start = i;
        while self
            .chars
            .get(i)
            .is_some_and(|c| c.is_alphanumeric() || "_-.:".contains(*c))
        {
            i += 1;
        }
        i > start && self.chars.get(i) == Some(&'=')
    }

    fn list(&mut self) -> Result<Value, String> {
        self.expect('[')?;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(']') {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_space();
            let item = match self.peek() {
                Some('[') => self.list()?,
                Some('{') => self.map()?,
                _ => self.scalar(Some(']'))?,
            };
            items.push(item);
            self.skip_space();
            match self.peek() {
                Some(',') => self.at += 1,
                _ => {
                    self.expect(']')?;
                    return Ok(Value::Array(items));
                }
            }
        }
    }

    fn map(&mut self) -> Result<Value, String> {
        self.expect('{')?;
        let map = self.pairs(Some('}'))?;
        self.expect('}')?;
        Ok(Value::Object(map))
    }

    /// A quoted or bare scalar; a bare one ends at `,`, at `close`, or at `]`/`}`.
    fn scalar(&mut self, close: Option<char>) -> Result<Value, String> {
        self.skip_space();
        if let Some(quote @ ('\'' | '"')) = self.peek() {
            self.at += 1;
            let mut text = String::new();
            loop {
                match self.peek() {
                    None => return Err(format!("unterminated {quote} in the shorthand")),
                    Some('\\') if matches!(self.chars.get(self.at + 1), Some(&c) if c == quote || c == '\\') =>
                    {
                        text.push(self.chars[self.at + 1]);
                        self.at += 2;
                    }
                    Some(c) if c == quote => {
                        self.at += 1;
                        return Ok(Value::String(text));
                    }
                    Some(c) => {
                        text.push(c);
                        self.at += 1;
                    }
                }
            }
        }
        let mut text = String::new();
        while let Some(c) = self.peek() {
            if c == ',' || Some(c) == close || c == ']' || c == '}' {
                break;
            }
            if c == '\\' && self.chars.get(self.at + 1) == Some(&',') {
                text.push(',');
                self.at += 2;
                continue;
            }
            text.push(c);
            self.at += 1;
        }
        Ok(Value::String(text.trim().to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(text: &str) -> Value {
        parse_shorthand(text).unwrap_or_else(|e| json!({ "error": e }))
    }

    #[test]
    fn key_value_pairs() {
        assert_eq!(parse("a=1,b=two"), json!({"a": "1", "b": "two"}));
    }

    #[test]
    fn nested_braces_and_lists() {
        assert_eq!(
            parse("key=status,condition={equals={stringValues=[OPEN,RESOLVED]}}"),
            json!({"key": "status", "condition": {"equals": {"stringValues": ["OPEN", "RESOLVED"]}}})
        );
        assert_eq!(
            parse(
                "itemToAdd={identifier={type=OTHER,value={url=https://example.com/a?b=c}},title=Runbook}"
            ),
            json!({"itemToAdd": {"identifier": {"type": "OTHER", "value": {"url": "https://example.com/a?b=c"}}, "title": "Runbook"}})
        );
    }

    #[test]
    fn comma_continuation_makes_a_list_until_the_next_key() {
        assert_eq!(
            parse("chatbotSns=arn:a,arn:b"),
            json!({"chatbotSns": ["arn:a", "arn:b"]})
        );
        assert_eq!(parse("a=x,y,b=z"), json!({"a": ["x", "y"], "b": "z"}));
    }

    #[test]
    fn empty_map_and_list() {
        assert_eq!(parse("empty={}"), json!({"empty": {}}));
        assert_eq!(parse("l=[]"), json!({"l": []}));
    }

    #[test]
    fn quoted_values_and_escaped_commas() {
        assert_eq!(parse("title='a, b=c'"), json!({"title": "a, b=c"}));
        assert_eq!(parse(r#"t="say \"hi\"""#), json!({"t": "say \"hi\""}));
        assert_eq!(parse(r"t=a\,b"), json!({"t": "a,b"}));
    }

    #[test]
    fn malformed_shorthand_is_an_error() {
        for text in ["", "novalue", "a={b=1", "a=[1,2", "a=1}", "=x", "a=1,a=2"] {
            assert!(parse_shorthand(text).is_err(), "{text}");
        }
    }
}
