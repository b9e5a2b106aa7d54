//! One module per subcommand.

pub(crate) mod check;
pub(crate) mod checklist;
pub(crate) mod diff;
pub(crate) mod eval;
pub(crate) mod explain;
pub(crate) mod fmt;
pub(crate) mod list;
pub(crate) mod schema;
pub(crate) mod test;
pub(crate) mod timeline;
