//! Fonts: egui's built-in fonts have no CJK glyphs, so a Noto Sans CJK TC subset (OFL, Big5
//! level 1 + KS X 1001 Hangul + our strings) is bundled. It is handed to egui only when text
//! needs it: egui asks a font provider for a character no installed font has, and lays the
//! text out with the font the provider returns in that same pass, so nothing is drawn as a box
//! first. Parsing the subset costs about 1.7 MiB of memory, which an English session with
//! Latin labels never pays.

use std::sync::Arc;

use eframe::egui::{
    self, FallbackRequest, FontData, FontFamily, FontInsert, FontPriority, InsertFontFamily,
};

/// The bundled subset (about 3.5 MB), built by `assets/fonts/build-cjk-subset.py`.
pub const CJK_SUBSET: &[u8] = crate::diagram::CJK_FONT;

const NAME: &str = "noto-sans-cjk-tc-subset";

/// Offer the CJK font to `ctx` for the characters it covers (idempotent: asking twice adds
/// nothing a second provider would find).
pub fn install(ctx: &egui::Context) {
    ctx.add_font_provider(Arc::new(cjk_font_for));
}

/// The subset for a character of a script it covers; egui checks the glyph is there and
/// remembers the answer per character.
fn cjk_font_for(request: &FallbackRequest<'_>) -> Option<FontInsert> {
    let c = request.cluster.chars().next()?;
    is_cjk(c).then(|| {
        let families = [FontFamily::Proportional, FontFamily::Monospace]
            .into_iter()
            .map(|family| InsertFontFamily {
                family,
                priority: FontPriority::Lowest,
            })
            .collect();
        FontInsert::new(NAME, FontData::from_static(CJK_SUBSET), families)
    })
}

/// Han, Hangul, Bopomofo, CJK punctuation and full-width forms: the blocks the subset draws
/// from. A character of these blocks that the subset lacks is left to egui's fallback box.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}'     // Hangul Jamo
        | '\u{2E80}'..='\u{2FDF}'   // CJK and Kangxi radicals
        | '\u{3000}'..='\u{303F}'   // CJK symbols and punctuation
        | '\u{3100}'..='\u{318F}'   // Bopomofo, Hangul compatibility Jamo
        | '\u{31A0}'..='\u{31BF}'   // Bopomofo extended
        | '\u{3200}'..='\u{4DBF}'   // enclosed CJK, compatibility, extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
        | '\u{A960}'..='\u{A97F}'   // Hangul Jamo extended A
        | '\u{AC00}'..='\u{D7FF}'   // Hangul syllables, Jamo extended B
        | '\u{F900}'..='\u{FAFF}'   // CJK compatibility ideographs
        | '\u{FE30}'..='\u{FE4F}'   // CJK compatibility forms
        | '\u{FF00}'..='\u{FFEF}'   // half-width and full-width forms
    )
}

#[cfg(test)]
mod tests {
    /// Every CJK character of our own strings (the zh-TW and ko-KR tables, the catalog's notes)
    /// is one the provider offers the subset for (the subset was built to hold them), and Latin
    /// text never loads it.
    #[test]
    fn our_cjk_strings_are_offered_the_subset() {
        let ours = [
            include_str!("../../assets/i18n/zh-TW.ron"),
            include_str!("../../assets/i18n/ko-KR.ron"),
            include_str!("../../assets/catalog.ron"),
        ];
        let cjk: Vec<char> = ours
            .iter()
            .flat_map(|t| t.chars())
            // Latin punctuation that egui's own fonts draw may join them one day.
            .filter(|c| !c.is_ascii() && !matches!(c, '…' | '·' | '×' | '–' | '—' | '→'))
            .collect();
        assert!(cjk.len() > 1_000, "{}", cjk.len());
        let missed: String = cjk.iter().filter(|c| !super::is_cjk(**c)).collect();
        assert!(missed.is_empty(), "not offered: {missed:?}");
        assert!(!"Director pool – DNS · 5061 é ü".chars().any(super::is_cjk));
    }
}
