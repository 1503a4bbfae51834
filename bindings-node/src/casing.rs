//! camelCase and snake_case: JavaScript's field names and the serde form's.

/// `runningImages` as `running_images`.
pub(crate) fn snake(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `running_images` as `runningImages`.
pub(crate) fn camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// An error's details with every key in camelCase: their keys are the
/// fields of the error (and of its cause, nested), never data.
pub(crate) fn camel_details(
    details: serde_json::Map<String, serde_json::Value>,
) -> serde_json::Map<String, serde_json::Value> {
    details
        .into_iter()
        .map(|(k, v)| {
            let v = match v {
                serde_json::Value::Object(nested) => {
                    serde_json::Value::Object(camel_details(nested))
                }
                other => other,
            };
            (camel(&k), v)
        })
        .collect()
}
