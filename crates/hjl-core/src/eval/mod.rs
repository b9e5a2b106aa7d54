//! Evaluation: binds a JSON record to fact slots, then evaluates IR nodes in Kleene
//! three-valued logic, optionally tracing evidence and missing facts.

mod bind;
mod interp;
pub(crate) mod kleene;
mod trace;

pub(crate) use bind::{Bound, Slot, bind, bind_str};
pub(crate) use interp::Eval;
pub(crate) use trace::Trace;
