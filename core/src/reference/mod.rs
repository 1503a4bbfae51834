//! Image references, digests and runtime image ids.

mod digest;
pub(crate) mod error;
mod grammar;
mod image_id;
mod image_ref;
mod parts;
pub(crate) mod tag_error;
pub(crate) mod tag_syntax;

pub use digest::{Digest, DigestAlgorithm};
pub use error::ReferenceError;
pub(crate) use grammar::{is_domain, is_path_component};
pub use image_id::{ImageId, ImageIdKind};
pub use image_ref::{ImageRef, DOCKER_HUB, MAX_PATH_LENGTH};
pub use parts::{ImageIdParts, ImageRefParts};
pub use tag_error::TagError;
