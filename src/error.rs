//! Errors (错误) and their positions: every problem in an input file names the file, where in it
//! (line and column, or the TOML key), the text that was read and what was expected.

use std::fmt;
use std::path::{Path, PathBuf};

#[cfg(doc)]
use crate::text::ECHO_CHARS;
use crate::text::{
    cap_quotes, escape_char, excerpt, invisible_chars, invisible_name, show_invisible,
};

/// Where in a file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The whole file (it is empty, missing, unreadable …).
    File,
    /// A line and, where known, a column. In a CSV file the column is the field (Excel's column);
    /// in a TOML file it is the character column.
    Line { line: u64, column: Option<Column> },
    /// A TOML key path such as `table[2].indicator[5].target`, with the names that make it readable.
    Key(String),
}

/// A column of a CSV file, or a character column of a text file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    /// 1-based CSV field number with its header name.
    Field { index: usize, header: String },
    /// 1-based character (not byte) column.
    Char(usize),
}

/// One problem found in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// The worksheet, when the file is a workbook: said before the row and column.
    pub sheet: Option<String>,
    pub location: Location,
    /// What is wrong, in plain Chinese.
    pub message: String,
    /// The offending text, as read.
    pub found: Option<String>,
    /// What would have been accepted.
    pub expected: Option<String>,
}

impl Diagnostic {
    pub fn new(file: &Path, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_path_buf(),
            sheet: None,
            location,
            message: cap_quotes(&message.into()),
            found: None,
            expected: None,
        }
    }

    /// The offending text; at most [`ECHO_CHARS`] characters of it are kept (see [`excerpt`]).
    pub fn found(mut self, text: impl AsRef<str>) -> Self {
        self.found = Some(excerpt(text.as_ref()));
        self
    }

    /// The worksheet of a workbook the problem is in.
    pub fn in_sheet(mut self, sheet: impl Into<String>) -> Self {
        self.sheet = Some(sheet.into());
        self
    }

    pub fn expected(mut self, text: impl Into<String>) -> Self {
        self.expected = Some(cap_quotes(&text.into()));
        self
    }
}

/// Excel's column letters: 1 → A, 27 → AA.
pub fn excel_column(mut index: usize) -> String {
    let mut letters = Vec::new();
    while index > 0 {
        let rem = (index - 1) % 26;
        letters.push(b'A' + rem as u8);
        index = (index - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::File => Ok(()),
            Location::Line { line, column } => {
                write!(f, " 第{line}行")?;
                match column {
                    Some(Column::Field { index, header }) => {
                        write!(f, " {}列", excel_column(*index))?;
                        if !header.is_empty() {
                            write!(f, "（{header}）")?;
                        }
                        Ok(())
                    }
                    Some(Column::Char(c)) => write!(f, "第{c}字"),
                    None => Ok(()),
                }
            }
            Location::Key(key) => write!(f, " {key}"),
        }
    }
}

/// Every quoted text shows its invisible characters as escapes (`\u{200B}`, `\0`), and a last
/// line says what they are.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut location = self.location.to_string();
        if let Some(sheet) = &self.sheet {
            location = format!(" 工作表「{sheet}」{location}");
        }
        write!(
            f,
            "{}{}: {}",
            self.file.display(),
            show_invisible(&location),
            show_invisible(&self.message)
        )?;
        if let Some(found) = &self.found {
            write!(f, "\n  读到: «{}»", show_invisible(found))?;
        }
        if let Some(expected) = &self.expected {
            write!(f, "\n  应为: {}", show_invisible(expected))?;
        }
        let all = format!(
            "{location}{}{}{}",
            self.message,
            self.found.as_deref().unwrap_or(""),
            self.expected.as_deref().unwrap_or("")
        );
        let invisible = invisible_chars(&all);
        if !invisible.is_empty() {
            let named: Vec<String> = invisible
                .iter()
                .map(|&c| format!("{} 是{}", escape_char(c), invisible_name(c).unwrap_or("")))
                .collect();
            write!(f, "\n  注意: 含不可见字符：{}", named.join("，"))?;
        }
        Ok(())
    }
}

/// Why an operating-system call failed, in Chinese, with the system's own words in parentheses.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    // Windows: ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION — a sheet open in Excel.
    if cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33)) {
        return format!("文件正被其他程序（如 Excel）打开，请先关闭（{e}）");
    }
    let why = match e.kind() {
        K::NotFound => "文件或文件夹不存在",
        K::PermissionDenied => "没有权限（文件只读、被锁定，或被其他程序如 Excel 打开）",
        K::AlreadyExists => "已有同名的文件或文件夹",
        K::IsADirectory => "这是一个文件夹，不是文件",
        K::NotADirectory => "路径中的某一段不是文件夹",
        K::DirectoryNotEmpty => "文件夹不是空的",
        K::ReadOnlyFilesystem => "所在的磁盘或文件系统是只读的",
        K::StorageFull | K::QuotaExceeded => "磁盘已满或超出配额",
        K::FileTooLarge => "文件太大",
        K::ResourceBusy | K::ExecutableFileBusy => "文件正被其他程序使用",
        K::CrossesDevices => "不能跨磁盘改名",
        K::InvalidFilename => "文件名无效",
        K::Interrupted => "操作被中断",
        K::UnexpectedEof => "文件意外结束",
        K::InvalidData => "内容无效",
        K::OutOfMemory => "内存不足",
        K::TimedOut => "操作超时",
        K::Unsupported => "不支持此操作",
        _ => "操作系统报告错误",
    };
    format!("{why}（{e}）")
}

/// At most this many problems of one run are listed; the rest are counted.
pub const MAX_REPORTED: usize = 50;

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Problems in the input files: all of them, not just the first.
    #[error("{}", list(.0))]
    Input(Vec<Diagnostic>),
    /// Output files that could not be written (each names its file and why); nothing was
    /// changed in the output folder.
    #[error("{}\n没有写出或改动任何输出文件", list(.0))]
    Output(Vec<Diagnostic>),
}

impl Error {
    pub fn one(d: Diagnostic) -> Self {
        Error::Input(vec![d])
    }
}

fn list(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags.iter().take(MAX_REPORTED) {
        out.push_str("错误: ");
        out.push_str(&d.to_string());
        out.push('\n');
    }
    if diags.len() > MAX_REPORTED {
        out.push_str(&format!(
            "……另有 {} 个错误未列出\n",
            diags.len() - MAX_REPORTED
        ));
    }
    out.push_str(&format!("共 {} 个错误", diags.len()));
    out
}

pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_columns() {
        assert_eq!(excel_column(1), "A");
        assert_eq!(excel_column(6), "F");
        assert_eq!(excel_column(26), "Z");
        assert_eq!(excel_column(27), "AA");
    }
}
