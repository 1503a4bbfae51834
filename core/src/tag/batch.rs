//! Classifying many tags at once: the tags of a text, one per line, on as
//! many threads as the caller allows.

use super::lanes::Lanes;
use super::masks::{block_of, first_line_end, Block, Masks, Shape, BLOCK, LANES};
use super::pieces::run_pieces;
use super::{TagPolicy, TagRule};
use crate::TagError;

/// Below this many bytes a batch runs on the calling thread alone: handing
/// work to another thread costs more than classifying a few thousand tags.
const PARALLEL_FROM_BYTES: usize = 32 * 1024;

/// About how many bytes of a parallel batch a thread takes at a time: some
/// seven hundred tags, tens of microseconds of work.
const PIECE_BYTES: usize = 8 * 1024;

impl TagPolicy {
    /// The rule of each tag of `text`, one tag per line (`\n`), in order;
    /// an empty text holds no tag. Texts of 32 KB and more are cut at line
    /// boundaries into pieces of some 8 KB, which the calling thread and up
    /// to `threads - 1` threads of rayon's global pool take in turn (`0` and
    /// `1` mean the calling thread alone). On error, the error of the first
    /// invalid tag.
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
        // Many small pieces, taken in turn by whichever thread is free.
        let pieces = split_lines(text, text.len().div_ceil(PIECE_BYTES));
        let results = run_pieces(pieces.iter(), threads, |piece| self.classify_chunk(piece));
        let mut rules = Vec::with_capacity(expected_tags(text));
        for result in results {
            rules.extend(result?);
        }
        Ok(rules)
    }

    /// Classifies tags that arrive in pieces, each a text of tags one per
    /// line: `produce` gives piece `i`'s text (or `None` when it cannot),
    /// for `i` from 0 to `pieces - 1`, on the calling thread, in order,
    /// while up to `threads - 1` threads of rayon's pool classify the pieces
    /// given so far; then the calling thread classifies too. The rules of
    /// each piece, in order, or `None` for a piece without text.
    ///
    /// For callers whose input only one thread can read: a binding that
    /// joins an interpreter's strings while holding its lock overlaps the
    /// joining with the classifying.
    ///
    /// ```
    /// use kubesight::{TagPolicy, TagRule};
    /// let pieces = ["latest\n1.2.3", "v1"];
    /// let rules = TagPolicy::new().classify_pieces(pieces.len(), 2, |i| pieces.get(i).copied());
    /// assert_eq!(rules[0], Some(Ok(vec![TagRule::Keyword, TagRule::FullVersion])));
    /// assert_eq!(rules[1], Some(Ok(vec![TagRule::PartialVersion])));
    /// ```
    pub fn classify_pieces<T: AsRef<str> + Send + Sync>(
        &self,
        pieces: usize,
        threads: usize,
        produce: impl FnMut(usize) -> Option<T>,
    ) -> Vec<Option<Result<Vec<TagRule>, TagError>>> {
        run_pieces((0..pieces).map(produce), threads.clamp(1, 64), |text| {
            text.as_ref().map(|t| self.classify_lines(t.as_ref(), 1))
        })
    }

    fn classify_chunk(&self, chunk: &str) -> Result<Vec<TagRule>, TagError> {
        if self.uses_lanes() {
            self.classify_by_shape(chunk)
        } else {
            self.classify_each_line(chunk)
        }
    }

    /// Classifies the lines of `chunk` one after the other.
    fn classify_each_line(&self, chunk: &str) -> Result<Vec<TagRule>, TagError> {
        let mut rules = Vec::with_capacity(expected_tags(chunk));
        let mut start = 0;
        loop {
            let tag = first_line(chunk.get(start..).unwrap_or_default());
            rules.push(self.classify(tag)?.rule());
            start += tag.len() + 1;
            if start > chunk.len() {
                return Ok(rules);
            }
        }
    }

    /// Classifies the lines of `chunk` in two passes over each window of
    /// [`WINDOW`] lines.
    ///
    /// The first reads the block at each line's start once: its newline mask
    /// gives the line's end, and when the line is a valid tag of at most 32
    /// bytes, the same block gives its class masks, whose coarse shape (one
    /// token of digits, one token with letters, several tokens) files the
    /// tag for the second pass. Other lines (long, empty or invalid) are
    /// classified there and then, in order, so the first invalid tag is the
    /// error.
    ///
    /// The second pass classifies the filed tags shape by shape. Tags of
    /// every shape arrive mixed; run together, tags of one shape take the
    /// same branches, which the processor then predicts. One-token tags,
    /// two thirds of a realistic mix, are decided inline in their loop;
    /// tags of several tokens go through one call each. A window keeps what
    /// is filed small enough to stay in the nearest cache.
    fn classify_by_shape(&self, chunk: &str) -> Result<Vec<TagRule>, TagError> {
        let bytes = chunk.as_bytes();
        let mut rules = Vec::with_capacity(expected_tags(chunk));
        let mut shapes: [Vec<Filed>; Shape::COUNT] =
            std::array::from_fn(|_| Vec::with_capacity(WINDOW));
        let mut spare = [0; BLOCK];
        let mut start = 0;
        let mut done = false;
        while !done {
            for _ in 0..WINDOW {
                let rest = bytes.get(start..).unwrap_or_default();
                let block = block_of(rest, &mut spare);
                let len = first_line_end(block).min(rest.len());
                let masks = (1..=LANES)
                    .contains(&len)
                    .then(|| Masks::of(block, len))
                    .filter(Masks::is_valid);
                let filed =
                    masks.and_then(|masks| Some((masks, shapes.get_mut(masks.shape() as usize)?)));
                let len = match filed {
                    Some((masks, shape)) => {
                        shape.push(Filed {
                            index: rules.len(),
                            start,
                            masks,
                        });
                        // Overwritten in the second pass.
                        rules.push(TagRule::Unrecognized);
                        len
                    }
                    None => {
                        let tag = first_line(chunk.get(start..).unwrap_or_default());
                        rules.push(self.classify(tag)?.rule());
                        tag.len()
                    }
                };
                start += len + 1;
                if start > chunk.len() {
                    done = true;
                    break;
                }
            }
            // In `Shape`'s order.
            let [numbers, words, several] = &mut shapes;
            let one_token = |lanes: &Lanes, tag: &[u8]| self.one_token_lanes_rule(lanes, tag);
            for shape in [numbers, words] {
                decide(shape, bytes, &mut rules, &mut spare, one_token);
            }
            decide(several, bytes, &mut rules, &mut spare, |lanes, tag| {
                self.tokens_lanes_rule(lanes, tag)
            });
        }
        Ok(rules)
    }
}

/// Gives each tag `filed` (in `bytes`) its rule in `rules`, by `rule`, and
/// empties `filed`; `spare` holds the block of a tag near the end.
#[inline(always)]
fn decide(
    filed: &mut Vec<Filed>,
    bytes: &[u8],
    rules: &mut [TagRule],
    spare: &mut Block,
    rule: impl Fn(&Lanes, &[u8]) -> TagRule,
) {
    for filed in filed.drain(..) {
        let rest = bytes.get(filed.start..).unwrap_or_default();
        let lanes = Lanes::new(block_of(rest, spare), filed.masks);
        let tag = rest.get(..filed.masks.len()).unwrap_or_default();
        if let Some(slot) = rules.get_mut(filed.index) {
            *slot = rule(&lanes, tag);
        }
    }
}

/// Lines per window of [`TagPolicy::classify_by_shape`].
const WINDOW: usize = 256;

/// A tag filed for the second pass: where its rule goes, where it starts,
/// and its lanes' masks.
#[derive(Debug, Clone, Copy)]
struct Filed {
    index: usize,
    start: usize,
    masks: Masks,
}

/// About how many tags a text holds: tags average some ten bytes, and
/// growing a vector costs more than reserving a few kilobytes too many.
fn expected_tags(text: &str) -> usize {
    text.len() / 8 + 1
}

/// The first line of `text`, without its newline.
#[inline(always)]
fn first_line(text: &str) -> &str {
    let end = text.bytes().position(|b| b == b'\n').unwrap_or(text.len());
    text.get(..end).unwrap_or_default()
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
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 1_000, failure_persistence: None, ..Default::default() })]

        /// A batch gives, line for line, what classifying each tag alone
        /// gives, whatever the tags' lengths (around the 16 and 32 lanes
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
