//! Classifying many tags at once: the tags of a text, one per line, on as
//! many threads as the caller allows.

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
        let mut rules = Vec::with_capacity(chunk.len() / 8 + 1);
        // Lines are short: a byte loop finds their ends faster than
        // `str::split`'s searcher, whose setup costs more than a tag.
        let mut start = 0;
        for (at, &byte) in chunk.as_bytes().iter().enumerate() {
            if byte == b'\n' {
                rules.push(
                    self.classify(chunk.get(start..at).unwrap_or_default())?
                        .rule(),
                );
                start = at + 1;
            }
        }
        rules.push(
            self.classify(chunk.get(start..).unwrap_or_default())?
                .rule(),
        );
        Ok(rules)
    }
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
