//! What changed between two states (yesterday's and today's), explained from
//! the data: per funnel stage, which vulnerabilities entered and left, each
//! attributed to one cause ([`ChangeCause`](crate::funnel::ChangeCause)) with
//! the images behind it.

mod explain;

pub use explain::{explain_change, ChangeExplained, EnvironmentState, Movement, StageMovements};
