//! The pest grammar binding: the only place that names `grammars/hjl.pest`.

use pest_derive::Parser;

/// Parser generated from `grammars/hjl.pest`.
#[derive(Parser)]
#[grammar = "../../grammars/hjl.pest"]
pub(crate) struct HjlGrammar;
