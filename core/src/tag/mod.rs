//! Tag mutability: whether an image tag moves, and the rule that decided.

mod batch;
mod decision;
mod lanes;
mod masks;
mod pieces;
mod policy;
mod rule;
mod token;
mod words;

pub use policy::{TagPolicy, WordChanges};
pub use rule::{Mutability, TagClass, TagRule};
pub use words::{CHANNEL_KEYWORDS, DOCUMENTED_KEYWORDS, VARIANT_WORDS};
