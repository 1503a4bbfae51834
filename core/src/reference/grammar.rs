//! The name grammar of distribution's reference parser: registry hosts and
//! repository path components.

/// `host[:port]`, where host is a DNS-like name (upper-case allowed) or an
/// IPv6 address in brackets, and port is decimal digits.
pub(crate) fn is_domain(domain: &str) -> bool {
    let (host_ok, port) = match domain.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((v6, after)) => {
                let v6_ok =
                    !v6.is_empty() && v6.bytes().all(|b| b.is_ascii_hexdigit() || b == b':');
                match (after, after.strip_prefix(':')) {
                    ("", _) => (v6_ok, None),
                    (_, Some(port)) => (v6_ok, Some(port)),
                    (_, None) => (false, None),
                }
            }
            None => (false, None),
        },
        None => match domain.split_once(':') {
            Some((host, port)) => (is_host_name(host), Some(port)),
            None => (is_host_name(domain), None),
        },
    };
    host_ok && port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Dot-separated components of `[a-zA-Z0-9]` with inner `-`.
fn is_host_name(host: &str) -> bool {
    host.split('.').all(|component| {
        let bytes = component.as_bytes();
        matches!((bytes.first(), bytes.last()), (Some(f), Some(l)) if f.is_ascii_alphanumeric() && l.is_ascii_alphanumeric())
            && bytes.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'-')
    })
}

/// `[a-z0-9]+` joined by `.`, `_`, `__` or runs of `-`.
pub(crate) fn is_path_component(component: &str) -> bool {
    // The separator run since the last letter or digit: its byte and length.
    let mut separator: Option<(u8, usize)> = None;
    let mut after_alphanumeric = false;
    for b in component.bytes() {
        if b.is_ascii_lowercase() || b.is_ascii_digit() {
            separator = None;
            after_alphanumeric = true;
            continue;
        }
        separator = match (b, separator) {
            (b'.' | b'_' | b'-', None) if after_alphanumeric => Some((b, 1)),
            (b'_', Some((b'_', 1))) => Some((b'_', 2)),
            (b'-', Some((b'-', n))) => Some((b'-', n + 1)),
            _ => return false,
        };
        after_alphanumeric = false;
    }
    after_alphanumeric
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains() {
        for ok in [
            "docker.io",
            "localhost:5000",
            "Registry.Example.COM",
            "[::1]",
            "[::1]:5000",
            "10.0.0.1:443",
            "a-b.c",
        ] {
            assert!(is_domain(ok), "{ok}");
        }
        for bad in [
            "",
            "-a.com",
            "a-.com",
            "a..com",
            "host:",
            "host:port",
            "[::1",
            "[]",
            "[::1]x",
            "[::1]:",
            "::1",
            "a_b.com",
        ] {
            assert!(!is_domain(bad), "{bad}");
        }
    }

    #[test]
    fn path_components() {
        for ok in ["a", "a.b", "a_b", "a__b", "a-b", "a---b", "a1.b2-c3__d4"] {
            assert!(is_path_component(ok), "{ok}");
        }
        for bad in [
            "", "A", "a___b", "a..b", "a._b", "a-_b", "-a", "a-", ".a", "a_", "a b",
        ] {
            assert!(!is_path_component(bad), "{bad}");
        }
    }
}
