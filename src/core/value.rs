//! A plain JSON-like value: what `storage.local` holds, as the core sees it.
//!
//! The shell builds it straight from the `JsValue` storage returns, so the
//! wasm needs no JSON or serde machinery for storage (that machinery was a
//! large share of the download that every Facebook page pays for).

use crate::core::map::Map;
use crate::prelude::*;

#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(Map<Value>),
}

impl Value {
    pub fn as_object(&self) -> Option<&Map<Value>> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// A whole, non-negative number that fits `u64` exactly.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            // (`as` then back: `f64::fract` is std's, and the wasm build is no_std.)
            Value::Number(n) if *n >= 0.0 && *n <= 9_007_199_254_740_991.0 && (*n as u64) as f64 == *n => {
                Some(*n as u64)
            }
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn object<const N: usize>(entries: [(&str, Value); N]) -> Value {
        // Inserted one by one: collecting into a map sorts (more wasm code).
        let mut o = Map::new();
        for (k, v) in entries {
            o.insert(k.to_string(), v);
        }
        Value::Object(o)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_string())
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<u32> for Value {
    fn from(n: u32) -> Value {
        Value::Number(n.into())
    }
}

/// Tests and fuzzing describe storage contents as JSON; the extension itself
/// never needs this (nor serde_json for storage).
#[cfg(any(test, not(target_arch = "wasm32")))]
impl From<&serde_json::Value> for Value {
    fn from(v: &serde_json::Value) -> Value {
        match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
            serde_json::Value::String(s) => Value::String(s.clone()),
            serde_json::Value::Array(a) => Value::Array(a.iter().map(Value::from).collect()),
            serde_json::Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.clone(), Value::from(v))).collect()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_whole_and_safe_to_be_u64() {
        assert_eq!(Value::Number(4.0).as_u64(), Some(4));
        assert_eq!(Value::Number(4.5).as_u64(), None);
        assert_eq!(Value::Number(-1.0).as_u64(), None);
        assert_eq!(Value::Number(f64::NAN).as_u64(), None);
        assert_eq!(Value::Number(1e300).as_u64(), None);
        assert_eq!(Value::from(&serde_json::json!({"a": [1, "x", null, true]})).as_object().map(|o| o.len()), Some(1));
    }
}
