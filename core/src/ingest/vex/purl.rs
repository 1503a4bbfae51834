//! Package URLs, as far as matching a VEX product to a package needs:
//! type, namespace, name and version; qualifiers and subpath ignored.

/// A parsed package URL.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Purl {
    /// The package type (`npm`, `deb`, `oci`, ...), lower case.
    pub kind: String,
    /// The namespace, if any (`org.springframework.boot`, `@babel`).
    pub namespace: Option<String>,
    /// The name.
    pub name: String,
    /// The version; `None` matches every version.
    pub version: Option<String>,
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(decoded)) => {
                out.push(decoded);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl Purl {
    /// Parses `pkg:type/namespace/name@version?qualifiers#subpath`;
    /// `None` when it is not a package URL.
    pub fn parse(text: &str) -> Option<Purl> {
        let rest = text.trim().strip_prefix("pkg:")?;
        let rest = rest.split('#').next().unwrap_or(rest);
        let rest = rest.split('?').next().unwrap_or(rest);
        let (kind, path) = rest.trim_start_matches('/').split_once('/')?;
        let (path, version) = match path.rsplit_once('@') {
            Some((p, v)) if !p.is_empty() => (p, Some(decode(v))),
            _ => (path, None),
        };
        let path = path.trim_end_matches('/');
        let (namespace, name) = match path.rsplit_once('/') {
            Some((ns, name)) => (Some(decode(ns)), decode(name)),
            None => (None, decode(path)),
        };
        if kind.is_empty() || name.is_empty() {
            return None;
        }
        Some(Purl {
            kind: kind.to_ascii_lowercase(),
            namespace,
            name,
            version: version.filter(|v| !v.is_empty()),
        })
    }

    /// Whether this product names `package`: same type, namespace and
    /// name, and the same version unless this one names none.
    pub fn covers(&self, package: &Purl) -> bool {
        self.kind == package.kind
            && self.namespace == package.namespace
            && self.name == package.name
            && self
                .version
                .as_ref()
                .is_none_or(|v| package.version.as_ref() == Some(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_parts_matching_needs() {
        let p = Purl::parse("pkg:npm/%40babel/core@7.0.0?arch=x#lib").unwrap();
        assert_eq!(p.kind, "npm");
        assert_eq!(p.namespace.as_deref(), Some("@babel"));
        assert_eq!(p.name, "core");
        assert_eq!(p.version.as_deref(), Some("7.0.0"));
        let oci = Purl::parse("pkg:oci/debian@sha256%3A124c?repository_url=x").unwrap();
        assert_eq!(oci.version.as_deref(), Some("sha256:124c"));
        let escaped = Purl::parse("pkg:pypi/urllib3@1.26.16%2Bcgr.0").unwrap();
        assert_eq!(escaped.version.as_deref(), Some("1.26.16+cgr.0"));
        assert_eq!(
            Purl::parse("pkg:pypi/urllib3@1.26.16%2bcgr.0"),
            Some(escaped.clone())
        );
        assert!(escaped.covers(&Purl::parse("pkg:pypi/urllib3@1.26.16+cgr.0").unwrap()));
        assert_eq!(Purl::parse("cpe:/o:redhat"), None);
        assert_eq!(Purl::parse("pkg:npm/"), None);
    }

    #[test]
    fn a_versionless_product_covers_every_version() {
        let any = Purl::parse("pkg:deb/debian/openssl").unwrap();
        let one = Purl::parse("pkg:deb/debian/openssl@3.0.13?arch=amd64").unwrap();
        let other = Purl::parse("pkg:deb/debian/openssl@3.0.14").unwrap();
        assert!(any.covers(&one));
        assert!(one.covers(&one));
        assert!(!one.covers(&other));
        assert!(!any.covers(&Purl::parse("pkg:deb/debian/libssl3@3.0.13").unwrap()));
    }
}
