//! Removes metadata (EXIF with its GPS position, XMP, comments, text chunks)
//! from photos before they are stored. Only what is needed to show the image
//! is kept. Parsing and re-encoding is img-parts' job.

use img_parts::Bytes;
use img_parts::jpeg::{Jpeg, markers};
use img_parts::png::Png;

/// JPEG segments kept: the JFIF header, the Adobe colour-transform marker
/// and an ICC colour profile. Every other APPn and every comment goes.
fn keep_jpeg_segment(marker: u8, contents: &[u8]) -> bool {
    match marker {
        markers::APP0 => true,
        markers::APP14 => contents.starts_with(b"Adobe"),
        markers::APP2 => contents.starts_with(b"ICC_PROFILE\0"),
        markers::APP1 | markers::APP3..=markers::APP13 | markers::APP15 | markers::COM => false,
        _ => true,
    }
}

/// PNG chunks kept: those that decide how the image looks. Text (tEXt,
/// zTXt, iTXt), EXIF (eXIf), timestamps and anything unknown go.
fn keep_png_chunk(kind: [u8; 4]) -> bool {
    matches!(
        &kind,
        b"IHDR"
            | b"PLTE"
            | b"IDAT"
            | b"IEND"
            | b"tRNS"
            | b"gAMA"
            | b"cHRM"
            | b"sRGB"
            | b"iCCP"
            | b"sBIT"
            | b"bKGD"
            | b"pHYs"
            | b"acTL"
            | b"fcTL"
            | b"fdAT"
    )
}

/// The image without its metadata, or why it could not be read.
pub fn strip_metadata(content_type: &str, bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    let unreadable =
        |_| "This image could not be read. Save it again as JPEG or PNG and attach it.".to_string();
    match content_type {
        "image/jpeg" => {
            let mut jpeg = Jpeg::from_bytes(Bytes::from(bytes)).map_err(unreadable)?;
            jpeg.segments_mut()
                .retain(|s| keep_jpeg_segment(s.marker(), s.contents()));
            Ok(jpeg.encoder().bytes().to_vec())
        }
        "image/png" => {
            let mut png = Png::from_bytes(Bytes::from(bytes)).map_err(unreadable)?;
            png.chunks_mut().retain(|c| keep_png_chunk(c.kind()));
            Ok(png.encoder().bytes().to_vec())
        }
        _ => Ok(bytes),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use img_parts::ImageEXIF;
    use img_parts::jpeg::JpegSegment;
    use img_parts::png::PngChunk;

    /// An 8×8 JPEG and PNG (made with ImageMagick, no metadata of their own).
    pub const JPEG: &[u8] = include_bytes!("../../tests/fixtures/plain.jpg");
    pub const PNG: &[u8] = include_bytes!("../../tests/fixtures/plain.png");

    /// A little-endian EXIF block: IFD0 with an ImageDescription and a GPS
    /// IFD holding latitude 52° 12' 30" N.
    pub fn exif_with_gps(secret: &str) -> Vec<u8> {
        let mut tiff: Vec<u8> = b"II*\0".to_vec();
        tiff.extend(8u32.to_le_bytes());
        let desc = format!("{secret}\0");
        // IFD0 at 8: 2 entries (12 bytes each) + next-IFD pointer
        let ifd0_len = 2 + 2 * 12 + 4;
        let gps_ifd_at = 8 + ifd0_len as u32;
        let gps_ifd_len = 2 + 2 * 12 + 4;
        let desc_at = gps_ifd_at + gps_ifd_len as u32;
        let lat_at = desc_at + desc.len() as u32;
        tiff.extend(2u16.to_le_bytes());
        // ImageDescription (0x010E), ASCII
        tiff.extend(0x010Eu16.to_le_bytes());
        tiff.extend(2u16.to_le_bytes());
        tiff.extend((desc.len() as u32).to_le_bytes());
        tiff.extend(desc_at.to_le_bytes());
        // GPSInfo IFD pointer (0x8825), LONG
        tiff.extend(0x8825u16.to_le_bytes());
        tiff.extend(4u16.to_le_bytes());
        tiff.extend(1u32.to_le_bytes());
        tiff.extend(gps_ifd_at.to_le_bytes());
        tiff.extend(0u32.to_le_bytes());
        // GPS IFD: GPSLatitudeRef "N", GPSLatitude 3 rationals
        tiff.extend(2u16.to_le_bytes());
        tiff.extend(0x0001u16.to_le_bytes());
        tiff.extend(2u16.to_le_bytes());
        tiff.extend(2u32.to_le_bytes());
        tiff.extend(*b"N\0\0\0");
        tiff.extend(0x0002u16.to_le_bytes());
        tiff.extend(5u16.to_le_bytes());
        tiff.extend(3u32.to_le_bytes());
        tiff.extend(lat_at.to_le_bytes());
        tiff.extend(0u32.to_le_bytes());
        tiff.extend(desc.as_bytes());
        for (n, d) in [(52u32, 1u32), (12, 1), (30, 1)] {
            tiff.extend(n.to_le_bytes());
            tiff.extend(d.to_le_bytes());
        }
        let mut exif = b"Exif\0\0".to_vec();
        exif.extend(tiff);
        exif
    }

    /// The plain JPEG with an EXIF (GPS) segment and a comment added.
    pub fn jpeg_with_gps(secret: &str) -> Vec<u8> {
        let mut jpeg = Jpeg::from_bytes(Bytes::from_static(JPEG)).expect("fixture");
        let exif =
            JpegSegment::new_with_contents(markers::APP1, Bytes::from(exif_with_gps(secret)));
        let comment = JpegSegment::new_with_contents(markers::COM, Bytes::from(secret.to_string()));
        jpeg.segments_mut().insert(1, exif);
        jpeg.segments_mut().insert(2, comment);
        jpeg.encoder().bytes().to_vec()
    }

    /// The plain PNG with tEXt, iTXt and eXIf chunks added.
    pub fn png_with_text(secret: &str) -> Vec<u8> {
        let mut png = Png::from_bytes(Bytes::from_static(PNG)).expect("fixture");
        let text = PngChunk::new(*b"tEXt", Bytes::from(format!("Author\0{secret}")));
        let itxt = PngChunk::new(*b"iTXt", Bytes::from(format!("Comment\0\0\0\0\0{secret}")));
        let exif = PngChunk::new(*b"eXIf", Bytes::from(exif_with_gps(secret)[6..].to_vec()));
        let at = 1;
        png.chunks_mut().insert(at, text);
        png.chunks_mut().insert(at, itxt);
        png.chunks_mut().insert(at, exif);
        png.encoder().bytes().to_vec()
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn gps_and_comments_leave_a_jpeg() {
        let secret = "Child lives at 52.2083N";
        let with = jpeg_with_gps(secret);
        assert!(contains(&with, b"Exif") && contains(&with, secret.as_bytes()));
        let clean = strip_metadata("image/jpeg", with).expect("strips");
        assert!(!contains(&clean, b"Exif"));
        assert!(!contains(&clean, secret.as_bytes()));
        let again = Jpeg::from_bytes(Bytes::from(clean)).expect("still a JPEG");
        assert!(again.exif().is_none());
        assert!(again.segments().iter().all(|s| s.marker() != markers::COM));
    }

    #[test]
    fn text_chunks_leave_a_png() {
        let secret = "Photographed at Fenland Primary";
        let with = png_with_text(secret);
        assert!(contains(&with, b"tEXt") && contains(&with, secret.as_bytes()));
        let clean = strip_metadata("image/png", with).expect("strips");
        for chunk in [&b"tEXt"[..], b"iTXt", b"eXIf"] {
            assert!(!contains(&clean, chunk));
        }
        assert!(!contains(&clean, secret.as_bytes()));
        let again = Png::from_bytes(Bytes::from(clean)).expect("still a PNG");
        assert!(again.chunk_by_type(*b"IDAT").is_some());
    }

    #[test]
    fn a_broken_image_is_refused_not_stored() {
        let message =
            strip_metadata("image/png", b"\x89PNG\r\n\x1a\nrubbish".to_vec()).unwrap_err();
        assert!(message.contains("could not be read"));
    }
}
