//! Which `Host` a request may name. The preview serves drafts, so a page on another site must
//! not reach it through DNS rebinding (a name the attacker controls, re-pointed at
//! 127.0.0.1): only the loopback names, the address the server was bound to, and — when bound
//! to every interface — IP addresses are accepted; any other name gets 421 and a Japanese line
//! saying which address to open.

use std::net::IpAddr;

/// The host names the server was started for.
#[derive(Debug, Clone)]
pub(crate) struct AllowedHosts {
    bind: IpAddr,
    port: u16,
}

impl AllowedHosts {
    /// For a server bound to `bind` and listening on `port`.
    pub(crate) fn new(bind: IpAddr, port: u16) -> Self {
        Self { bind, port }
    }

    /// Whether a request whose `Host` header is `host` (`127.0.0.1:1111`, `[::1]:80`,
    /// `localhost`) is answered.
    pub(crate) fn allows(&self, host: &str) -> bool {
        let Some(name) = host_name(host) else {
            return false;
        };
        if name.eq_ignore_ascii_case("localhost") {
            return true;
        }
        match name.parse::<IpAddr>() {
            Ok(ip) => ip.is_loopback() || ip == self.bind || self.bind.is_unspecified(),
            Err(_) => false,
        }
    }

    /// What a refused request is told.
    pub(crate) fn refusal(&self, host: &str) -> String {
        let shown: String = host.chars().filter(|c| !c.is_control()).take(100).collect();
        format!(
            "このプレビューは http://127.0.0.1:{}/ で開いてください（Host「{shown}」は受け付けません）",
            self.port
        )
    }
}

/// The name part of a `Host` header: `[::1]:80` → `::1`, `x.jp:8080` → `x.jp`.
fn host_name(host: &str) -> Option<&str> {
    let host = host.trim();
    if let Some(rest) = host.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        return (after.is_empty() || valid_port(after.strip_prefix(':')?)).then_some(inside);
    }
    match host.rsplit_once(':') {
        Some((name, port)) if valid_port(port) && !name.contains(':') => Some(name),
        Some(_) => None,
        None => (!host.is_empty()).then_some(host),
    }
}

fn valid_port(port: &str) -> bool {
    !port.is_empty() && port.parse::<u16>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loopback() -> AllowedHosts {
        AllowedHosts::new("127.0.0.1".parse().unwrap(), 1111)
    }

    #[test]
    fn loopback_names_are_allowed() {
        for host in [
            "127.0.0.1:1111",
            "127.0.0.1",
            "localhost:1111",
            "LOCALHOST",
            "[::1]:1111",
            "[::1]",
            "127.0.0.2:1111",
        ] {
            assert!(loopback().allows(host), "{host}");
        }
    }

    #[test]
    fn other_names_are_refused_even_when_they_point_here() {
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "",
            ":1111",
            "127.0.0.1:99999",
            "[::1",
            "a:b:c",
            "10.0.0.5:1111",
        ] {
            assert!(!loopback().allows(host), "{host}");
        }
    }

    #[test]
    fn the_bind_address_and_on_all_interfaces_any_ip_is_allowed() {
        let lan = AllowedHosts::new("192.168.1.5".parse().unwrap(), 8080);
        assert!(lan.allows("192.168.1.5:8080"));
        assert!(!lan.allows("192.168.1.6:8080"));
        let all = AllowedHosts::new("0.0.0.0".parse().unwrap(), 8080);
        assert!(all.allows("192.168.1.6:8080"));
        assert!(all.allows("[fe80::1]:8080"));
        assert!(!all.allows("rebind.evil.example:8080"));
    }

    #[test]
    fn the_refusal_names_the_address_and_never_echoes_control_characters() {
        let text = loopback().refusal("evil.example\r\nX: y");
        assert!(text.contains("http://127.0.0.1:1111/"), "{text}");
        assert!(text.contains("evil.exampleX: y"), "{text}");
    }
}
