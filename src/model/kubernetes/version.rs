//! Kubernetes minor versions, as config and `--pss` write them (`1.30`, `v1.30`, `latest`).

/// A Kubernetes 1.x minor version; ordering follows releases.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct KubeVersion {
    pub minor: u32,
}

impl KubeVersion {
    /// The newest release this build knows (also the newest Pod Security Standards version).
    pub const LATEST: KubeVersion = KubeVersion { minor: 37 };

    pub const fn v1(minor: u32) -> KubeVersion {
        KubeVersion { minor }
    }

    /// `1.30`, `v1.30`, `v1.30.2` or `latest`.
    pub fn parse(s: &str) -> Result<KubeVersion, String> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("latest") {
            return Ok(Self::LATEST);
        }
        let bad = || format!("Kubernetes version `{s}`: expected `1.<minor>`, `v1.<minor>` or `latest`");
        let rest = s.strip_prefix('v').unwrap_or(s).strip_prefix("1.").ok_or_else(bad)?;
        let minor = rest.split('.').next().and_then(|m| m.parse().ok()).ok_or_else(bad)?;
        Ok(KubeVersion { minor })
    }
}

impl std::fmt::Display for KubeVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "v1.{}", self.minor)
    }
}

#[cfg(test)]
mod tests {
    use super::KubeVersion;

    #[test]
    fn parses_the_written_forms() {
        assert_eq!(KubeVersion::parse("v1.25"), Ok(KubeVersion::v1(25)));
        assert_eq!(KubeVersion::parse("1.30.2"), Ok(KubeVersion::v1(30)));
        assert_eq!(KubeVersion::parse("latest"), Ok(KubeVersion::LATEST));
        assert!(KubeVersion::parse("2.1").is_err());
        assert!(KubeVersion::parse("v1.x").is_err());
        assert!(KubeVersion::v1(9) < KubeVersion::v1(10));
        assert_eq!(KubeVersion::v1(9).to_string(), "v1.9");
    }
}
