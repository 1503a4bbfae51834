//! Image references and runtime image ids.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::convert::{json_value, text};
use crate::error::{raise, throwing, OrThrow};

/// An image reference as written in a Pod spec, normalised
/// (`nginx:1.25` is `docker.io/library/nginx:1.25`).
#[napi]
pub struct ImageRef {
    pub(crate) inner: kubesight::ImageRef,
}

#[napi]
impl ImageRef {
    /// Parses a reference; throws an `Error` whose `code` names the reason.
    #[napi(factory)]
    pub fn parse(env: Env, reference: String) -> Result<Self> {
        kubesight::ImageRef::parse(&reference)
            .map(|inner| ImageRef { inner })
            .map_err(raise)
            .or_throw(&env)
    }

    /// Parses many references given as one newline-separated string or
    /// buffer; the first bad one throws.
    #[napi]
    pub fn parse_many_text(env: Env, references: Either<String, Buffer>) -> Result<Vec<ImageRef>> {
        throwing(&env, || {
            let all = text(&references, "references")?;
            if all.is_empty() {
                return Ok(Vec::new());
            }
            all.split('\n')
                .map(|r| {
                    kubesight::ImageRef::parse(r)
                        .map(|inner| ImageRef { inner })
                        .map_err(raise)
                })
                .collect()
        })
    }

    /// The registry host (`docker.io`).
    #[napi(getter)]
    pub fn domain(&self) -> String {
        self.inner.domain().to_owned()
    }

    /// The repository path (`library/nginx`).
    #[napi(getter)]
    pub fn path(&self) -> String {
        self.inner.path().to_owned()
    }

    /// `domain/path`.
    #[napi(getter)]
    pub fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// The tag, if any.
    #[napi(getter)]
    pub fn tag(&self) -> Option<String> {
        self.inner.tag().map(str::to_owned)
    }

    /// The digest, if any.
    #[napi(getter)]
    pub fn digest(&self) -> Option<String> {
        self.inner.digest().map(|d| d.as_str().to_owned())
    }

    /// The short form users write (`nginx:1.25`).
    #[napi]
    pub fn familiar(&self) -> String {
        self.inner.familiar()
    }

    /// The normalised reference.
    #[napi(js_name = "toString")]
    pub fn to_js_string(&self) -> String {
        self.inner.to_string()
    }

    /// The fields as a plain object (what `JSON.stringify` writes).
    #[napi(js_name = "toJSON", ts_return_type = "ImageRefParts")]
    pub fn to_json(&self, env: Env) -> Result<Value> {
        throwing(&env, || json_value(&self.inner.parts()))
    }

    /// Whether two references are the same.
    #[napi]
    pub fn equals(&self, other: &ImageRef) -> bool {
        self.inner == other.inner
    }
}

/// A runtime image id as a container runtime reports it.
#[napi]
pub struct ImageId {
    inner: kubesight::ImageId,
}

#[napi]
impl ImageId {
    /// Parses an image id (`docker-pullable://nginx@sha256:…`, `sha256:…`).
    #[napi(factory)]
    pub fn parse(env: Env, image_id: String) -> Result<Self> {
        kubesight::ImageId::parse(&image_id)
            .map(|inner| ImageId { inner })
            .map_err(raise)
            .or_throw(&env)
    }

    /// Its digest.
    #[napi(getter)]
    pub fn digest(&self) -> String {
        self.inner.digest().as_str().to_owned()
    }

    /// `repository_digest` or `local_image_id`.
    #[napi(getter, ts_return_type = "'repository_digest' | 'local_image_id'")]
    pub fn kind(&self) -> &'static str {
        self.inner.kind().code()
    }

    /// Whether it can be compared with a registry's digest.
    #[napi]
    pub fn is_comparable(&self) -> bool {
        self.inner.is_comparable()
    }

    /// The repository, for a repository digest.
    #[napi(getter)]
    pub fn repository(&self) -> Option<String> {
        self.inner.repository().map(ToString::to_string)
    }

    /// The fields as a plain object (what `JSON.stringify` writes).
    #[napi(js_name = "toJSON", ts_return_type = "ImageIdParts")]
    pub fn to_json(&self, env: Env) -> Result<Value> {
        throwing(&env, || json_value(&self.inner.parts()))
    }

    /// The id as reported.
    #[napi(js_name = "toString")]
    pub fn to_js_string(&self) -> String {
        self.inner.to_string()
    }
}

/// Parses a content digest (`sha256:<64 hex>`), returning its canonical form.
#[napi]
pub fn parse_digest(env: Env, digest: String) -> Result<String> {
    digest
        .parse::<kubesight::Digest>()
        .map(|d| d.as_str().to_owned())
        .map_err(raise)
        .or_throw(&env)
}
