//! Classifying many tags at once: the tags of a text, one per line, on as
//! many threads as the caller allows.

use super::lanes::{newlines, Lanes, LANES};
use super::syntax::describe_invalid;
use super::{TagError, TagPolicy, TagRule};

/// Below this many bytes a batch runs on the calling thread: starting a
/// thread costs more than classifying a few thousand tags.
const PARALLEL_FROM_BYTES: usize = 32 * 1024;

impl TagPolicy {
    /// The rule of each tag of `text`, one tag per line (`\n`), in order;
    /// an empty text holds no tag. Large texts are split at line boundaries
    /// over at most `threads` threads (`0` and `1` mean the calling thread).
    /// On error, the error of the first invalid tag.
    ///
    /// ```
    /// use kubesight::{TagPolicy, TagRule};
    /// let rules = TagPolicy::new().classify_lines("latest\n1.2.3\nmain-3f2a9c1", 2)?;
    /// assert_eq!(rules, [TagRule::Keyword, TagRule::FullVersion, TagRule::Commit]);
    /// assert_eq!(TagPolicy::new().classify_lines("", 2)?, []);
    /// assert_eq!(TagPolicy::new().classify_lines("latest\n\nv1", 1).unwrap_err().code(), "empty_tag");
    /// # Ok::<(), kubesight::TagError>(())
    /// ```
    pub fn classify_lines(&self, text: &str, threads: usize) -> Result<Vec<TagRule>, TagError> {
        if text.is_empty() {
            return Ok(Vec::new());
        }
        let threads = threads.clamp(1, 64);
        if threads == 1 || text.len() < PARALLEL_FROM_BYTES {
            return self.classify_chunk(text);
        }
        let chunks = split_lines(text, threads);
        let results: Vec<Result<Vec<TagRule>, TagError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = chunks
                .iter()
                .skip(1)
                .map(|chunk| scope.spawn(move || self.classify_chunk(chunk)))
                .collect();
            let first = chunks.first().map(|c| self.classify_chunk(c));
            first
                .into_iter()
                // Classification does not panic (the crate denies it); were a
                // thread to die anyway, its tags would read as not classified
                // rather than bring the caller down.
                .chain(
                    handles
                        .into_iter()
                        .map(|h| h.join().unwrap_or(Err(TagError::Empty))),
                )
                .collect()
        });
        let mut rules = Vec::with_capacity(text.len() / 8);
        for result in results {
            rules.extend(result?);
        }
        Ok(rules)
    }

    fn classify_chunk(&self, chunk: &str) -> Result<Vec<TagRule>, TagError> {
        if !self.uses_lanes() {
            let mut rules = Vec::with_capacity(chunk.len() / 8 + 1);
            let mut start = 0;
            loop {
                let rest = chunk.get(start..).unwrap_or_default();
                let (rule, len) = self.classify_first_line(rest, false)?;
                rules.push(rule);
                start += len + 1;
                if start > chunk.len() {
                    return Ok(rules);
                }
            }
        }
        let bytes = chunk.as_bytes();
        let mut rules = Vec::with_capacity(chunk.len() / 8 + 1);
        let mut buckets: [Vec<(u32, u32, u8)>; 3] = Default::default();
        let mut start = 0;
        loop {
            let rest = bytes.get(start..).unwrap_or_default();
            let block = block_at(rest);
            let len = first_line_end(block).min(rest.len());
            let index = u32::try_from(rules.len()).unwrap_or(u32::MAX);
            let mut settled = false;
            if (1..=LANES).contains(&len) {
                let lanes = Lanes::of_block(block, len);
                if lanes.is_valid() {
                    let bucket = lanes.shape();
                    if let Some(b) = buckets.get_mut(bucket) {
                        b.push((index, u32::try_from(start).unwrap_or(0), len as u8));
                        rules.push(TagRule::Unrecognized);
                        settled = true;
                    }
                }
            }
            let len = if settled {
                len
            } else {
                let rest = chunk.get(start..).unwrap_or_default();
                let (rule, len) = self.classify_first_line(rest, false)?;
                rules.push(rule);
                len
            };
            start += len + 1;
            if start > chunk.len() {
                break;
            }
        }
        for bucket in &buckets {
            for &(index, start, len) in bucket {
                let start = start as usize;
                let len = usize::from(len);
                let rest = bytes.get(start..).unwrap_or_default();
                let lanes = Lanes::of_block(block_at(rest), len);
                let tag = rest.get(..len).unwrap_or_default();
                if let Some(rule) = rules.get_mut(index as usize) {
                    *rule = self.lanes_rule(&lanes, tag);
                }
            }
        }
        Ok(rules)
    }

    /// The rule of the first line of `rest`, and that line's length.
    ///
    /// The sixteen bytes at the line's start are read once: their newline
    /// mask gives the line's end, and when the line is a short tag the same
    /// block gives its lanes. No loop over the line's bytes, and no branch on
    /// its length but the one that sends the rare long tag elsewhere.
    #[inline(always)]
    fn classify_first_line(&self, rest: &str, lanes: bool) -> Result<(TagRule, usize), TagError> {
        let bytes = rest.as_bytes();
        if lanes {
            let block = block_at(bytes);
            let len = first_line_end(block).min(bytes.len());
            if (1..=LANES).contains(&len) {
                let tag = rest.get(..len).unwrap_or_default();
                let lanes = Lanes::of_block(block, len);
                if !lanes.is_valid() {
                    return Err(describe_invalid(tag));
                }
                return Ok((self.lanes_rule(&lanes, tag.as_bytes()), len));
            }
        }
        let len = bytes
            .iter()
            .position(|&b| b == b'\n')
            .unwrap_or(bytes.len());
        let tag = rest.get(..len).unwrap_or_default();
        Ok((self.classify(tag)?.rule(), len))
    }
}

/// The first sixteen bytes of `bytes`, padded with zeros.
#[inline(always)]
fn block_at(bytes: &[u8]) -> [u8; LANES] {
    if let Some(block) = bytes
        .get(..LANES)
        .and_then(|b| <[u8; LANES]>::try_from(b).ok())
    {
        return block;
    }
    let mut block = [0; LANES];
    for (to, from) in block.iter_mut().zip(bytes) {
        *to = *from;
    }
    block
}

/// Where the first line of a block ends: its first newline, or past the
/// block (32) when it holds none.
#[inline(always)]
fn first_line_end(block: [u8; LANES]) -> usize {
    usize::try_from(newlines(block).trailing_zeros()).unwrap_or(usize::MAX)
}

/// `text` cut into at most `parts` runs of whole lines, in order.
fn split_lines(text: &str, parts: usize) -> Vec<&str> {
    let mut chunks = Vec::with_capacity(parts);
    let mut rest = text;
    for remaining in (1..=parts).rev() {
        if remaining == 1 {
            chunks.push(rest);
            break;
        }
        let target = rest.len() / remaining;
        // The first newline at or after the target ends this chunk.
        match rest.get(target..).and_then(|tail| tail.find('\n')) {
            Some(at) => {
                let (chunk, tail) = rest.split_at(target + at);
                chunks.push(chunk);
                rest = tail.get(1..).unwrap_or_default();
            }
            None => {
                chunks.push(rest);
                break;
            }
        }
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_and_sequential_batches_agree_line_for_line() {
        let policy = TagPolicy::new();
        let tags = [
            "latest",
            "1.2.3",
            "stable-alpine",
            "main-3f2a9c1",
            "pr-7",
            "20240101",
            "v2",
        ];
        let text: String = (0..20_000)
            .map(|i| tags[i % tags.len()])
            .collect::<Vec<_>>()
            .join("\n");
        let one = policy.classify_lines(&text, 1).unwrap();
        assert_eq!(one.len(), 20_000);
        for threads in [2, 3, 8] {
            assert_eq!(
                policy.classify_lines(&text, threads).unwrap(),
                one,
                "{threads}"
            );
        }
        let expected: Vec<TagRule> = text
            .split('\n')
            .map(|t| policy.classify(t).unwrap().rule())
            .collect();
        assert_eq!(one, expected);
    }

    #[test]
    fn the_first_invalid_tag_in_order_is_reported() {
        let policy = TagPolicy::new();
        let mut lines: Vec<String> = (0..20_000).map(|i| format!("v{i}")).collect();
        lines[15_000] = "-late".into();
        lines[19_000] = String::new();
        let err = policy.classify_lines(&lines.join("\n"), 4).unwrap_err();
        assert_eq!(err.code(), "invalid_tag_start");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2_000, failure_persistence: None, ..Default::default() })]

        /// A batch gives, line for line, what classifying each tag alone
        /// gives, whatever the tags' lengths (around the sixteen-byte block
        /// and the end of the text) and shapes; with an invalid tag, the
        /// error of the first one.
        #[test]
        fn a_batch_is_each_tag_classified_alone(
            tags in proptest::collection::vec(
                "([A-Za-z0-9_][A-Za-z0-9_.-]{0,40})|([0-9a-f.v-]{1,18})|((latest|rc|alpine|pr|x86|64|20240101|2024|01|3f2a9c1|1.2.3|v1|sha)[-_.]?){1,5}|(.{0,3})",
                0..40,
            ),
            keywords_only in proptest::bool::ANY,
        ) {
            let policy = if keywords_only { TagPolicy::keywords_only() } else { TagPolicy::new() };
            let tags: Vec<&str> = tags.iter().map(|t| t.as_str()).filter(|t| !t.contains('\n')).collect();
            let text = tags.join("\n");
            let alone: Result<Vec<TagRule>, TagError> = if text.is_empty() {
                Ok(Vec::new())
            } else {
                tags.iter().map(|t| policy.classify(t).map(|c| c.rule())).collect()
            };
            proptest::prop_assert_eq!(policy.classify_lines(&text, 1), alone);
        }
    }

    #[test]
    fn chunks_are_whole_lines_and_cover_the_text() {
        let text = "a\nbb\nccc\ndddd\ne";
        for parts in 1..8 {
            let chunks = split_lines(text, parts);
            assert_eq!(chunks.join("\n"), text, "{parts}");
            assert!(chunks.len() <= parts);
        }
    }
}
