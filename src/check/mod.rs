//! The independent plan checker (`regie verifier`).
