//! Keyboard shortcuts: one table, read by the key handler and by the help overlay.

use crate::session::Action;

pub struct Shortcut {
    /// The key as the help overlay shows it.
    pub label: &'static str,
    /// What it does (a catalogue key).
    pub help: &'static str,
    /// `KeyboardEvent.key` values and the action each one triggers.
    pub keys: &'static [(&'static str, Action)],
}

pub const SHORTCUTS: [Shortcut; 8] = [
    Shortcut { label: "Space", help: "key_space", keys: &[(" ", Action::TogglePlay)] },
    Shortcut { label: "← / →", help: "key_arrows", keys: &[("ArrowLeft", Action::Previous), ("ArrowRight", Action::Next)] },
    Shortcut { label: "R", help: "key_r", keys: &[("r", Action::Reset), ("R", Action::Reset)] },
    Shortcut { label: "F", help: "key_f", keys: &[("f", Action::Fullscreen), ("F", Action::Fullscreen)] },
    Shortcut { label: "P", help: "key_p", keys: &[("p", Action::TogglePresenter), ("P", Action::TogglePresenter)] },
    Shortcut { label: "S", help: "key_s", keys: &[("s", Action::ToggleStory), ("S", Action::ToggleStory)] },
    Shortcut { label: "?", help: "key_help", keys: &[("?", Action::ToggleHelp)] },
    Shortcut { label: "Esc", help: "key_esc", keys: &[("Escape", Action::CloseHelp)] },
];

/// The action of a key (`KeyboardEvent.key`), if it is a shortcut.
pub fn action_for(key: &str) -> Option<Action> {
    SHORTCUTS.iter().flat_map(|s| s.keys.iter()).find(|(k, _)| *k == key).map(|(_, a)| a.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shortcut_has_an_action_and_help_text() {
        assert_eq!(action_for(" "), Some(Action::TogglePlay));
        assert_eq!(action_for("S"), Some(Action::ToggleStory));
        assert_eq!(action_for("x"), None);
        for s in SHORTCUTS {
            assert!(!s.keys.is_empty());
            assert!(crate::i18n::STRINGS.iter().any(|(k, _, _)| *k == s.help), "{}", s.help);
        }
    }
}
