//! Keyboard shortcuts: one table, read by the key handler and by the help overlay.

use crate::present::i18n::Key;
use crate::ui::session::Action;

pub struct Shortcut {
    /// The key as the help overlay shows it.
    pub label: &'static str,
    /// What it does.
    pub help: Key,
    /// `KeyboardEvent.key` values and the action each one triggers.
    pub keys: &'static [(&'static str, Action)],
}

pub const SHORTCUTS: [Shortcut; 9] = [
    Shortcut { label: "Space", help: Key::KEY_SPACE, keys: &[(" ", Action::TogglePlay)] },
    Shortcut { label: "← / →", help: Key::KEY_ARROWS, keys: &[("ArrowLeft", Action::Previous), ("ArrowRight", Action::Next)] },
    Shortcut { label: "R", help: Key::KEY_R, keys: &[("r", Action::Reset), ("R", Action::Reset)] },
    Shortcut { label: "F", help: Key::KEY_F, keys: &[("f", Action::Fullscreen), ("F", Action::Fullscreen)] },
    Shortcut { label: "P", help: Key::KEY_P, keys: &[("p", Action::TogglePresenter), ("P", Action::TogglePresenter)] },
    Shortcut { label: "S", help: Key::KEY_S, keys: &[("s", Action::ToggleStory), ("S", Action::ToggleStory)] },
    Shortcut { label: "U", help: Key::KEY_U, keys: &[("u", Action::Undo), ("U", Action::Undo)] },
    Shortcut { label: "?", help: Key::KEY_HELP, keys: &[("?", Action::ToggleHelp)] },
    Shortcut { label: "Esc", help: Key::KEY_ESC, keys: &[("Escape", Action::CloseHelp)] },
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
            assert!(!crate::present::i18n::t(crate::present::i18n::Lang::Zh, s.help).is_empty());
        }
    }
}
