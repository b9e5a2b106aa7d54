//! Kleene three-valued `and` and `or` over `Option<bool>` (`None` is unknown).

/// `false` wins; otherwise unknown wins over `true`.
pub(crate) fn and(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

/// `true` wins; otherwise unknown wins over `false`.
pub(crate) fn or(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    and(a.map(|v| !v), b.map(|v| !v)).map(|v| !v)
}
