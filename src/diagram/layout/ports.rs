//! Where links meet cards: the side each end leaves by, and the ends on one side spread
//! along it in the order of their other ends.

use std::collections::BTreeMap;

use crate::plan::CanvasPoint;
use crate::plan::layout::{Bounds, CARD_HEIGHT, CARD_WIDTH};

/// A side of a card.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Side {
    Left,
    Right,
    Top,
    Bottom,
}

impl Side {
    /// The unit vector pointing out of the card.
    pub(super) fn out(self) -> (f32, f32) {
        match self {
            Self::Left => (-1.0, 0.0),
            Self::Right => (1.0, 0.0),
            Self::Top => (0.0, -1.0),
            Self::Bottom => (0.0, 1.0),
        }
    }
}

/// Where a link leaves a card.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Port {
    pub(super) at: CanvasPoint,
    pub(super) side: Side,
}

/// The sides two cards face each other with: left/right when they are further apart across
/// than down (cards are wide, so the gaps are compared, not the centres).
pub(super) fn facing(ca: Bounds, cb: Bounds) -> (Side, Side) {
    let (a, b) = (ca.center(), cb.center());
    sides_for(b.x - a.x, b.y - a.y, CARD_WIDTH, CARD_HEIGHT)
}

/// The side of a card that faces a point (a bend), as [`facing`] chooses.
pub(super) fn side_toward(card: Bounds, p: CanvasPoint) -> Side {
    let c = card.center();
    sides_for(p.x - c.x, p.y - c.y, CARD_WIDTH / 2.0, CARD_HEIGHT / 2.0).0
}

/// Facing sides for centres `dx`, `dy` apart whose boxes reach `across` and `down` together.
pub(super) fn sides_for(dx: f32, dy: f32, across: f32, down: f32) -> (Side, Side) {
    let gap_x = dx.abs() - across;
    let gap_y = dy.abs() - down;
    if gap_x >= gap_y {
        if dx >= 0.0 {
            (Side::Right, Side::Left)
        } else {
            (Side::Left, Side::Right)
        }
    } else if dy >= 0.0 {
        (Side::Bottom, Side::Top)
    } else {
        (Side::Top, Side::Bottom)
    }
}

/// True when the two cards share some of their width: one stands above the other.
fn above_each_other(a: Bounds, b: Bounds) -> bool {
    a.min.x < b.max.x && b.min.x < a.max.x
}

/// The ends on one card side: where the other end lies along the side and (negated) across,
/// the link, which end.
type Ends = Vec<(f32, f32, usize, usize)>;

/// Spread the ends on each card side evenly, ordered by where the other end lies, so links on
/// one side neither share a point nor cross right at the card. A link with bends (`bends[k]`)
/// leaves each card towards its nearest bend instead. A link marked `across` without bends
/// leaves and enters by the left or right sides (a peer's, whose cards stand in a column: top
/// and bottom ends would meet in the gaps between them), unless one card stands above the
/// other (a peer placed among the nodes, under the node it serves).
pub(super) fn ports(
    cards: &[Bounds],
    ends: &[(usize, usize)],
    (bends, across): (&[&[CanvasPoint]], &[bool]),
) -> Vec<[Port; 2]> {
    let mut sides = Vec::with_capacity(ends.len());
    let mut by_side: BTreeMap<(usize, Side), Ends> = BTreeMap::new();
    for (k, &(ia, ib)) in ends.iter().enumerate() {
        // What each end looks towards: the other card, or its nearest bend.
        let (look_a, look_b, (sa, sb)) = match bends.get(k).copied().unwrap_or_default() {
            [first, .., last] | [first @ last] => (
                *first,
                *last,
                (
                    side_toward(cards[ia], *first),
                    side_toward(cards[ib], *last),
                ),
            ),
            [] if across.get(k).copied().unwrap_or(false)
                && !above_each_other(cards[ia], cards[ib]) =>
            {
                (
                    cards[ib].center(),
                    cards[ia].center(),
                    if cards[ib].center().x >= cards[ia].center().x {
                        (Side::Right, Side::Left)
                    } else {
                        (Side::Left, Side::Right)
                    },
                )
            }
            [] => (
                cards[ib].center(),
                cards[ia].center(),
                facing(cards[ia], cards[ib]),
            ),
        };
        sides.push((sa, sb));
        for (end, card, side, o) in [(0, ia, sa, look_a), (1, ib, sb, look_b)] {
            let c = cards[card].center();
            // Along the side by where the other end lies; of two in line, the farther first,
            // so the nearer one (often straight across) keeps the middle.
            let (key, far) = match side {
                Side::Left | Side::Right => (o.y, (o.x - c.x).abs()),
                Side::Top | Side::Bottom => (o.x, (o.y - c.y).abs()),
            };
            by_side
                .entry((card, side))
                .or_default()
                .push((key, -far, k, end));
        }
    }
    let mut out: Vec<[Port; 2]> = sides
        .iter()
        .map(|&(sa, sb)| {
            [
                Port {
                    at: CanvasPoint::default(),
                    side: sa,
                },
                Port {
                    at: CanvasPoint::default(),
                    side: sb,
                },
            ]
        })
        .collect();
    for ((card, side), mut list) in by_side {
        list.sort_by(|x, y| {
            x.0.total_cmp(&y.0)
                .then(x.1.total_cmp(&y.1))
                .then((x.2, x.3).cmp(&(y.2, y.3)))
        });
        let b = cards[card];
        // Keep the ends off the rounded corners.
        let inset = 8.0;
        #[expect(clippy::cast_precision_loss, reason = "few links per side")]
        let n = list.len() as f32;
        for (i, &(_, _, k, end)) in list.iter().enumerate() {
            #[expect(clippy::cast_precision_loss, reason = "few links per side")]
            let f = (i as f32 + 1.0) / (n + 1.0);
            let along = |lo: f32, hi: f32| lo + inset + (hi - lo - 2.0 * inset) * f;
            let at = match side {
                Side::Left => CanvasPoint {
                    x: b.min.x,
                    y: along(b.min.y, b.max.y),
                },
                Side::Right => CanvasPoint {
                    x: b.max.x,
                    y: along(b.min.y, b.max.y),
                },
                Side::Top => CanvasPoint {
                    x: along(b.min.x, b.max.x),
                    y: b.min.y,
                },
                Side::Bottom => CanvasPoint {
                    x: along(b.min.x, b.max.x),
                    y: b.max.y,
                },
            };
            out[k][end].at = at;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(x: f32, y: f32) -> Bounds {
        Bounds::card(CanvasPoint { x, y })
    }

    #[test]
    fn cards_face_each_other_by_the_wider_gap() {
        assert_eq!(
            facing(at(0.0, 0.0), at(400.0, 50.0)),
            (Side::Right, Side::Left)
        );
        assert_eq!(
            facing(at(0.0, 0.0), at(100.0, 300.0)),
            (Side::Bottom, Side::Top)
        );
        assert_eq!(
            facing(at(0.0, 0.0), at(-400.0, 0.0)),
            (Side::Left, Side::Right)
        );
    }

    #[test]
    #[expect(clippy::float_cmp, reason = "ends sit exactly on the card's edge")]
    fn ends_on_one_side_are_spread_in_the_order_of_their_other_ends() {
        let cards = [
            at(0.0, 0.0),
            at(500.0, -200.0),
            at(500.0, 200.0),
            at(500.0, 0.0),
        ];
        let ports = ports(&cards, &[(0, 2), (0, 1), (0, 3)], (&[], &[]));
        let ys: Vec<f32> = ports.iter().map(|p| p[0].at.y).collect();
        assert!(ports.iter().all(|p| p[0].side == Side::Right));
        // The end towards the highest card is highest; all apart.
        assert!(ys[1] < ys[2] && ys[2] < ys[0], "{ys:?}");
        assert!(ports.iter().all(|p| p[0].at.x == cards[0].max.x));
    }
}
