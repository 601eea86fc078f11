//! Sheets (表格文件): a 绩效目标表 laid out in columns, read from CSV or xlsx through the cell grid.
use std::path::Path;

use super::Draft;
use crate::error::{Diagnostic, Error, Location, Result};

pub fn read_csv(path: &Path, _text: &str) -> Result<Draft> {
    Err(Error::one(Diagnostic::new(path, Location::File, "尚未支持")))
}

pub fn read_xlsx(path: &Path) -> Result<Draft> {
    Err(Error::one(Diagnostic::new(path, Location::File, "尚未支持")))
}
