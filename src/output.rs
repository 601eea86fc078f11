//! Writing output files (写出结果): one place, so every sheet is written the same way — UTF-8
//! with a BOM for Excel (or GBK when asked) — and the sheets of one run are written as a set:
//! every destination is checked first (not an input, not a folder, not read-only or locked), all
//! are written to temporary files beside their destinations, and only then renamed into place. If
//! anything fails, nothing in the output folder changes: an existing sheet is only ever replaced by
//! a complete one, together with the rest of its set.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{io_reason, Diagnostic, Error, Location};
use crate::input::Encoding;

/// The byte-order mark that makes Excel read a CSV file as UTF-8.
pub const BOM: &str = "\u{FEFF}";

/// One file of an output set: where it goes and what it holds.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: PathBuf,
    pub contents: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<PathBuf>, contents: Vec<u8>) -> Self {
        OutputFile {
            path: path.into(),
            contents,
        }
    }
}

/// A temporary file in `folder`, to be renamed into place: created as any file the user saves
/// (read-write for all, less the umask — usually readable by others), not private as temporary
/// files are, so a sheet shared in a department's folder can be opened by colleagues.
fn temp_in(folder: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut b = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o666));
    }
    b.tempfile_in(folder)
}

/// Writes `contents` to `path` atomically (a set of one; see [`write_set`]).
pub fn write_atomic(path: &Path, contents: &[u8], inputs: &[PathBuf]) -> Result<(), Error> {
    write_set(&[OutputFile::new(path, contents.to_vec())], inputs)
}

const ELSEWHERE: &str = "或用 --out 换一个输出位置";

fn problem(path: &Path, message: impl Into<String>, expected: impl Into<String>) -> Diagnostic {
    Diagnostic::new(path, Location::File, message).expected(expected)
}

fn io_problem(path: &Path, e: &std::io::Error) -> Diagnostic {
    problem(
        path,
        format!("无法写出：{}", io_reason(e)),
        format!("一个可以写入的位置：关闭打开该文件的程序（如 Excel）、取消只读，{ELSEWHERE}"),
    )
}

/// Whether `a` and `b` name the same existing file (on Unix also through a hard link).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // A destination that does not exist yet is no input (and costs no path resolution).
        return match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(ma), Ok(mb)) => ma.dev() == mb.dev() && ma.ino() == mb.ino(),
            _ => false,
        };
    }
    #[allow(unreachable_code)]
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The folder a file is written into.
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Everything that can be known about a destination before writing: the problems with it.
fn check_destination(path: &Path, inputs: &[PathBuf]) -> Option<Diagnostic> {
    // A destination that does not exist yet is no input: only an existing one is compared.
    if path.symlink_metadata().is_ok() && inputs.iter().any(|i| same_file(path, i)) {
        return Some(problem(
            path,
            "无法写出：输出文件不能是输入文件（会覆盖读入的文件）",
            format!("输入文件之外的位置：把输入文件移出输出文件夹，{ELSEWHERE}"),
        ));
    }
    // The nearest ancestor that exists must be a folder.
    let mut folder = folder_of(path);
    loop {
        match std::fs::metadata(&folder) {
            Ok(m) if m.is_dir() => break,
            Ok(_) => {
                return Some(problem(
                    path,
                    format!("无法写出：{} 是一个文件，不是文件夹", folder.display()),
                    format!("一个文件夹作为输出位置，{ELSEWHERE}"),
                ))
            }
            Err(_) => match folder.parent() {
                Some(p) if !p.as_os_str().is_empty() => folder = p.to_path_buf(),
                _ => break,
            },
        }
    }
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => return Some(io_problem(path, &e)),
    };
    if meta.is_dir() {
        return Some(problem(
            path,
            "无法写出：此处已有一个同名的文件夹",
            format!("删去或改名这个文件夹，{ELSEWHERE}"),
        ));
    }
    if !meta.is_file() {
        return Some(problem(
            path,
            "无法写出：此处已有一个同名的特殊文件（不是普通文件）",
            format!("删去它，{ELSEWHERE}"),
        ));
    }
    if meta.permissions().readonly() {
        return Some(problem(
            path,
            "无法写出：已有的同名文件是只读的",
            format!("取消该文件的只读属性，{ELSEWHERE}"),
        ));
    }
    // Opening for writing (without truncating) finds a file that is locked (open in Excel on
    // Windows), immutable or not ours to change.
    if let Err(e) = std::fs::OpenOptions::new().write(true).open(path) {
        return Some(io_problem(path, &e));
    }
    None
}

/// A unique name beside `path` for a backup of it.
fn backup_name(path: &Path, n: usize) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    folder_of(path).join(format!(".{name}.jixiao-{}-{n}.bak", std::process::id()))
}

/// Whether each written file is flushed to disk before it is renamed into place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// Every file is flushed (fsync) before its rename: a sheet on disk is a complete sheet,
    /// even after a power cut.
    EachFile,
    /// Files are not flushed one by one; the caller flushes the whole file system once
    /// ([`flush_file_system`]) when its run is done. A batch does this: a thousand departments'
    /// fsyncs cost more than scoring them. All or nothing per set is the same either way.
    Later,
}

/// Writes every file of `files` or none: see the module documentation. `inputs` are the files
/// this run read: an output may never replace one of them. Every problem found before writing is
/// reported at once.
pub fn write_set(files: &[OutputFile], inputs: &[PathBuf]) -> Result<(), Error> {
    write_set_with(files, inputs, Durability::EachFile)
}

/// [`write_set`], flushing each file or leaving that to the caller.
pub fn write_set_with(
    files: &[OutputFile],
    inputs: &[PathBuf],
    durability: Durability,
) -> Result<(), Error> {
    let problems: Vec<Diagnostic> = files
        .iter()
        .filter_map(|f| check_destination(&f.path, inputs))
        .collect();
    if !problems.is_empty() {
        return Err(Error::Output(problems));
    }
    // Folders this run creates, outermost first, so that a failure can take them away again.
    let mut created: Vec<PathBuf> = Vec::new();
    let result = write_checked(files, durability, &mut created);
    if result.is_err() {
        for dir in created.iter().rev() {
            let _ = std::fs::remove_dir(dir);
        }
    }
    result
}

fn write_checked(
    files: &[OutputFile],
    durability: Durability,
    created: &mut Vec<PathBuf>,
) -> Result<(), Error> {
    let fail = |path: &Path, e: &std::io::Error| Error::Output(vec![io_problem(path, e)]);
    // 1. Folders (a set's files are mostly in one: it is made once).
    let mut previous: Option<PathBuf> = None;
    for f in files {
        let folder = folder_of(&f.path);
        if previous.as_ref() == Some(&folder) {
            continue;
        }
        previous = Some(folder.clone());
        let mut missing = Vec::new();
        let mut d = folder.clone();
        while !d.exists() {
            missing.push(d.clone());
            match d.parent() {
                Some(p) if !p.as_os_str().is_empty() => d = p.to_path_buf(),
                _ => break,
            }
        }
        std::fs::create_dir_all(&folder).map_err(|e| fail(&f.path, &e))?;
        created.extend(missing.into_iter().rev());
    }
    // 2. Every file to a temporary file beside it (deleted again if anything fails).
    let mut temps = Vec::new();
    for f in files {
        let mut tmp = temp_in(&folder_of(&f.path)).map_err(|e| fail(&f.path, &e))?;
        tmp.write_all(&f.contents)
            .and_then(|()| match durability {
                Durability::EachFile => tmp.as_file().sync_all(),
                Durability::Later => Ok(()),
            })
            .map_err(|e| fail(&f.path, &e))?;
        temps.push(tmp);
    }
    // 3. A backup of every file that will be replaced, so a failed rename can be undone.
    let mut backups: Vec<Option<PathBuf>> = Vec::new();
    let remove_backups = |backups: &[Option<PathBuf>]| {
        for b in backups.iter().flatten() {
            let _ = std::fs::remove_file(b);
        }
    };
    for (n, f) in files.iter().enumerate() {
        if !f.path.exists() {
            backups.push(None);
            continue;
        }
        let backup = backup_name(&f.path, n);
        let made = std::fs::hard_link(&f.path, &backup)
            .or_else(|_| std::fs::copy(&f.path, &backup).map(|_| ()));
        if let Err(e) = made {
            remove_backups(&backups);
            return Err(fail(&f.path, &e));
        }
        backups.push(Some(backup));
    }
    // 4. Rename all into place; on a failure, put back what was already replaced.
    for (k, tmp) in temps.into_iter().enumerate() {
        if let Err(e) = tmp.persist(&files[k].path) {
            for (f, backup) in files.iter().zip(&backups).take(k) {
                match backup {
                    Some(b) => {
                        let _ = std::fs::rename(b, &f.path);
                    }
                    None => {
                        let _ = std::fs::remove_file(&f.path);
                    }
                }
            }
            remove_backups(&backups[k..]);
            return Err(fail(&files[k].path, &e.error));
        }
    }
    remove_backups(&backups);
    Ok(())
}

/// Writes one file whose contents are too large to hold in memory, streamed by `fill`, with the
/// same guarantees as [`write_set`]: the destination is checked first, the contents go to a
/// temporary file beside it, and only a complete file is renamed into place.
pub fn write_streamed(
    path: &Path,
    inputs: &[PathBuf],
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    if let Some(problem) = check_destination(path, inputs) {
        return Err(Error::Output(vec![problem]));
    }
    let fail = |e: &std::io::Error| Error::Output(vec![io_problem(path, e)]);
    let folder = folder_of(path);
    let created = !folder.exists();
    let result = (|| {
        std::fs::create_dir_all(&folder).map_err(|e| fail(&e))?;
        let tmp = temp_in(&folder).map_err(|e| fail(&e))?;
        let mut w = std::io::BufWriter::new(tmp);
        fill(&mut w)
            .and_then(|()| w.flush())
            .map_err(|e| fail(&e))?;
        let tmp = w.into_inner().map_err(|e| fail(e.error()))?;
        tmp.as_file().sync_all().map_err(|e| fail(&e))?;
        tmp.persist(path).map_err(|e| fail(&e.error))?;
        Ok(())
    })();
    if result.is_err() && created {
        let _ = std::fs::remove_dir(&folder);
    }
    result
}

/// Flushes everything written to the file system holding `folder` to disk (Unix: `syncfs`;
/// elsewhere each file was already flushed by the operating system's own rules). The end of a
/// run that wrote with [`Durability::Later`].
pub fn flush_file_system(folder: &Path) -> Result<(), Error> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let dir =
            std::fs::File::open(folder).map_err(|e| Error::Output(vec![io_problem(folder, &e)]))?;
        // SAFETY: syncfs only reads the descriptor, which stays open for the call.
        if unsafe { libc::syncfs(dir.as_raw_fd()) } != 0 {
            let e = std::io::Error::last_os_error();
            return Err(Error::Output(vec![io_problem(folder, &e)]));
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = folder;
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

/// A CSV document's bytes in `encoding` (see [`encode`]), written once: UTF-8 rows go straight
/// after the BOM, with no text copied or checked again on the way.
pub fn csv_encoded<F: AsRef<str>>(rows: &[Vec<F>], encoding: Encoding) -> Vec<u8> {
    let mut bytes = match encoding {
        Encoding::Gbk => Vec::new(),
        Encoding::Auto | Encoding::Utf8 => BOM.as_bytes().to_vec(),
    };
    let size: usize = rows.iter().flatten().map(|f| f.as_ref().len() + 1).sum();
    bytes.reserve(size + 2 * rows.len());
    for row in rows {
        csv_record(&mut bytes, row);
    }
    if encoding != Encoding::Gbk {
        return bytes;
    }
    // Only texts, commas, quotes and line ends were written: UTF-8.
    encode(&String::from_utf8(bytes).unwrap_or_default(), encoding)
}

/// One CSV record as the csv crate writes it with a CRLF terminator (checked against it in the
/// tests): a field is quoted, its quotes doubled, when it holds a comma, a quote, CR or LF; a
/// record of one empty field is written as `""`, so that it is not a blank line; a record of no
/// fields is not written at all.
fn csv_record<F: AsRef<str>>(out: &mut Vec<u8>, fields: &[F]) {
    if fields.is_empty() {
        return;
    }
    if fields.len() == 1 && fields[0].as_ref().is_empty() {
        out.extend_from_slice(b"\"\"\r\n");
        return;
    }
    for (k, field) in fields.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        let field = field.as_ref().as_bytes();
        // Without an early exit, so that the check runs on whole words of the field at once.
        let special = field.iter().fold(false, |seen, &b| {
            seen | matches!(b, b',' | b'"' | b'\r' | b'\n')
        });
        if special {
            out.push(b'"');
            let mut rest = field;
            while let Some(at) = memchr::memchr(b'"', rest) {
                out.extend_from_slice(&rest[..=at]);
                out.push(b'"');
                rest = &rest[at + 1..];
            }
            out.extend_from_slice(rest);
            out.push(b'"');
        } else {
            out.extend_from_slice(field);
        }
    }
    out.extend_from_slice(b"\r\n");
}

/// A CSV document as Excel wants it: UTF-8 with BOM, CRLF line ends.
pub fn csv_bytes(rows: &[Vec<String>]) -> Vec<u8> {
    encode(&csv_text(rows), Encoding::Utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::strategy::Strategy;

    proptest::proptest! {
        #[test]
        fn records_are_written_as_the_csv_crate_writes_them(
            rows in (1usize..4).prop_flat_map(|width| {
                proptest::collection::vec(
                    proptest::collection::vec("[a,\"\r\n 表 x\\\\]{0,6}", width),
                    0..5,
                )
            })
        ) {
            // Rows of one width, as every sheet has (the csv crate refuses a row of another).
            let mut want = BOM.as_bytes().to_vec();
            want.extend_from_slice(csv_text(&rows).as_bytes());
            proptest::prop_assert_eq!(csv_encoded(&rows, Encoding::Utf8), want);
        }
    }

    #[test]
    fn utf8_has_a_bom_gbk_does_not() {
        let rows = vec![vec!["表".to_string(), "得分".to_string()]];
        assert_eq!(csv_bytes(&rows), "\u{FEFF}表,得分\r\n".as_bytes());
        assert_eq!(encode("表", Encoding::Gbk), vec![0xB1, 0xED]);
        for encoding in [Encoding::Auto, Encoding::Utf8, Encoding::Gbk] {
            let rows = vec![vec!["表,\"x\"".to_string(), "得分".to_string()], vec![]];
            assert_eq!(
                csv_encoded(&rows, encoding),
                encode(&csv_text(&rows), encoding)
            );
        }
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

    #[cfg(unix)]
    #[test]
    fn sheets_get_the_permissions_of_any_saved_file_not_private_ones() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let saved = dir.path().join("saved.csv");
        std::fs::write(&saved, "x").unwrap();
        let sheet = dir.path().join("sheet.csv");
        write_set(&[OutputFile::new(&sheet, b"y".to_vec())], &[]).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&sheet), mode(&saved));
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_set_is_written_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        let b = dir.path().join("b.csv");
        std::fs::write(&a, "old a").unwrap();
        std::fs::create_dir(&b).unwrap();
        let set = [
            OutputFile::new(&a, b"new a".to_vec()),
            OutputFile::new(&b, b"new b".to_vec()),
        ];
        let Err(Error::Output(problems)) = write_set(&set, &[]) else {
            panic!("a folder in the way must fail");
        };
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].file, b);
        assert!(
            problems[0].message.contains("同名的文件夹"),
            "{}",
            problems[0].message
        );
        assert_eq!(std::fs::read(&a).unwrap(), b"old a");
        assert_eq!(names(dir.path()), ["a.csv", "b.csv"]);

        std::fs::remove_dir(&b).unwrap();
        write_set(&set, &[]).unwrap();
        assert_eq!(std::fs::read(&a).unwrap(), b"new a");
        assert_eq!(std::fs::read(&b).unwrap(), b"new b");
        // No temporary or backup file is left behind.
        assert_eq!(names(dir.path()), ["a.csv", "b.csv"]);
    }

    #[test]
    fn every_bad_destination_is_named_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.csv");
        std::fs::write(&input, "x").unwrap();
        let folder = dir.path().join("f.csv");
        std::fs::create_dir(&folder).unwrap();
        let new = dir.path().join("new/out.csv");
        let set = [
            OutputFile::new(&new, b"1".to_vec()),
            OutputFile::new(&input, b"2".to_vec()),
            OutputFile::new(&folder, b"3".to_vec()),
        ];
        let Err(Error::Output(problems)) = write_set(&set, std::slice::from_ref(&input)) else {
            panic!("must fail");
        };
        let files: Vec<&Path> = problems.iter().map(|p| p.file.as_path()).collect();
        assert_eq!(files, [input.as_path(), folder.as_path()]);
        assert!(
            !dir.path().join("new").exists(),
            "created the output folder"
        );
        assert_eq!(std::fs::read(&input).unwrap(), b"x");
    }

    #[cfg(unix)]
    #[test]
    fn a_hard_link_to_an_input_is_an_input() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.csv");
        std::fs::write(&input, "x").unwrap();
        let link = dir.path().join("out.csv");
        std::fs::hard_link(&input, &link).unwrap();
        assert!(write_atomic(&link, b"y", std::slice::from_ref(&input)).is_err());
        assert_eq!(std::fs::read(&input).unwrap(), b"x");
    }

    #[test]
    fn a_read_only_sheet_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        std::fs::write(&a, "old").unwrap();
        let mut p = std::fs::metadata(&a).unwrap().permissions();
        p.set_readonly(true);
        std::fs::set_permissions(&a, p).unwrap();
        let Err(Error::Output(problems)) = write_set(&[OutputFile::new(&a, b"new".to_vec())], &[])
        else {
            panic!("must fail");
        };
        assert!(
            problems[0].message.contains("只读"),
            "{}",
            problems[0].message
        );
        assert_eq!(std::fs::read(&a).unwrap(), b"old");
    }
}
