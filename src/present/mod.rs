//! Presentation that needs no browser: the translation catalogue and words for the model's
//! events, numbers as read, colours, where the network is drawn, chart labels, sources.
//! Depends only on `model`.

pub mod cards;
pub mod catalogue_check;
pub mod chart_labels;
pub mod charts;
pub mod i18n;
pub mod layout;
pub mod narration;
pub mod network_text;
pub mod note;
pub mod numbers;
pub mod palette;
pub mod sources;
