//! Stage 1a: bytes -> text, with every character mapped to its bytes.
//!
//! Accepted: UTF-8 (with or without BOM), UTF-16 (with a BOM, or without
//! one when its zero bytes say which order), and Windows-1251 Cyrillic
//! text. Everything else is refused with a one-line reason; nothing here
//! panics on any input.

use crate::record::Encoding;
use crate::text::{Chunk, Text};

/// Decode `bytes`; the error is a one-line reason (the caller adds the path).
pub fn decode(bytes: &[u8]) -> Result<(Text, Encoding), String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        (utf8(rest, 3)?, Encoding::Utf8Bom)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        (utf16(rest, 2, u16::from_le_bytes)?, Encoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        (utf16(rest, 2, u16::from_be_bytes)?, Encoding::Utf16Be)
    } else if let Some((unit, encoding)) = bomless_utf16(bytes) {
        (utf16(bytes, 0, unit)?, encoding)
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => (Text::identity(s), Encoding::Utf8),
            Err(_) if looks_like_cp1251(bytes) => (cp1251(bytes), Encoding::Windows1251),
            Err(e) => {
                return Err(format!(
                    "not UTF-8 (invalid byte at offset {}) and not Windows-1251 Cyrillic text",
                    e.valid_up_to()
                ));
            }
        }
    };
    check_is_text(text.as_str())?;
    Ok((text, encoding))
}

fn utf8(rest: &[u8], offset: usize) -> Result<Text, String> {
    let s = std::str::from_utf8(rest).map_err(|e| {
        format!(
            "invalid UTF-8 after the byte-order mark at offset {}",
            e.valid_up_to() + offset
        )
    })?;
    Ok(Text::from_chunks([(
        Chunk::Same(s),
        offset..offset + rest.len(),
    )]))
}

/// How a UTF-16 code unit is read from its two bytes (the byte order).
type CodeUnit = fn([u8; 2]) -> u16;

/// UTF-16 `rest`, which starts at byte `offset` of the file.
fn utf16(rest: &[u8], offset: usize, unit: CodeUnit) -> Result<Text, String> {
    if !rest.len().is_multiple_of(2) {
        return Err("UTF-16 text with an odd number of bytes".into());
    }
    let units = rest.chunks_exact(2).map(|c| {
        unit([
            c.first().copied().unwrap_or(0),
            c.get(1).copied().unwrap_or(0),
        ])
    });
    let mut chunks = Vec::with_capacity(rest.len() / 2);
    let mut at = offset;
    for r in char::decode_utf16(units) {
        let c = r.map_err(|_| format!("invalid UTF-16 (unpaired surrogate) at offset {at}"))?;
        let width = c.len_utf16() * 2;
        chunks.push((Chunk::Char(c), at..at + width));
        at += width;
    }
    Ok(Text::from_chunks(chunks))
}

/// UTF-16 without a byte-order mark, told by its zero bytes: in Russian
/// and Kazakh text nearly every code unit has a high byte of 0x00 (ASCII,
/// «», no-break space) or 0x04 (Cyrillic), and almost no low byte is one.
/// Only bytes with a NUL are tried: UTF-8 and Windows-1251 text has none,
/// so a file accepted before is read as before. Which byte order, if any.
fn bomless_utf16(bytes: &[u8]) -> Option<(CodeUnit, Encoding)> {
    if bytes.len() < 2 || !bytes.len().is_multiple_of(2) || !bytes.contains(&0) {
        return None;
    }
    let high = |b: u8| matches!(b, 0x00 | 0x04);
    let (mut le, mut be) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        if let [first, second] = pair {
            le += usize::from(high(*second));
            be += usize::from(high(*first));
        }
    }
    // 90% of units, and clearly one order: a file of zeros is neither.
    let units = bytes.len() / 2;
    let mostly = |n: usize| n * 10 >= units * 9;
    if mostly(le) && le > be * 2 {
        Some((u16::from_le_bytes, Encoding::Utf16Le))
    } else if mostly(be) && be > le * 2 {
        Some((u16::from_be_bytes, Encoding::Utf16Be))
    } else {
        None
    }
}

/// Bytes of Windows-1251 that occur in Russian and Kazakh texts: letters,
/// typographic punctuation, the numero sign and no-break space.
fn is_cp1251_text_byte(b: u8) -> bool {
    matches!(b,
        0xC0..=0xFF          // А..я
        | 0xA8 | 0xB8        // Ё ё
        | 0xB2 | 0xB3        // І і (typed for Kazakh і)
        | 0xAA | 0xBA | 0xAF | 0xBF | 0xA1 | 0xA2 // Є є Ї ї Ў ў
        | 0x85 | 0x91..=0x97 // … ‘ ’ “ ” • – —
        | 0xA0 | 0xAB | 0xBB | 0xB9 | 0xAD | 0xB0 | 0xA7 | 0xA9 | 0xB1 // nbsp « » № soft-hyphen ° § © ±
    )
}

/// Windows-1251 Cyrillic text: no control bytes, nearly all high bytes are
/// letters or typographic marks, and letters dominate. Random or binary
/// bytes fail at least one of these.
fn looks_like_cp1251(bytes: &[u8]) -> bool {
    let mut high = 0usize;
    let mut textual = 0usize;
    let mut letters = 0usize;
    for &b in bytes {
        if b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C) {
            return false;
        }
        if b >= 0x80 {
            high += 1;
            if is_cp1251_text_byte(b) {
                textual += 1;
            }
            if b >= 0xC0 || matches!(b, 0xA8 | 0xB8 | 0xB2 | 0xB3) {
                letters += 1;
            }
        }
    }
    high > 0 && textual * 100 >= high * 98 && letters * 2 >= high
}

fn cp1251(bytes: &[u8]) -> Text {
    let (decoded, _) = encoding_rs::WINDOWS_1251.decode_without_bom_handling(bytes);
    // Single-byte: character i came from byte i. ASCII runs are copied as
    // one linear piece each; other characters map one by one.
    let mut chunks = Vec::new();
    let mut run_start: Option<(usize, usize)> = None; // (byte, char offset in decoded)
    let mut byte = 0;
    for (ci, c) in decoded.char_indices() {
        if c.is_ascii() {
            run_start.get_or_insert((byte, ci));
        } else {
            if let Some((b0, c0)) = run_start.take() {
                chunks.push((Chunk::Same(decoded.get(c0..ci).unwrap_or("")), b0..byte));
            }
            chunks.push((Chunk::Char(c), byte..byte + 1));
        }
        byte += 1;
    }
    if let Some((b0, c0)) = run_start {
        chunks.push((Chunk::Same(decoded.get(c0..).unwrap_or("")), b0..byte));
    }
    Text::from_chunks(chunks)
}

/// Refuse decoded text that is binary or has nothing in it.
fn check_is_text(s: &str) -> Result<(), String> {
    if let Some(at) = s.find('\0') {
        return Err(format!(
            "binary data (NUL byte at character offset {at}), not a text"
        ));
    }
    let controls = s
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}'))
        .count();
    // A stray control character is noise; many mean a binary file.
    if controls > 16 && controls * 100 > s.chars().count() {
        return Err(format!(
            "binary data ({controls} control characters), not a text"
        ));
    }
    if !s.chars().any(crate::text::is_letter_or_digit) {
        return Err("no text (empty or only whitespace and punctuation)".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(bytes: &[u8]) -> (String, Encoding) {
        match decode(bytes) {
            Ok((t, e)) => (t.as_str().to_string(), e),
            Err(e) => (format!("ERR {e}"), Encoding::Utf8),
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(ok("Акимат".as_bytes()), ("Акимат".into(), Encoding::Utf8));
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("Акимат".as_bytes());
        assert_eq!(ok(&b), ("Акимат".into(), Encoding::Utf8Bom));
        let (t, _) = decode(&b).unwrap_or_default_pair();
        assert_eq!(t.source_span(0..2), crate::span::Span::new(3, 5));
    }

    #[test]
    fn utf16_both_orders() {
        let s = "Әкім №5";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(ok(&le), (s.into(), Encoding::Utf16Le));
        assert_eq!(ok(&be), (s.into(), Encoding::Utf16Be));
        let (t, _) = decode(&le).unwrap_or_default_pair();
        // "Ә" is code unit 0 -> bytes 2..4 of the file.
        assert_eq!(t.source_span(0..2), crate::span::Span::new(2, 4));
    }

    /// UTF-16 without a BOM is read in its byte order, spans from byte 0;
    /// zeros, odd lengths and binary with NULs are still refused.
    #[test]
    fn utf16_without_a_bom() {
        let s = "Постановление акимата № 272 от 31 октября 2017 года. Әкім";
        let (mut le, mut be) = (Vec::new(), Vec::new());
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(ok(&le), (s.into(), Encoding::Utf16Le));
        assert_eq!(ok(&be), (s.into(), Encoding::Utf16Be));
        let (t, _) = decode(&be).unwrap_or_default_pair();
        assert_eq!(t.source_span(0..2), crate::span::Span::new(0, 2));
        for bytes in [
            &[0u8; 64][..],
            &le[..le.len() - 1],
            &b"a\0b\0c\0\0\0\x01\0"[..],
        ] {
            assert!(ok(bytes).0.starts_with("ERR"), "{bytes:?}");
        }
    }

    #[test]
    fn windows_1251() {
        let (bytes, _, _) =
            encoding_rs::WINDOWS_1251.encode("Постановление акимата № 272 «О регламенте»");
        assert_eq!(ok(&bytes).1, Encoding::Windows1251);
        assert_eq!(ok(&bytes).0, "Постановление акимата № 272 «О регламенте»");
        let (t, _) = decode(&bytes).unwrap_or_default_pair();
        // "П" is two bytes of UTF-8 but one byte of the file.
        assert_eq!(t.source_span(0..2), crate::span::Span::new(0, 1));
    }

    #[test]
    fn refusals() {
        for (bytes, why) in [
            (&b""[..], "empty"),
            (&b"ab\0cd"[..], "binary"),
            (&b"   \n\t "[..], "no text"),
            (&[0x00, 0x9F, 0x92, 0x96, 0xFF, 0x01, 0x02][..], "not UTF-8"),
            (&[0xFF, 0xFE, 0x00][..], "odd"),
        ] {
            let got = ok(bytes).0;
            assert!(
                got.starts_with("ERR") && got.contains(why),
                "{bytes:?}: {got}"
            );
        }
    }

    trait OrDefault {
        fn unwrap_or_default_pair(self) -> (Text, Encoding);
    }
    impl OrDefault for Result<(Text, Encoding), String> {
        fn unwrap_or_default_pair(self) -> (Text, Encoding) {
            self.unwrap_or((Text::identity(""), Encoding::Utf8))
        }
    }
}
