//! View commands: zoom steps and typed zoom, showing and hiding panels (remembered).

use super::PlannerApp;
use crate::ui::canvas::view;
use crate::ui::command::Command;

impl PlannerApp {
    /// Apply a zoom or panel command.
    pub(super) fn apply_view(&mut self, command: &Command) {
        match command {
            Command::ZoomIn => {
                self.canvas.zoom_request = Some(view::step(self.canvas.coming_zoom(), true));
            }
            Command::ZoomOut => {
                self.canvas.zoom_request = Some(view::step(self.canvas.coming_zoom(), false));
            }
            Command::SetZoom(zoom) => self.canvas.zoom_request = Some(*zoom),
            Command::TogglePanel(panel) => {
                self.prefs.panels.toggle(*panel);
                self.save_prefs();
            }
            _ => {}
        }
    }
}
