//! Validation of a parsed scenario: one named check per error and warning class of
//! scenario-v1.md, all collected.
