//! Reserved names (保留名称) that the targets file and the actuals file share: the budget row's
//! 三级指标 and the mark of an indicator that does not apply. They live below both, so that
//! neither module imports the other for a word.

/// The 三级指标 of the row that carries a table's budget figures; no indicator may be named so.
pub const BUDGET_ROW: &str = "预算执行率";
/// What marks an indicator (or a table's budget row) as not applicable.
pub const NOT_APPLICABLE: &str = "不适用";
