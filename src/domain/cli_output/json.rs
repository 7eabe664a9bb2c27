//! JSON exactly as Python's `json.dumps(value, indent=4, ensure_ascii=False)` writes it.

use serde_json::{Number, Value};

/// Four-space indent, `": "` after keys, `[]`/`{}` for empty containers, keys in the value's order,
/// floats in Python's `repr` form (`1680294600.0`, `1e-05`, `1e+16`).
pub fn to_python_json(value: &Value) -> String {
    let mut out = String::new();
    write_value(value, 0, &mut out);
    out
}

fn write_value(value: &Value, depth: usize, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&python_number(n)),
        Value::String(s) => out.push_str(&quoted(s)),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                indent(depth + 1, out);
                write_value(item, depth + 1, out);
            }
            out.push('\n');
            indent(depth, out);
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                indent(depth + 1, out);
                out.push_str(&quoted(key));
                out.push_str(": ");
                write_value(item, depth + 1, out);
            }
            out.push('\n');
            indent(depth, out);
            out.push('}');
        }
    }
}

fn indent(depth: usize, out: &mut String) {
    out.extend(std::iter::repeat_n("    ", depth));
}

/// serde_json escapes the same characters as Python with `ensure_ascii=False`: `"`, `\`, and control
/// characters (`\n`, `\t`, … and `\u001f` style for the rest).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}

/// Integers as digits; floats as Python's `repr`.
pub fn python_number(number: &Number) -> String {
    match number.as_f64() {
        Some(f) if number.is_f64() => python_float(f),
        _ => number.to_string(),
    }
}

/// Python's `repr(float)`: the shortest digits that round-trip, positional when the decimal exponent is
/// in -4..16 (always with a fraction, `1.0`), scientific otherwise (`1e-05`, `1.5e+16`).
pub fn python_float(f: f64) -> String {
    if !f.is_finite() {
        return if f.is_nan() {
            "NaN".into()
        } else if f > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        };
    }
    let scientific = format!("{f:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if (-4..16).contains(&exponent) {
        let point = exponent + 1;
        if point <= 0 {
            let zeros = "0".repeat(point.unsigned_abs() as usize);
            return format!("{sign}0.{zeros}{digits}");
        }
        let point = point as usize;
        let whole: String = if digits.len() >= point {
            digits[..point].to_string()
        } else {
            format!("{digits}{}", "0".repeat(point - digits.len()))
        };
        let fraction = digits.get(point..).filter(|f| !f.is_empty()).unwrap_or("0");
        return format!("{sign}{whole}.{fraction}");
    }
    let exponent_sign = if exponent < 0 { '-' } else { '+' };
    format!(
        "{sign}{mantissa}e{exponent_sign}{:02}",
        exponent.unsigned_abs()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn floats_like_python_repr() {
        let cases = [
            (1_680_294_600.0, "1680294600.0"),
            (1_680_294_600.123, "1680294600.123"),
            (0.0, "0.0"),
            (-0.5, "-0.5"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (123_456_789_012_345.6, "123456789012345.6"),
            (1e100, "1e+100"),
        ];
        for (f, text) in cases {
            assert_eq!(python_float(f), text, "{f}");
        }
    }

    #[test]
    fn four_space_indent_and_empty_containers() {
        let value = json!({"a": [1, {"b": []}], "c": {}, "d": "é\n"});
        assert_eq!(
            to_python_json(&value),
            "{\n    \"a\": [\n        1,\n        {\n            \"b\": []\n        }\n    ],\n    \"c\": {},\n    \"d\": \"é\\n\"\n}"
        );
    }
}
