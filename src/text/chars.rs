//! A text's characters (code points) with the byte offset of every
//! `stride`th one, in one pass that copies runs of ASCII eight bytes at a
//! time: for turning character offsets (the notes format's) into byte
//! offsets and back without walking a large text from its start.

/// The characters of `text`, and the byte offset of characters 0,
/// `stride`, 2·`stride`, … (as many as there are characters).
pub fn decode_marked(text: &str, stride: usize) -> (Vec<char>, Vec<usize>) {
    let stride = stride.max(1);
    let bytes = text.as_bytes();
    // At most one character per byte; pages never written cost nothing.
    let mut chars: Vec<char> = Vec::with_capacity(bytes.len());
    let mut marks = Vec::with_capacity(bytes.len() / stride + 1);
    let mut at = 0;
    while at < bytes.len() {
        if chars.len().is_multiple_of(stride) {
            marks.push(at);
        }
        // Eight ASCII bytes at once, when no mark falls among them.
        if stride - chars.len() % stride >= 8
            && let Some(eight) = bytes.get(at..at + 8)
            && eight.iter().all(u8::is_ascii)
        {
            chars.extend(eight.iter().map(|&b| char::from(b)));
            at += 8;
            continue;
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        chars.push(c);
        at += c.len_utf8();
    }
    (chars, marks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn marks_are_byte_offsets_of_every_stride_th_character() {
        let (chars, marks) = decode_marked("aé€😀bcdefghij", 2);
        assert_eq!(chars.iter().collect::<String>(), "aé€😀bcdefghij");
        assert_eq!(marks, vec![0, 3, 10, 12, 14, 16, 18]);
        assert_eq!(decode_marked("", 256), (Vec::new(), Vec::new()));
    }

    proptest! {
        #[test]
        fn agrees_with_walking_each_character(
            text in "([a-z ]{0,40}|[é€😀]{0,3}){0,12}",
            stride in 1usize..20,
        ) {
            let (chars, marks) = decode_marked(&text, stride);
            prop_assert_eq!(&chars, &text.chars().collect::<Vec<_>>());
            let expected: Vec<usize> = text
                .char_indices()
                .enumerate()
                .filter(|(i, _)| i % stride == 0)
                .map(|(_, (byte, _))| byte)
                .collect();
            prop_assert_eq!(marks, expected);
        }
    }
}
