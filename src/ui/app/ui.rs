//! The window's layout: one frame's input, the panels around the canvas, and what follows the
//! frame (autosave, title).

use eframe::egui;

use super::PlannerApp;
use crate::examples;
use crate::findings::Finding;
use crate::ui::audit::AuditState;
use crate::ui::canvas::{self, CanvasView};
use crate::ui::command::{self, Command};
use crate::ui::menu_bar::{self, MenuState};
use crate::ui::palette;
use crate::ui::panels::PanelId;
use crate::ui::path_prompt::PathPrompt;
use crate::ui::rule_table;
use crate::ui::side::{self, SideView};
use crate::ui::status_bar::{self, Status};
use crate::ui::text;
use crate::ui::toolbar;

impl PlannerApp {
    /// The whole window's content; needs no `eframe::Frame`, so tests can drive it.
    pub fn contents_ui(&mut self, ui: &mut egui::Ui) {
        if !self.fonts_installed {
            crate::ui::fonts::install(ui.ctx());
            // Ctrl + wheel zooms the canvas 10% a notch (egui's default is 22%).
            ui.ctx()
                .options_mut(|o| o.input_options.scroll_zoom_speed = 1.0 / 400.0);
            self.fonts_installed = true;
        }
        text::set_lang(ui.ctx(), self.lang);
        self.refresh_derived(ui.ctx());
        self.read_input(ui);
        self.panels_ui(ui);
        self.modals_ui(ui);
        self.handle_close_request(ui);
        self.apply_commands(ui);
        self.after_frame(ui);
    }

    /// The rules of the plan's content: asked of the derivation thread (at the end of the frame
    /// that made the edit, see [`Self::after_frame`]) and taken when they come.
    fn refresh_derived(&mut self, ctx: &egui::Context) {
        let content = self.doc.content();
        if self.derived.is_behind(content) {
            let plan = self.doc.plan();
            self.deriver.request(content, plan, &self.catalog, ctx);
            let wait = self.deriver.worth_waiting(self.options.derive_wait);
            if let Some(new) = self.deriver.take(wait, plan, &self.catalog) {
                self.deriver
                    .discard(std::mem::replace(&mut self.derived, new));
            }
        }
        self.derived.state = Some(self.doc.state());
        if let (Some(a), Some(content)) = (&mut self.audit, self.derived.content) {
            a.refresh(self.doc.plan(), &self.derived.derivation, content);
        }
        if let (Some(tests), Some(content)) = (&mut self.port_tests, self.derived.content) {
            let base = (self.audit.as_ref())
                .map_or(&self.derived.derivation.findings[..], AuditState::merged);
            tests.refresh(&self.derived.derivation, content, base);
        }
        self.selection.retain_existing(self.doc.plan());
    }

    /// The rules of the document as it is, derived here if the derivation thread has not given
    /// them yet: what a user's action (an export, an audit, a comparison) must read.
    pub(super) fn catch_up(&mut self, ctx: &egui::Context) {
        let content = self.doc.content();
        if self.derived.is_behind(content) {
            let plan = self.doc.plan();
            self.deriver.request(content, plan, &self.catalog, ctx);
            if let Some(mut new) = self.deriver.take(None, plan, &self.catalog) {
                new.state = Some(self.doc.state());
                self.deriver
                    .discard(std::mem::replace(&mut self.derived, new));
            }
        }
    }

    fn read_input(&mut self, ui: &egui::Ui) {
        if !self.modal_open() {
            self.read_shortcuts(ui);
            self.read_dropped_files(ui);
        }
        if let Some(c) = self.dialogs.poll() {
            self.commands.push(c);
        }
        // No dialog could open: the window asks for the path itself (one prompt at a time).
        if let Some(kind) = self.dialogs.no_dialog.take()
            && self.path_prompt.is_none()
        {
            self.path_prompt = Some(PathPrompt::new(kind, &self.dialog_start()));
        }
    }

    fn read_shortcuts(&mut self, ui: &egui::Ui) {
        let typing = ui.ctx().egui_wants_keyboard_input() || self.was_typing;
        // Escape with a menu or a combo box open is the popup's: it closes it, and the
        // selection stays (taken as Cancel, it cleared the selection and left the menu open).
        let popup = egui::Popup::is_any_open(ui.ctx());
        ui.input_mut(|i| {
            // The windowing layer turns Ctrl+C/X/V into these events instead of key presses.
            for event in &i.events {
                match event {
                    _ if typing => {}
                    egui::Event::Copy => self.commands.push(Command::Copy),
                    egui::Event::Cut => self.commands.extend([Command::Copy, Command::Delete]),
                    egui::Event::Paste(text) => {
                        self.commands.push(Command::PasteText(text.clone()));
                    }
                    _ => {}
                }
            }
            for (sc, c) in command::alternate_shortcuts() {
                if !typing && i.consume_shortcut(&sc) {
                    self.commands.push(c);
                }
            }
            for c in Command::WITH_SHORTCUTS {
                if let Some(sc) = c.shortcut()
                    && !(typing && c.is_canvas_only())
                    && !(popup && matches!(c, Command::Cancel))
                    && i.consume_shortcut(&sc)
                {
                    self.commands.push(c);
                }
            }
        });
    }

    fn read_dropped_files(&mut self, ui: &egui::Ui) {
        let dropped = ui.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_owned()));
        if let Some(path) = dropped {
            self.commands.push(Command::OpenPath(path));
        }
    }

    /// The trainer's share of the frame: highlight the current hop; true when ports are hidden.
    fn trainer_frame(&mut self) -> bool {
        let handoff = std::sync::Arc::clone(&self.derived.derivation.handoff);
        let records = super::dialogs::lookup_records(self.trainer.as_ref(), &handoff);
        if let Some(state) = &mut self.trainer {
            crate::ui::trainer_panel::highlight(
                state,
                (&self.derived, records),
                &self.link_shapes.peer_links,
                &mut self.selection,
                &mut self.rule_table,
            );
        }
        let hide_ports = self.trainer.as_ref().is_some_and(|t| t.exercise);
        self.rule_table.hide_ports = hide_ports;
        hide_ports
    }

    /// The menu bar with the toolbar at its right end.
    fn top_bar_ui(&mut self, ui: &mut egui::Ui) {
        let templates: Vec<String> = examples::TEMPLATES
            .iter()
            .map(|t| self.tr(t.name).to_owned())
            .collect();
        let scenarios: Vec<String> = match crate::trainer::scenarios() {
            Ok(list) => list
                .iter()
                .map(|s| s.title.get(self.lang).to_owned())
                .collect(),
            // The menu says why it has no scenarios; choosing the entry shows the error.
            Err(e) => vec![e.to_string()],
        };
        let firewall_name = (self.selection.firewall)
            .and_then(|id| self.doc.plan().firewalls.get(id))
            .map(|f| crate::ui::text::firewall_name(self.lang, &f).into_owned());
        let menu = MenuState {
            recent: &self.prefs.recent,
            can_undo: self.doc.can_undo(),
            can_redo: self.doc.can_redo(),
            snap: self.canvas.snap,
            has_selection: !self.selection.is_empty(),
            selected_firewall: firewall_name.as_deref(),
            templates: &templates,
            scenarios: &scenarios,
            lang: self.lang,
            panels: &self.prefs.panels,
            port_tests: self.port_tests.is_some(),
        };
        let zoom = self.canvas.coming_zoom();
        egui::Panel::top("menu").show(ui, |ui| {
            ui.horizontal(|ui| {
                menu_bar::menu_bar_ui(ui, &menu, &mut self.export_scope, &mut self.commands);
                toolbar::toolbar_ui(
                    ui,
                    menu.panels,
                    zoom,
                    &mut self.canvas.zoom_text,
                    &mut self.commands,
                );
            });
        });
    }

    fn panels_ui(&mut self, ui: &mut egui::Ui) {
        self.top_bar_ui(ui);
        let hide_ports = self.trainer_frame();
        let roles: Vec<(String, String)> = self
            .catalog
            .roles()
            .iter()
            .map(|r| (r.id.to_string(), r.name.get(self.lang).to_owned()))
            .collect();
        let window = ui.available_rect_before_wrap().size();
        let panels_before = self.prefs.panels.clone();
        let Self {
            catalog,
            doc,
            derived,
            audit,
            port_tests,
            canvas,
            link_shapes,
            selection,
            inspector,
            commands,
            prefs,
            status,
            file_name,
            rule_table,
            ..
        } = self;
        let findings: &[Finding] = match port_tests {
            Some(tests) => tests.merged(),
            None => (audit.as_ref()).map_or(&derived.derivation.findings, AuditState::merged),
        };
        egui::Panel::bottom("status").show(ui, |ui| {
            status_bar::status_bar_ui(
                ui,
                file_name,
                doc.plan().product.name(),
                derived,
                (doc.is_dirty(), derived.is_behind(doc.content())),
                status,
            );
        });
        let (palette_width, side_width, rules_height) = prefs.panels.sizes(window);
        let panels = &mut prefs.panels;
        let palette = egui::Panel::left("palette")
            .resizable(true)
            .default_size(palette_width)
            .show_collapsible(ui, &mut panels.palette, |ui| {
                egui::ScrollArea::vertical()
                    .show(ui, |ui| palette::palette_ui(ui, catalog, canvas));
            });
        let side = egui::Panel::right("side")
            .resizable(true)
            .default_size(side_width)
            .show_collapsible(ui, &mut panels.side, |ui| {
                // Inspector and findings scroll on their own (side.rs).
                let side = SideView {
                    doc,
                    catalog,
                    derived,
                    findings,
                    rule_table,
                };
                side::side_ui(ui, &side, selection, inspector, commands);
            });
        let table = egui::Panel::bottom("rules")
            .resizable(true)
            .default_size(rules_height)
            .show_collapsible(ui, &mut panels.rules, |ui| {
                rule_table::rule_table_ui(ui, rule_table, (derived, doc.plan()), selection, &roles);
            });
        // The canvas gets the whole rest of the window, without the panel's margin.
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE.fill(ui.visuals().panel_fill))
            .show(ui, |ui| {
                let view = CanvasView {
                    plan: doc.plan(),
                    catalog,
                    derived,
                    content: doc.content(),
                    hide_ports,
                    port_tests: port_tests.as_ref().map(|t| &t.links),
                };
                let area = ui.available_rect_before_wrap();
                canvas::canvas_ui(ui, &view, canvas, link_shapes, selection, commands);
                palette::empty_canvas_hint(ui.ctx(), area, doc.plan());
            });
        // A panel dragged to a new size is remembered when the button comes up: on that frame
        // no panel is sliding open or closed (a toggle takes effect after the frame).
        let released = ui.input(|i| i.pointer.any_released());
        let measured = (
            palette.map(|r| r.response.rect.width()),
            side.map(|r| r.response.rect.width()),
            table.map(|r| r.response.rect.height()),
        );
        let resized = released && prefs.panels.remember_sizes(window, measured);
        let toggled = PanelId::ALL
            .iter()
            .any(|&p| prefs.panels.is_open(p) != panels_before.is_open(p));
        if resized || toggled {
            self.save_prefs();
        }
    }

    /// Write the recovery file when due (at `now`, in the frames' input time).
    pub(super) fn autosave(&mut self, ctx: &egui::Context, now: f64) {
        if let Some(Err(e)) = self.autosave.tick(now, &self.doc) {
            self.status = Status::error(e);
            // The panels are drawn already: one more frame shows the failure now, not at the next input.
            ctx.request_repaint();
        }
        // Wake up for the autosave only while one is due: an idle window does not repaint.
        if let Some(secs) = self.autosave.due_in(now, &self.doc) {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(secs));
        }
    }

    fn after_frame(&mut self, ui: &egui::Ui) {
        // Save As closed without a path: what waited for the save does not happen.
        if self.after_save.is_some() && !self.dialogs.is_asking() && self.path_prompt.is_none() {
            self.after_save = None;
        }
        // The rules of this frame's edits are derived while the frame is painted.
        let content = self.doc.content();
        if self.derived.is_behind(content) {
            (self.deriver).request(content, self.doc.plan(), &self.catalog, ui.ctx());
        }
        self.was_typing = ui.ctx().egui_wants_keyboard_input();
        let now = ui.input(|i| i.time);
        self.frame_clock = (now, std::time::Instant::now());
        self.autosave(ui.ctx(), now);
        let title = self.title();
        if title != self.title {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}
