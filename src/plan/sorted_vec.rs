//! A node's few addresses and flags as sorted vectors. A `BTreeMap` allocates a node of eleven
//! slots for its first entry (about 480 bytes for an address map); a node has one to four
//! addresses per member, so a 2,000-node plan held about 2 MiB of empty slots. Same order,
//! same file text and same duplicate rule (the last one wins) as the B-tree types they replace.

use std::borrow::Borrow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A map kept as a vector sorted by key, keys unique.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SortedMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    /// An empty map (no allocation).
    pub const fn new() -> Self {
        Self(Vec::new())
    }

    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.0.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    /// The value of `key`.
    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    /// True when `key` has a value.
    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    /// Set `key` to `value`; the value it had before.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    /// Take `key` out; its value.
    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| self.0.remove(i).1)
    }

    /// Take out the entry with the smallest key.
    pub fn pop_first(&mut self) -> Option<(K, V)> {
        (!self.0.is_empty()).then(|| self.0.remove(0))
    }

    /// From entries in any order; of two equal keys the later one wins, as a `BTreeMap` built
    /// by inserting them would have it. Linear when the entries come sorted, as files have them.
    fn from_entries(mut entries: Vec<(K, V)>) -> Self {
        if !entries.windows(2).all(|w| w[0].0 < w[1].0) {
            // Stable: equal keys stay in their order, so after reversing, the later one is
            // the first of its run, which `dedup` keeps.
            entries.reverse();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            entries.dedup_by(|later, first| later.0 == first.0);
        }
        entries.shrink_to_fit();
        Self(entries)
    }
}

impl<K, V> SortedMap<K, V> {
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Remove every entry.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Entries in key order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&K, &V)> + ExactSizeIterator {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// Keys in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &K> + ExactSizeIterator {
        self.0.iter().map(|(k, _)| k)
    }

    /// Values in key order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator {
        self.0.iter().map(|(_, v)| v)
    }

    /// Values in key order, to change (keys cannot change, so the order holds).
    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut V> + ExactSizeIterator {
        self.0.iter_mut().map(|(_, v)| v)
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for SortedMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Self::from_entries(iter.into_iter().collect())
    }
}

impl<K: Ord, V, const N: usize> From<[(K, V); N]> for SortedMap<K, V> {
    fn from(entries: [(K, V); N]) -> Self {
        Self::from_entries(entries.into())
    }
}

impl<'a, K, V> IntoIterator for &'a SortedMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for SortedMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: Serialize, V: Serialize> Serialize for SortedMap<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (k, v) in self {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, K: Deserialize<'de> + Ord, V: Deserialize<'de>> Deserialize<'de> for SortedMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de> + Ord, V: Deserialize<'de>> Visitor<'de> for Entries<K, V> {
            type Value = SortedMap<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                // No size hint: the file says how many entries follow, not how many are real.
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(SortedMap::from_entries(entries))
            }
        }
        deserializer.deserialize_map(Entries(PhantomData))
    }
}

/// A set kept as a sorted vector without repeats.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SortedSet<T>(Vec<T>);

impl<T> Default for SortedSet<T> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<T: Ord> SortedSet<T> {
    /// An empty set (no allocation).
    pub const fn new() -> Self {
        Self(Vec::new())
    }

    /// True when `value` is in the set.
    pub fn contains<Q: Ord + ?Sized>(&self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.0.binary_search_by(|v| v.borrow().cmp(value)).is_ok()
    }

    /// Add `value`; false when it was there already.
    pub fn insert(&mut self, value: T) -> bool {
        match self.0.binary_search(&value) {
            Ok(_) => false,
            Err(i) => {
                self.0.insert(i, value);
                true
            }
        }
    }

    /// Take `value` out; false when it was not there.
    pub fn remove<Q: Ord + ?Sized>(&mut self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        match self.0.binary_search_by(|v| v.borrow().cmp(value)) {
            Ok(i) => {
                self.0.remove(i);
                true
            }
            Err(_) => false,
        }
    }

    fn from_values(mut values: Vec<T>) -> Self {
        if !values.windows(2).all(|w| w[0] < w[1]) {
            values.sort();
            values.dedup();
        }
        values.shrink_to_fit();
        Self(values)
    }
}

impl<T> SortedSet<T> {
    /// Number of values.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Remove every value.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Values in order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }
}

impl<T: Ord> FromIterator<T> for SortedSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Self::from_values(iter.into_iter().collect())
    }
}

impl<T: Ord, const N: usize> From<[T; N]> for SortedSet<T> {
    fn from(values: [T; N]) -> Self {
        Self::from_values(values.into())
    }
}

impl<T: Ord> Extend<T> for SortedSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for v in iter {
            self.insert(v);
        }
    }
}

impl<'a, T> IntoIterator for &'a SortedSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T: fmt::Debug> fmt::Debug for SortedSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl<T: Serialize> Serialize for SortedSet<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for v in self {
            seq.serialize_element(v)?;
        }
        seq.end()
    }
}

impl<'de, T: Deserialize<'de> + Ord> Deserialize<'de> for SortedSet<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Values<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de> + Ord> Visitor<'de> for Values<T> {
            type Value = SortedSet<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut values = Vec::new();
                while let Some(v) = seq.next_element()? {
                    values.push(v);
                }
                Ok(SortedSet::from_values(values))
            }
        }
        deserializer.deserialize_seq(Values(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::{SortedMap, SortedSet};

    /// Entries from a small generator: keys repeat, so duplicates and order both matter.
    fn entries(seed: u32, n: usize) -> Vec<(u8, u32)> {
        let mut x = seed.wrapping_mul(2_654_435_761).max(1);
        (0..n)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                ((x % 7) as u8, u32::try_from(i).unwrap_or(0))
            })
            .collect()
    }

    #[test]
    fn map_behaves_as_a_btreemap() {
        for seed in 1..200 {
            for n in [0, 1, 2, 3, 5, 9, 20] {
                let input = entries(seed, n);
                let ours: SortedMap<u8, u32> = input.iter().copied().collect();
                let theirs: BTreeMap<u8, u32> = input.iter().copied().collect();
                assert!(ours.iter().eq(theirs.iter()), "{input:?}");
                let (mut ours, mut theirs) = (ours, theirs);
                for (k, v) in entries(seed + 1000, 6) {
                    if v % 2 == 0 {
                        assert_eq!(ours.insert(k, v), theirs.insert(k, v));
                    } else {
                        assert_eq!(ours.remove(&k), theirs.remove(&k));
                    }
                    assert_eq!(ours.get(&k), theirs.get(&k));
                    assert!(ours.iter().eq(theirs.iter()));
                }
                assert_eq!(ours.pop_first(), theirs.pop_first());
                assert_eq!(ours.len(), theirs.len());
            }
        }
    }

    #[test]
    fn set_behaves_as_a_btreeset() {
        for seed in 1..200 {
            let input: Vec<u8> = entries(seed, 12).into_iter().map(|(k, _)| k).collect();
            let mut ours: SortedSet<u8> = input.iter().copied().collect();
            let mut theirs: BTreeSet<u8> = input.iter().copied().collect();
            assert!(ours.iter().eq(theirs.iter()));
            for (k, v) in entries(seed + 7, 6) {
                if v % 2 == 0 {
                    assert_eq!(ours.insert(k), theirs.insert(k));
                } else {
                    assert_eq!(ours.remove(&k), theirs.remove(&k));
                }
                assert_eq!(ours.contains(&k), theirs.contains(&k));
            }
            assert!(ours.iter().eq(theirs.iter()));
        }
    }

    #[test]
    fn files_read_and_write_as_the_btree_types_did() {
        let text = r#"{"b": 2, "a": 1, "b": 3}"#;
        let ours: SortedMap<String, u32> = ron::from_str(text).unwrap();
        let theirs: BTreeMap<String, u32> = ron::from_str(text).unwrap();
        assert!(ours.iter().eq(theirs.iter()));
        assert_eq!(
            ron::to_string(&ours).unwrap(),
            ron::to_string(&theirs).unwrap()
        );
        let text = r#"["x", "a", "x", "m"]"#;
        let ours: SortedSet<String> = ron::from_str(text).unwrap();
        let theirs: BTreeSet<String> = ron::from_str(text).unwrap();
        assert_eq!(
            ron::to_string(&ours).unwrap(),
            ron::to_string(&theirs).unwrap()
        );
        assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
    }
}
