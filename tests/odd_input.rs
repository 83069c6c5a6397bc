//! Inputs that look odd but are valid and must load.
