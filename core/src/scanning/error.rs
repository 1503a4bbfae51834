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

crate::error_code::error_codes! {
    ScanningError {
        UnknownCluster => "unknown_cluster",
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// One of every variant.
    pub(crate) fn every_error() -> Vec<ScanningError> {
        vec![ScanningError::UnknownCluster {
            cluster: "x".into(),
        }]
    }

    #[test]
    fn codes_and_messages() {
        let all = every_error();
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
