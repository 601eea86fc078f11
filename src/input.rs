//! Opening input files (读取输入): one place decides how bytes become text, so every reader
//! accepts the same encodings: UTF-8 with or without BOM, or GBK/GB18030 as Excel on a Chinese
//! Windows saves CSV.

use std::io::Read;
use std::path::Path;

use crate::error::{io_reason, Column, Diagnostic, Error, Location};

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

/// The largest input file read (256 MB): far more than any real targets or actuals file, and a
/// bound on memory for anything else given by mistake.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// Which input a file was given as: messages say what was expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 目标文件 (TOML).
    Targets,
    /// 实际完成值文件 (CSV).
    Actuals,
    /// A 绩效目标表 to import (`jixiao import`): a disclosure's text or a CSV sheet.
    Import,
}

impl Kind {
    fn chinese(self) -> &'static str {
        match self {
            Kind::Targets => "目标文件（TOML 文本）",
            Kind::Actuals => "实际完成值文件（CSV 文本或 xlsx 工作簿）",
            Kind::Import => "绩效目标表（预算公开的文字，或 CSV）",
        }
    }
}

/// Reads a whole input file as text. Only a regular file of at most [`MAX_INPUT_BYTES`] is
/// read; a known binary format (Excel, PDF, old Office) or the other kind of input is named.
pub fn read_text(path: &Path, encoding: Encoding, kind: Kind) -> Result<String, Error> {
    read(path, encoding, kind).map_err(|d| Error::one(*d))
}

fn refuse(path: &Path, message: impl Into<String>, expected: impl Into<String>) -> Box<Diagnostic> {
    Box::new(Diagnostic::new(path, Location::File, message).expected(expected))
}

fn too_big(path: &Path, size: Option<u64>) -> Box<Diagnostic> {
    let size = size.map_or_else(|| "超过 256 MB".to_string(), |n| format!("{n} 字节"));
    refuse(
        path,
        format!("文件太大（{size}）：输入文件最大 256 MB（{MAX_INPUT_BYTES} 字节）"),
        "不超过 256 MB 的文件（目标文件、实际完成值文件通常只有几十 KB）",
    )
}

/// Reads at most `cap` bytes; `None` when there are more (the file grew, or never ends).
pub fn read_bounded(reader: impl std::io::Read, cap: u64) -> std::io::Result<Option<Vec<u8>>> {
    read_bounded_sized(reader, cap, 0)
}

/// [`read_bounded`] into a buffer sized for `expected` bytes (the file's size when opened), so
/// that a file is read in one pass without the buffer growing.
fn read_bounded_sized(
    reader: impl std::io::Read,
    cap: u64,
    expected: u64,
) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::with_capacity(expected.min(cap).saturating_add(1) as usize);
    reader.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= cap).then_some(bytes))
}

/// What a file that is not a regular file is.
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "命名管道（FIFO）";
        }
        if t.is_char_device() {
            return "字符设备（如 /dev/zero）";
        }
        if t.is_block_device() {
            return "块设备（磁盘）";
        }
        if t.is_socket() {
            return "套接字（socket）";
        }
    }
    let _ = meta;
    "特殊文件"
}

/// Reads a whole input file as bytes, with the same checks as [`read_text`] (a regular file of
/// at most [`MAX_INPUT_BYTES`]), for a reader of a binary format (an xlsx workbook).
pub fn read_bytes(path: &Path, kind: Kind) -> Result<Vec<u8>, Error> {
    read_file(path, kind).map_err(|d| Error::one(*d))
}

/// Whether `bytes` are an Excel workbook (.xlsx: a zip holding `xl/`).
pub fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") && bytes.windows(3).any(|w| w == b"xl/")
}

fn read(path: &Path, encoding: Encoding, kind: Kind) -> Result<String, Box<Diagnostic>> {
    let bytes = read_file(path, kind)?;
    text_of(path, bytes, encoding, kind)
}

/// The text of an input file's bytes: a known binary format is named, the encoding decided,
/// an empty file and swapped arguments refused.
pub(crate) fn text_of(
    path: &Path,
    bytes: Vec<u8>,
    encoding: Encoding,
    kind: Kind,
) -> Result<String, Box<Diagnostic>> {
    if let Some(d) = foreign_format(path, &bytes, kind) {
        return Err(d);
    }
    let text = decode(path, bytes, encoding)?;
    if text.trim().is_empty() {
        return Err(refuse(
            path,
            "文件是空的",
            match kind {
                Kind::Targets => "目标文件：department、year 和至少一个 [[table]]",
                Kind::Actuals => {
                    "实际完成值文件：表头行和每个指标一行（可用 jixiao template 生成）"
                }
                Kind::Import => "预算公开的文字（含绩效目标表），或绩效目标表的 CSV",
            },
        ));
    }
    if let Some(d) = swapped(path, &text, kind) {
        return Err(d);
    }
    Ok(text)
}

fn read_file(path: &Path, kind: Kind) -> Result<Vec<u8>, Box<Diagnostic>> {
    let unreadable = |e: std::io::Error| {
        let what = match e.kind() {
            std::io::ErrorKind::NotFound => "文件不存在".to_string(),
            std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
            _ => format!("无法读取文件：{}", io_reason(&e)),
        };
        refuse(path, what, "一个存在且可读的文件的路径")
    };
    // Look before opening: opening a FIFO would wait for a writer, a device never ends.
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if meta.is_dir() {
        return Err(refuse(path, "这是一个文件夹，不是文件", "一个文件的路径"));
    }
    if !meta.is_file() {
        return Err(refuse(
            path,
            format!(
                "这不是普通文件，而是{}：只读取保存在磁盘上的普通文件",
                special_kind(&meta)
            ),
            format!("一个{}的路径", kind.chinese()),
        ));
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(too_big(path, Some(meta.len())));
    }
    let file = std::fs::File::open(path).map_err(unreadable)?;
    // The file may grow while it is read: the read itself is bounded too.
    read_bounded_sized(file, MAX_INPUT_BYTES, meta.len())
        .map_err(unreadable)?
        .ok_or_else(|| too_big(path, None))
}

/// A known binary format given where a text file was expected, by its first bytes.
fn foreign_format(path: &Path, bytes: &[u8], kind: Kind) -> Option<Box<Diagnostic>> {
    let contains = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    let what = if bytes.starts_with(b"PK\x03\x04") {
        if contains(b"xl/") {
            "Excel 工作簿（.xlsx）"
        } else if contains(b"word/") {
            "Word 文档（.docx）"
        } else if contains(b"application/vnd.oasis.opendocument") {
            "OpenDocument 文件（.ods/.odt）"
        } else {
            "ZIP 压缩文件（或 .xlsx 等 Office 文件）"
        }
    } else if bytes.starts_with(b"%PDF") {
        "PDF 文件"
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        "旧版 Office 文件（Excel 97-2003 的 .xls，或 Word 的 .doc）"
    } else {
        return None;
    };
    let head: Vec<String> = bytes.iter().take(4).map(|b| format!("{b:02X}")).collect();
    let expected = match kind {
        Kind::Actuals if what.starts_with("PDF") => {
            "实际完成值文件是 CSV 文本，无法从 PDF 读取：用 jixiao template 生成模板，在 Excel 中填写后另存为「CSV UTF-8（逗号分隔）」"
        }
        Kind::Actuals => {
            "CSV 文本或 xlsx 工作簿：在 Excel 中打开此文件，「文件 → 另存为」，类型选「Excel 工作簿（*.xlsx）」或「CSV UTF-8（逗号分隔）」"
        }
        Kind::Targets => "目标文件是 TOML 文本（见 docs/targets-format.md），用文本编辑器编写",
        Kind::Import if what.starts_with("PDF") => {
            "PDF 的文字：先用 PDF 文字提取工具（如 pdftotext 公开.pdf 公开.txt）取出文字，再 jixiao import 公开.txt"
        }
        Kind::Import => "绩效目标表的 .xlsx（文件名以 .xlsx 结尾）、CSV，或预算公开的文字",
    };
    Some(Box::new(
        Diagnostic::new(
            path,
            Location::File,
            format!(
                "这是{}{what}，不是{}",
                if what.starts_with(|c: char| c.is_ascii()) {
                    " "
                } else {
                    ""
                },
                kind.chinese()
            ),
        )
        .found(format!("文件开头的字节 {}", head.join(" ")))
        .expected(expected),
    ))
}

/// The first line that is not blank and not a `#` comment.
fn first_line(text: &str) -> &str {
    text.split(['\n', '\r'])
        .map(|l| l.trim_start_matches('\u{FEFF}').trim())
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .unwrap_or("")
}

/// A targets file given as the actuals, or an actuals file given as the targets (the arguments
/// swapped): the other kind's first line is unmistakable.
fn swapped(path: &Path, text: &str, kind: Kind) -> Option<Box<Diagnostic>> {
    let line = first_line(text);
    // `[[table]]`, `[scoring]`: a bracketed ASCII key, not a title such as `[2023年]`.
    let table_header = line.starts_with('[')
        && line
            .trim_start_matches('[')
            .split(']')
            .next()
            .is_some_and(|k| {
                !k.is_empty()
                    && k.chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ' '))
            });
    let is_toml = table_header
        || line.split_once('=').is_some_and(|(key, _)| {
            let key = key.trim();
            !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
        });
    let is_csv = !line.starts_with('[')
        && !line.contains('=')
        && line.contains(['，', ',', '\t'])
        && line.contains("表")
        && (line.contains("三级指标") || line.contains("实际完成值"));
    let (what, order) = match kind {
        Kind::Actuals if is_toml => ("目标文件（TOML）", "实际完成值文件应为 CSV"),
        Kind::Targets if is_csv => ("实际完成值文件（CSV）", "目标文件应为 TOML"),
        _ => return None,
    };
    Some(Box::new(
        Diagnostic::new(
            path,
            Location::File,
            format!(
                "这是{what}，不是{}：两个文件的顺序是否写反了？",
                kind.chinese()
            ),
        )
        .found(line)
        .expected(format!(
            "jixiao score 目标文件.toml 实际完成值文件.csv（先目标文件，后实际完成值文件）；{order}"
        )),
    ))
}

fn decode(path: &Path, owned: Vec<u8>, encoding: Encoding) -> Result<String, Box<Diagnostic>> {
    // Valid UTF-8 (with or without its BOM) is the text itself: checked once, moved, not copied.
    // simdutf8 checks Chinese text several times faster than the standard library.
    if matches!(encoding, Encoding::Auto | Encoding::Utf8)
        && simdutf8::basic::from_utf8(&owned).is_ok()
    {
        // SAFETY: simdutf8 has just checked that these very bytes are valid UTF-8.
        let mut text = unsafe { String::from_utf8_unchecked(owned) };
        if text.starts_with('\u{FEFF}') {
            text.drain(..'\u{FEFF}'.len_utf8());
        }
        return Ok(text);
    }
    let bytes = owned.as_slice();
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
    let utf8 = std::str::from_utf8(body).err();
    match (encoding, utf8) {
        // Read above already (this body is valid UTF-8 only when the whole file is).
        (Encoding::Auto | Encoding::Utf8, None) => {
            return Ok(String::from_utf8_lossy(body).into_owned())
        }
        (Encoding::Utf8, Some(e)) => {
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
                (Encoding::Auto, Some(e)) => (gbk.max(bom + e.valid_up_to()), "UTF-8 或 GBK"),
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
            decode(p, "表,值".as_bytes().to_vec(), Encoding::Auto).unwrap(),
            "表,值"
        );
        assert_eq!(
            decode(p, (b"\xEF\xBB\xBFab").to_vec(), Encoding::Auto).unwrap(),
            "ab"
        );
        // 表 in GBK is B1 ED
        assert_eq!(
            decode(p, (b"\xB1\xED").to_vec(), Encoding::Auto).unwrap(),
            "表"
        );
        assert!(decode(p, (b"\xB1\xED").to_vec(), Encoding::Utf8).is_err());
        assert!(decode(p, (b"\xFF\xFF\xFF").to_vec(), Encoding::Auto).is_err());
        // UTF-16LE with BOM, as Excel's "Unicode text" saves: 表 is U+8868.
        assert_eq!(
            decode(p, (b"\xFF\xFE\x68\x88").to_vec(), Encoding::Auto).unwrap(),
            "表"
        );
        let e = decode(p, (b"ab\xB1\xED\xFF").to_vec(), Encoding::Gbk).unwrap_err();
        assert!(e.message.contains("第 5 字节"), "{}", e.message);
        assert_eq!(e.found.as_deref(), Some("字节 FF"));
    }

    #[test]
    fn reads_are_bounded() {
        assert_eq!(
            read_bounded(&b"12345"[..], 5).unwrap(),
            Some(b"12345".to_vec())
        );
        assert_eq!(read_bounded(&b"123456"[..], 5).unwrap(), None);
        // An endless reader stops at the cap.
        assert_eq!(read_bounded(std::io::repeat(0), 1000).unwrap(), None);
    }

    #[test]
    fn known_formats_and_swapped_files_are_named() {
        let p = Path::new("x.csv");
        let xlsx = b"PK\x03\x04\x14\x00rest[Content_Types].xml xl/workbook.xml";
        let d = foreign_format(p, xlsx, Kind::Actuals).unwrap();
        assert_eq!(
            d.message,
            "这是 Excel 工作簿（.xlsx），不是实际完成值文件（CSV 文本或 xlsx 工作簿）"
        );
        assert_eq!(d.found.as_deref(), Some("文件开头的字节 50 4B 03 04"));
        assert!(foreign_format(p, b"%PDF-1.7", Kind::Targets).is_some());
        assert!(foreign_format(p, "表,三级指标".as_bytes(), Kind::Actuals).is_none());
        let toml = "# 说明\n\ndepartment = \"x\"\n";
        assert!(swapped(p, toml, Kind::Actuals).is_some());
        assert!(swapped(p, toml, Kind::Targets).is_none());
        let csv = "\u{FEFF}# c\r表,三级指标,实际完成值\r";
        assert!(swapped(p, csv, Kind::Targets).is_some());
        assert!(swapped(p, csv, Kind::Actuals).is_none());
        assert!(swapped(p, "[[table]]\nname = \"表,三级指标\"", Kind::Targets).is_none());
        assert!(swapped(p, "[scoring]\n", Kind::Actuals).is_some());
        assert!(swapped(p, "[2023年]\n表,三级指标,实际完成值\n", Kind::Actuals).is_none());
    }
}
