//! The columns kubesight reads, by the names the caller's data gives them.

use crate::error::ColumnarError;

/// Declares a schema: its fields with their documented column names, a
/// struct holding the caller's name for each, and the mapping from the
/// caller's names.
macro_rules! schema {
    ($(#[$doc:meta])* $name:ident, $label:literal { $($(#[$fdoc:meta])* $field:ident,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name {
            $($(#[$fdoc])* pub $field: String,)*
        }

        impl Default for $name {
            fn default() -> Self {
                $name { $($field: stringify!($field).to_owned(),)* }
            }
        }

        impl $name {
            /// The schema's fields, as its documented column names.
            pub const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];

            /// The column name of each field, in the fields' order: the
            /// columns a reader of files asks for.
            pub fn names(&self) -> Vec<&str> {
                vec![$(self.$field.as_str()),*]
            }

            /// The documented names, but for the fields `renamed` maps
            /// (`(field, the caller's column)`).
            pub fn renamed<'a>(
                renamed: impl IntoIterator<Item = (&'a str, &'a str)>,
            ) -> Result<Self, ColumnarError> {
                let mut columns = $name::default();
                for (field, column) in renamed {
                    let slot = match field {
                        $(stringify!($field) => &mut columns.$field,)*
                        _ => {
                            return Err(ColumnarError::UnknownField {
                                field: field.to_owned(),
                                schema: $label,
                                fields: Self::FIELDS.join(", "),
                            })
                        }
                    };
                    *slot = column.to_owned();
                }
                Ok(columns)
            }
        }
    };
}

schema! {
    /// The columns of findings, one row per occurrence (one vulnerability
    /// in one package of one image). Only `image` and `vulnerability` are
    /// required; a missing optional column, or a null in one, reads as the
    /// field's default (as a missing key of a finding given as a record).
    /// Enumerations hold their codes (`critical`, `not_applicable`, ...).
    FindingColumns, "findings" {
        /// The image's digest (a string), or its digests (a list of them).
        image,
        /// The vulnerability id as the scanner gives it.
        vulnerability,
        /// Other ids of the same vulnerability: a list of strings.
        aliases,
        /// The package's name.
        package_name,
        /// The package's installed version.
        package_version,
        /// The package's ecosystem.
        package_ecosystem,
        /// The package's URL.
        package_purl,
        /// The severity code (default `unknown`).
        severity,
        /// Where the severity came from.
        severity_source,
        /// The applicability code (default `not_scanned`).
        applicability,
        /// The fix state code (default `unknown`).
        fix_state,
        /// The fixed versions: a list of strings.
        fix_versions,
        /// The runtime evidence code (default `unavailable`).
        runtime,
        /// Whether it is a malicious-package finding: a boolean.
        malicious,
    }
}

schema! {
    /// The columns of running images, one row per place an image runs (or
    /// one per image, without the place columns): rows with a digest in
    /// common are one image, scanned or watched when any row says so.
    RunningColumns, "running images" {
        /// The image's digest (a string), or its digests (a list of them).
        digest,
        /// Whether a scan of it exists: a boolean (required).
        scanned,
        /// Whether a runtime sensor watches it: a boolean (default false).
        monitored,
        /// The cluster it runs in; a row without one names no place.
        cluster,
        /// The namespace.
        namespace,
        /// The workload's kind (`Deployment`, ...).
        kind,
        /// The workload's name.
        workload,
        /// The reference the Pod spec deployed it by.
        reference,
        /// The container's name.
        container,
    }
}
