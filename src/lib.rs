//! jixiao (绩效) — the year-end budget performance self-evaluation (绩效自评) of a Chinese
//! government department: score every indicator of its budget disclosure against the actual
//! result, total and grade each table, and explain every lost point.
//!
//! The modules follow the path of the work:
//! - [`targets`] reads the disclosure's indicator tables (绩效目标) from TOML;
//! - [`actuals`] reads the year-end results (实际完成值) and budget figures from CSV, through
//!   [`grid`] (rows of cells that know their position; header matching and width checks);
//! - [`quantity`] reads target and actual values (`≥ 1800 起`, `≤63万元`, `部分达成 75%`), and
//!   [`deadline`] the targets that are a month or a date (`12月底前`, `2023年12月31日前`);
//! - [`rules`] reads the scoring rules as written (评(扣)分标准);
//! - [`scoring`] is the engine;
//! - [`sheets`] lays out the score sheets (评分表), the 自评表 workbook and the actuals template;
//!   [`xlsx`] renders a layout as an Excel workbook;
//! - [`import`] turns a published 绩效目标表 (a disclosure's text, a CSV or xlsx sheet) into a
//!   targets file, marking what a reviewer should check (待核对);
//! - [`input`] and [`output`] are the one place files are read and written;
//! - [`department`] is the single-department path (load → score → write), and [`batch`] runs it
//!   for every department of a bureau.

pub mod actual;
pub mod actuals;
pub mod batch;
pub mod config;
pub mod department;
pub mod error;
pub mod grid;
pub mod group;
pub mod import;
pub mod input;
pub mod memo;
pub mod names;
pub mod num;
pub mod output;
pub mod quantity;
/// Deadlines belong to target values: [`quantity::deadline`], also reachable as `jixiao::deadline`.
pub use quantity::deadline;
pub mod rules;
pub mod scoring;
pub mod sheets;
pub mod targets;
pub mod text;
pub mod xlsx;

pub use error::{Diagnostic, Error, Result};
