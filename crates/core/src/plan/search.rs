//! The planner's search: depth-first branch and bound over the 14 positions of a week.
//!
//! - Fixed sessions (events, the log) are placed first and never move.
//! - The others are taken most constrained first (heavy legs, hard runs, heavy upper, long runs, other
//!   lifts, easy runs, non-impact cardio); each is tried at every position no hard rule blocks, cheapest
//!   first (the soft-rule penalty it adds, then the position), and finally left unplaced at a penalty that
//!   outweighs every soft rule ([`super::rules::unmet_penalty`]).
//! - Pruning: a branch stops as soon as its penalty reaches the best complete plan's (every penalty is
//!   ≥ 0, so the partial sum is a lower bound); interchangeable sessions (same kind, minutes and freedom)
//!   take positions in increasing order only, which removes their permutations.
//! - A node budget ([`NODE_LIMIT`]) bounds the time on adversarial requests; the best plan found so far is
//!   kept, and a final pass places any skipped session that still fits somewhere, so a session is only ever
//!   reported unmet when no position is left for it.
//!
//! Deterministic: candidates are ordered by (penalty, position), sessions by (rank, index), and a plan only
//! replaces the best when strictly better.

use super::rules::{
    Item, Placed, Rule, Setup, TAPER_DAYS, W_CROSS_AWAY_FROM_LEGS, W_SPREAD, WEEK_POSITIONS, What,
    day_of, experiment_penalty, first_in_slot, pair_conflict, pair_penalty, position_block,
    unary_penalty, unmet_penalty,
};
use crate::contract::{LoadLevel, RunKind};
use crate::experiment::strategy::Strategy;

/// Nodes visited at most (each a partial plan): a bound on time whatever the request (about 0.3–0.7 µs a
/// node in a release build, so ≲ 15 ms). On 60 random weeks, 58 plans were as good as a 2-million-node
/// search's and the other two within 10 % of its penalty.
pub(crate) const NODE_LIMIT: u64 = 20_000;

const SLOTS: usize = 18; // positions -2..=15
const DAYS: usize = 9; // days -1..=7

fn slot_idx(pos: i16) -> Option<usize> {
    usize::try_from(pos + 2).ok().filter(|&i| i < SLOTS)
}

fn day_idx(day: i16) -> Option<usize> {
    usize::try_from(day + 1).ok().filter(|&i| i < DAYS)
}

/// What is where.
#[derive(Debug, Clone)]
pub(crate) struct Occupancy {
    slot_lift: [u8; SLOTS],
    slot_cardio: [u8; SLOTS],
    slot_event: [u8; SLOTS],
    slot_any: [u8; SLOTS],
    day_lift: [u8; DAYS],
    day_run: [u8; DAYS],
    day_cross: [u8; DAYS],
    /// Sessions other than mobility.
    day_busy: [u8; DAYS],
    day_load: [u32; DAYS],
    day_items: [Vec<(usize, i16)>; DAYS],
    /// Days 0..7 with a session other than mobility.
    busy_days: u8,
}

impl Occupancy {
    pub fn new() -> Occupancy {
        Occupancy {
            slot_lift: [0; SLOTS],
            slot_cardio: [0; SLOTS],
            slot_event: [0; SLOTS],
            slot_any: [0; SLOTS],
            day_lift: [0; DAYS],
            day_run: [0; DAYS],
            day_cross: [0; DAYS],
            day_busy: [0; DAYS],
            day_load: [0; DAYS],
            day_items: Default::default(),
            busy_days: 0,
        }
    }

    pub fn from_positions(items: &[Item], pos: &[Option<i16>]) -> Occupancy {
        let mut occ = Occupancy::new();
        for (i, p) in pos.iter().enumerate() {
            if let (Some(p), Some(item)) = (p, items.get(i)) {
                occ.add(item.what, i, *p);
            }
        }
        occ
    }

    fn bump(counter: &mut u8, up: bool) {
        *counter = if up {
            counter.saturating_add(1)
        } else {
            counter.saturating_sub(1)
        };
    }

    fn update(&mut self, what: What, i: usize, pos: i16, up: bool) {
        let (Some(s), Some(d)) = (slot_idx(pos), day_idx(day_of(pos))) else {
            return;
        };
        if what.is_lift() {
            Self::bump(&mut self.slot_lift[s], up);
            Self::bump(&mut self.day_lift[d], up);
        }
        if what.is_cardio() {
            Self::bump(&mut self.slot_cardio[s], up);
        }
        if what.is_run() {
            Self::bump(&mut self.day_run[d], up);
        }
        if what == What::Cross {
            Self::bump(&mut self.day_cross[d], up);
        }
        if what.is_event() {
            Self::bump(&mut self.slot_event[s], up);
        }
        Self::bump(&mut self.slot_any[s], up);
        if what != What::Mobility {
            let was_busy = self.day_busy[d] > 0;
            Self::bump(&mut self.day_busy[d], up);
            if (0..7).contains(&day_of(pos)) && was_busy != (self.day_busy[d] > 0) {
                Self::bump(&mut self.busy_days, up);
            }
        }
        if up {
            self.day_load[d] = self.day_load[d].saturating_add(what.load_points());
            self.day_items[d].push((i, pos));
        } else {
            self.day_load[d] = self.day_load[d].saturating_sub(what.load_points());
            if let Some(k) = self.day_items[d].iter().rposition(|e| *e == (i, pos)) {
                self.day_items[d].remove(k);
            }
        }
    }

    pub fn add(&mut self, what: What, i: usize, pos: i16) {
        self.update(what, i, pos, true);
    }

    pub fn remove(&mut self, what: What, i: usize, pos: i16) {
        self.update(what, i, pos, false);
    }

    fn busy_week_days(&self) -> usize {
        usize::from(self.busy_days)
    }

    /// The items a session on `day` can break a rule with or be scored against: those of the day before, the
    /// day and the day after, and the competitions up to [`TAPER_DAYS`] days ahead (the taper is the one
    /// rule that reaches further; competitions are fixed, so they are always placed before the session).
    fn neighbours<'a>(
        &'a self,
        items: &'a [Item],
        day: i16,
    ) -> impl Iterator<Item = (usize, i16)> + 'a {
        let near = (day - 1..=day + 1)
            .filter_map(day_idx)
            .flat_map(move |d| self.day_items[d].iter().copied());
        let events_ahead = (day + 2..=day + TAPER_DAYS)
            .filter_map(day_idx)
            .flat_map(move |d| self.day_items[d].iter().copied())
            .filter(move |&(j, _)| items.get(j).is_some_and(|it| it.what.is_event()));
        near.chain(events_ahead)
    }

    /// The hard rule that keeps `items[i]` from `pos`, if any. Training-science rules are checked before
    /// the structural ones, so that a position blocked by both reports the science.
    pub fn block(&self, setup: &Setup, items: &[Item], i: usize, pos: i16) -> Option<Rule> {
        let item = items.get(i)?;
        if let Some(rule) = position_block(setup, item, pos) {
            return Some(rule);
        }
        let (Some(s), Some(d)) = (slot_idx(pos), day_idx(day_of(pos))) else {
            return Some(Rule::NotAvailable);
        };
        let me: Placed = (item.what, i, pos);
        for (j, pj) in self.neighbours(items, day_of(pos)) {
            if j == i {
                continue;
            }
            let Some(other) = items.get(j) else { continue };
            if let Some(rule) = pair_conflict(setup, me, (other.what, j, pj)) {
                return Some(rule);
            }
        }
        self.shape_block(item.what, pos, s, d)
    }

    /// The rest-day and slot-capacity rules.
    fn shape_block(&self, what: What, pos: i16, s: usize, d: usize) -> Option<Rule> {
        if what != What::Mobility
            && (0..7).contains(&day_of(pos))
            && self.day_busy[d] == 0
            && self.busy_week_days() >= 6
        {
            return Some(Rule::RestDay);
        }
        let full = self.slot_event[s] > 0
            || (what.is_event() && self.slot_any[s] > 0)
            || (what.is_lift() && (self.slot_lift[s] > 0 || self.day_lift[d] > 0))
            || (what.is_cardio() && self.slot_cardio[s] > 0)
            || (what.is_run() && self.day_run[d] > 0)
            || (what == What::Cross && self.day_cross[d] > 0);
        full.then_some(Rule::SlotFull)
    }

    /// For the search: `None` when a hard rule blocks `items[i]` at `pos`, else the penalty it adds.
    /// The same rules as [`Occupancy::block`] plus [`Occupancy::delta`], cheapest checks first, one pass.
    fn assess(&self, setup: &Setup, items: &[Item], i: usize, pos: i16) -> Option<u64> {
        let item = items.get(i)?;
        if position_block(setup, item, pos).is_some() {
            return None;
        }
        let (s, d) = (slot_idx(pos)?, day_idx(day_of(pos))?);
        if self.shape_block(item.what, pos, s, d).is_some() {
            return None;
        }
        let me: Placed = (item.what, i, pos);
        let mut p = u64::from(unary_penalty(item, pos));
        for (j, pj) in self.neighbours(items, day_of(pos)) {
            if j == i {
                continue;
            }
            let other = (items.get(j)?.what, j, pj);
            if pair_conflict(setup, me, other).is_some() {
                return None;
            }
            p += u64::from(pair_penalty(setup, me, other));
        }
        if setup.strategy.is_some() {
            let around = self
                .neighbours(items, day_of(pos))
                .filter(|&(j, _)| j != i)
                .filter_map(|(j, pj)| Some((items.get(j)?.what, j, pj)));
            p += u64::from(experiment_penalty(setup, me, around));
        }
        if (0..7).contains(&day_of(pos)) {
            let before = u64::from(self.day_load[d]);
            let after = before + u64::from(item.what.load_points());
            p += (after * after - before * before) * u64::from(W_SPREAD);
        }
        Some(p)
    }
}

/// The penalty terms that need the whole plan: non-impact cardio away from leg days.
fn leaf_penalty(setup: &Setup, items: &[Item], pos: &[Option<i16>]) -> u64 {
    let legs: Vec<(usize, i16)> = pos
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((i, (*p)?)))
        .filter(|(i, _)| items.get(*i).is_some_and(|it| it.what.legs()))
        .collect();
    if legs.is_empty() {
        return 0;
    }
    let mut p = 0;
    for (i, item) in items.iter().enumerate() {
        let (What::Cross, None, Some(cp)) = (item.what, item.fixed, pos.get(i).copied().flatten())
        else {
            continue;
        };
        let near = legs.iter().any(|&(l, lp)| {
            let same_day_after = day_of(lp) == day_of(cp)
                && (lp < cp
                    || (lp == cp
                        && items
                            .get(l)
                            .is_some_and(|li| first_in_slot(li.what, l, item.what, i, setup))));
            same_day_after || day_of(cp) == day_of(lp) + 1
        });
        if !near {
            p += u64::from(W_CROSS_AWAY_FROM_LEGS);
        }
    }
    p
}

/// The least increase of Σ level² from pouring `load` whole units onto `levels` (sorted ascending): fill
/// the lowest cells up to a common water level, the remainder one unit higher.
fn water_fill(levels: &[u64], load: u64) -> u64 {
    let n = levels.len();
    if n == 0 || load == 0 {
        return 0;
    }
    let before: u64 = levels.iter().map(|l| l * l).sum();
    let mut prefix = 0u64;
    for k in 1..=n {
        prefix += levels[k - 1];
        let k64 = k as u64;
        // Units needed to raise the lowest k cells to the next cell's level.
        let to_next = levels.get(k).map_or(u64::MAX, |&next| k64 * next - prefix);
        if load <= to_next {
            let total = load + prefix;
            let (h, r) = (total / k64, total % k64);
            let filled = (k64 - r) * h * h + r * (h + 1) * (h + 1);
            let untouched: u64 = levels[k..].iter().map(|l| l * l).sum();
            return (filled + untouched).saturating_sub(before);
        }
    }
    0
}

/// The search's answer: a position per item (`None` = unmet).
#[derive(Debug, Clone)]
pub(crate) struct Solution {
    pub pos: Vec<Option<i16>>,
}

/// Most constrained first. With the experiment `hiit_gap_6h`, heavy lifts come before the intervals that
/// should follow them, so that the intervals are placed knowing where the lifts are.
fn rank(what: What, setup: &Setup) -> u8 {
    if setup.strategy == Some(Strategy::HiitGap6h) && what.heavy() && !what.legs() {
        return 1;
    }
    match what {
        What::Event(_) => 0,
        What::Lift {
            load: LoadLevel::Heavy,
            ..
        } if what.legs() => 1,
        What::Run(RunKind::Intervals | RunKind::Tempo) => 2,
        What::Lift {
            load: LoadLevel::Heavy,
            ..
        } => 3,
        What::Run(RunKind::Long) => 4,
        What::Lift { .. } => 5,
        What::Run(RunKind::Easy) => 6,
        What::Cross => 7,
        What::Mobility => 8,
    }
}

fn interchangeable(a: &Item, b: &Item) -> bool {
    a.what == b.what
        && a.minutes == b.minutes
        && a.allowed == b.allowed
        && a.priority == b.priority
        && a.prev.is_none()
        && b.prev.is_none()
        && a.missed_from.is_none()
        && b.missed_from.is_none()
        && a.fixed.is_none()
        && b.fixed.is_none()
}

struct Search<'a> {
    setup: &'a Setup,
    items: &'a [Item],
    order: Vec<usize>,
    /// `order[k]` is interchangeable with `order[k - 1]`.
    twin: Vec<bool>,
    occ: Occupancy,
    pos: Vec<Option<i16>>,
    best: u64,
    best_pos: Vec<Option<i16>>,
    nodes: u64,
    limit: u64,
    /// `rest_bound[k]`: a lower bound on what `order[k..]` will add (each adds at least its own load on an
    /// empty day, `load²`, or is left unmet).
    rest_bound: Vec<u64>,
}

impl Search<'_> {
    /// A lower bound on the spread penalty `order[from..]` adds: their load poured onto the week's days as
    /// evenly as possible (water-filling), keeping one empty day free for the rest-day rule — or the
    /// cheapest unmet penalty among them.
    fn spread_bound(&self, from: usize) -> u64 {
        let rest = self.order.get(from..).unwrap_or(&[]);
        let mut cheapest_unmet = u64::MAX;
        let mut load = 0u64;
        for it in rest.iter().filter_map(|&i| self.items.get(i)) {
            cheapest_unmet = cheapest_unmet.min(unmet_penalty(it));
            load += u64::from(it.what.load_points());
        }
        if rest.is_empty() {
            return 0;
        }
        let mut levels = [0u64; 7];
        for (k, level) in levels.iter_mut().enumerate() {
            *level = day_idx(k as i16).map_or(0, |d| u64::from(self.occ.day_load[d]));
        }
        levels.sort_unstable();
        if levels[0] != 0 {
            return cheapest_unmet; // no day left empty: nothing more can be placed
        }
        // Every empty day is alike, so keeping "one empty day free" is dropping one zero.
        (water_fill(&levels[1..], load) * u64::from(W_SPREAD)).min(cheapest_unmet)
    }

    fn dfs(&mut self, k: usize, cost: u64) {
        if self.nodes >= self.limit {
            return;
        }
        self.nodes += 1;
        let Some(&i) = self.order.get(k) else {
            let total = cost + leaf_penalty(self.setup, self.items, &self.pos);
            if total < self.best {
                self.best = total;
                self.best_pos.clone_from(&self.pos);
            }
            return;
        };
        let Some(item) = self.items.get(i) else {
            return;
        };
        // Interchangeable sessions take increasing positions; once one is left unplaced, so are the rest.
        let twin_pos = if self.twin.get(k).copied().unwrap_or(false) {
            let prev = k.checked_sub(1).and_then(|k| self.order.get(k)).copied();
            Some(prev.and_then(|p| self.pos.get(p).copied().flatten()))
        } else {
            None
        };
        let mut cands: [(u64, i16); WEEK_POSITIONS as usize] = [(0, 0); WEEK_POSITIONS as usize];
        let mut n = 0;
        if !matches!(twin_pos, Some(None)) {
            let from = match twin_pos {
                Some(Some(p)) => p + 1,
                _ => 0,
            };
            for p in from..WEEK_POSITIONS {
                if let Some(delta) = self.occ.assess(self.setup, self.items, i, p) {
                    cands[n] = (delta, p);
                    n += 1;
                }
            }
        }
        let cands = &mut cands[..n];
        cands.sort_unstable();
        let after = self
            .rest_bound
            .get(k + 1)
            .copied()
            .unwrap_or(0)
            .max(self.spread_bound(k + 1));
        for &(d, p) in cands.iter() {
            if cost + d + after >= self.best || self.nodes >= self.limit {
                break;
            }
            self.occ.add(item.what, i, p);
            self.pos[i] = Some(p);
            self.dfs(k + 1, cost + d);
            self.pos[i] = None;
            self.occ.remove(item.what, i, p);
        }
        let skip = cost + unmet_penalty(item);
        if skip + after < self.best {
            self.dfs(k + 1, skip);
        }
    }
}

/// Places every item it can: the best plan found, then any skipped item that still fits.
pub(crate) fn solve(setup: &Setup, items: &[Item]) -> Solution {
    let mut occ = Occupancy::new();
    let mut pos = vec![None; items.len()];
    for (i, item) in items.iter().enumerate() {
        if let Some(p) = item.fixed {
            occ.add(item.what, i, p);
            pos[i] = Some(p);
        }
    }
    let mut order: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].fixed.is_none())
        .collect();
    order.sort_by_key(|&i| (rank(items[i].what, setup), i));
    let twin: Vec<bool> = (0..order.len())
        .map(|k| k > 0 && interchangeable(&items[order[k - 1]], &items[order[k]]))
        .collect();

    let mut rest_bound = vec![0u64; order.len() + 1];
    for k in (0..order.len()).rev() {
        let item = &items[order[k]];
        let l = u64::from(item.what.load_points());
        let least = (l * l * u64::from(W_SPREAD)).min(unmet_penalty(item));
        rest_bound[k] = rest_bound[k + 1] + least;
    }
    let mut search = Search {
        rest_bound,
        setup,
        items,
        order,
        twin,
        occ,
        best_pos: pos.clone(),
        pos,
        best: u64::MAX,
        nodes: 0,
        limit: NODE_LIMIT,
    };
    search.dfs(0, 0);
    let order = search.order;
    let mut pos = search.best_pos;

    // Repair: anything left unplaced that fits somewhere now goes to its cheapest position.
    let mut occ = Occupancy::from_positions(items, &pos);
    for &i in &order {
        if pos[i].is_some() {
            continue;
        }
        let best = (0..WEEK_POSITIONS)
            .filter_map(|p| Some((occ.assess(setup, items, i, p)?, p)))
            .min();
        if let Some((_, p)) = best {
            occ.add(items[i].what, i, p);
            pos[i] = Some(p);
        }
    }
    Solution { pos }
}

/// Places what it can of the sessions never searched (`items[range]`, each standing for `copies`
/// identical ones), one copy at a time at its cheapest position, after the search has placed the rest.
/// A placed copy of a multi-copy item is appended to `items` as an item of its own.
pub(crate) fn fill_in(
    setup: &Setup,
    items: &mut Vec<Item>,
    pos: &mut Vec<Option<i16>>,
    range: std::ops::Range<usize>,
) {
    pos.resize(items.len(), None);
    let mut occ = Occupancy::from_positions(items, pos);
    for k in range {
        while items.get(k).is_some_and(|it| it.copies > 0) && pos.get(k) == Some(&None) {
            let best = (0..WEEK_POSITIONS)
                .filter_map(|p| Some((occ.assess(setup, items, k, p)?, p)))
                .min();
            let Some((_, p)) = best else { break };
            if items[k].copies == 1 {
                occ.add(items[k].what, k, p);
                pos[k] = Some(p);
            } else {
                let mut copy = items[k].clone();
                copy.copies = 1;
                items[k].copies -= 1;
                occ.add(copy.what, items.len(), p);
                items.push(copy);
                pos.push(Some(p));
            }
        }
    }
}

/// Why `items[i]` cannot go anywhere in the plan `pos`: the rule blocking each position 0..14.
pub(crate) fn blocking(
    setup: &Setup,
    items: &[Item],
    pos: &[Option<i16>],
    i: usize,
) -> Vec<(i16, Rule)> {
    let occ = Occupancy::from_positions(items, pos);
    (0..WEEK_POSITIONS)
        .filter_map(|p| occ.block(setup, items, i, p).map(|r| (p, r)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn water_fill_matches_unit_pouring() {
        for levels in [
            [0u64, 0, 0, 0, 0, 0],
            [0, 1, 3, 3, 4, 9],
            [2, 2, 2, 2, 2, 2],
            [0, 0, 0, 0, 0, 5],
        ] {
            for load in 0..40u64 {
                let mut lv = levels.to_vec();
                for _ in 0..load {
                    if let Some(m) = lv.iter_mut().min() {
                        *m += 1;
                    }
                }
                let before: u64 = levels.iter().map(|l| l * l).sum();
                let after: u64 = lv.iter().map(|l| l * l).sum();
                assert_eq!(
                    water_fill(&levels, load),
                    after - before,
                    "{levels:?} {load}"
                );
            }
        }
    }
}
