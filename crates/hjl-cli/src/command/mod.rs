//! One module per subcommand.

pub(crate) mod check;
pub(crate) mod eval;
pub(crate) mod list;
pub(crate) mod schema;
pub(crate) mod test;
