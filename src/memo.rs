//! Texts read once per run (备忘): a bureau's departments repeat the same rule texts (the national
//! wording, a province's template) and the same target values, and reading them is most of the
//! cost of loading a targets file once the file is parsed. A [`Memo`] reads each distinct text
//! once per process and hands out copies; a reading depends on the text alone, so the copy is
//! what reading it again would give, errors included.

use foldhash::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// Readings of texts, kept for the whole process: at most `capacity` distinct texts (later ones
/// are read each time), shared by every worker thread.
pub struct Memo<V> {
    map: OnceLock<Mutex<HashMap<String, Arc<V>>>>,
    capacity: usize,
}

impl<V: Clone> Memo<V> {
    pub const fn new(capacity: usize) -> Self {
        Memo {
            map: OnceLock::new(),
            capacity,
        }
    }

    /// `read(text)`, each distinct text read once.
    pub fn get_or(&self, text: &str, read: impl FnOnce(&str) -> V) -> V {
        let map = self.map.get_or_init(Default::default);
        let known = map.lock().ok().and_then(|m| m.get(text).map(Arc::clone));
        if let Some(v) = known {
            return (*v).clone();
        }
        // Read outside the lock: two workers may read the same new text once each.
        let v = read(text);
        if let Ok(mut m) = map.lock() {
            if m.len() < self.capacity {
                m.insert(text.to_string(), Arc::new(v.clone()));
            }
        }
        v
    }
}
