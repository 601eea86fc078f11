//! `jixiao import`: the shipped disclosure text imported and compared, indicator by indicator,
//! with the hand transcription `targets/anci-2023.toml`; small hand-made texts in the shapes
//! other provinces publish; CSV and xlsx sheets.

use std::path::Path;

use jixiao::import::{self, write::render};
use jixiao::targets::{self, Targets};

const SEED: &str = "targets/sources/anci-2023.txt";

fn imported(path: &str) -> (import::Draft, Targets, String) {
    let draft = import::read(Path::new(path)).expect("import");
    let text = render(&draft, Path::new(path)).expect("render");
    let t = targets::parse(Path::new("imported.toml"), &text).expect("the written file loads");
    (draft, t, text)
}

/// The six compared fields of every indicator, by table.
fn fields(t: &Targets) -> Vec<(String, Vec<[String; 5]>)> {
    t.tables
        .iter()
        .map(|t| {
            let inds = t
                .indicators
                .iter()
                .map(|i| {
                    [
                        i.level1.clone(),
                        i.level2.clone(),
                        i.name.clone(),
                        i.target_text.clone(),
                        i.rule_text.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            (t.name.clone(), inds)
        })
        .collect()
}

#[test]
fn the_seed_imports_to_the_hand_transcription() {
    let (_, got, _) = imported(SEED);
    let want = targets::load(Path::new("targets/anci-2023.toml")).unwrap();
    let (got, want) = (fields(&got), fields(&want));
    let mut tables = 0;
    let mut matched = 0;
    let mut differ = Vec::new();
    for (k, (name, inds)) in want.iter().enumerate() {
        let Some((gname, ginds)) = got.get(k) else {
            differ.push(format!("table {name}: missing"));
            continue;
        };
        if gname == name && ginds.len() == inds.len() {
            tables += 1;
        } else {
            differ.push(format!("table #{k}: «{gname}» ({}) vs «{name}» ({})", ginds.len(), inds.len()));
        }
        for (j, w) in inds.iter().enumerate() {
            match ginds.get(j) {
                Some(g) if g == w && gname == name => matched += 1,
                g => differ.push(format!("{name} #{}: got {g:?}\n    want {w:?}", j + 1)),
            }
        }
    }
    for d in &differ {
        eprintln!("{d}");
    }
    assert_eq!((matched, tables), (184, 24), "{} differences", differ.len());
}
