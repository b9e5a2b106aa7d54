//! Evaluation: binds a JSON record to fact slots, then evaluates IR nodes in Kleene
//! three-valued logic, optionally tracing evidence and missing facts.

mod bind;
mod interp;
pub(crate) mod kleene;
mod trace;

pub use bind::Limits;
pub(crate) use bind::{Bound, Slot, bad_date, bind, bind_str};
pub(crate) use interp::{Eval, Tracing, display};
pub(crate) use trace::{Place, value_at};

/// The record path of a list element, or of one of its fields: `list[row]`, `list[row].field`.
pub(crate) fn element_path(list: &str, row: usize, field: Option<&str>) -> String {
    let mut path = String::with_capacity(list.len() + 8 + field.map_or(0, str::len));
    path.push_str(list);
    path.push('[');
    path.push_str(itoa::Buffer::new().format(row));
    path.push(']');
    if let Some(field) = field {
        path.push('.');
        path.push_str(field);
    }
    path
}
