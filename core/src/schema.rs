//! JSON Schemas of the types whose serde form is written by hand: a
//! reference, an image id, a digest and a time zone are strings, trusted
//! registries a list of patterns, a tag class its rule with what follows
//! from it. The derived types' schemas come from their serde attributes.
//! A reference and an image id are named for their string form
//! (`ImageRefString`), apart from the bindings' classes of the same name.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

macro_rules! string_schema {
    ($($t:ty => $name:literal, $description:literal;)*) => {$(
        impl JsonSchema for $t {
            fn schema_name() -> Cow<'static, str> {
                $name.into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({"type": "string", "description": $description})
            }
        }
    )*};
}

string_schema! {
    crate::ImageRef => "ImageRefString",
        "An image reference, normalised (`docker.io/library/nginx:1.25`); read as written in a Pod spec.";
    crate::ImageId => "ImageIdString",
        "A runtime image id as a container runtime reports it (`docker-pullable://nginx@sha256:…`).";
    crate::Digest => "Digest",
        "A content digest, `algorithm:hex` (`sha256:…`).";
    crate::trend::DayZone => "DayZone",
        "An IANA time zone name (`UTC`, `Europe/Berlin`).";
}

impl JsonSchema for crate::integrity::TrustedRegistries {
    fn schema_name() -> Cow<'static, str> {
        "TrustedRegistries".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "array",
            "items": {"type": "string"},
            "description": "Registry patterns (`registry.acme.io`, `*.jfrog.io`, `ghcr.io/acme/`)."
        })
    }
}

impl JsonSchema for crate::TagClass {
    fn schema_name() -> Cow<'static, str> {
        "TagClass".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "description": "Whether a tag is mutable, and the rule that decided it.",
            "properties": {
                "rule": generator.subschema_for::<crate::TagRule>(),
                "mutability": generator.subschema_for::<crate::Mutability>(),
                "is_mutable": {"type": "boolean"},
                "explanation": {"type": "string"}
            },
            "required": ["rule", "mutability", "is_mutable", "explanation"]
        })
    }
}
