//! The smallest single edit that turns one text into another: a common prefix
//! and suffix kept, one range deleted, one string inserted. Offsets count
//! UTF-16 code units, as textareas and Yjs do.

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub start: u32,
    pub delete: u32,
    pub insert: String,
}

fn utf16_len(s: &str) -> u32 {
    s.encode_utf16().count() as u32
}

pub fn diff(old: &str, new: &str) -> Change {
    let prefix: usize = old
        .chars()
        .zip(new.chars())
        .take_while(|(a, b)| a == b)
        .map(|(c, _)| c.len_utf8())
        .sum();
    let old_rest = &old[prefix..];
    let new_rest = &new[prefix..];
    let suffix: usize = old_rest
        .chars()
        .rev()
        .zip(new_rest.chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(c, _)| c.len_utf8())
        .sum();
    let deleted = &old_rest[..old_rest.len() - suffix];
    let inserted = &new_rest[..new_rest.len() - suffix];
    Change {
        start: utf16_len(&old[..prefix]),
        delete: utf16_len(deleted),
        insert: inserted.to_string(),
    }
}

/// Where a caret at `position` (UTF-16) in `old` belongs in `new`, when the
/// change between them was someone else's.
pub fn map_caret(old: &str, new: &str, position: u32) -> u32 {
    let change = diff(old, new);
    if position <= change.start {
        position
    } else if position >= change.start + change.delete {
        position - change.delete + utf16_len(&change.insert)
    } else {
        change.start + utf16_len(&change.insert)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_in_the_middle() {
        assert_eq!(
            diff("hello world", "hello brave world"),
            Change {
                start: 6,
                delete: 0,
                insert: "brave ".into()
            }
        );
    }

    #[test]
    fn deleting_and_replacing() {
        assert_eq!(
            diff("abcdef", "abef"),
            Change {
                start: 2,
                delete: 2,
                insert: String::new()
            }
        );
        assert_eq!(
            diff("abcdef", "abXYef"),
            Change {
                start: 2,
                delete: 2,
                insert: "XY".into()
            }
        );
        assert_eq!(
            diff("", "x"),
            Change {
                start: 0,
                delete: 0,
                insert: "x".into()
            }
        );
        assert_eq!(
            diff("same", "same"),
            Change {
                start: 4,
                delete: 0,
                insert: String::new()
            }
        );
    }

    #[test]
    fn repeated_letters_do_not_overlap() {
        // prefix "aa" and suffix must not both claim the same characters
        let c = diff("aaa", "aaaa");
        assert_eq!(c.delete, 0);
        assert_eq!(c.insert, "a");
    }

    #[test]
    fn offsets_are_utf16() {
        // "😀" is two UTF-16 units
        assert_eq!(
            diff("😀a", "😀ba"),
            Change {
                start: 2,
                delete: 0,
                insert: "b".into()
            }
        );
        assert_eq!(
            diff("é😀x", "é😀"),
            Change {
                start: 3,
                delete: 1,
                insert: String::new()
            }
        );
    }

    #[test]
    fn the_caret_follows_remote_edits() {
        // someone typed before the caret: it moves right
        assert_eq!(map_caret("world", "hello world", 3), 9);
        // someone typed after: it stays
        assert_eq!(map_caret("hello", "hello there", 2), 2);
        // the text around the caret was deleted: it lands where the change ends
        assert_eq!(map_caret("abcdef", "abef", 3), 2);
    }
}
