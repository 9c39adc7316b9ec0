//! hyoka — a static site generator for Japanese municipal performance reports (行政評価).
pub mod output;
pub mod render;
