//! The firewalls between the zones, as the plan file holds them: back-to-back external and
//! internal firewalls (the default, and what every version 1 plan meant) or one three-legged
//! firewall, each with its name and interface names. Which of them a path between two zones
//! crosses is [`Layout::crossed`].

use serde::{Deserialize, Serialize};

use super::PlanProblem;
use crate::escape::quoted;
use crate::ron_path::Step;
use crate::topology::Zone;

/// Most characters of a firewall's name.
pub const MAX_FIREWALL_NAME: usize = 64;
/// Most characters of an interface name (ASA's `nameif` allows 48, Linux's 15).
pub const MAX_INTERFACE_NAME: usize = 32;

/// The plan's firewalls.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Firewalls {
    /// An external firewall (Internet - perimeter) and an internal one (perimeter - internal).
    BackToBack {
        /// Between the Internet and the perimeter network.
        external: FirewallDevice,
        /// Between the perimeter network and the internal network.
        internal: FirewallDevice,
    },
    /// One firewall with a leg in each zone.
    ThreeLegged {
        /// Its name (user text).
        name: String,
        /// The interface facing the Internet.
        outside: String,
        /// The interface facing the perimeter network.
        perimeter: String,
        /// The interface facing the internal network.
        inside: String,
    },
}

impl Default for Firewalls {
    /// Back-to-back, as version 1 plans assumed.
    fn default() -> Self {
        Self::back_to_back()
    }
}

/// A firewall with two legs: `outside` faces the zone nearer the Internet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FirewallDevice {
    /// Its name (user text).
    pub name: String,
    /// The interface facing the zone nearer the Internet.
    pub outside: String,
    /// The interface facing the zone further in.
    pub inside: String,
}

/// Which firewall of a plan: stable, never the user's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FirewallId {
    /// The back-to-back pair's outer firewall.
    External,
    /// The back-to-back pair's inner firewall.
    Internal,
    /// The one three-legged firewall.
    ThreeLegged,
}

impl FirewallId {
    /// The name a new plan gives it (the window shows it in its own language).
    pub fn default_name(self) -> &'static str {
        match self {
            Self::External => "External firewall",
            Self::Internal => "Internal firewall",
            Self::ThreeLegged => "Firewall",
        }
    }
}

impl FirewallId {
    /// Lower-case name used in files, options and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::External => "external",
            Self::Internal => "internal",
            Self::ThreeLegged => "three_legged",
        }
    }
}

/// The shape of the firewalls without their names: what decides which ones a path crosses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// External and internal firewalls.
    #[default]
    BackToBack,
    /// One firewall for every zone.
    ThreeLegged,
}

impl Layout {
    /// The firewalls a path from zone `a` to zone `b` crosses, in the order it crosses them;
    /// none within one zone (host firewalls only). Back-to-back, the Internet and the internal
    /// network are two firewalls apart.
    pub fn crossed(self, a: Zone, b: Zone) -> Vec<FirewallId> {
        if a == b {
            return Vec::new();
        }
        match self {
            Self::ThreeLegged => vec![FirewallId::ThreeLegged],
            Self::BackToBack => {
                // Zones are declared outside in: a boundary is crossed when the path spans it.
                let (lo, hi) = (a.min(b), a.max(b));
                let mut out = Vec::new();
                if lo == Zone::Internet {
                    out.push(FirewallId::External);
                }
                if hi == Zone::Internal {
                    out.push(FirewallId::Internal);
                }
                if a > b {
                    out.reverse();
                }
                out
            }
        }
    }

    /// The firewalls of this layout, outside in.
    pub fn ids(self) -> &'static [FirewallId] {
        match self {
            Self::BackToBack => &[FirewallId::External, FirewallId::Internal],
            Self::ThreeLegged => &[FirewallId::ThreeLegged],
        }
    }
}

/// One firewall as the UI and exports see it: id, name and its interfaces by zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FirewallView<'a> {
    /// Stable id.
    pub id: FirewallId,
    /// The user's name for it.
    pub name: &'a str,
    /// Each leg: the zone it faces and the interface's name, outside in.
    pub interfaces: Vec<(Zone, &'a str)>,
}

impl<'a> FirewallView<'a> {
    /// Its name as people read it: a name the plan left at its default in `lang` (the window,
    /// the workbook), a name someone gave as given.
    pub fn display_name(&self, lang: crate::i18n::Lang) -> std::borrow::Cow<'a, str> {
        if self.name != self.id.default_name() {
            return self.name.into();
        }
        let key = match self.id {
            FirewallId::External => "firewall.default_external",
            FirewallId::Internal => "firewall.default_internal",
            FirewallId::ThreeLegged => "firewall.default_three_legged",
        };
        crate::i18n::tr(lang, key).into()
    }

    /// The leg traffic from zone `from` to zone `to` enters by: the one facing `from`, else the
    /// one facing the way it comes from (a back-to-back inner firewall sees the Internet's
    /// traffic enter from the perimeter).
    pub fn entry_leg(&self, from: Zone, to: Zone) -> usize {
        self.leg_toward(from, from < to)
    }

    /// The leg that traffic from `from` to `to` leaves by: the one facing `to`, else the one
    /// facing the way it goes.
    pub fn exit_leg(&self, from: Zone, to: Zone) -> usize {
        self.leg_toward(to, to < from)
    }

    /// The leg facing `zone`, else the outermost (`outward`) or innermost leg.
    fn leg_toward(&self, zone: Zone, outward: bool) -> usize {
        (self.interfaces.iter().position(|(z, _)| *z == zone)).unwrap_or(if outward {
            0
        } else {
            self.interfaces.len().saturating_sub(1)
        })
    }
}

impl Firewalls {
    /// Back-to-back firewalls with the usual names.
    pub fn back_to_back() -> Self {
        Self::BackToBack {
            external: FirewallDevice {
                name: FirewallId::External.default_name().to_owned(),
                outside: "outside".to_owned(),
                inside: "dmz".to_owned(),
            },
            internal: FirewallDevice {
                name: FirewallId::Internal.default_name().to_owned(),
                outside: "dmz".to_owned(),
                inside: "inside".to_owned(),
            },
        }
    }

    /// One three-legged firewall with the usual names.
    pub fn three_legged() -> Self {
        Self::ThreeLegged {
            name: FirewallId::ThreeLegged.default_name().to_owned(),
            outside: "outside".to_owned(),
            perimeter: "dmz".to_owned(),
            inside: "inside".to_owned(),
        }
    }

    /// The shape, without names.
    pub fn layout(&self) -> Layout {
        match self {
            Self::BackToBack { .. } => Layout::BackToBack,
            Self::ThreeLegged { .. } => Layout::ThreeLegged,
        }
    }

    /// Every firewall, outside in.
    pub fn list(&self) -> Vec<FirewallView<'_>> {
        match self {
            Self::BackToBack { external, internal } => vec![
                FirewallView {
                    id: FirewallId::External,
                    name: &external.name,
                    interfaces: vec![
                        (Zone::Internet, &external.outside),
                        (Zone::Perimeter, &external.inside),
                    ],
                },
                FirewallView {
                    id: FirewallId::Internal,
                    name: &internal.name,
                    interfaces: vec![
                        (Zone::Perimeter, &internal.outside),
                        (Zone::Internal, &internal.inside),
                    ],
                },
            ],
            Self::ThreeLegged {
                name,
                outside,
                perimeter,
                inside,
            } => vec![FirewallView {
                id: FirewallId::ThreeLegged,
                name,
                interfaces: vec![
                    (Zone::Internet, outside),
                    (Zone::Perimeter, perimeter),
                    (Zone::Internal, inside),
                ],
            }],
        }
    }

    /// The firewall whose id or name is `text` (ids first), if the plan has it.
    pub fn find(&self, text: &str) -> Option<FirewallId> {
        let list = self.list();
        (list.iter().find(|f| f.id.as_str() == text))
            .or_else(|| list.iter().find(|f| f.name == text))
            .map(|f| f.id)
    }

    /// The firewall `id`, if the plan has it.
    pub fn get(&self, id: FirewallId) -> Option<FirewallView<'_>> {
        self.list().into_iter().find(|f| f.id == id)
    }
}

/// Names and interface names are user text that exports write into configurations: a name is
/// one line of 1-64 characters with no control or invisible characters, an interface name 1-32
/// letters, digits, `-`, `_`, `.` or `/` (what firewalls accept as an interface's name).
pub fn validate(firewalls: &Firewalls, out: &mut Vec<PlanProblem>) {
    let at = |more: &[&'static str]| -> Vec<Step> {
        let mut path = vec![Step::Field("firewalls")];
        path.extend(more.iter().map(|f| Step::Field(f)));
        path
    };
    let mut check_name = |name: &str, path: Vec<Step>| {
        let ok = !name.is_empty()
            && name.chars().count() <= MAX_FIREWALL_NAME
            && crate::escape::one_line(name) == name;
        if !ok {
            out.push(PlanProblem {
                message: format!(
                    "firewall name `{}` must be one line of 1-{MAX_FIREWALL_NAME} characters without control characters or spaces at its ends",
                    quoted(name)
                ),
                at: path,
            });
        }
    };
    let mut names = Vec::new();
    let mut interfaces = Vec::new();
    match firewalls {
        Firewalls::BackToBack { external, internal } => {
            for (device, field) in [(external, "external"), (internal, "internal")] {
                names.push((device.name.as_str(), at(&[field, "name"])));
                interfaces.push((device.outside.as_str(), at(&[field, "outside"])));
                interfaces.push((device.inside.as_str(), at(&[field, "inside"])));
            }
        }
        Firewalls::ThreeLegged {
            name,
            outside,
            perimeter,
            inside,
        } => {
            names.push((name.as_str(), at(&["name"])));
            interfaces.push((outside.as_str(), at(&["outside"])));
            interfaces.push((perimeter.as_str(), at(&["perimeter"])));
            interfaces.push((inside.as_str(), at(&["inside"])));
        }
    }
    for (name, path) in names {
        check_name(name, path);
    }
    for (name, path) in interfaces {
        if !is_interface_name(name) {
            out.push(PlanProblem {
                message: format!(
                    "interface name `{}` must be 1-{MAX_INTERFACE_NAME} letters, digits, `-`, `_`, `.` or `/`",
                    quoted(name)
                ),
                at: path,
            });
        }
    }
    if let Firewalls::BackToBack { external, internal } = firewalls
        && external.name == internal.name
    {
        out.push(PlanProblem {
            message: format!(
                "the external and internal firewalls are both named `{}`; give each its own name",
                quoted(&internal.name)
            ),
            at: at(&["internal", "name"]),
        });
    }
}

fn is_interface_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_INTERFACE_NAME
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/'))
}

#[cfg(test)]
mod tests {
    use super::{FirewallId, Firewalls, Layout, validate};
    use crate::topology::Zone;

    #[test]
    fn back_to_back_puts_the_internet_two_firewalls_from_the_inside() {
        use FirewallId::{External, Internal};
        let b = Layout::BackToBack;
        assert_eq!(b.crossed(Zone::Internet, Zone::Perimeter), [External]);
        assert_eq!(b.crossed(Zone::Perimeter, Zone::Internet), [External]);
        assert_eq!(b.crossed(Zone::Perimeter, Zone::Internal), [Internal]);
        assert_eq!(
            b.crossed(Zone::Internet, Zone::Internal),
            [External, Internal]
        );
        assert_eq!(
            b.crossed(Zone::Internal, Zone::Internet),
            [Internal, External]
        );
        for z in Zone::ALL {
            assert!(b.crossed(z, z).is_empty());
            assert!(Layout::ThreeLegged.crossed(z, z).is_empty());
        }
        assert_eq!(
            Layout::ThreeLegged.crossed(Zone::Internet, Zone::Internal),
            [FirewallId::ThreeLegged]
        );
    }

    #[test]
    fn firewalls_are_found_by_id_or_name() {
        let f = Firewalls::default();
        assert_eq!(f.find("internal"), Some(FirewallId::Internal));
        assert_eq!(f.find("External firewall"), Some(FirewallId::External));
        assert_eq!(f.find("three_legged"), None);
        let t = Firewalls::three_legged();
        assert_eq!(t.find("Firewall"), Some(FirewallId::ThreeLegged));
        assert_eq!(t.get(FirewallId::ThreeLegged).unwrap().interfaces.len(), 3);
    }

    #[test]
    fn names_with_control_characters_and_odd_interfaces_are_refused() {
        let mut problems = Vec::new();
        validate(&Firewalls::default(), &mut problems);
        validate(&Firewalls::three_legged(), &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        let Firewalls::BackToBack {
            mut external,
            internal,
        } = Firewalls::default()
        else {
            unreachable!()
        };
        external.name = "edge\u{202e}fw".to_owned();
        external.inside = "dmz; drop".to_owned();
        validate(&Firewalls::BackToBack { external, internal }, &mut problems);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].message.starts_with("firewall name"));
        assert!(problems[1].message.contains("`dmz; drop`"));
        problems.clear();
        let same = Firewalls::BackToBack {
            external: super::FirewallDevice {
                name: "fw".to_owned(),
                outside: "a".to_owned(),
                inside: "b".to_owned(),
            },
            internal: super::FirewallDevice {
                name: "fw".to_owned(),
                outside: "b".to_owned(),
                inside: "c".to_owned(),
            },
        };
        validate(&same, &mut problems);
        assert_eq!(problems.len(), 1, "{problems:?}");
    }
}
