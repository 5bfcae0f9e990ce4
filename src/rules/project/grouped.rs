//! Values grouped by key, for the project indexes: they hold a group per label value, most with
//! one member, so a group of one is kept in the table itself (a vector per group would be an
//! allocation per workload), and the entries are read in one pass.

use std::borrow::Borrow;
use std::hash::Hash;

use foldhash::{HashMap, HashMapExt};

pub struct Grouped<K, V> {
    groups: HashMap<K, Group<V>>,
}

enum Group<V> {
    One(V),
    Many(Vec<V>),
}

impl<K: Hash + Eq, V: Copy> Grouped<K, V> {
    /// Groups `entries`, each group in the order of the entries. `keys` is an upper bound of
    /// the distinct keys: the table is sized once.
    pub fn new(entries: impl Iterator<Item = (K, V)>, keys: usize) -> Self {
        let mut groups: HashMap<K, Group<V>> = HashMap::with_capacity(keys);
        for (k, v) in entries {
            match groups.entry(k) {
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(Group::One(v));
                }
                std::collections::hash_map::Entry::Occupied(mut e) => {
                    let group = e.get_mut();
                    match group {
                        Group::One(first) => *group = Group::Many(vec![*first, v]),
                        Group::Many(all) => all.push(v),
                    }
                }
            }
        }
        Grouped { groups }
    }

    /// The values of `key`, none when it has none.
    pub fn get<Q: Hash + Eq + ?Sized>(&self, key: &Q) -> &[V]
    where
        K: Borrow<Q>,
    {
        match self.groups.get(key) {
            Some(Group::One(v)) => std::slice::from_ref(v),
            Some(Group::Many(all)) => all,
            None => &[],
        }
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
