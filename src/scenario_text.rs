//! A pair of texts, English and Simplified Chinese, for static content (story steps).

use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct T {
    pub en: &'static str,
    pub zh: &'static str,
}

impl T {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}
