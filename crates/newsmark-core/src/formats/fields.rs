//! What the readers share: where a reader is in its file ([`At`], which makes their
//! [`ImportError`]s), and the checks of a JSON field (newsmark/1, doccano, Label Studio):
//! that it is there, what it must hold, and the message when it holds something else
//! (`expected a string, found 3`).

use super::{Format, ImportError};
use chrono::NaiveDate;
use serde_json::{Map, Value};

/// Where a reader is in its file, for messages: a JSON path (`$.spans[2].start`) or a
/// line and what is on it (`line 3 dct`, `.ann line 4`).
#[derive(Debug, Clone)]
pub(crate) struct At {
    format: Format,
    path: String,
    /// What joins a field's name to the path: `.` in a JSON path, a space after a line.
    sep: &'static str,
}

impl At {
    /// The root of a JSON file, `$`.
    pub(crate) fn root(format: Format) -> At {
        At {
            format,
            path: "$".into(),
            sep: ".",
        }
    }

    /// Line `n` (from 1) of a line-oriented file: `line 3`.
    pub(crate) fn line(format: Format, n: usize) -> At {
        At::named(format, format!("line {n}"))
    }

    /// A place named in words (`.ann line 4`); its fields follow after a space.
    pub(crate) fn named(format: Format, place: impl Into<String>) -> At {
        At {
            format,
            path: place.into(),
            sep: " ",
        }
    }

    /// The field `key` here: `$.spans`, `line 3 dct`.
    pub(crate) fn field(&self, key: &str) -> At {
        At {
            path: format!("{}{}{key}", self.path, self.sep),
            ..self.clone()
        }
    }

    /// Item `i` (from 0) of the array here: `$.spans[2]`.
    pub(crate) fn index(&self, i: usize) -> At {
        At {
            path: format!("{}[{i}]", self.path),
            ..self.clone()
        }
    }

    /// The place as messages write it.
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    /// The error `message` here.
    pub(crate) fn err(&self, message: impl Into<String>) -> ImportError {
        ImportError::at(self.format, self.path.clone(), message)
    }
}

/// The field `key` (here `v`) read by `read`: an error at `at` when it is missing, at the
/// field when `read` refuses what it holds.
pub(crate) fn required<'v, T>(
    v: Option<&'v Value>,
    key: &str,
    at: &At,
    read: impl FnOnce(&'v Value) -> Result<T, String>,
) -> Result<T, ImportError> {
    match v {
        Some(v) => field(v, key, at, read),
        None => Err(at.err(format!("no \"{key}\" field"))),
    }
}

/// The field `key` (here `v`) read by `read`, or `None` when it is missing or null.
pub(crate) fn optional<'v, T>(
    v: Option<&'v Value>,
    key: &str,
    at: &At,
    read: impl FnOnce(&'v Value) -> Result<T, String>,
) -> Result<Option<T>, ImportError> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(v) => field(v, key, at, read).map(Some),
    }
}

/// The value `v` of field `key` read by `read`, or an error at the field.
pub(crate) fn field<'v, T>(
    v: &'v Value,
    key: &str,
    at: &At,
    read: impl FnOnce(&'v Value) -> Result<T, String>,
) -> Result<T, ImportError> {
    read(v).map_err(|m| at.field(key).err(m))
}

/// The message for a value that is not `what` was expected.
pub(crate) fn expected(what: &str, v: &Value) -> String {
    format!("expected {what}, found {}", short(v))
}

/// A string.
pub(crate) fn string(v: &Value) -> Result<&str, String> {
    v.as_str().ok_or_else(|| expected("a string", v))
}

/// An array, "an array" in messages.
pub(crate) fn array(v: &Value) -> Result<&[Value], String> {
    array_of(v, "an array")
}

/// An array, "a list" in messages.
pub(crate) fn list(v: &Value) -> Result<&[Value], String> {
    array_of(v, "a list")
}

/// An array (`what` names it in the message).
pub(crate) fn array_of<'v>(v: &'v Value, what: &str) -> Result<&'v [Value], String> {
    match v {
        Value::Array(a) => Ok(a),
        v => Err(expected(what, v)),
    }
}

/// An object.
pub(crate) fn object(v: &Value) -> Result<&Map<String, Value>, String> {
    v.as_object().ok_or_else(|| expected("an object", v))
}

/// A `YYYY-MM-DD` date (`what` names the expected value in the message).
pub(crate) fn date(v: &Value, what: &str) -> Result<NaiveDate, String> {
    match v {
        Value::String(s) => crate::extract::dct::parse_iso_date(s),
        v => Err(expected(what, v)),
    }
}

/// A JSON number as an offset, or a message saying why it is not one.
pub(crate) fn offset_of(v: &Value, what: &str) -> Result<usize, String> {
    match v.as_u64() {
        Some(n) => usize::try_from(n).map_err(|_| format!("{what} {n} is too large")),
        None => Err(format!(
            "{what} must be a non-negative integer, found {}",
            short(v)
        )),
    }
}

/// A JSON value shortened for messages.
pub(crate) fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

/// A serde_json parse error as a message with line and column.
pub(crate) fn json_error(format: Format, e: &serde_json::Error) -> ImportError {
    let what = match e.classify() {
        serde_json::error::Category::Eof => "the JSON ends too early (truncated?)",
        serde_json::error::Category::Syntax => "not valid JSON",
        serde_json::error::Category::Io => "could not read",
        serde_json::error::Category::Data => "unexpected JSON",
    };
    let msg = e.to_string();
    let detail = msg.split(" at line").next().unwrap_or(&msg);
    ImportError::at(
        format,
        format!("line {} column {}", e.line(), e.column()),
        format!("{what}: {detail}"),
    )
}
