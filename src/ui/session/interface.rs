//! The interface part of the session: language, view, dialogs, presenter mode, keyboard focus,
//! and the notes and errors shown to the reader. Nothing here changes a run.

use super::action::{Action, Effect};
use crate::model::ids::LinkId;
use crate::present::i18n::{t, Key, Lang};
use crate::present::note::Note;
use crate::present::palette::Theme;
use crate::ui::views::View;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Interface {
    pub lang: Lang,
    pub view: View,
    /// Light, dark, or as the reader's system prefers.
    pub theme: Theme,
    /// The reader's system prefers dark (what `auto` follows, told live by the page).
    pub prefers_dark: bool,
    pub help: bool,
    pub embed_dialog: bool,
    /// The link under keyboard focus (highlighted on the canvas).
    pub focused: Option<LinkId>,
    pub presenter: bool,
    /// Parts of a link or set-up that could not be used, and other notes, in words.
    pub notes: Vec<Note>,
    /// Why the last set-up file could not be read.
    pub load_error: Option<String>,
    /// The address was copied and has not changed since.
    pub copied: bool,
}

impl Interface {
    /// A note shown once, however often it is given.
    pub fn note(&mut self, m: Note) {
        if !self.notes.contains(&m) {
            self.notes.push(m);
        }
    }

    pub fn set_lang(&mut self, l: Lang, fx: &mut Vec<Effect>) {
        self.lang = l;
        fx.push(Effect::SetDocumentLang(l));
    }

    /// Whether the page draws dark.
    pub fn dark(&self) -> bool {
        self.theme.dark(self.prefers_dark)
    }

    pub fn set_theme(&mut self, theme: Theme, fx: &mut Vec<Effect>) {
        self.theme = theme;
        fx.push(Effect::SetTheme(self.dark()));
    }

    /// Apply an action that concerns only the interface; false if it is not one.
    pub fn apply(&mut self, action: &Action, fx: &mut Vec<Effect>) -> bool {
        match action {
            Action::Focus(l) => self.focused = *l,
            Action::SetLang(l) => self.set_lang(*l, fx),
            Action::NextLang => self.set_lang(self.lang.next(), fx),
            Action::SetView(v) => self.view = *v,
            Action::SetTheme(theme) => self.set_theme(*theme, fx),
            Action::DismissNotes => self.notes.clear(),
            Action::TogglePresenter => self.presenter = !self.presenter,
            Action::ToggleHelp => self.help = !self.help,
            // Esc closes whichever dialog is open
            Action::CloseHelp => {
                self.help = false;
                self.embed_dialog = false;
            }
            Action::ToggleEmbedDialog => self.embed_dialog = !self.embed_dialog,
            Action::Fullscreen => fx.push(Effect::ToggleFullscreen),
            Action::OpenParam(name) => fx.push(Effect::FocusParam(name.clone())),
            Action::CopyFailed => {
                self.copied = false;
                self.note(Note::new(Key::COPY_FAILED, &[]));
                fx.push(Effect::Announce(t(self.lang, Key::COPY_FAILED).into()));
            }
            _ => return false,
        }
        true
    }
}
