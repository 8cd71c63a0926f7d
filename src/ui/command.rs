//! The user's verbs: one enum, with menu text and shortcut in one place.

use std::path::PathBuf;

use eframe::egui::{Key, KeyboardShortcut, Modifiers};

use crate::plan::PlanEdit;

/// Something the user asked for; applied in one place at the end of the frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// File > New.
    NewPlan,
    /// File > New from template (index into the templates).
    NewFromTemplate(usize),
    /// View > Language.
    SetLanguage(crate::i18n::Lang),
    /// File > Open... (a dialog).
    Open,
    /// Open this file (recent files, a dropped file, the dialog's answer).
    OpenPath(PathBuf),
    /// File > Save.
    Save,
    /// File > Save as... (a dialog).
    SaveAs,
    /// Save to this path (the dialog's answer).
    SaveTo(PathBuf),
    /// File > Quit.
    Quit,
    /// Edit > Undo.
    Undo,
    /// Edit > Redo.
    Redo,
    /// Edit > Delete the selection.
    Delete,
    /// Edit > Select all nodes.
    SelectAll,
    /// Edit > Copy the selected nodes.
    Copy,
    /// Edit > Paste.
    Paste,
    /// Paste text from the system clipboard (nodes copied as plan text, possibly from another window).
    PasteText(String),
    /// Edit > Duplicate the selection.
    Duplicate,
    /// Edit > Link the two selected nodes.
    LinkSelected,
    /// Escape: cancel the gesture in progress, else clear the selection.
    Cancel,
    /// View > Fit to content.
    FitView,
    /// View > Zoom 100%.
    ZoomReset,
    /// View > Zoom in one step.
    ZoomIn,
    /// View > Zoom out one step.
    ZoomOut,
    /// Zoom to this factor (1.0 = 100%), typed in the toolbar.
    SetZoom(f32),
    /// View > show or hide a side panel.
    TogglePanel(crate::ui::panels::PanelId),
    /// View > Snap to grid on/off.
    ToggleSnap,
    /// View > Reports...: the Firewall, DNS records and Certificates reports.
    OpenReports,
    /// A plan edit from the canvas, the inspector or a finding's fix.
    Edit(PlanEdit),
    /// Select a node and put the cursor in one of its fields (a finding's fix).
    FocusField {
        /// The node.
        node: crate::plan::NodeId,
        /// The field the finding's fix names.
        field: crate::findings::NodeField,
        /// The endpoint kind whose address field it is, when the finding names one.
        endpoint: Option<String>,
        /// The one field's inspector key, when the finding is about one address.
        key: Option<String>,
    },
    /// Export > a format: checked by the placeholder guard, then a dialog or the clipboard.
    Export {
        /// What to export.
        kind: crate::ui::export_menu::ExportKind,
        /// To the clipboard.
        to_clipboard: bool,
    },
    /// Export now, past the guard (the user confirmed or nothing was missing).
    ExportConfirmed(crate::ui::export_menu::ExportRequest),
    /// Write an export to this file.
    ExportTo {
        /// What to export.
        request: crate::ui::export_menu::ExportRequest,
        /// Where.
        path: PathBuf,
    },
    /// File > Audit against firewall rules (a dialog).
    Audit,
    /// Audit against this file (any format the audit reads).
    AuditPath(PathBuf),
    /// Drop the audit results.
    ClearAudit,
    /// File > Load port-test results (a dialog).
    PortTests,
    /// Add this port-test results CSV to the loaded results.
    PortTestsPath(PathBuf),
    /// Drop the port-test results.
    ClearPortTests,
    /// File > Compare with... (a dialog).
    Compare,
    /// Compare the plan with this older plan file.
    ComparePath(PathBuf),
    /// Trainer > a scenario (index into the scenarios): opens its template and steps through it.
    StartScenario(usize),
    /// Save the exercise results (a dialog).
    SaveTrainerResults(String),
    /// Write the exercise results to this file.
    TrainerResultsTo {
        /// The CSV text.
        csv: String,
        /// Where.
        path: PathBuf,
    },
}

impl Command {
    /// The menu and shortcut commands, for the shortcut loop. A shortcut with more modifiers
    /// comes before the one it extends: egui matches Ctrl+S on Ctrl+Shift+S too, so Save As
    /// after Save saved over the file.
    pub const WITH_SHORTCUTS: [Self; 20] = [
        Self::NewPlan,
        Self::Open,
        Self::SaveAs,
        Self::Save,
        Self::Undo,
        Self::Redo,
        Self::Delete,
        Self::SelectAll,
        Self::Copy,
        Self::Paste,
        Self::Duplicate,
        Self::LinkSelected,
        Self::Cancel,
        Self::FitView,
        Self::ZoomReset,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::TogglePanel(crate::ui::panels::PanelId::Palette),
        Self::TogglePanel(crate::ui::panels::PanelId::Side),
        Self::TogglePanel(crate::ui::panels::PanelId::Rules),
    ];

    /// The i18n key of the menu text.
    pub fn text_key(&self) -> &'static str {
        match self {
            Self::NewPlan => "cmd.new",
            Self::NewFromTemplate(_) => "cmd.new_from_template",
            Self::Open | Self::OpenPath(_) => "cmd.open",
            Self::Save | Self::SaveTo(_) => "cmd.save",
            Self::SaveAs => "cmd.save_as",
            Self::Quit => "cmd.quit",
            Self::Undo => "cmd.undo",
            Self::Redo => "cmd.redo",
            Self::Delete => "cmd.delete",
            Self::SelectAll => "cmd.select_all",
            Self::Copy => "cmd.copy",
            Self::Paste | Self::PasteText(_) => "cmd.paste",
            Self::Duplicate => "cmd.duplicate",
            Self::LinkSelected => "cmd.link_selected",
            Self::Cancel => "cmd.cancel",
            Self::FitView => "cmd.fit",
            Self::ZoomReset => "cmd.zoom_reset",
            Self::ZoomIn => "cmd.zoom_in",
            Self::ZoomOut => "cmd.zoom_out",
            Self::SetZoom(_) => "view.zoom",
            Self::TogglePanel(panel) => panel.text_key(),
            Self::ToggleSnap => "cmd.snap",
            Self::OpenReports => "cmd.reports",
            Self::SetLanguage(_) => "menu.language",
            Self::Audit | Self::AuditPath(_) | Self::ClearAudit => "cmd.audit",
            Self::PortTests | Self::PortTestsPath(_) => "cmd.port_tests",
            Self::ClearPortTests => "cmd.clear_port_tests",
            Self::Compare | Self::ComparePath(_) => "cmd.compare",
            Self::StartScenario(_)
            | Self::SaveTrainerResults(_)
            | Self::TrainerResultsTo { .. } => "trainer.menu",
            Self::Edit(_)
            | Self::FocusField { .. }
            | Self::Export { .. }
            | Self::ExportConfirmed(_)
            | Self::ExportTo { .. } => "menu.edit",
        }
    }

    /// The keyboard shortcut, if any.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        let (modifiers, key) = match self {
            Self::NewPlan => (cmd, Key::N),
            Self::Open => (cmd, Key::O),
            Self::Save => (cmd, Key::S),
            Self::SaveAs => (cmd | Modifiers::SHIFT, Key::S),
            Self::Undo => (cmd, Key::Z),
            Self::Redo => (cmd, Key::Y),
            Self::Delete => (Modifiers::NONE, Key::Delete),
            Self::SelectAll => (cmd, Key::A),
            Self::Copy => (cmd, Key::C),
            Self::Paste => (cmd, Key::V),
            Self::Duplicate => (cmd, Key::D),
            Self::LinkSelected => (cmd, Key::L),
            Self::Cancel => (Modifiers::NONE, Key::Escape),
            Self::FitView => (Modifiers::NONE, Key::F),
            Self::ZoomReset => (cmd, Key::Num0),
            Self::ZoomIn => (cmd, Key::Plus),
            Self::ZoomOut => (cmd, Key::Minus),
            Self::TogglePanel(panel) => (cmd, panel.key()),
            _ => return None,
        };
        Some(KeyboardShortcut::new(modifiers, key))
    }

    /// True for commands that must not fire while a text field has the keyboard.
    pub fn is_canvas_only(&self) -> bool {
        !matches!(
            self,
            Self::NewPlan | Self::Open | Self::Save | Self::SaveAs | Self::TogglePanel(_)
        )
    }
}

/// Extra shortcuts that map to the same commands (Ctrl+Shift+Z, Backspace; Ctrl+=, + and -
/// zoom like Ctrl++ and Ctrl+-).
pub fn alternate_shortcuts() -> [(KeyboardShortcut, Command); 6] {
    [
        (
            KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals),
            Command::ZoomIn,
        ),
        (
            KeyboardShortcut::new(Modifiers::NONE, Key::Plus),
            Command::ZoomIn,
        ),
        (
            KeyboardShortcut::new(Modifiers::NONE, Key::Equals),
            Command::ZoomIn,
        ),
        (
            KeyboardShortcut::new(Modifiers::NONE, Key::Minus),
            Command::ZoomOut,
        ),
        (
            KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z),
            Command::Redo,
        ),
        (
            KeyboardShortcut::new(Modifiers::NONE, Key::Backspace),
            Command::Delete,
        ),
    ]
}

/// Ordered list of the frame's commands.
pub type Commands = Vec<Command>;
