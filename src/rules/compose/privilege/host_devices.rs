//! DC115: a service is given a host device (`devices:`).

use super::{note_merge, own_lists, services};
use crate::model::compose::ComposeFile;
use crate::model::vars::has_interpolation;
use crate::rules::{Context, Rule};
use crate::span::Span;
use crate::syntax::yaml::NodeRef;

pub struct HostDevices;

const DISK: &str = "a block device: raw access to a host disk, past every file permission";

/// What some host devices give, for the message (the first matching prefix wins).
const KINDS: &[(&str, &str)] = &[
    ("/dev/mem", "the host's physical memory"),
    ("/dev/kmem", "the host kernel's memory"),
    ("/dev/port", "the host's I/O ports"),
    ("/dev/kmsg", "the host kernel's log"),
    ("/dev/mapper/", DISK),
    ("/dev/disk/", DISK),
    ("/dev/fuse", "FUSE filesystems"),
    ("/dev/net/tun", "tunnel network interfaces"),
    ("/dev/dri", "the host's GPU"),
    ("/dev/nvidia", "the host's GPU"),
    ("/dev/bus/usb", "the host's USB devices"),
];

/// Prefixes of block device names (`/dev/sda1`, `/dev/nvme0n1`, `/dev/loop0`, `/dev/dm-0`, ...).
const BLOCK: &[&str] = &["sd", "hd", "vd", "xvd", "nvme", "mmcblk", "md", "dm-", "loop", "nbd", "zd", "rbd"];

fn kind(path: &str) -> Option<&'static str> {
    if path.trim_end_matches('/') == "/dev" {
        return Some("every host device");
    }
    if let Some((_, what)) = KINDS.iter().find(|(prefix, _)| path.starts_with(prefix)) {
        return Some(what);
    }
    let name = path.strip_prefix("/dev/")?;
    BLOCK
        .iter()
        .any(|b| {
            name.strip_prefix(b).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_digit() || c.is_ascii_lowercase())
            })
        })
        .then_some(DISK)
}

/// The host side of a `devices:` entry and where it is written: `HOST[:CONTAINER[:PERMISSIONS]]`,
/// a CDI name (`vendor.com/class=name`), or a mapping with `source:`.
fn host_side<'a>(item: NodeRef<'a>) -> Option<(&'a str, Span)> {
    if item.is_mapping() {
        let source = item.get("source")?;
        return Some((source.str()?, source.span()));
    }
    let text = item.str()?;
    // A CDI name has no host path; Docker reads `=` as its separator.
    let host = if text.starts_with('/') { text.split(':').next().unwrap_or(text) } else { text };
    Some((host, item.span()))
}

impl Rule for HostDevices {
    fn code(&self) -> &'static str {
        "DC115"
    }

    fn compose(&self, cx: &mut Context<'_>, file: &ComposeFile<'_>) {
        for service in services(file) {
            for setting in own_lists(service, "devices") {
                for item in setting.value.items() {
                    let Some((host, span)) = host_side(item) else { continue };
                    // Which device is decided at `docker compose up`.
                    if host.is_empty() || has_interpolation(host, true) {
                        continue;
                    }
                    let what = kind(host).map(|k| format!(" ({k})")).unwrap_or_default();
                    let d = cx
                        .diag(span, format!("service `{}` is given the host device `{host}`{what}", service.name))
                        .with_help(
                            "remove the device unless the service cannot work without it; give one device node, never \
                         a host disk or a whole directory",
                        );
                    cx.emit(note_merge(d, &setting, service));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::rules::testing::lint_as;

    fn findings(src: &str) -> Vec<(String, String)> {
        lint_as("DC115", "compose.yaml", src, Options::default())
            .into_iter()
            .map(|d| (d.span.slice(src).to_string(), d.message))
            .collect()
    }

    #[test]
    fn points_at_each_item_and_names_the_device() {
        let src = "services:\n  disk:\n    devices:\n      - /dev/sda:/dev/xvda:rwm\n      - \"/dev/ttyUSB0\"\n      \
                   - source: /dev/nvme0n1\n        target: /dev/nvme0n1\n  gpu:\n    devices: [nvidia.com/gpu=all, /dev/dri]\n";
        let found = findings(src);
        let spans: Vec<_> = found.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(
            spans,
            ["/dev/sda:/dev/xvda:rwm", "\"/dev/ttyUSB0\"", "/dev/nvme0n1", "nvidia.com/gpu=all", "/dev/dri"]
        );
        assert_eq!(
            found[0].1,
            "service `disk` is given the host device `/dev/sda` (a block device: raw access to a host disk, past every file permission)"
        );
        assert_eq!(found[1].1, "service `disk` is given the host device `/dev/ttyUSB0`");
        assert!(found[4].1.ends_with("`/dev/dri` (the host's GPU)"));
    }

    #[test]
    fn interpolated_and_extension_entries_are_not_reported() {
        let src = "x-dev:\n  devices: [/dev/sda]\nservices:\n  x-tpl:\n    devices: [/dev/sda]\n  a:\n    \
                   devices: [\"${DEVICE}:/dev/ttyUSB0\", \"${GPU:-/dev/dri}\"]\n  b:\n    image: x\n";
        assert!(findings(src).is_empty());
    }

    #[test]
    fn device_kinds() {
        use super::kind;
        assert!(kind("/dev/sdb1").is_some_and(|k| k.contains("block")));
        assert!(kind("/dev/mmcblk0p2").is_some_and(|k| k.contains("block")));
        assert!(kind("/dev/loop-control").is_none());
        assert_eq!(kind("/dev/"), Some("every host device"));
        assert_eq!(kind("/dev/mem"), Some("the host's physical memory"));
        assert!(kind("/dev/snd").is_none(), "not `sd`");
        assert!(kind("/dev/hidraw0").is_none(), "not `hd`");
    }
}
