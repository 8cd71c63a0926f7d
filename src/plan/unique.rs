//! Maps read from a plan file that refuse a repeated key: a plain map keeps the last value and
//! silently loses the first (two addresses for one endpoint would save as one).

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{Deserializer, Error as _, MapAccess, Visitor};

struct UniqueMap<K, V> {
    what: &'static str,
    marker: PhantomData<(K, V)>,
}

impl<'de, K, V> Visitor<'de> for UniqueMap<K, V>
where
    K: Deserialize<'de> + Ord + fmt::Display,
    V: Deserialize<'de>,
{
    type Value = BTreeMap<K, V>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a map of {}s", self.what)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = BTreeMap::new();
        // The key is checked before its value is read, so the error's position is the key's.
        while let Some(key) = map.next_key::<K>()? {
            if out.contains_key(&key) {
                return Err(A::Error::custom(format!(
                    "duplicate {} `{}`",
                    self.what,
                    crate::escape::one_line(&key.to_string())
                )));
            }
            let value = map.next_value()?;
            out.insert(key, value);
        }
        Ok(out)
    }
}

fn unique<'de, D, K, V>(deserializer: D, what: &'static str) -> Result<BTreeMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord + fmt::Display,
    V: Deserialize<'de>,
{
    deserializer.deserialize_map(UniqueMap {
        what,
        marker: PhantomData,
    })
}

/// Nodes by id, refusing a repeated id.
pub(super) fn nodes<'de, D, K, V>(deserializer: D) -> Result<BTreeMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord + fmt::Display,
    V: Deserialize<'de>,
{
    unique(deserializer, "node id")
}

/// Addresses by endpoint kind, refusing a repeated endpoint.
pub(super) fn endpoints<'de, D, K, V>(deserializer: D) -> Result<BTreeMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord + fmt::Display,
    V: Deserialize<'de>,
{
    unique(deserializer, "endpoint")
}

/// Names by kind, refusing a repeated kind.
pub(super) fn names<'de, D, K, V>(deserializer: D) -> Result<BTreeMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord + fmt::Display,
    V: Deserialize<'de>,
{
    unique(deserializer, "name")
}
