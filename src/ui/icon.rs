//! The window icon, drawn here: the three zones as bands and a link crossing both firewalls.
//! Drawn at 32 pixels rather than decoded from an image: eframe's default icon is a
//! 512-pixel PNG whose decoding took a megabyte at start-up.

use std::sync::Arc;

use eframe::egui::IconData;

use super::theme;

/// Side of the icon in pixels.
const SIZE: u32 = 32;

/// The icon: Internet, perimeter and internal bands left to right, a link across them.
pub fn icon() -> Arc<IconData> {
    let mut rgba = Vec::with_capacity((SIZE * SIZE * 4) as usize);
    for y in 0..SIZE {
        for x in 0..SIZE {
            let corner = |v: u32| v.min(SIZE - 1 - v);
            // Corners cut off diagonally, a cheap rounded square.
            let outside = corner(x) + corner(y) < 3;
            let on_link = (14..18).contains(&y) && (3..SIZE - 3).contains(&x);
            let colour = if outside {
                [0, 0, 0, 0]
            } else if on_link {
                theme::ICON_LINK.to_array()
            } else {
                theme::ICON_BANDS[(x * 3 / SIZE) as usize].to_array()
            };
            rgba.extend_from_slice(&colour);
        }
    }
    Arc::new(IconData {
        rgba,
        width: SIZE,
        height: SIZE,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_icon_is_square_and_fully_drawn() {
        let icon = super::icon();
        assert_eq!((icon.width, icon.height), (super::SIZE, super::SIZE));
        assert_eq!(icon.rgba.len(), (super::SIZE * super::SIZE * 4) as usize);
        // Transparent corners, opaque middle.
        assert_eq!(icon.rgba[3], 0);
        let middle = ((16 * super::SIZE + 16) * 4 + 3) as usize;
        assert_eq!(icon.rgba[middle], 255);
    }
}
