//! Xray component ids (`gav://com.thoughtworks.xstream:xstream:1.4.5`,
//! `npm://lodash:4.17.20`, `deb://debian:bookworm:openssl:3.0.11-1`,
//! `alpine://3.18:libssl3:3.1.1-r1`): the type is the ecosystem, the last
//! part the version, the part before it the name (for Maven, group and
//! artifact), and for the types that have one, a package URL.

/// What an Xray component id names.
pub(crate) struct XrayComponent {
    /// The ecosystem, named as package URLs name it (`gav` is `maven`,
    /// `alpine` is `apk`, `go` is `golang`); other types as written.
    pub(crate) ecosystem: Option<String>,
    pub(crate) name: String,
    pub(crate) version: String,
    pub(crate) purl: Option<String>,
}

/// Reads `id`; `name` and `version`, when the source gives them beside the
/// id, are taken as given.
pub(crate) fn xray_component(
    id: &str,
    name: Option<String>,
    version: Option<String>,
) -> XrayComponent {
    let (kind, path) = match id.split_once("://") {
        Some((kind, path)) => (Some(kind), path),
        None => (None, id),
    };
    let (head, id_version) = path.rsplit_once(':').unwrap_or((path, ""));
    let name = name.unwrap_or_else(|| {
        if kind == Some("gav") {
            head.to_owned()
        } else {
            head.rsplit(':').next().unwrap_or(head).to_owned()
        }
    });
    let version = version.unwrap_or_else(|| id_version.to_owned());
    let (ecosystem, purl_kind) = kind.map(ecosystem).unzip();
    let purl = purl_kind
        .flatten()
        .and_then(|k| purl(k, path, &name, &version));
    XrayComponent {
        ecosystem: ecosystem.map(String::from),
        name,
        version,
        purl,
    }
}

/// The ecosystem and package-URL type of an Xray component type.
fn ecosystem(kind: &str) -> (&str, Option<&'static str>) {
    match kind {
        "gav" | "maven" => ("maven", Some("maven")),
        "pypi" => ("pypi", Some("pypi")),
        "npm" => ("npm", Some("npm")),
        "go" | "golang" => ("golang", Some("golang")),
        "nuget" => ("nuget", Some("nuget")),
        "gem" | "rubygems" => ("gem", Some("gem")),
        "composer" => ("composer", Some("composer")),
        "cargo" | "crates" => ("cargo", Some("cargo")),
        "conan" => ("conan", Some("conan")),
        "cocoapods" => ("cocoapods", Some("cocoapods")),
        "deb" | "debian" => ("deb", Some("deb")),
        "rpm" => ("rpm", Some("rpm")),
        "alpine" => ("apk", Some("apk")),
        other => (other, None),
    }
}

fn escape(part: &str) -> String {
    let mut out = String::with_capacity(part.len());
    for c in part.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '.' | '-' | '_' | '~' | '/' => out.push(c),
            other => {
                let mut buffer = [0; 4];
                for b in other.encode_utf8(&mut buffer).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
    out
}

/// The package URL of a component of purl type `kind`, from the id's path
/// (`group:artifact:version` for maven, `distro:release:name:version` for
/// deb and rpm) and the component's name and version.
fn purl(kind: &str, path: &str, name: &str, version: &str) -> Option<String> {
    if name.is_empty() {
        return None;
    }
    let versioned = |namespace: Option<&str>, name: &str| {
        let mut p = format!("pkg:{kind}/");
        if let Some(ns) = namespace.filter(|ns| !ns.is_empty()) {
            p.push_str(&escape(ns));
            p.push('/');
        }
        p.push_str(&escape(name).replace('/', "%2F"));
        if !version.is_empty() {
            p.push('@');
            p.push_str(&escape(version).replace('/', "%2F"));
        }
        p
    };
    Some(match kind {
        "maven" => match name.split_once(':') {
            Some((group, artifact)) => versioned(Some(group), artifact),
            None => versioned(None, name),
        },
        "npm" => match name.strip_prefix('@').and_then(|n| n.split_once('/')) {
            Some((scope, bare)) => versioned(Some(&format!("@{scope}")), bare),
            None => versioned(None, name),
        },
        "golang" => match name.rsplit_once('/') {
            Some((namespace, bare)) => versioned(Some(namespace), bare),
            None => versioned(None, name),
        },
        // The id's first part is the distribution for Debian (`debian`,
        // `ubuntu`), a release number for Alpine and RPM.
        "deb" => {
            let distro = path
                .split(':')
                .next()
                .filter(|d| *d != name && d.bytes().all(|b| b.is_ascii_lowercase()));
            versioned(distro, name)
        }
        "apk" => versioned(Some("alpine"), name),
        _ => versioned(None, name),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_give_ecosystems_names_and_package_urls() {
        let c = xray_component("gav://com.thoughtworks.xstream:xstream:1.4.5", None, None);
        assert_eq!(c.name, "com.thoughtworks.xstream:xstream");
        assert_eq!(
            c.purl.as_deref(),
            Some("pkg:maven/com.thoughtworks.xstream/xstream@1.4.5")
        );
        let c = xray_component("alpine://3.18:libssl3:3.1.1-r1", None, None);
        assert_eq!(
            (c.ecosystem.as_deref(), c.name.as_str()),
            (Some("apk"), "libssl3")
        );
        assert_eq!(c.purl.as_deref(), Some("pkg:apk/alpine/libssl3@3.1.1-r1"));
        let c = xray_component(
            "deb://debian:bookworm:zlib1g:1:1.2.13.dfsg-1",
            Some("zlib1g".into()),
            Some("1:1.2.13.dfsg-1".into()),
        );
        assert_eq!(
            c.purl.as_deref(),
            Some("pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1")
        );
        let c = xray_component("npm://@babel/core:7.0.0", None, None);
        assert_eq!(c.purl.as_deref(), Some("pkg:npm/%40babel/core@7.0.0"));
        let c = xray_component("generic://node:20.10.0", None, None);
        assert_eq!((c.ecosystem.as_deref(), c.purl), (Some("generic"), None));
    }
}
