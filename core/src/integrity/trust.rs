//! Which registries are trusted as sources of running images.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::IntegrityError;
use crate::ImageRef;

/// The registries whose images are trusted: the registry of record and its
/// mirrors. An image from any other registry has the status Untrusted
/// Registry. An empty list trusts nothing.
///
/// Patterns:
/// - `registry.example.com` or `registry.example.com:5000`: that host;
/// - `*.example.com`: any subdomain of `example.com` (not `example.com`);
/// - `registry.example.com/team`: that host, under the path `team/` only.
///
/// Hosts match regardless of case; paths match whole components.
///
/// ```
/// use kubesight::{integrity::TrustedRegistries, ImageRef};
/// let trusted = TrustedRegistries::new(["*.jfrog.io", "ghcr.io/acme"])?;
/// assert!(trusted.matching(&ImageRef::parse("acme.jfrog.io/docker/app:1.0.0")?).is_some());
/// assert!(trusted.matching(&ImageRef::parse("ghcr.io/acme/tool:1.0.0")?).is_some());
/// assert!(trusted.matching(&ImageRef::parse("ghcr.io/acme-evil/tool:1.0.0")?).is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TrustedRegistries {
    patterns: Vec<Pattern>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern {
    text: String,
    host: Host,
    path: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Host {
    Exact(String),
    SubdomainOf(String),
}

impl TrustedRegistries {
    /// Parses trusted-registry patterns.
    ///
    /// # Errors
    /// `invalid_trusted_registry` for an empty pattern, a scheme
    /// (`https://`), a tag or digest, or a host that is not valid.
    pub fn new<I, S>(patterns: I) -> Result<Self, IntegrityError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let patterns = patterns
            .into_iter()
            .map(|p| Pattern::parse(p.as_ref()))
            .collect::<Result<_, _>>()?;
        Ok(TrustedRegistries { patterns })
    }

    /// Trusts nothing.
    pub fn none() -> Self {
        TrustedRegistries::default()
    }

    /// The patterns as given.
    pub fn patterns(&self) -> impl Iterator<Item = &str> {
        self.patterns.iter().map(|p| p.text.as_str())
    }

    /// The first pattern that trusts `image`, if any.
    pub fn matching(&self, image: &ImageRef) -> Option<&str> {
        self.patterns
            .iter()
            .find(|p| p.matches(image))
            .map(|p| p.text.as_str())
    }
}

impl Pattern {
    fn parse(text: &str) -> Result<Self, IntegrityError> {
        let invalid = |reason| IntegrityError::InvalidTrustedRegistry {
            pattern: text.to_owned(),
            reason,
        };
        if text.is_empty() {
            return Err(invalid("the pattern is empty"));
        }
        if text.contains("://") {
            return Err(invalid("give the registry host without a scheme"));
        }
        if text.contains('@') {
            return Err(invalid("a pattern names a registry, not a digest"));
        }
        let (host, path) = match text.split_once('/') {
            Some((host, path)) => (host, Some(path.trim_end_matches('/'))),
            None => (text, None),
        };
        let host = match host.strip_prefix("*.") {
            Some(domain) => Host::SubdomainOf(domain.to_ascii_lowercase()),
            None => Host::Exact(host.to_ascii_lowercase()),
        };
        let bare = match &host {
            Host::Exact(h) | Host::SubdomainOf(h) => h.as_str(),
        };
        if !crate::reference::is_domain(bare) {
            return Err(invalid("the host is not a valid registry host"));
        }
        if let Some(path) = path {
            if path.is_empty() || !path.split('/').all(crate::reference::is_path_component) {
                return Err(invalid("the path is not a valid repository path"));
            }
        }
        Ok(Pattern {
            text: text.to_owned(),
            host,
            path: path.map(str::to_owned),
        })
    }

    fn matches(&self, image: &ImageRef) -> bool {
        let domain = image.domain();
        let host_ok = match &self.host {
            Host::Exact(host) => domain.eq_ignore_ascii_case(host),
            Host::SubdomainOf(parent) => {
                domain.len() > parent.len() + 1
                    && domain
                        .get(domain.len() - parent.len()..)
                        .is_some_and(|tail| tail.eq_ignore_ascii_case(parent))
                    && domain.as_bytes().get(domain.len() - parent.len() - 1) == Some(&b'.')
            }
        };
        host_ok
            && self.path.as_deref().is_none_or(|prefix| {
                let path = image.path();
                path == prefix
                    || path
                        .strip_prefix(prefix)
                        .is_some_and(|rest| rest.starts_with('/'))
            })
    }
}

impl Serialize for TrustedRegistries {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.patterns())
    }
}

impl<'de> Deserialize<'de> for TrustedRegistries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let patterns = Vec::<String>::deserialize(deserializer)?;
        TrustedRegistries::new(patterns).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trusts(patterns: &[&str], image: &str) -> bool {
        let trusted = TrustedRegistries::new(patterns).unwrap();
        trusted.matching(&ImageRef::parse(image).unwrap()).is_some()
    }

    #[test]
    fn hosts_match_exactly_or_as_subdomains() {
        assert!(trusts(&["registry.acme.io"], "Registry.ACME.io/app:1.0.0"));
        assert!(!trusts(
            &["registry.acme.io"],
            "registry.acme.io.evil.com/app"
        ));
        assert!(trusts(&["*.acme.io"], "eu.registry.acme.io/app"));
        assert!(!trusts(&["*.acme.io"], "acme.io/app"));
        assert!(!trusts(&["*.acme.io"], "evilacme.io/app"));
        assert!(trusts(&["localhost:5000"], "localhost:5000/app"));
        assert!(!trusts(&["localhost:5000"], "localhost:5001/app"));
    }

    #[test]
    fn docker_hub_patterns_see_the_normalised_name() {
        assert!(trusts(&["docker.io/library"], "nginx"));
        assert!(!trusts(&["docker.io/library"], "bitnami/nginx"));
    }

    #[test]
    fn empty_trusts_nothing() {
        assert!(!trusts(&[], "nginx"));
    }

    #[test]
    fn rejects_bad_patterns() {
        for bad in [
            "",
            "https://acme.io",
            "acme.io/app@sha256:x",
            "acme..io",
            "acme.io/App",
            "*.",
            "acme.io//x",
        ] {
            let err = TrustedRegistries::new([bad]).unwrap_err();
            assert_eq!(err.code(), "invalid_trusted_registry", "{bad}");
        }
    }
}
