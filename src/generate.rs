//! Seeded generator of realistic scenarios (`regie generer`).
