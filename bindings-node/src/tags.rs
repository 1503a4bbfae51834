//! Tag mutability.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

use crate::convert::{from_js, json_value, text};
use crate::error::{raise, throwing, Coded, OrThrow};
use crate::reference::ImageRef;

/// Threads a batch may use: the machine's, asked once (the answer costs
/// reading the process's CPU limits).
fn threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// Decides whether tags are mutable.
#[napi]
pub struct TagPolicy {
    inner: kubesight::TagPolicy,
}

impl TagPolicy {
    pub(crate) fn policy(&self) -> &kubesight::TagPolicy {
        &self.inner
    }

    /// The default policy with the options' words.
    fn with_words(changes: &kubesight::WordChanges) -> Coded<Self> {
        let inner = kubesight::TagPolicy::new()
            .with_changes(changes)
            .map_err(raise)?;
        Ok(TagPolicy { inner })
    }

    /// The rule of each tag of a newline-separated batch.
    fn rules(&self, tags: &Either<String, Buffer>) -> Coded<Vec<kubesight::TagRule>> {
        self.inner
            .classify_lines(text(tags, "tags")?, threads())
            .map_err(raise)
    }
}

#[napi]
impl TagPolicy {
    /// The default policy, with words added or removed.
    #[napi(constructor, ts_args_type = "options?: WordChangesInput")]
    pub fn new(env: Env, options: Option<Unknown<'_>>) -> Result<Self> {
        throwing(&env, || {
            let changes: kubesight::WordChanges = match options {
                Some(o) => from_js(&env, o, "options")?,
                None => kubesight::WordChanges::default(),
            };
            Self::with_words(&changes)
        })
    }

    /// Only the documented keywords make a tag mutable.
    #[napi(factory)]
    pub fn keywords_only() -> Self {
        TagPolicy {
            inner: kubesight::TagPolicy::keywords_only(),
        }
    }

    /// The channel keywords, sorted.
    #[napi(getter)]
    pub fn keywords(&self) -> Vec<String> {
        self.inner.keywords()
    }

    /// The variant words, sorted.
    #[napi(getter)]
    pub fn variants(&self) -> Vec<String> {
        self.inner.variants()
    }

    /// Classifies one tag; throws for a tag that is not valid tag syntax.
    #[napi(ts_return_type = "TagClass")]
    pub fn classify(&self, env: Env, tag: String) -> Result<Value> {
        self.inner
            .classify(&tag)
            .map_err(raise)
            .and_then(|c| json_value(&c))
            .or_throw(&env)
    }

    /// Classifies the tag of a reference.
    #[napi(ts_return_type = "TagClass")]
    pub fn classify_reference(&self, env: Env, reference: &ImageRef) -> Result<Value> {
        json_value(&self.inner.classify_reference(&reference.inner)).or_throw(&env)
    }

    /// Classifies many tags given as one newline-separated string or
    /// buffer, crossing into the addon once: the rule code of each tag, in
    /// order. The first invalid tag throws.
    #[napi(ts_return_type = "TagRule[]")]
    pub fn classify_many<'env>(
        &self,
        env: &'env Env,
        tags: Either<String, Buffer>,
    ) -> Result<Array<'env>> {
        let rules = self.rules(&tags).or_throw(env)?;
        // One string per rule, made once and shared by every tag of that
        // rule: a string made per tag costs several times the classifying.
        let codes = kubesight::TagRule::ALL
            .iter()
            .map(|r| env.create_string(r.code()))
            .collect::<Result<Vec<_>>>()?;
        let mut array = env.create_array(u32::try_from(rules.len()).unwrap_or(u32::MAX))?;
        for (i, rule) in (0u32..).zip(rules) {
            if let Some(code) = codes.get(rule.index()) {
                array.set(i, *code)?;
            }
        }
        Ok(array)
    }

    /// Classifies many tags given as one newline-separated string or buffer
    /// into one byte per tag: the index of its rule in `tagRules()`. The
    /// fastest batch: no string is created per tag. The first invalid tag
    /// throws.
    #[napi]
    pub fn classify_many_indexed(
        &self,
        env: Env,
        tags: Either<String, Buffer>,
    ) -> Result<Uint8Array> {
        let rules = self.rules(&tags).or_throw(&env)?;
        Ok(Uint8Array::new(
            rules
                .into_iter()
                .map(|r| u8::try_from(r.index()).unwrap_or(u8::MAX))
                .collect(),
        ))
    }

    /// The policy's words, as an object `TagPolicy.fromJSON` reads back
    /// (camelCase field names, as every result).
    #[napi(js_name = "toJSON", ts_return_type = "TagPolicyWords")]
    pub fn to_json(&self, env: Env) -> Result<Value> {
        json_value(&self.inner).or_throw(&env)
    }

    /// A policy from its `toJSON()` form.
    #[napi(factory, js_name = "fromJSON", ts_args_type = "data: TagPolicyWords")]
    pub fn from_json(env: Env, data: Unknown<'_>) -> Result<Self> {
        from_js(&env, data, "data")
            .map(|inner| TagPolicy { inner })
            .or_throw(&env)
    }
}

/// Every tag rule code, in the core's order.
#[napi(ts_return_type = "TagRule[]")]
pub fn tag_rules() -> Vec<&'static str> {
    kubesight::TagRule::ALL.iter().map(|r| r.code()).collect()
}
