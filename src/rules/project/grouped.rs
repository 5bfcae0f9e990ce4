//! Values grouped by key in one flat array: the project indexes hold a group per label value,
//! most with one member, and a vector per group would be an allocation per workload.

use std::borrow::Borrow;
use std::hash::Hash;

use foldhash::{HashMap, HashMapExt};

pub struct Grouped<K, V> {
    /// Each key's range in `values`.
    ranges: HashMap<K, (u32, u32)>,
    values: Vec<V>,
}

impl<K: Hash + Eq, V: Copy> Grouped<K, V> {
    /// Groups `entries`, each group in the order of the entries; the iterator is walked twice
    /// (counting, then placing). `keys` is an upper bound of the distinct keys: the table is
    /// sized once.
    pub fn new<I: Iterator<Item = (K, V)> + Clone>(entries: I, keys: usize) -> Self {
        let mut ranges: HashMap<K, (u32, u32)> = HashMap::with_capacity(keys);
        for (k, _) in entries.clone() {
            ranges.entry(k).or_insert((0, 0)).1 += 1;
        }
        let mut next = 0;
        // Counts become starts; placing a value moves its group's end.
        for range in ranges.values_mut() {
            let count = range.1;
            *range = (next, next);
            next += count;
        }
        let Some((_, first)) = entries.clone().next() else { return Grouped { ranges, values: Vec::new() } };
        let mut values = vec![first; next as usize];
        for (k, v) in entries {
            if let Some(range) = ranges.get_mut(&k) {
                values[range.1 as usize] = v;
                range.1 += 1;
            }
        }
        Grouped { ranges, values }
    }

    /// The values of `key`, none when it has none.
    pub fn get<Q: Hash + Eq + ?Sized>(&self, key: &Q) -> &[V]
    where
        K: Borrow<Q>,
    {
        self.ranges.get(key).map_or(&[], |&(start, end)| &self.values[start as usize..end as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_keep_the_order_of_their_entries() {
        let entries = [("a", 1), ("b", 2), ("a", 3), ("c", 4), ("a", 5)];
        let grouped = Grouped::new(entries.iter().copied(), entries.len());
        assert_eq!(grouped.get(&"a"), &[1, 3, 5]);
        assert_eq!(grouped.get(&"b"), &[2]);
        assert_eq!(grouped.get(&"c"), &[4]);
        assert!(grouped.get(&"d").is_empty());
        assert!(Grouped::<&str, i32>::new([].into_iter(), 0).get(&"a").is_empty());
    }
}
