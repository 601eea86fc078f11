//! Writing output files (写出结果): one place, so every sheet is written the same way — UTF-8
//! with a BOM for Excel, to a temporary file beside the target and then renamed, so an existing
//! sheet is only ever replaced by a complete one.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The byte-order mark that makes Excel read a CSV file as UTF-8.
pub const BOM: &str = "\u{FEFF}";

/// Writes `contents` to `path` atomically. `inputs` are the files this run read: an output may
/// never overwrite one of them.
pub fn write_atomic(path: &Path, contents: &[u8], inputs: &[PathBuf]) -> Result<(), Error> {
    let fail = |source: std::io::Error| Error::Output {
        path: path.to_path_buf(),
        source,
    };
    if let Ok(target) = path.canonicalize() {
        if inputs.iter().any(|i| i.canonicalize().ok().as_ref() == Some(&target)) {
            return Err(fail(std::io::Error::other("输出文件不能是输入文件")));
        }
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(fail)?;
    let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(fail)?;
    tmp.write_all(contents).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// A CSV document as Excel wants it: BOM first, CRLF line ends.
pub fn csv_bytes(rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    for row in rows {
        // Writing into memory cannot fail.
        let _ = w.write_record(row);
    }
    w.into_inner().unwrap_or_default()
}
