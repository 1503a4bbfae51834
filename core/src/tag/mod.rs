//! Tag mutability: whether an image tag moves, and the rule that decided.

mod batch;
pub(crate) mod error;
mod lanes;
mod policy;
mod rule;
mod segment;
pub(crate) mod syntax;
mod words;

pub use error::TagError;
pub use policy::{TagPolicy, WordChanges};
pub use rule::{Mutability, TagClass, TagRule};
pub use words::{CHANNEL_KEYWORDS, DOCUMENTED_KEYWORDS, VARIANT_WORDS};
