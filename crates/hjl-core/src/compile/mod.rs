//! The compiled program: the fact table (every fact path resolved to a slot), the flat
//! expression arena and the standards' clauses as node indexes. Built by `check`.

mod facts;
mod ir;
mod ops;

pub(crate) use facts::{Bounds, EnumDef, Fact, FactId, FactKind, FactTable, Field, ScalarType};
pub(crate) use ir::{
    AggOp, ArithOp, ClauseIr, ClauseRule, Derivation, ListSrc, Node, NodeId, Program, SectionIr,
    StandardVersion, Succession, TestIr,
};
pub(crate) use ops::{Leaf, Op};
