//! The layers of the reader, bottom to top: the base reader (the three
//! panes, always there), a *view* (the source view), a *caret* (caret
//! mode, over the base or the view), a *popup* (palette, library, notes
//! list), a *prompt* (search line, note editor, a y/n question, drafts
//! offered back at opening, a conflict copy's or unreadable file's text) and the
//! *help*, which opens over any of them, text inputs included.
//!
//! Each slot holds at most one thing, so two popups at once, or an editor
//! under the palette, cannot be represented. Keys and mouse events go to
//! the top layer first ([`super::route`]); a layer that does not bind a key
//! either swallows it or lets it fall through to the layer under it.

use ratatui_textarea::TextArea;

use super::drafts::Recovery;
use super::keymap::Scope;
use super::library::LibraryState;
use super::notes::Editor;
use super::notes_list::{FileView, NotesList};
use super::palette::PaletteState;
use super::state::SourceView;
use super::visual::Visual;

/// One kind of layer, as routing and the help see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    Base,
    View,
    Caret,
    Palette,
    Library,
    NotesList,
    /// A citation mark's excerpt, peeked at.
    Peek,
    Search,
    Editor,
    /// A y/n question: deleting a note, discarding a draft.
    Confirm,
    /// Drafts of an earlier session, offered back one by one.
    Recovery,
    /// A conflict copy's two texts, or an unreadable file's text.
    FileView,
    Help,
}

impl Layer {
    /// The scopes a key is looked up in, most specific first.
    pub fn scopes(self) -> &'static [Scope] {
        use Scope::*;
        match self {
            Layer::Base => &[Panes, Reading, Global, Anywhere],
            Layer::View => &[Source],
            Layer::Caret => &[Caret, Global, Anywhere],
            Layer::Palette | Layer::Library => &[List, LineEdit, Anywhere],
            Layer::NotesList => &[NotesList, List, LineEdit, Anywhere],
            Layer::Peek => &[Peek, Global, Anywhere],
            Layer::Search => &[SearchLine, LineEdit, Anywhere],
            Layer::Editor => &[Editor, Anywhere],
            Layer::Confirm => &[Confirm, Global, Anywhere],
            Layer::Recovery => &[Recovery, Global, Anywhere],
            Layer::FileView => &[FileView, Global, Anywhere],
            Layer::Help => &[Help, Global, Anywhere],
        }
    }

    /// Whether a key this layer does not bind goes on to the layer under
    /// it. Only the source view passes keys on: the reading keys (`j`, `/`,
    /// `a`, ...) act on it, and a pane key (`Tab`, `2`) leaves it for the
    /// panes. Every other layer swallows what it does not bind.
    pub fn falls_through(self) -> bool {
        self == Layer::View
    }

    /// A text input: unbound printable keys are typed into it, and `q`,
    /// `Q` and `?` are characters.
    pub fn is_text_input(self) -> bool {
        matches!(
            self,
            Layer::Palette | Layer::Library | Layer::NotesList | Layer::Search | Layer::Editor
        )
    }

    /// A one-line text input: nothing ever inserts a newline.
    pub fn is_one_line(self) -> bool {
        self.is_text_input() && self != Layer::Editor
    }

    /// The badge in the status bar.
    pub fn name(self) -> &'static str {
        match self {
            Layer::Base => "READER",
            Layer::View => "SOURCE",
            Layer::Caret => "CARET",
            Layer::Palette => "GO TO",
            Layer::Library => "LIBRARY",
            Layer::NotesList => "NOTES",
            Layer::Peek => "PEEK",
            Layer::Search => "SEARCH",
            Layer::Editor => "NOTE",
            Layer::Confirm => "CONFIRM",
            Layer::Recovery => "DRAFT",
            Layer::FileView => "FILE",
            Layer::Help => "HELP",
        }
    }

    /// Every scope the layer's keys come from, fall-through included, in
    /// lookup order.
    pub fn all_scopes(self, under: &[Layer]) -> Vec<Scope> {
        let mut scopes: Vec<Scope> = self.scopes().to_vec();
        if self.falls_through()
            && let Some((&next, rest)) = under.split_first()
        {
            for scope in next.all_scopes(rest) {
                if !scopes.contains(&scope) {
                    scopes.push(scope);
                }
            }
        }
        scopes
    }
}

/// The popup layer: one of these at a time.
#[derive(Debug)]
pub enum Popup {
    Palette(PaletteState),
    Library(LibraryState),
    NotesList(NotesList),
    Peek(super::peek::Peek),
}

/// What a y/n question is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// Delete the note with this id? (An id, not an index: the notes may
    /// be reloaded while the question is open.)
    DeleteNote(String),
    /// Re-attach an orphan as offered (`notes.reattach_offer`)?
    Reattach,
}

/// The prompt layer: one of these at a time (there is only ever one, so
/// the search line's size does not matter).
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Prompt {
    /// The search line.
    Search(TextArea<'static>),
    Editor(Box<Editor>),
    Confirm(Question),
    Recovery(Recovery),
    FileView(FileView),
}

/// The help overlay, and the layer it was opened over (its keys come
/// first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Help {
    pub scroll: usize,
    pub over: Layer,
}

/// The open layers above the base reader.
#[derive(Debug, Default)]
pub struct Layers {
    pub view: Option<SourceView>,
    pub caret: Option<Visual>,
    pub popup: Option<Popup>,
    pub prompt: Option<Prompt>,
    pub help: Option<Help>,
}

impl Layers {
    /// The open layers, top first, ending with the base.
    pub fn stack(&self) -> Vec<Layer> {
        let mut stack = Vec::with_capacity(6);
        if self.help.is_some() {
            stack.push(Layer::Help);
        }
        stack.extend(self.below_help());
        stack
    }

    /// The open layers under the help, top first.
    pub fn below_help(&self) -> Vec<Layer> {
        let mut stack = Vec::with_capacity(5);
        match &self.prompt {
            Some(Prompt::Search(_)) => stack.push(Layer::Search),
            Some(Prompt::Editor(editor)) if editor.confirm_discard => stack.push(Layer::Confirm),
            Some(Prompt::Editor(_)) => stack.push(Layer::Editor),
            Some(Prompt::Confirm(_)) => stack.push(Layer::Confirm),
            Some(Prompt::Recovery(r)) if r.confirm_discard => stack.push(Layer::Confirm),
            Some(Prompt::Recovery(_)) => stack.push(Layer::Recovery),
            Some(Prompt::FileView(_)) => stack.push(Layer::FileView),
            None => {}
        }
        match &self.popup {
            Some(Popup::Palette(_)) => stack.push(Layer::Palette),
            Some(Popup::Library(_)) => stack.push(Layer::Library),
            Some(Popup::NotesList(_)) => stack.push(Layer::NotesList),
            Some(Popup::Peek(_)) => stack.push(Layer::Peek),
            None => {}
        }
        if self.caret.is_some() {
            stack.push(Layer::Caret);
        }
        if self.view.is_some() {
            stack.push(Layer::View);
        }
        stack.push(Layer::Base);
        stack
    }

    /// The layer keys go to first.
    pub fn top(&self) -> Layer {
        self.stack()[0]
    }

    /// Closes the top layer; false when only the base is left.
    pub fn close_top(&mut self) -> bool {
        if self.help.take().is_some() {
            return true;
        }
        if self.prompt.take().is_some() {
            return true;
        }
        if self.popup.take().is_some() {
            return true;
        }
        if self.caret.take().is_some() {
            return true;
        }
        self.view.take().is_some()
    }

    pub fn palette(&self) -> Option<&PaletteState> {
        match &self.popup {
            Some(Popup::Palette(p)) => Some(p),
            _ => None,
        }
    }

    pub fn palette_mut(&mut self) -> Option<&mut PaletteState> {
        match &mut self.popup {
            Some(Popup::Palette(p)) => Some(p),
            _ => None,
        }
    }

    pub fn library(&self) -> Option<&LibraryState> {
        match &self.popup {
            Some(Popup::Library(l)) => Some(l),
            _ => None,
        }
    }

    pub fn library_mut(&mut self) -> Option<&mut LibraryState> {
        match &mut self.popup {
            Some(Popup::Library(l)) => Some(l),
            _ => None,
        }
    }

    pub fn notes_list(&self) -> Option<&NotesList> {
        match &self.popup {
            Some(Popup::NotesList(n)) => Some(n),
            _ => None,
        }
    }

    pub fn notes_list_mut(&mut self) -> Option<&mut NotesList> {
        match &mut self.popup {
            Some(Popup::NotesList(n)) => Some(n),
            _ => None,
        }
    }

    pub fn editor(&self) -> Option<&Editor> {
        match &self.prompt {
            Some(Prompt::Editor(e)) => Some(e),
            _ => None,
        }
    }

    pub fn editor_mut(&mut self) -> Option<&mut Editor> {
        match &mut self.prompt {
            Some(Prompt::Editor(e)) => Some(e),
            _ => None,
        }
    }

    pub fn search_line(&self) -> Option<&TextArea<'static>> {
        match &self.prompt {
            Some(Prompt::Search(input)) => Some(input),
            _ => None,
        }
    }

    pub fn search_line_mut(&mut self) -> Option<&mut TextArea<'static>> {
        match &mut self.prompt {
            Some(Prompt::Search(input)) => Some(input),
            _ => None,
        }
    }

    pub fn recovery(&self) -> Option<&Recovery> {
        match &self.prompt {
            Some(Prompt::Recovery(r)) => Some(r),
            _ => None,
        }
    }

    pub fn recovery_mut(&mut self) -> Option<&mut Recovery> {
        match &mut self.prompt {
            Some(Prompt::Recovery(r)) => Some(r),
            _ => None,
        }
    }

    pub fn file_view(&self) -> Option<&FileView> {
        match &self.prompt {
            Some(Prompt::FileView(v)) => Some(v),
            _ => None,
        }
    }

    pub fn file_view_mut(&mut self) -> Option<&mut FileView> {
        match &mut self.prompt {
            Some(Prompt::FileView(v)) => Some(v),
            _ => None,
        }
    }

    pub fn question(&self) -> Option<&Question> {
        match &self.prompt {
            Some(Prompt::Confirm(q)) => Some(q),
            _ => None,
        }
    }

    /// The one text input on top, if the top layer is one.
    pub fn input_mut(&mut self) -> Option<&mut TextArea<'static>> {
        if self.help.is_some() {
            return None;
        }
        match &mut self.prompt {
            Some(Prompt::Search(input)) => return Some(input),
            Some(Prompt::Editor(editor)) if !editor.confirm_discard => {
                return Some(&mut editor.input);
            }
            Some(_) => return None,
            None => {}
        }
        match &mut self.popup {
            Some(Popup::Palette(p)) => Some(&mut p.input),
            Some(Popup::Library(l)) => Some(&mut l.input),
            Some(Popup::NotesList(n)) => Some(&mut n.input),
            Some(Popup::Peek(_)) | None => None,
        }
    }
}

/// Checks what the types cannot: that the layers fit together. Returns
/// what is wrong, for tests.
pub fn check(state: &super::State) -> Result<(), String> {
    let layers = &state.layers;
    let stack = layers.stack();
    if stack.last() != Some(&Layer::Base)
        || stack.iter().filter(|&&l| l == Layer::Base).count() != 1
    {
        return Err(format!("the base is not alone at the bottom: {stack:?}"));
    }
    if let Some(help) = &layers.help
        && layers.below_help().first() != Some(&help.over)
    {
        return Err(format!(
            "help opened over {:?} but {:?} is under it",
            help.over,
            layers.below_help()
        ));
    }
    if let Some(caret) = &layers.caret {
        let in_source = matches!(caret.text, crate::brief::TextRef::SourceText(_));
        match &layers.view {
            Some(view) if caret.text != crate::brief::TextRef::SourceText(view.source) => {
                return Err("the caret is not in the source shown".into());
            }
            None if in_source => return Err("the caret is in a source that is not shown".into()),
            _ => {}
        }
    }
    if let Some(view) = &layers.view
        && state
            .brief
            .sources
            .get(view.source)
            .is_none_or(|s| s.text.is_none())
    {
        return Err("the source view shows a source without text".into());
    }
    for layer in &stack {
        if layer.is_one_line()
            && let Some(input) = input_of(layers, *layer)
            && input.lines().len() != 1
        {
            return Err(format!("{layer:?} holds {} lines", input.lines().len()));
        }
    }
    Ok(())
}

fn input_of(layers: &Layers, layer: Layer) -> Option<&TextArea<'static>> {
    match layer {
        Layer::Search => layers.search_line(),
        Layer::Palette => layers.palette().map(|p| &p.input),
        Layer::Library => layers.library().map(|l| &l.input),
        Layer::NotesList => layers.notes_list().map(|n| &n.input),
        _ => None,
    }
}
