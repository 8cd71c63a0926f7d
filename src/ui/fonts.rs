//! Fonts: egui's built-in fonts have no CJK glyphs, so a Noto Sans CJK TC subset (OFL, Big5
//! level 1 + KS X 1001 Hangul + our strings) is bundled as the lowest-priority fallback. eframe's
//! system-font lookup stays behind it for rare characters a user types.

use eframe::egui::{self, FontData, FontFamily, FontInsert, FontPriority, InsertFontFamily};

/// The bundled subset (about 3.5 MB), built by `assets/fonts/build-cjk-subset.py`.
pub const CJK_SUBSET: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJKtc-subset.otf");

/// Register the CJK fallback font with `ctx` (idempotent: egui replaces a font of the same name).
pub fn install(ctx: &egui::Context) {
    let families = [FontFamily::Proportional, FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily {
            family,
            priority: FontPriority::Lowest,
        })
        .collect();
    ctx.add_font(FontInsert::new(
        "noto-sans-cjk-tc-subset",
        FontData::from_static(CJK_SUBSET),
        families,
    ));
}
