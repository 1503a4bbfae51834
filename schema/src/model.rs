//! The types of the schema: each as the core writes it, and as it reads it
//! where that differs (`<Name>Input`).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

/// Where a definition's references point.
const DEFS: &str = "#/$defs/";

/// Every type of the schema.
pub(crate) struct Model {
    /// As written (results), by name.
    pub(crate) results: BTreeMap<String, Value>,
    /// As read, by name, for the types read differently (`<Name>Input`).
    pub(crate) inputs: BTreeMap<String, Value>,
}

/// The type a reference names.
pub(crate) fn referenced(schema: &Value) -> Option<&str> {
    schema.get("$ref")?.as_str()?.strip_prefix(DEFS)
}

/// The names `schema` refers to.
fn references(schema: &Value, into: &mut BTreeSet<String>) {
    match schema {
        Value::Object(map) => {
            if let Some(name) = referenced(schema) {
                into.insert(name.to_owned());
            }
            map.values().for_each(|v| references(v, into));
        }
        Value::Array(items) => items.iter().for_each(|v| references(v, into)),
        _ => {}
    }
}

/// Whether `schema` itself (not through a reference) holds an instant.
fn has_instant(schema: &Value) -> bool {
    match schema {
        Value::Object(map) => {
            map.get("format").and_then(Value::as_str) == Some("date-time")
                || map.values().any(has_instant)
        }
        Value::Array(items) => items.iter().any(has_instant),
        _ => false,
    }
}

/// A description without its code examples: they are Rust, for the crate's
/// documentation, not for the declarations of another language.
pub(crate) fn prose(text: &str) -> String {
    let mut out = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if !in_code {
            out.push(line);
        }
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out.join("\n")
}

/// `schema` with every reference to a name in `renamed` pointing at its
/// `Input` form.
fn to_inputs(schema: &Value, renamed: &BTreeSet<String>) -> Value {
    match schema {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let v = match (k.as_str(), v.as_str().and_then(|r| r.strip_prefix(DEFS))) {
                        ("$ref", Some(name)) if renamed.contains(name) => {
                            Value::String(format!("{DEFS}{name}Input"))
                        }
                        _ => to_inputs(v, renamed),
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|v| to_inputs(v, renamed)).collect()),
        other => other.clone(),
    }
}

impl Model {
    /// The model of the definitions as written and as read.
    pub(crate) fn new(
        written: Map<String, Value>,
        read: Map<String, Value>,
        input_roots: &[&str],
    ) -> Self {
        let results: BTreeMap<String, Value> = written.into_iter().collect();
        let read: BTreeMap<String, Value> = read.into_iter().collect();
        // A type is read differently when its own schema differs, when it
        // holds an instant (which may be given as a `Date`), or when it
        // holds a type that is.
        let mut differ: BTreeSet<String> = read
            .iter()
            .filter(|(name, schema)| results.get(*name) != Some(*schema) || has_instant(schema))
            .map(|(name, _)| name.clone())
            .collect();
        loop {
            let more: Vec<String> = read
                .iter()
                .filter(|(name, schema)| {
                    let mut refs = BTreeSet::new();
                    references(schema, &mut refs);
                    !differ.contains(*name) && refs.iter().any(|r| differ.contains(r))
                })
                .map(|(name, _)| name.clone())
                .collect();
            if more.is_empty() {
                break;
            }
            differ.extend(more);
        }
        // Only the types the bindings read need their read form.
        let mut reachable: BTreeSet<String> = input_roots.iter().map(|r| (*r).to_owned()).collect();
        loop {
            let mut next = reachable.clone();
            for name in &reachable {
                if let Some(schema) = read.get(name) {
                    references(schema, &mut next);
                }
            }
            if next.len() == reachable.len() {
                break;
            }
            reachable = next;
        }
        differ.retain(|name| reachable.contains(name));
        let inputs = read
            .iter()
            .filter(|(name, _)| differ.contains(*name))
            .map(|(name, schema)| (format!("{name}Input"), to_inputs(schema, &differ)))
            .collect();
        Model { results, inputs }
    }

    /// The JSON Schema document: every type as a definition.
    pub(crate) fn schema(&self) -> Value {
        let defs: Map<String, Value> = self
            .results
            .iter()
            .chain(&self.inputs)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$comment": "Generated by `cargo run -p kubesight-schema` from the core's types: do not edit. Each type as the core writes it; `<Name>Input` where the core reads it differently.",
            "$defs": defs,
        })
    }
}
