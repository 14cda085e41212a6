//! What a file really is, from its bytes (never from its name or the type the
//! browser claimed), and whether it may be attached.

/// A type that may be attached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Allowed {
    pub content_type: &'static str,
    pub extension: &'static str,
}

impl Allowed {
    pub fn is_image(self) -> bool {
        self.content_type.starts_with("image/")
    }

    pub fn is_text(self) -> bool {
        self.content_type == "text/plain"
    }
}

const ALLOWED: &[Allowed] = &[
    Allowed {
        content_type: "application/pdf",
        extension: "pdf",
    },
    Allowed {
        content_type: "application/msword",
        extension: "doc",
    },
    Allowed {
        content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        extension: "docx",
    },
    Allowed {
        content_type: "application/vnd.ms-excel",
        extension: "xls",
    },
    Allowed {
        content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        extension: "xlsx",
    },
    Allowed {
        content_type: "application/vnd.ms-powerpoint",
        extension: "ppt",
    },
    Allowed {
        content_type: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        extension: "pptx",
    },
    Allowed {
        content_type: "image/jpeg",
        extension: "jpg",
    },
    Allowed {
        content_type: "image/png",
        extension: "png",
    },
];

const TEXT: Allowed = Allowed {
    content_type: "text/plain",
    extension: "txt",
};

/// A sentence saying what was found, for the refusal message.
fn describe(kind: &infer::Type) -> String {
    let what = match kind.mime_type() {
        "application/vnd.microsoft.portable-executable" | "application/x-msdownload" => {
            "a Windows program"
        }
        "application/x-executable" | "application/x-elf" => "a Linux program",
        "application/x-mach-binary" => "a Mac program",
        "application/zip" => "a ZIP archive",
        "application/x-rar-compressed" | "application/vnd.rar" => "a RAR archive",
        "application/x-7z-compressed" => "a 7-Zip archive",
        "text/html" => "a web page (HTML)",
        "image/svg+xml" => "an SVG drawing",
        "image/gif" => "a GIF image",
        "image/heif" | "image/heic" => "a HEIC photo (save it as JPEG first)",
        "image/webp" => "a WebP image",
        "video/mp4" | "video/quicktime" => "a video",
        "audio/mpeg" => "an audio file",
        "application/x-sh" | "text/x-shellscript" => "a shell script",
        _ => "",
    };
    if what.is_empty() {
        format!(
            "a file of type {} (.{})",
            kind.mime_type(),
            kind.extension()
        )
    } else {
        format!("{what} (.{})", kind.extension())
    }
}

/// Plain text: valid UTF-8 without NULs or other control characters (tabs
/// and line ends aside), and not a web page or script in disguise.
fn is_plain_text(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)) else {
        return false;
    };
    let clean = text
        .chars()
        .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t' | '\u{c}'));
    let start = text
        .trim_start()
        .get(..15)
        .unwrap_or("")
        .to_ascii_lowercase();
    let markup = start.starts_with("<!doctype")
        || start.starts_with("<html")
        || start.starts_with("<script")
        || start.starts_with("<svg")
        || start.starts_with("<?xml")
        || start.starts_with("#!");
    clean && !markup && !bytes.is_empty()
}

/// The allowed type these bytes are, or a message naming what they are.
pub fn detect(bytes: &[u8]) -> Result<Allowed, String> {
    let allowed = crate::evidence::rules::ALLOWED_TYPES_TEXT;
    if bytes.is_empty() {
        return Err("The file is empty".into());
    }
    match infer::get(bytes) {
        Some(kind) => ALLOWED
            .iter()
            .find(|a| a.content_type == kind.mime_type())
            .copied()
            .ok_or_else(|| {
                format!(
                    "This file is {}, which cannot be attached. Attach a {allowed} file.",
                    describe(&kind)
                )
            }),
        None if is_plain_text(bytes) => Ok(TEXT),
        None => Err(format!(
            "We could not recognise this file's contents. Attach a {allowed} file."
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The start of a Windows executable: "MZ", then the PE header offset at
    /// 0x3C pointing to "PE\0\0".
    pub(crate) fn windows_program() -> Vec<u8> {
        let mut exe = vec![0u8; 256];
        exe[0] = b'M';
        exe[1] = b'Z';
        exe[0x3C] = 0x80;
        exe[0x80..0x84].copy_from_slice(b"PE\0\0");
        exe
    }

    #[test]
    fn allowed_types_are_found_by_their_bytes() {
        assert_eq!(
            detect(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj").map(|a| a.extension),
            Ok("pdf")
        );
        assert_eq!(
            detect(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0])
                .map(|a| a.extension),
            Ok("jpg")
        );
        assert_eq!(
            detect(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").map(|a| a.extension),
            Ok("png")
        );
        assert_eq!(
            detect("Minutes of the PEP review – anonymised.\r\n".as_bytes()).map(|a| a.extension),
            Ok("txt")
        );
    }

    #[test]
    fn a_program_called_pdf_is_refused_by_name() {
        let message = detect(&windows_program()).unwrap_err();
        assert!(message.contains("a Windows program"), "{message}");
        assert!(message.contains("cannot be attached"), "{message}");
    }

    #[test]
    fn other_things_are_refused_saying_what_they_are() {
        assert!(detect(b"GIF89a\x01\0\x01\0").unwrap_err().contains("GIF"));
        assert!(detect(b"<!DOCTYPE html><html>").is_err());
        assert!(detect(b"#!/bin/sh\nrm -rf /").is_err());
        assert!(
            detect(&[0u8, 159, 146, 150, 0, 1])
                .unwrap_err()
                .contains("could not recognise")
        );
        assert!(detect(b"").unwrap_err().contains("empty"));
    }
}
