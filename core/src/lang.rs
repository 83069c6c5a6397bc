//! The languages the tool speaks to people in, and how their names are
//! read: as a code (`sv`, `nb`), a tag (`sv-SE`) or a POSIX locale
//! (`sv_SE.UTF-8`, `nb_NO@euro`).

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Sv,
    /// Norwegian bokmål; Norwegian (`no`) and nynorsk (`nn`) are read as it.
    Nb,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Sv, Lang::Nb];

    /// The language a code, tag or locale names, if it is one of these:
    /// `sv`, `sv-SE`, `sv_FI.UTF-8`; `nb`, `no`, `nn` and their regions.
    pub fn parse(text: &str) -> Option<Lang> {
        let language = text
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match language.as_str() {
            "en" => Some(Lang::En),
            "sv" => Some(Lang::Sv),
            "nb" | "no" | "nn" => Some(Lang::Nb),
            _ => None,
        }
    }

    /// The BCP 47 code: HTML's `lang`, the catalogue's name.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Sv => "sv",
            Lang::Nb => "nb",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_tags_and_locales_name_their_language() {
        for (text, lang) in [
            ("sv", Some(Lang::Sv)),
            ("SV", Some(Lang::Sv)),
            ("sv-SE", Some(Lang::Sv)),
            ("sv_SE.UTF-8", Some(Lang::Sv)),
            ("sv_FI", Some(Lang::Sv)),
            ("nb_NO.UTF-8", Some(Lang::Nb)),
            ("nn_NO", Some(Lang::Nb)),
            ("no_NO", Some(Lang::Nb)),
            ("no", Some(Lang::Nb)),
            ("nb_NO@euro", Some(Lang::Nb)),
            ("en_GB.UTF-8", Some(Lang::En)),
            ("de_DE.UTF-8", None),
            ("C", None),
            ("POSIX", None),
            ("C.UTF-8", None),
            ("", None),
            ("svenska", None),
        ] {
            assert_eq!(Lang::parse(text), lang, "{text}");
        }
    }
}
