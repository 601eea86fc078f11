//! Opening input files (读取输入): one place decides how bytes become text, so every reader
//! accepts the same encodings: UTF-8 with or without BOM, or GBK/GB18030 as Excel on a Chinese
//! Windows saves CSV.

use std::path::Path;

use crate::error::{Column, Diagnostic, Error, Location};

/// The text encoding of an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// Strict UTF-8 first, else strict GB18030 (a superset of GBK), else an error.
    #[default]
    Auto,
    Utf8,
    Gbk,
}

impl std::str::FromStr for Encoding {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Ok(Encoding::Auto),
            "utf8" | "utf-8" => Ok(Encoding::Utf8),
            "gbk" | "gb18030" | "gb2312" => Ok(Encoding::Gbk),
            other => Err(format!(
                "unknown encoding '{other}': use auto, utf-8 or gbk"
            )),
        }
    }
}

/// Reads a whole input file as text.
pub fn read_text(path: &Path, encoding: Encoding) -> Result<String, Error> {
    read(path, encoding).map_err(|d| Error::one(*d))
}

fn read(path: &Path, encoding: Encoding) -> Result<String, Box<Diagnostic>> {
    if path.is_dir() {
        return Err(Box::new(
            Diagnostic::new(path, Location::File, "这是一个文件夹，不是文件")
                .expected("一个文件的路径"),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        let what = match e.kind() {
            std::io::ErrorKind::NotFound => "文件不存在".to_string(),
            std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
            _ => format!("无法读取文件（{e}）"),
        };
        Box::new(Diagnostic::new(path, Location::File, what).expected("一个存在且可读的文件的路径"))
    })?;
    let text = decode(path, &bytes, encoding)?;
    if text.trim().is_empty() {
        return Err(Box::new(
            Diagnostic::new(path, Location::File, "文件是空的").expected(
                if path.extension().is_some_and(|e| e == "toml") {
                    "目标文件：department、year 和至少一个 [[table]]"
                } else {
                    "实际完成值文件：表头行和每个指标一行（可用 jixiao template 生成）"
                },
            ),
        ));
    }
    Ok(text)
}

fn decode(path: &Path, bytes: &[u8], encoding: Encoding) -> Result<String, Box<Diagnostic>> {
    // Excel's "Unicode text" is UTF-16 with a BOM.
    for (bom, utf16) in [
        (b"\xFF\xFE", encoding_rs::UTF_16LE),
        (b"\xFE\xFF", encoding_rs::UTF_16BE),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            if let Some(text) = utf16.decode_without_bom_handling_and_without_replacement(rest) {
                return Ok(text.into_owned());
            }
        }
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let bom = bytes.len() - body.len();
    let utf8 = std::str::from_utf8(body);
    match (encoding, utf8) {
        (Encoding::Auto | Encoding::Utf8, Ok(s)) => return Ok(s.to_string()),
        (Encoding::Utf8, Err(e)) => {
            return Err(bad_bytes(path, bytes, bom + e.valid_up_to(), "UTF-8"))
        }
        _ => {}
    }
    match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok(text.into_owned()),
        None => {
            // Neither encoding reads the file: point at the later failure, which is where the
            // text most likely really is broken.
            let gbk = gb18030_error_offset(bytes);
            let (offset, wanted) = match (encoding, utf8) {
                (Encoding::Auto, Err(e)) => (gbk.max(bom + e.valid_up_to()), "UTF-8 或 GBK"),
                _ => (gbk, "GBK"),
            };
            Err(bad_bytes(path, bytes, offset, wanted))
        }
    }
}

/// Where GB18030 decoding first fails.
fn gb18030_error_offset(bytes: &[u8]) -> usize {
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3 + 16);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, unread) => {
            read.saturating_sub(bad as usize + unread as usize)
        }
        _ => read,
    }
}

fn bad_bytes(path: &Path, bytes: &[u8], offset: usize, wanted: &str) -> Box<Diagnostic> {
    let offset = offset.min(bytes.len());
    let line_start = bytes[..offset]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    // The characters before the bad bytes on their line, read leniently, give the column.
    let before = String::from_utf8_lossy(&bytes[line_start..offset]);
    let column = before.chars().count() + 1;
    let hex: Vec<String> = bytes[offset..]
        .iter()
        .take(8)
        .map(|b| format!("{b:02X}"))
        .collect();
    Box::new(
        Diagnostic::new(
            path,
            Location::Line {
                line,
                column: Some(Column::Char(column)),
            },
            format!(
                "此处（文件第 {} 字节）起的内容不是 {wanted} 编码的文本",
                offset + 1
            ),
        )
        .found(format!("字节 {}", hex.join(" ")))
        .expected("UTF-8（可带 BOM）或 GBK 编码的文本文件；实际完成值文件可用 --encoding 指定编码"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_bom_and_gbk() {
        let p = Path::new("x.csv");
        assert_eq!(
            decode(p, "表,值".as_bytes(), Encoding::Auto).unwrap(),
            "表,值"
        );
        assert_eq!(decode(p, b"\xEF\xBB\xBFab", Encoding::Auto).unwrap(), "ab");
        // 表 in GBK is B1 ED
        assert_eq!(decode(p, b"\xB1\xED", Encoding::Auto).unwrap(), "表");
        assert!(decode(p, b"\xB1\xED", Encoding::Utf8).is_err());
        assert!(decode(p, b"\xFF\xFF\xFF", Encoding::Auto).is_err());
        // UTF-16LE with BOM, as Excel's "Unicode text" saves: 表 is U+8868.
        assert_eq!(
            decode(p, b"\xFF\xFE\x68\x88", Encoding::Auto).unwrap(),
            "表"
        );
        let e = decode(p, b"ab\xB1\xED\xFF", Encoding::Gbk).unwrap_err();
        assert!(e.message.contains("第 5 字节"), "{}", e.message);
        assert_eq!(e.found.as_deref(), Some("字节 FF"));
    }
}
