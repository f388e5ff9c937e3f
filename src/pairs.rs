//! Name-value lists as a request gives them (tags, user metadata): kept in the given order,
//! repeats included, so that the rules can judge them; with the `serde` feature a JSON object,
//! read without dropping a repeated name.

#[cfg(feature = "serde")]
use alloc::string::String;
#[cfg(feature = "serde")]
use alloc::vec::Vec;

/// Declares a public list of name-value pairs with its constructors, queries and serde form.
macro_rules! pairs {
    ($(#[$meta:meta])* $name:ident, $what:literal) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name {
            pairs: alloc::vec::Vec<(alloc::string::String, alloc::string::String)>,
        }

        impl $name {
            /// The empty list, as a constant.
            pub const EMPTY: $name = $name { pairs: alloc::vec::Vec::new() };

            #[doc = concat!("An empty list of ", $what, ".")]
            pub fn new() -> Self {
                $name { pairs: alloc::vec::Vec::new() }
            }

            #[doc = concat!("The list with one more of its ", $what, " at the end (a repeated name is kept, for the rules to judge).")]
            #[must_use]
            pub fn with(
                mut self,
                name: impl Into<alloc::string::String>,
                value: impl Into<alloc::string::String>,
            ) -> Self {
                self.pairs.push((name.into(), value.into()));
                self
            }

            #[doc = concat!("The ", $what, ", in order.")]
            pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + '_ {
                self.pairs
                    .iter()
                    .map(|(name, value)| (name.as_str(), value.as_str()))
            }

            #[doc = concat!("The number of ", $what, ".")]
            pub fn len(&self) -> usize {
                self.pairs.len()
            }

            #[doc = concat!("Whether there are no ", $what, ".")]
            pub fn is_empty(&self) -> bool {
                self.pairs.is_empty()
            }

            /// The value of the first pair named exactly `name`.
            pub fn get(&self, name: &str) -> Option<&str> {
                self.iter()
                    .find(|(own, _)| *own == name)
                    .map(|(_, value)| value)
            }

            pub(crate) fn from_pairs(
                pairs: alloc::vec::Vec<(alloc::string::String, alloc::string::String)>,
            ) -> Self {
                $name { pairs }
            }
        }

        impl<N: Into<alloc::string::String>, V: Into<alloc::string::String>> FromIterator<(N, V)>
            for $name
        {
            fn from_iter<I: IntoIterator<Item = (N, V)>>(pairs: I) -> Self {
                $name {
                    pairs: pairs
                        .into_iter()
                        .map(|(name, value)| (name.into(), value.into()))
                        .collect(),
                }
            }
        }

        impl<N: Into<alloc::string::String>, V: Into<alloc::string::String>, const K: usize>
            From<[(N, V); K]> for $name
        {
            fn from(pairs: [(N, V); K]) -> Self {
                pairs.into_iter().collect()
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                crate::pairs::serialize(&self.pairs, serializer)
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::pairs::deserialize(deserializer).map(|pairs| $name { pairs })
            }
        }
    };
}

pub(crate) use pairs;

/// Writes the pairs as a JSON object, in order.
#[cfg(feature = "serde")]
pub(crate) fn serialize<S: serde::Serializer>(
    pairs: &[(String, String)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(Some(pairs.len()))?;
    for (name, value) in pairs {
        map.serialize_entry(name, value)?;
    }
    map.end()
}

/// Reads a JSON object into pairs, in order, a repeated name included.
#[cfg(feature = "serde")]
pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<(String, String)>, D::Error> {
    struct Visitor;

    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Vec<(String, String)>;

        fn expecting(&self, formatter: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            formatter.write_str("an object of string values")
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut pairs = Vec::new();
            while let Some(pair) = map.next_entry::<String, String>()? {
                pairs.push(pair);
            }
            Ok(pairs)
        }
    }

    deserializer.deserialize_map(Visitor)
}
