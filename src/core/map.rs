//! A map with text keys, kept as a vector sorted by key.
//!
//! The core's maps are small (a storage object's fields, a locale's ~100
//! messages, progress per site) and are read far more than written. Each
//! `BTreeMap<String, V>` instantiation cost the content wasm about 2 KB of node
//! code, and it had five; this is a few hundred bytes of vector operations. It
//! iterates in key order, as `BTreeMap` did, so stored objects keep their
//! field order.

use crate::prelude::*;
use ::core::borrow::Borrow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Map<V>(Vec<(String, V)>);

impl<V> Default for Map<V> {
    fn default() -> Self {
        Map(Vec::new())
    }
}

impl<V> Map<V> {
    pub const fn new() -> Self {
        Map(Vec::new())
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn get<Q: Borrow<str> + ?Sized>(&self, key: &Q) -> Option<&V> {
        self.find(key.borrow()).ok().map(|i| &self.0[i].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`; returns the value it replaces.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(::core::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<V> {
        self.find(key).ok().map(|i| self.0.remove(i).1)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }
}

impl<'a, V> IntoIterator for &'a Map<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = ::core::iter::Map<::core::slice::Iter<'a, (String, V)>, fn(&'a (String, V)) -> (&'a String, &'a V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

/// Later entries replace earlier ones with the same key, as with `BTreeMap`.
impl<V> FromIterator<(String, V)> for Map<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(items: I) -> Self {
        let mut map = Map::new();
        for (k, v) in items {
            map.insert(k, v);
        }
        map
    }
}

impl<V, const N: usize> From<[(String, V); N]> for Map<V> {
    fn from(items: [(String, V); N]) -> Self {
        items.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::collections::BTreeMap;

    #[test]
    fn behaves_like_a_btree_map() {
        // The same operations on both, from a fixed pseudo-random sequence.
        let (mut ours, mut theirs) = (Map::new(), BTreeMap::new());
        let mut seed = 7u32;
        for step in 0..2000u32 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let key = format!("k{}", (seed >> 16) % 50);
            match seed % 4 {
                0 => assert_eq!(ours.remove(&key), theirs.remove(&key), "remove {key}"),
                _ => assert_eq!(ours.insert(key.clone(), step), theirs.insert(key.clone(), step), "insert {key}"),
            }
            assert_eq!(ours.get(&key), theirs.get(&key));
            assert_eq!(ours.contains_key(&key), theirs.contains_key(&key));
            assert_eq!(ours.len(), theirs.len());
        }
        assert!(ours.iter().eq(theirs.iter()), "same entries, same order");
        assert!(ours.keys().eq(theirs.keys()));
        assert!(!ours.is_empty() && Map::<u32>::new().is_empty());
        let last_wins: Map<u32> = [("a".to_string(), 1), ("b".to_string(), 2), ("a".to_string(), 3)].into();
        assert_eq!(last_wins.iter().collect::<Vec<_>>(), [(&"a".to_string(), &3), (&"b".to_string(), &2)]);
    }
}
