//! The typed results of the Python package: a `Protocol` per object type
//! of the schema, whose properties are the fields a result record holds
//! (lists read as tuples, objects as records), and a type alias per other
//! type. Functions return records cast to these, so mypy and IDEs see the
//! fields.

use std::fmt::Write;

use serde_json::{Map, Value};

use crate::model::{prose, referenced, Model};

const PREAMBLE: &str = r#""""The shapes of kubesight's results, generated from the core's types by
``cargo run -p kubesight-schema``: do not edit.

Each result is a :class:`~kubesight.Record`; these protocols say which
fields it holds, for type checkers and editors. A list reads as a tuple, an
object as a record; a field marked ``Optional`` may be absent (read it with
``record.get(name)``) or ``None``.
"""

from __future__ import annotations

from typing import Any, Literal, Mapping, Optional, Protocol, Union


class Result(Protocol):
    """What every result record has besides its fields."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON-compatible form, a fresh copy."""
        ...

    def get(self, key: str, default: Any = None) -> Any:
        """A field by name, ``default`` when the record leaves it out."""
        ...

    def __getitem__(self, key: str) -> Any: ...
"#;

/// Python keywords and soft keywords a field may not be named as an attribute.
const KEYWORDS: [&str; 6] = ["from", "class", "in", "is", "not", "import"];

/// The Python type of a schema; `quote` puts references in quotes (in a
/// type alias, evaluated when the module loads, before later classes exist).
fn render(schema: &Value, quote: bool) -> String {
    let Some(map) = schema.as_object() else {
        return "Any".to_owned();
    };
    if let Some(name) = referenced(schema) {
        if map.contains_key("properties") {
            // A newtype variant of a tagged enum: the type and its tag.
            return "Mapping[str, Any]".to_owned();
        }
        return if quote {
            format!("{name:?}")
        } else {
            name.to_owned()
        };
    }
    if let Some(constant) = map.get("const") {
        return literal(std::slice::from_ref(constant));
    }
    if let Some(Value::Array(values)) = map.get("enum") {
        return literal(values);
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(Value::Array(variants)) = map.get(key) {
            return union(variants.iter().map(|v| render(v, quote)).collect());
        }
    }
    if let Some(Value::Array(all)) = map.get("allOf") {
        if let [one] = all.as_slice() {
            return render(one, quote);
        }
        return "Any".to_owned();
    }
    match map.get("type") {
        Some(Value::Array(types)) => union(
            types
                .iter()
                .filter_map(Value::as_str)
                .map(|t| primitive(t, map, quote))
                .collect(),
        ),
        Some(Value::String(t)) => primitive(t, map, quote),
        _ => "Any".to_owned(),
    }
}

fn literal(values: &[Value]) -> String {
    let strings: Vec<String> = values
        .iter()
        .map(|v| match v {
            Value::String(s) => format!("{s:?}"),
            Value::Bool(true) => "True".to_owned(),
            Value::Bool(false) => "False".to_owned(),
            Value::Null => "None".to_owned(),
            other => other.to_string(),
        })
        .collect();
    format!("Literal[{}]", strings.join(", "))
}

fn union(mut alternatives: Vec<String>) -> String {
    alternatives.dedup();
    // Literals of every alternative are one literal: `Literal["a", "b"]`.
    let literals: Option<Vec<&str>> = alternatives
        .iter()
        .map(|a| a.strip_prefix("Literal[")?.strip_suffix(']'))
        .collect();
    if let Some(values) = literals.filter(|v| v.len() > 1) {
        return format!("Literal[{}]", values.join(", "));
    }
    let nullable = alternatives.iter().any(|a| a == "None");
    alternatives.retain(|a| a != "None");
    let inner = match alternatives.len() {
        0 => return "None".to_owned(),
        1 => alternatives.remove(0),
        _ => format!("Union[{}]", alternatives.join(", ")),
    };
    if nullable {
        format!("Optional[{inner}]")
    } else {
        inner
    }
}

fn primitive(t: &str, map: &Map<String, Value>, quote: bool) -> String {
    match t {
        "string" => "str".to_owned(),
        "integer" => "int".to_owned(),
        "number" => "float".to_owned(),
        "boolean" => "bool".to_owned(),
        "null" => "None".to_owned(),
        "array" => match (map.get("prefixItems"), map.get("items")) {
            (Some(Value::Array(items)), _) => {
                let items: Vec<String> = items.iter().map(|v| render(v, quote)).collect();
                format!("tuple[{}]", items.join(", "))
            }
            (_, Some(items)) => format!("tuple[{}, ...]", render(items, quote)),
            _ => "tuple[Any, ...]".to_owned(),
        },
        "object" => match map.get("additionalProperties") {
            Some(values) if values.is_object() && map.get("properties").is_none() => {
                format!("Mapping[str, {}]", render(values, quote))
            }
            _ => "Mapping[str, Any]".to_owned(),
        },
        _ => "Any".to_owned(),
    }
}

/// A docstring body from a description, indented.
fn docstring(schema: &Value, indent: &str) -> Option<String> {
    let text = prose(schema.get("description")?.as_str()?);
    let text = text.replace('\\', "\\\\").replace("\"\"\"", "'''");
    let mut lines = text.lines();
    let first = lines.next()?;
    let rest: Vec<String> = lines
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{indent}{l}")
            }
        })
        .collect();
    Some(if rest.is_empty() {
        format!("{indent}\"\"\"{first}\"\"\"\n")
    } else {
        format!(
            "{indent}\"\"\"{first}\n{}\n{indent}\"\"\"\n",
            rest.join("\n")
        )
    })
}

fn is_required(schema: &Value, key: &str) -> bool {
    schema
        .get("required")
        .and_then(Value::as_array)
        .is_some_and(|r| r.iter().any(|k| k.as_str() == Some(key)))
}

/// A protocol named `name` with the fields of `schema` (on top of `bases`).
fn protocol(name: &str, bases: &[String], schema: &Value) -> String {
    let mut out = String::new();
    let mut parents = bases.to_vec();
    if parents.is_empty() {
        parents.push("Result".to_owned());
    }
    parents.push("Protocol".to_owned());
    let _ = writeln!(out, "class {name}({}):", parents.join(", "));
    out.push_str(&docstring(schema, "    ").unwrap_or_default());
    let properties = schema.get("properties").and_then(Value::as_object);
    for (key, field) in properties.into_iter().flatten() {
        if KEYWORDS.contains(&key.as_str()) {
            continue;
        }
        let mut t = render(field, false);
        if !is_required(schema, key) && !t.starts_with("Optional[") && t != "Any" {
            t = format!("Optional[{t}]");
        }
        match docstring(field, "        ") {
            Some(doc) => {
                let _ = writeln!(
                    out,
                    "    @property\n    def {key}(self) -> {t}:\n{doc}        ..."
                );
            }
            None => {
                let _ = writeln!(out, "    @property\n    def {key}(self) -> {t}: ...");
            }
        }
    }
    out
}

/// The variants of a tagged enum, each an object whose tag is a constant:
/// a protocol per variant, named by the enum and its tag
/// (`ReasonRegistryTrusted`), and the enum their union. `None` when a
/// variant is not such an object.
fn tagged_variants(name: &str, schema: &Value) -> Option<String> {
    let variants = schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))?
        .as_array()?;
    let mut out = String::new();
    let mut names = Vec::new();
    for variant in variants {
        let properties = variant.get("properties")?.as_object()?;
        let tag = properties
            .values()
            .find_map(|p| p.get("const").and_then(Value::as_str))?;
        let class = format!("{name}{}", pascal(tag));
        let bases: Vec<String> = referenced(variant).map(str::to_owned).into_iter().collect();
        out.push_str(&protocol(&class, &bases, variant));
        out.push_str("\n\n");
        names.push(format!("{class:?}"));
    }
    let _ = writeln!(out, "{name} = Union[{}]", names.join(", "));
    if let Some(doc) = docstring(schema, "") {
        out.push_str(&doc);
    }
    Some(out)
}

/// `registry_trusted` as `RegistryTrusted`.
fn pascal(code: &str) -> String {
    code.split(['_', '-'])
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// One definition: a protocol for an object with fields, a union of
/// protocols for a tagged enum, an alias otherwise.
fn definition(name: &str, schema: &Value) -> String {
    let properties = schema.get("properties").and_then(Value::as_object);
    let variants = ["oneOf", "anyOf", "allOf"]
        .iter()
        .any(|k| schema.get(*k).is_some());
    let out = match properties {
        Some(properties) if !variants && !properties.is_empty() => protocol(name, &[], schema),
        _ => match tagged_variants(name, schema) {
            Some(union) => union,
            None => {
                let mut out = format!("{name} = {}\n", render(schema, true));
                if let Some(doc) = docstring(schema, "") {
                    out.push_str(&doc);
                }
                out
            }
        },
    };
    out
}

/// The whole `types.py`: the results' types, as the core writes them.
pub(crate) fn protocols(model: &Model) -> String {
    let mut out = String::from(PREAMBLE);
    for (name, schema) in &model.results {
        out.push_str("\n\n");
        out.push_str(&definition(name, schema));
    }
    // Every name the module defines, variants of tagged enums included.
    let names: Vec<String> = out
        .lines()
        .filter_map(|line| {
            let name = line
                .strip_prefix("class ")
                .and_then(|l| l.split('(').next())
                .or_else(|| line.split_once(" = ").map(|(n, _)| n))?;
            name.chars()
                .all(|c| c.is_ascii_alphanumeric())
                .then(|| format!("    {name:?},"))
        })
        .collect();
    let _ = write!(out, "\n\n__all__ = [\n{}\n]\n", names.join("\n"));
    out
}
