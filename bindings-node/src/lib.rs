//! The Node binding of kubesight: conversions between JavaScript values and
//! the core's types, and nothing else. Results are plain objects: the Rust
//! serde form with camelCase field names; enum values are the stable codes.

pub mod arrow;
mod casing;
mod convert;
pub mod error;
mod from_camel;
pub mod ingest;
pub mod integrity;
pub mod prioritization;
pub mod reference;
pub mod runtime;
pub mod table;
pub mod tags;
pub mod task;
mod to_camel;
pub mod trend;
pub mod trend_arrow;
