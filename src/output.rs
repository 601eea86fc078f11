//! Writing output files (写出结果): one place, so every sheet is written the same way — UTF-8
//! with a BOM for Excel (or GBK when asked), to a temporary file beside the target and then renamed, so an existing
//! sheet is only ever replaced by a complete one.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::input::Encoding;

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
        if inputs
            .iter()
            .any(|i| i.canonicalize().ok().as_ref() == Some(&target))
        {
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

/// A CSV document's text: CRLF line ends, as Excel writes them.
pub fn csv_text(rows: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in rows {
        // Writing into memory cannot fail.
        let _ = w.write_record(row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The bytes of an output text: UTF-8 with a BOM (what Excel needs to read UTF-8), or GBK
/// (GB18030, which encodes every character) when asked for — Excel on a Chinese Windows reads it
/// without a BOM.
pub fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Gbk => encoding_rs::GB18030.encode(text).0.into_owned(),
        Encoding::Auto | Encoding::Utf8 => format!("{BOM}{text}").into_bytes(),
    }
}

/// A CSV document as Excel wants it: UTF-8 with BOM, CRLF line ends.
pub fn csv_bytes(rows: &[Vec<String>]) -> Vec<u8> {
    encode(&csv_text(rows), Encoding::Utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_has_a_bom_gbk_does_not() {
        let rows = vec![vec!["表".to_string(), "得分".to_string()]];
        assert_eq!(csv_bytes(&rows), "\u{FEFF}表,得分\r\n".as_bytes());
        assert_eq!(encode("表", Encoding::Gbk), vec![0xB1, 0xED]);
    }

    #[test]
    fn an_output_never_replaces_an_input() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.csv");
        std::fs::write(&input, "x").unwrap();
        assert!(write_atomic(&input, b"y", std::slice::from_ref(&input)).is_err());
        assert_eq!(std::fs::read(&input).unwrap(), b"x");
        let out = dir.path().join("sub/out.csv");
        write_atomic(&out, b"z", std::slice::from_ref(&input)).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"z");
    }
}
