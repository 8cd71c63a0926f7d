//! One whole-window frame of the real app, headless: `Context::run_ui` over the same
//! `contents_ui` the window runs, then tessellation (what eframe does before handing meshes
//! to the GPU). Plans of 50 to 5,000 nodes, idle and while dragging a node.
//! `cargo bench --bench frame`; divan prints the median (p50) of each.

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use divan::Bencher;
use eframe::egui::{self, Event, Modifiers, PointerButton, Pos2, RawInput, Rect, Vec2};
use lync_port_planner::catalog::Catalog;
use lync_port_planner::plan::{Node, NodeId, PlanEdit};
use lync_port_planner::ui::command::Command;
use lync_port_planner::ui::{AppOptions, PlannerApp};
use lync_port_planner::{generate, plan_file};

const SIZES: [usize; 4] = [50, 500, 2_000, 5_000];
const WINDOW: Vec2 = Vec2::new(1600.0, 1000.0);
/// Frames run before measuring: fonts installed, derived tables built, layout settled.
const WARM_UP: usize = 10;

fn main() {
    // benches/callgrind.sh: `LPP_CALLGRIND=idle_fit:2000:100` runs exactly that many frames of
    // one case and nothing else, so instruction counts can be subtracted between two runs.
    if let Ok(spec) = std::env::var("LPP_CALLGRIND") {
        callgrind(&spec);
        return;
    }
    // `LPP_TRACE=2000` prints where 12 renames' time goes, frame by frame (see `trace`).
    if let Ok(nodes) = std::env::var("LPP_TRACE") {
        trace(nodes.parse().expect("LPP_TRACE=NODES, like 2000"));
        return;
    }
    divan::main();
}

/// Twelve renames, 50 ms apart, each printed as its frames and waits until its rules are shown:
/// `edit` the frame applying it, `f` a frame the last one asked for at once, `wait` the time
/// until the derivation thread asked for a repaint, `shown` the frame that took the rules.
fn trace(nodes: usize) {
    let mut edits = Edits::open(nodes);
    for _ in 0..12 {
        let start = Instant::now();
        edits.next(rename_edit);
        let mut steps = vec![format!("edit {}", ms(start))];
        while (edits.window.app.derived()).is_behind(edits.window.app.doc.content()) {
            let again = edits.window.again;
            if !again {
                let waited = Instant::now();
                edits.window.wait_for_repaint();
                steps.push(format!("wait {}", ms(waited)));
            }
            let drawn = Instant::now();
            edits.window.frame(Vec::new());
            let behind = (edits.window.app.derived()).is_behind(edits.window.app.doc.content());
            let name = if behind { "f" } else { "shown" };
            steps.push(format!("{name} {}", ms(drawn)));
        }
        let line = format!("{} ms: {}", ms(start), steps.join(", "));
        if writeln!(std::io::stdout(), "{line}").is_err() {
            return; // the reader has gone (`| head`)
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn ms(since: Instant) -> String {
    format!("{:.1}", since.elapsed().as_secs_f64() * 1e3)
}

fn callgrind(spec: &str) {
    let parts: Vec<&str> = spec.split(':').collect();
    let [case, nodes, frames] = parts.as_slice() else {
        panic!("LPP_CALLGRIND=CASE:NODES:FRAMES, like idle_fit:2000:100");
    };
    let nodes: usize = nodes.parse().expect("NODES is a number");
    let frames: usize = frames.parse().expect("FRAMES is a number");
    if let Some(make) = edit_case(case) {
        let mut edits = Edits::open(nodes);
        for _ in 0..frames {
            edits.next(make);
        }
        return;
    }
    let (view, drag) = match *case {
        "idle_fit" => (View::Fit, false),
        "idle_100" => (View::Full, false),
        "dragging_fit" => (View::Fit, true),
        "dragging_100" => (View::Full, true),
        other => panic!("unknown case {other}"),
    };
    let mut window = Window::open(nodes, view);
    let mut step = if drag {
        window.start_drag()
    } else {
        Box::new(Vec::new)
    };
    for _ in 0..frames {
        let events = step();
        window.frame(events);
    }
}

/// The app with a generated plan opened from a file, as a user would open it.
struct Window {
    ctx: egui::Context,
    app: PlannerApp,
    time: f64,
    dir: PathBuf,
    /// The last frame asked for another at once (egui's `repaint_delay` of zero).
    again: bool,
    /// Repaints asked for from other threads (the derivation's), with the pass they came in.
    wakes: mpsc::Receiver<u64>,
}

/// How the canvas is viewed.
#[derive(Clone, Copy, Debug)]
enum View {
    /// As the plan opens: zoomed out to fit (down to 10%), cards drawn as coloured boxes.
    Fit,
    /// At 100% on the first site: cards, labels and handles in full.
    Full,
}

impl Window {
    fn open(nodes: usize, view: View) -> Self {
        let catalog = Catalog::builtin().expect("built-in catalog");
        let plan = generate::large_plan(nodes, &catalog).expect("generated plan");
        let dir = std::env::temp_dir().join(format!("lpp-frame-{}-{nodes}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("plan.ron");
        plan_file::save(&path, &plan).expect("save");
        let app = PlannerApp::new(AppOptions {
            plan: Some(path),
            // As the window waits for an edit's rules.
            derive_wait: Some(lync_port_planner::ui::deriver::FRAME_WAIT),
            ..AppOptions::default()
        })
        .expect("app opens the plan");
        let ctx = egui::Context::default();
        let (wake, wakes) = mpsc::channel();
        ctx.set_request_repaint_callback(move |info| {
            if info.delay.is_zero() {
                let _ = wake.send(info.current_cumulative_pass_nr);
            }
        });
        let mut window = Self {
            ctx,
            app,
            time: 0.0,
            dir,
            again: false,
            wakes,
        };
        window.frame(Vec::new());
        if let View::Full = view {
            let first = window.app.plan().nodes.values().next().expect("a node");
            let size = window.app.canvas.screen_rect.size();
            let centre = Pos2::new(first.position.x + size.x / 2.0 - 200.0, first.position.y);
            window.app.canvas.scene_rect = Rect::from_center_size(centre, size);
        }
        for _ in 0..WARM_UP {
            window.frame(Vec::new());
        }
        window
    }

    /// One frame: input, UI, tessellation. Returns the number of triangles drawn.
    fn frame(&mut self, events: Vec<Event>) -> usize {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, WINDOW)),
            time: Some(self.time),
            events,
            ..RawInput::default()
        };
        let app = &mut self.app;
        let output = self.ctx.run_ui(input, |ui| app.contents_ui(ui));
        self.again = (output.viewport_output.get(&egui::ViewportId::ROOT))
            .is_some_and(|v| v.repaint_delay.is_zero());
        let meshes = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        meshes
            .iter()
            .map(|m| match &m.primitive {
                egui::epaint::Primitive::Mesh(mesh) => mesh.indices.len() / 3,
                egui::epaint::Primitive::Callback(_) => 0,
            })
            .sum()
    }

    /// The next frame as eframe runs it: at once when the last frame asked for one, otherwise
    /// when another thread asks for a repaint (a window draws nothing while it waits).
    fn next_frame(&mut self) -> usize {
        if !self.again {
            self.wait_for_repaint();
        }
        self.frame(Vec::new())
    }

    /// Until another thread asks for a repaint.
    fn wait_for_repaint(&self) {
        let done = self.ctx.cumulative_pass_nr();
        // Requests made during an earlier frame were that frame's to answer.
        loop {
            let pass = (self.wakes.recv_timeout(Duration::from_secs(10)))
                .expect("a repaint asked for within 10 s");
            if pass >= done {
                break;
            }
        }
    }

    /// Screen position of the centre of the first card drawn inside the canvas.
    fn visible_node(&self) -> Pos2 {
        let canvas = &self.app.canvas;
        let inside = canvas.screen_rect.shrink(20.0);
        self.app
            .plan()
            .nodes
            .values()
            .map(|n| canvas.to_screen_pos(n.position))
            .find(|p| inside.contains(*p))
            .expect("a node in view")
    }
}

/// The next frame's input while dragging.
type Step = Box<dyn FnMut() -> Vec<Event>>;

impl Window {
    /// Press on a card in view and start moving it; returns the input of each later frame:
    /// back and forth by 8 points.
    fn start_drag(&mut self) -> Step {
        let start = self.visible_node();
        self.frame(pointer(start, None));
        self.frame(pointer(start, Some(true)));
        self.frame(pointer(start + Vec2::new(20.0, 0.0), None));
        let mut right = true;
        Box::new(move || {
            right = !right;
            let x = if right { 28.0 } else { 20.0 };
            pointer(start + Vec2::new(x, 0.0), None)
        })
    }
}

impl Drop for Window {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.dir).ok();
    }
}

fn pointer(pos: Pos2, pressed: Option<bool>) -> Vec<Event> {
    let mut events = vec![Event::PointerMoved(pos)];
    if let Some(pressed) = pressed {
        events.push(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    events
}

/// Nothing happens: what a frame costs when egui is asked to draw anyway (a tooltip's timer,
/// another window's repaint). The app itself requests no repaint when idle.
fn idle(bencher: Bencher<'_, '_>, nodes: usize, view: View) {
    let mut window = Window::open(nodes, view);
    bencher.bench_local(|| window.frame(Vec::new()));
}

/// Dragging a card back and forth by 8 points a frame: the card, its links and their labels
/// move every frame; the plan changes only on release.
fn dragging(bencher: Bencher<'_, '_>, nodes: usize, view: View) {
    let mut window = Window::open(nodes, view);
    let mut step = window.start_drag();
    bencher.bench_local(|| {
        let events = step();
        window.frame(events)
    });
    assert!(
        window.app.canvas.gesture != lync_port_planner::ui::canvas::Gesture::Idle,
        "the card was being dragged"
    );
}

/// Idle, the plan as it opens (zoomed out to fit).
#[divan::bench(args = SIZES)]
fn idle_fit(bencher: Bencher<'_, '_>, nodes: usize) {
    idle(bencher, nodes, View::Fit);
}

/// Idle at 100% zoom.
#[divan::bench(args = SIZES)]
fn idle_100(bencher: Bencher<'_, '_>, nodes: usize) {
    idle(bencher, nodes, View::Full);
}

/// Dragging a card, zoomed out to fit.
#[divan::bench(args = SIZES)]
fn dragging_fit(bencher: Bencher<'_, '_>, nodes: usize) {
    dragging(bencher, nodes, View::Fit);
}

/// Dragging a card at 100% zoom.
#[divan::bench(args = SIZES)]
fn dragging_100(bencher: Bencher<'_, '_>, nodes: usize) {
    dragging(bencher, nodes, View::Full);
}

/// An edit of the first node, given the node and which of two values to set.
type MakeEdit = fn(&NodeId, &Node, bool) -> Command;

/// The frame in which a card lands after a drag (a `MoveNodes` edit within its zone): the undo
/// snapshot, the check that only positions changed, and the link labels placed again. Rules and
/// findings are not derived again.
#[divan::bench(args = SIZES)]
fn edit_move(bencher: Bencher<'_, '_>, nodes: usize) {
    edit(bencher, nodes, move_edit);
}

fn move_edit(id: &NodeId, node: &Node, step: bool) -> Command {
    let mut to = node.position;
    to.y += if step { 40.0 } else { -40.0 };
    Command::Edit(PlanEdit::MoveNodes {
        moves: vec![(id.clone(), to, node.zone)],
    })
}

/// The frame in which a card is renamed in the inspector: rules, findings, link summaries,
/// rule-table rows and labels all follow.
#[divan::bench(args = SIZES)]
fn edit_rename(bencher: Bencher<'_, '_>, nodes: usize) {
    edit(bencher, nodes, rename_edit);
}

fn rename_edit(id: &NodeId, node: &Node, step: bool) -> Command {
    let mut renamed = node.clone();
    if step { "Renamed A" } else { "Renamed B" }.clone_into(&mut renamed.label);
    Command::Edit(PlanEdit::SetNode {
        id: id.clone(),
        node: renamed,
    })
}

fn edit_case(case: &str) -> Option<MakeEdit> {
    match case {
        "edit_move" => Some(move_edit),
        "edit_rename" => Some(rename_edit),
        _ => None,
    }
}

/// A window in which the first node is edited once per frame, alternating between two values.
struct Edits {
    window: Window,
    first: NodeId,
    step: bool,
}

impl Edits {
    fn open(nodes: usize) -> Self {
        let window = Window::open(nodes, View::Fit);
        let first = window
            .app
            .plan()
            .nodes
            .keys()
            .next()
            .expect("a node")
            .clone();
        Self {
            window,
            first,
            step: false,
        }
    }

    fn next(&mut self, make: MakeEdit) -> usize {
        self.step = !self.step;
        let command = make(
            &self.first,
            &self.window.app.plan().nodes[&self.first],
            self.step,
        );
        self.window.app.push(command);
        self.window.frame(Vec::new())
    }
}

/// From the frame in which a card is renamed to the end of the frame that shows its rules
/// (a large plan's rules come a frame or more later, see `ui::deriver`), the frames between run
/// as eframe runs them: one after another while the window asks for them, then none until the
/// derivation thread asks for a repaint.
#[divan::bench(args = SIZES)]
fn edit_rename_shown(bencher: Bencher<'_, '_>, nodes: usize) {
    let mut edits = Edits::open(nodes);
    bencher.bench_local(|| {
        let mut drawn = edits.next(rename_edit);
        let mut frames = 1;
        while edits
            .window
            .app
            .derived()
            .is_behind(edits.window.app.doc.content())
        {
            assert!(frames < 1_000, "the rules of the edit never came");
            drawn += edits.window.next_frame();
            frames += 1;
        }
        drawn
    });
}

fn edit(bencher: Bencher<'_, '_>, nodes: usize, make: MakeEdit) {
    let mut edits = Edits::open(nodes);
    bencher.bench_local(|| edits.next(make));
}
