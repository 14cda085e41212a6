//! The share link as a QR code to print on a letter: SVG (sharp at any size)
//! and PNG. Encoding and drawing are the `qrcode` crate's.

use qrcode::{EcLevel, QrCode};

fn code(url: &str) -> Result<QrCode, String> {
    QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).map_err(|e| e.to_string())
}

pub fn svg(url: &str) -> Result<String, String> {
    Ok(code(url)?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(256, 256)
        .quiet_zone(true)
        .build())
}

pub fn png(url: &str) -> Result<Vec<u8>, String> {
    let image = code(url)?
        .render::<image::Luma<u8>>()
        .min_dimensions(512, 512)
        .quiet_zone(true)
        .build();
    let mut out = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_and_png_are_made() {
        let url = "https://portfolio.example.org/s/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg";
        let svg = svg(url).unwrap();
        assert!(svg.contains("<svg") && svg.contains("</svg>"));
        let png = png(url).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let decoded = image::load_from_memory(&png).unwrap();
        assert!(decoded.width() >= 512 && decoded.width() == decoded.height());
    }
}
