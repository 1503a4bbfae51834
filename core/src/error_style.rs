//! The conventions every error message follows, checked by each area's tests.

/// Messages start lower-case, have no final period and no line break.
#[cfg(test)]
pub(crate) fn assert_message_style(message: &str) {
    assert!(!message.is_empty(), "empty message");
    assert!(
        message.chars().next().is_some_and(|c| !c.is_uppercase()),
        "starts upper-case: {message}"
    );
    assert!(!message.ends_with('.'), "ends with a period: {message}");
    assert!(!message.contains('\n'), "has a line break: {message}");
}
