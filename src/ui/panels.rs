//! The panels around the canvas: which are open and how big, remembered in the preferences.
//! Default sizes follow the window, so that at 1280x800 the canvas keeps most of it.

use eframe::egui::{Key, Vec2};
use serde::{Deserialize, Serialize};

/// One of the panels that can be hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelId {
    /// The role palette (left).
    Palette,
    /// Inspector and findings (right).
    Side,
    /// The rule table (bottom).
    Rules,
}

impl PanelId {
    /// All of them, in toolbar order.
    pub const ALL: [Self; 3] = [Self::Palette, Self::Side, Self::Rules];

    /// The i18n key of its toggle.
    pub fn text_key(self) -> &'static str {
        match self {
            Self::Palette => "view.palette",
            Self::Side => "view.side",
            Self::Rules => "view.rules",
        }
    }

    /// Its shortcut's key, with Ctrl (Cmd): B, I and J, as in common editors' side bars.
    pub fn key(self) -> Key {
        match self {
            Self::Palette => Key::B,
            Self::Side => Key::I,
            Self::Rules => Key::J,
        }
    }
}

/// Which panels are open and the sizes the user dragged them to (`None`: follow the window).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PanelPrefs {
    /// The palette is shown.
    #[serde(default = "open")]
    pub palette: bool,
    /// Inspector and findings are shown.
    #[serde(default = "open")]
    pub side: bool,
    /// The rule table is shown.
    #[serde(default = "open")]
    pub rules: bool,
    /// Width of the palette.
    #[serde(default)]
    pub palette_width: Option<f32>,
    /// Width of the right panel.
    #[serde(default)]
    pub side_width: Option<f32>,
    /// Height of the rule table.
    #[serde(default)]
    pub rules_height: Option<f32>,
}

fn open() -> bool {
    true
}

impl Default for PanelPrefs {
    fn default() -> Self {
        Self {
            palette: true,
            side: true,
            rules: true,
            palette_width: None,
            side_width: None,
            rules_height: None,
        }
    }
}

impl PanelPrefs {
    /// Is the panel open.
    pub fn is_open(&self, panel: PanelId) -> bool {
        match panel {
            PanelId::Palette => self.palette,
            PanelId::Side => self.side,
            PanelId::Rules => self.rules,
        }
    }

    /// Open or close it.
    pub fn toggle(&mut self, panel: PanelId) {
        let open = match panel {
            PanelId::Palette => &mut self.palette,
            PanelId::Side => &mut self.side,
            PanelId::Rules => &mut self.rules,
        };
        *open = !*open;
    }

    /// The sizes to open the panels at in a window of `window` points: the remembered ones,
    /// else a share of the window (palette, right panel, rule table).
    pub fn sizes(&self, window: Vec2) -> (f32, f32, f32) {
        (
            self.palette_width
                .unwrap_or((window.x * 0.15).clamp(200.0, 240.0)),
            self.side_width
                .unwrap_or((window.x * 0.22).clamp(290.0, 440.0)),
            self.rules_height
                .unwrap_or((window.y * 0.25).clamp(170.0, 320.0)),
        )
    }

    /// Remember sizes the user changed by dragging a panel's edge; true when one changed.
    /// `measured` is what the panels are this frame (`None` for a closed panel).
    pub fn remember_sizes(
        &mut self,
        window: Vec2,
        measured: (Option<f32>, Option<f32>, Option<f32>),
    ) -> bool {
        let wanted = self.sizes(window);
        let mut changed = false;
        let mut keep = |slot: &mut Option<f32>, wanted: f32, measured: Option<f32>| {
            if let Some(m) = measured
                && (m - wanted).abs() > 1.0
            {
                *slot = Some(m.round());
                changed = true;
            }
        };
        keep(&mut self.palette_width, wanted.0, measured.0);
        keep(&mut self.side_width, wanted.1, measured.1);
        keep(&mut self.rules_height, wanted.2, measured.2);
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_follow_the_window_until_the_user_drags_an_edge() {
        let mut p = PanelPrefs::default();
        let small = p.sizes(Vec2::new(1280.0, 800.0));
        let large = p.sizes(Vec2::new(1920.0, 1080.0));
        assert!(
            large.1 > small.1 && large.2 > small.2,
            "{small:?} {large:?}"
        );
        // Unchanged sizes are not remembered: the window keeps deciding.
        assert!(!p.remember_sizes(Vec2::new(1280.0, 800.0), (Some(small.0), None, None)));
        assert_eq!(p.palette_width, None);
        assert!(p.remember_sizes(Vec2::new(1280.0, 800.0), (None, Some(350.0), None)));
        assert!((p.sizes(Vec2::new(1920.0, 1080.0)).1 - 350.0).abs() < 1e-6);
        let text = ron::to_string(&p).unwrap();
        assert_eq!(ron::from_str::<PanelPrefs>(&text).unwrap(), p);
        // Preferences written before panels existed load with every panel open.
        assert_eq!(
            ron::from_str::<PanelPrefs>("()").unwrap(),
            PanelPrefs::default()
        );
    }
}
