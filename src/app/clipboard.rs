//! Copying to the terminal's clipboard with OSC 52. `update` only queues
//! the sequence in [`State::outbox`]; the run loop writes it to the
//! terminal between frames, so nothing here touches the terminal.
//!
//! The payload is base64: whatever the copied words hold (control
//! characters, escapes), the terminal decodes it as clipboard data and
//! never interprets it, so the words are copied as written in the brief.

use base64::Engine as _;

use super::state::State;

/// The largest payload copied, in bytes of UTF-8 (many terminals drop
/// longer sequences silently).
pub const MAX_BYTES: usize = 100_000;

/// The OSC 52 sequence that sets the clipboard to `text`.
pub fn osc52(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{encoded}\x07")
}

/// Queues `text` for the terminal's clipboard and says so on the status
/// bar; refuses what is over [`MAX_BYTES`].
pub fn copy(state: &mut State, text: &str) {
    if text.len() > MAX_BYTES {
        state.notice = Some(format!(
            "not copied: {} bytes is over the {MAX_BYTES} the terminal clipboard takes",
            text.len()
        ));
        return;
    }
    state.outbox.push(osc52(text));
    state.notice = Some(format!(
        "copied to the terminal clipboard (OSC 52): {} characters",
        text.chars().count()
    ));
}

/// What the run loop writes before the next frame, taken out of the state.
pub fn drain(state: &mut State) -> Vec<String> {
    std::mem::take(&mut state.outbox)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_is_base64_of_the_text() {
        assert_eq!(osc52("hi\x1b[2J"), "\x1b]52;c;aGkbWzJK\x07");
        // No byte of the payload is a control character.
        let seq = osc52("a\x07b\x1b]0;x\x07");
        let payload = &seq.as_bytes()[7..seq.len() - 1];
        assert!(
            payload
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(b))
        );
    }
}
