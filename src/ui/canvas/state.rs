//! Canvas-only state: view and gesture in progress. Never saved in the plan.

use eframe::egui::{Pos2, Rect, Vec2, emath::TSTransform};

use crate::document::StateId;
use crate::plan::{CanvasPoint, NodeId, Plan};

/// A gesture in progress.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Gesture {
    /// Nothing.
    #[default]
    Idle,
    /// Moving the selected nodes by `offset` (canvas units); one edit on release.
    MoveNodes {
        /// The nodes.
        ids: Vec<NodeId>,
        /// Distance moved so far.
        offset: Vec2,
    },
    /// Dragging a new link from a node's handle.
    Link {
        /// The node the link starts at.
        from: NodeId,
        /// Where the pointer is, in canvas units.
        to: Pos2,
    },
    /// Dragging a link's label: drawn centred at `at`; one `SetLinkLabel` on release.
    MoveLabel {
        /// The link's sorted ends.
        link: (NodeId, NodeId),
        /// Where the label's centre was when the drag started.
        from: Pos2,
        /// Where it is now.
        at: Pos2,
    },
    /// Dragging one of a link's bends (a new one when the line itself was grabbed): the line
    /// drawn through `bends`; one `SetLinkBends` on release.
    MoveBend {
        /// The link's sorted ends.
        link: (NodeId, NodeId),
        /// The bends from the first end to the second, the dragged one where the pointer is.
        bends: Vec<Pos2>,
        /// Which one is dragged.
        index: usize,
        /// Where it was when the drag started (a click on the line adds no bend).
        from: Pos2,
    },
    /// Rubber-band selection from `start` to `end` (canvas units).
    RubberBand {
        /// Where the drag started.
        start: Pos2,
        /// Where the pointer is.
        end: Pos2,
        /// Add to the existing selection (Ctrl or Shift held).
        add: bool,
    },
}

/// The canvas's view and gesture state.
#[derive(Clone, Debug)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent switches and one-frame requests, not a state machine"
)]
pub struct CanvasState {
    /// The visible part of the canvas, in canvas units (egui `Scene`).
    pub scene_rect: Rect,
    /// Canvas -> screen transform of the last frame.
    pub to_screen: TSTransform,
    /// Screen rect of the canvas area in the last frame.
    pub screen_rect: Rect,
    /// Current gesture.
    pub gesture: Gesture,
    /// A role picked in the palette, placed by the next click on the canvas.
    pub placing: Option<String>,
    /// Round dropped positions to the grid.
    pub snap: bool,
    /// Fit the view to the content on the next frame.
    pub fit_pending: bool,
    /// The lowest zoom of the last frame (it depends on the plan's size).
    pub min_zoom: f32,
    /// Fit once more on the next frame (the first fit's zoom may bring link labels).
    pub refit: bool,
    /// Zoom to 100% on the next frame.
    pub zoom_reset_pending: bool,
    /// Zoom to this factor (1.0 = 100%) on the next frame, about the view's centre.
    pub zoom_request: Option<f32>,
    /// The zoom field's text while the user edits it.
    pub zoom_text: Option<String>,
    /// The minimap in the last frame, if shown: the canvas under it takes no input.
    pub minimap: Option<crate::ui::minimap::Map>,
    /// The selection the view last looked at: a new one made off the canvas (a rule, a
    /// finding, a trainer step) pans its cards into view when none of them is.
    pub seen_selection: Option<crate::ui::Selection>,
    /// The cards' bounding box, kept per plan state (not worked out every frame).
    pub content: Option<(Option<StateId>, Option<Rect>)>,
}

impl Default for CanvasState {
    fn default() -> Self {
        Self {
            scene_rect: Rect::ZERO,
            to_screen: TSTransform::IDENTITY,
            screen_rect: Rect::ZERO,
            gesture: Gesture::Idle,
            placing: None,
            snap: true,
            fit_pending: true,
            zoom_reset_pending: false,
            refit: false,
            min_zoom: 0.1,
            zoom_request: None,
            zoom_text: None,
            minimap: None,
            seen_selection: None,
            content: None,
        }
    }
}

impl CanvasState {
    /// Screen position of a canvas point (as drawn in the last frame).
    pub fn to_screen_pos(&self, p: CanvasPoint) -> Pos2 {
        self.to_screen * Pos2::new(p.x, p.y)
    }

    /// The zoom of the last frame (screen points per canvas unit; 1.0 = 100%).
    pub fn zoom(&self) -> f32 {
        self.to_screen.scaling
    }

    /// The zoom the next frame draws at: `scene_rect` in last frame's canvas area (what
    /// `egui::Scene` will make of it), so a fit or zoom asked for shows at once in the toolbar.
    pub fn coming_zoom(&self) -> f32 {
        let (outer, scene) = (self.screen_rect.size(), self.scene_rect.size());
        if outer.min_elem() <= 1.0 || scene.min_elem() <= 0.0 || !scene.is_finite() {
            return self.zoom();
        }
        (outer.x / scene.x)
            .min(outer.y / scene.y)
            .clamp(self.min_zoom, super::view::MAX_ZOOM)
    }

    /// The bounding box of the plan's cards at `state`, or `None` for an empty plan.
    pub fn content_rect(&mut self, plan: &Plan, state: Option<StateId>) -> Option<Rect> {
        match self.content {
            Some((at, rect)) if at == state && state.is_some() => rect,
            _ => {
                let rect = super::geometry::content_rect(plan);
                self.content = Some((state, rect));
                rect
            }
        }
    }
}

/// Convert a plan point to an egui point.
pub fn pos(p: CanvasPoint) -> Pos2 {
    Pos2::new(p.x, p.y)
}

/// Convert an egui point to a plan point.
pub fn point(p: Pos2) -> CanvasPoint {
    CanvasPoint { x: p.x, y: p.y }
}
