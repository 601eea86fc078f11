//! xlsx workbooks as cell grids.
