//! `--screenshot OUT.png`: capture the window after the first frames and save it as PNG.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use eframe::egui;

/// A screenshot in progress.
#[derive(Debug, Default)]
pub struct Capture {
    pending: Option<Receiver<Arc<egui::ColorImage>>>,
}

impl Capture {
    /// Ask the renderer for the next frame's pixels.
    pub fn request(&mut self, ctx: &egui::Context) {
        let (tx, rx) = std::sync::mpsc::channel();
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            tx.send(image).ok();
            repaint.request_repaint();
        });
        self.pending = Some(rx);
    }

    /// True once requested.
    pub fn is_requested(&self) -> bool {
        self.pending.is_some()
    }

    /// The image, once it has arrived.
    pub fn poll(&mut self) -> Option<Arc<egui::ColorImage>> {
        self.pending.as_ref()?.try_recv().ok()
    }
}

/// Encode as 8-bit RGBA PNG.
pub fn write_png(path: &Path, image: &egui::ColorImage) -> Result<(), String> {
    let [w, h] = image.size;
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(
            &mut bytes,
            u32::try_from(w).unwrap_or(0),
            u32::try_from(h).unwrap_or(0),
        );
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
        let data: Vec<u8> = image
            .pixels
            .iter()
            .flat_map(egui::Color32::to_srgba_unmultiplied)
            .collect();
        writer.write_image_data(&data).map_err(|e| e.to_string())?;
    }
    crate::atomic_write::write(path, &bytes).map_err(|e| e.to_string())
}
