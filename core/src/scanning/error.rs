//! Errors of the scanning area.

use thiserror::Error;

/// Why a scan configuration request cannot be carried out.
#[derive(Debug, Clone, PartialEq, Eq, Error, serde::Serialize)]
#[non_exhaustive]
pub enum ScanningError {
    /// A batch names a cluster the configuration does not know.
    #[error("cluster `{}` is not in the configuration", .cluster.escape_debug())]
    UnknownCluster {
        /// The cluster named.
        cluster: String,
    },
}

impl ScanningError {
    /// Every code this area can raise.
    pub const CODES: [&'static str; 1] = ["unknown_cluster"];

    /// The stable machine code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            ScanningError::UnknownCluster { .. } => "unknown_cluster",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_messages() {
        let all = [ScanningError::UnknownCluster {
            cluster: "x".into(),
        }];
        for e in &all {
            match e {
                ScanningError::UnknownCluster { .. } => {}
            }
            crate::error_style::assert_message_style(&e.to_string());
        }
        let produced: Vec<&str> = all.iter().map(ScanningError::code).collect();
        assert_eq!(produced, ScanningError::CODES);
    }
}
