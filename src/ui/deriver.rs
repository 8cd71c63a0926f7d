//! Rules, findings and link summaries derived on a thread of their own. A frame waits for them
//! at most [`FRAME_WAIT`]: small plans get them in the frame that follows the edit, as if derived
//! in place; a plan whose derivation takes longer keeps the window drawing the previous ones,
//! marked as updating, until they arrive (deriving takes about 15 ms at 2,000 nodes and 40 ms at
//! 5,000: a frame that waited for them would be over its 16 or 33 ms).

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use eframe::egui;

use crate::catalog::Catalog;
use crate::document::ContentId;
use crate::plan::Plan;
use crate::ui::derived::Derived;

/// How long the frame after an edit waits for its rules: with the 5 to 6 ms the window needs
/// to draw a 2,000-node plan, the frame stays within 16 ms.
pub const FRAME_WAIT: Duration = Duration::from_millis(10);

enum Job {
    Derive {
        content: ContentId,
        plan: Box<Plan>,
        catalog: Arc<Catalog>,
        ctx: egui::Context,
    },
    /// Results no longer shown, freed by the thread that made them.
    Drop(Box<Derived>),
}

/// The derivation thread and what was asked of it.
pub struct Deriver {
    jobs: Option<Sender<Job>>,
    results: Option<Receiver<(Derived, Duration)>>,
    /// The content asked for last, until its result is taken.
    asked: Option<ContentId>,
    /// How long the last derivation took.
    last_took: Duration,
}

impl Default for Deriver {
    fn default() -> Self {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (outbox, results) = mpsc::channel::<(Derived, Duration)>();
        let spawned = std::thread::Builder::new()
            .name("derive".to_owned())
            .spawn(move || work(&inbox, &outbox));
        match spawned {
            Ok(_) => Self {
                jobs: Some(jobs),
                results: Some(results),
                asked: None,
                last_took: Duration::ZERO,
            },
            // No thread to be had: derive in the frame, as the CLI does.
            Err(_) => Self {
                jobs: None,
                results: None,
                asked: None,
                last_took: Duration::ZERO,
            },
        }
    }
}

/// The thread: the newest request only (an edit made while deriving supersedes it), derived
/// before the old results waiting to be freed (freeing a 2,000-node plan's takes about 5 ms).
fn work(inbox: &Receiver<Job>, outbox: &Sender<(Derived, Duration)>) {
    while let Ok(first) = inbox.recv() {
        let mut newest = None;
        let mut old = Vec::new();
        for job in std::iter::once(first).chain(inbox.try_iter()) {
            match job {
                Job::Derive { .. } => newest = Some(job),
                Job::Drop(derived) => old.push(derived),
            }
        }
        if let Some(Job::Derive {
            content,
            plan,
            catalog,
            ctx,
        }) = newest
        {
            let start = Instant::now();
            let derived = Derived::compute(content, &plan, &catalog);
            if outbox.send((derived, start.elapsed())).is_err() {
                return;
            }
            ctx.request_repaint();
        }
        drop(old);
    }
}

impl Deriver {
    /// Ask for the rules of `content` (nothing when they are asked for already).
    pub fn request(
        &mut self,
        content: ContentId,
        plan: &Plan,
        catalog: &Arc<Catalog>,
        ctx: &egui::Context,
    ) {
        if self.asked == Some(content) {
            return;
        }
        self.asked = Some(content);
        let job = Job::Derive {
            content,
            plan: Box::new(plan.clone()),
            catalog: Arc::clone(catalog),
            ctx: ctx.clone(),
        };
        if self
            .jobs
            .as_ref()
            .is_some_and(|jobs| jobs.send(job).is_err())
        {
            self.jobs = None;
        }
    }

    /// The result asked for last, waiting for it at most `wait` (`None`: until it comes). When
    /// the wait ends first, an earlier request's result that came meanwhile (an edit made while
    /// deriving): newer than what is shown. Without a thread, it is derived here.
    pub fn take(
        &mut self,
        wait: Option<Duration>,
        plan: &Plan,
        catalog: &Catalog,
    ) -> Option<Derived> {
        let asked = self.asked?;
        let deadline = wait.map(|w| Instant::now() + w);
        let mut earlier: Option<Derived> = None;
        loop {
            let (Some(_), Some(results)) = (&self.jobs, &self.results) else {
                self.asked = None;
                return Some(Derived::compute(asked, plan, catalog));
            };
            let got = match deadline {
                None => results.recv().map_err(|_| RecvTimeoutError::Disconnected),
                Some(d) => results.recv_timeout(d.saturating_duration_since(Instant::now())),
            };
            let got = got.map(|(derived, took)| {
                self.last_took = took;
                derived
            });
            match got {
                Ok(derived) if derived.content == Some(asked) => {
                    self.asked = None;
                    if let Some(old) = earlier {
                        self.discard(old);
                    }
                    return Some(derived);
                }
                Ok(older) => {
                    if let Some(old) = earlier.replace(older) {
                        self.discard(old);
                    }
                }
                Err(RecvTimeoutError::Timeout) => return earlier,
                // The thread is gone (it panicked): derive here from now on.
                Err(RecvTimeoutError::Disconnected) => self.jobs = None,
            }
        }
    }

    /// How long a frame should wait for the rules, given the window's `wait`: not at all when
    /// the last derivation took longer than that (about 15 ms at 2,000 nodes), since the frame
    /// would only wait in vain.
    pub fn worth_waiting(&self, wait: Option<Duration>) -> Option<Duration> {
        wait.map(|w| {
            if self.last_took > w {
                Duration::ZERO
            } else {
                w
            }
        })
    }

    /// Results no longer shown: freed on the thread that allocated them.
    pub fn discard(&self, old: Derived) {
        if let Some(jobs) = &self.jobs {
            // If the thread is gone the box comes back in the error and is dropped here.
            let _ = jobs.send(Job::Drop(Box::new(old)));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use eframe::egui;

    use super::Deriver;
    use crate::catalog::Catalog;
    use crate::document::Document;
    use crate::plan::PlanEdit;
    use crate::ui::derived::Derived;

    /// Two contents of a generated plan: before and after renaming its first node.
    fn two_contents() -> (Arc<Catalog>, Document, crate::plan::Plan) {
        let catalog = Arc::new(Catalog::builtin().unwrap());
        let plan = crate::generate::large_plan(60, &catalog).unwrap();
        let mut doc = Document::new(plan.clone(), None);
        let (id, node) = plan.nodes.iter().next().unwrap();
        let mut renamed = crate::plan::Node::clone(node);
        renamed.label = "Renamed".to_owned();
        let edit = PlanEdit::SetNode {
            id: id.clone(),
            node: renamed,
        };
        doc.apply(&edit, &catalog).unwrap();
        (catalog, doc, plan)
    }

    /// The thread gives what deriving in place gives, for the content asked last: a request
    /// superseded by a newer one is not what `take` returns when it waits to the end.
    #[test]
    fn the_newest_request_is_derived_as_in_place() {
        let (catalog, doc, before) = two_contents();
        let ctx = egui::Context::default();
        let first = Document::new(before.clone(), None);
        let mut deriver = Deriver::default();
        deriver.request(first.content(), &before, &catalog, &ctx);
        deriver.request(doc.content(), doc.plan(), &catalog, &ctx);
        let got = deriver.take(None, doc.plan(), &catalog).unwrap();
        let in_place = Derived::compute(doc.content(), doc.plan(), &catalog);
        assert_eq!(got.content, Some(doc.content()));
        assert_eq!(got.derivation, in_place.derivation);
        assert_eq!(got.links, in_place.links);
        assert_eq!(got.ghosts, in_place.ghosts);
        assert!(
            (got.derivation.rules.rules.iter()).any(|r| r.source.label.as_ref() == "Renamed"
                || r.destination.label.as_ref() == "Renamed"),
            "the rules are the edited plan's"
        );
        // Nothing more is asked: nothing more is given.
        assert!(
            deriver
                .take(Some(Duration::ZERO), doc.plan(), &catalog)
                .is_none()
        );
    }

    /// A frame that cannot wait gets nothing yet; a later frame gets the result, and asking
    /// again for the same content does not derive it twice.
    #[test]
    fn a_frame_that_cannot_wait_gets_the_rules_in_a_later_frame() {
        let (catalog, doc, _) = two_contents();
        let ctx = egui::Context::default();
        let mut deriver = Deriver::default();
        deriver.request(doc.content(), doc.plan(), &catalog, &ctx);
        // Whether the first frame got it depends on the machine; until it has, later frames
        // (which ask again, as the window does) get it.
        let mut got = deriver.take(Some(Duration::ZERO), doc.plan(), &catalog);
        for _ in 0..2_000 {
            if got.is_some() {
                break;
            }
            deriver.request(doc.content(), doc.plan(), &catalog, &ctx);
            got = deriver.take(Some(Duration::from_millis(5)), doc.plan(), &catalog);
        }
        let got = got.expect("the rules came within 10 s");
        assert_eq!(got.content, Some(doc.content()));
        // The requests made while waiting sent no second job: no second result comes.
        let results = deriver.results.as_ref().expect("a derivation thread");
        assert!(results.recv_timeout(Duration::from_millis(300)).is_err());
    }

    /// A frame waits for the rules only when the last derivation fit in the wait; tests and
    /// screenshots (no limit) always wait.
    #[test]
    fn a_frame_does_not_wait_for_rules_that_took_longer_than_the_wait_last_time() {
        let mut deriver = Deriver::default();
        let wait = Some(Duration::from_millis(10));
        assert_eq!(deriver.worth_waiting(wait), wait);
        deriver.last_took = Duration::from_millis(25);
        assert_eq!(deriver.worth_waiting(wait), Some(Duration::ZERO));
        assert_eq!(deriver.worth_waiting(None), None);
        deriver.last_took = Duration::from_millis(4);
        assert_eq!(deriver.worth_waiting(wait), wait);
    }
}
