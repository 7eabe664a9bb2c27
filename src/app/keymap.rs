//! Keys as data: `assets/keymap.toml` deserialised into `(Section, key) -> Action`, the same table the help overlay shows.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use serde::Deserialize;

pub mod overrides;

pub use overrides::{KeyOverride, OverrideError};

/// The built-in table, compiled in so the binary never depends on a file next to it.
pub const BUILTIN_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// Where a key is pressed: a pane, or one of the modes that take the keys for themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    Global,
    Checklist,
    Channels,
    Incidents,
    Timeline,
    Incident,
    Wizard,
    Command,
    Filter,
    Prompt,
    Picker,
    Confirm,
    Popup,
    Pager,
    PagerSearch,
}

impl Section {
    pub const ALL: [Section; 15] = [
        Section::Global,
        Section::Checklist,
        Section::Channels,
        Section::Incidents,
        Section::Timeline,
        Section::Incident,
        Section::Wizard,
        Section::Command,
        Section::Filter,
        Section::Prompt,
        Section::Picker,
        Section::Confirm,
        Section::Popup,
        Section::Pager,
        Section::PagerSearch,
    ];

    /// Text-entry sections keep unbound keys for the text, so they never fall back to [global].
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Section::Command | Section::Filter | Section::Prompt | Section::PagerSearch
        )
    }

    /// Sections that own every key while they are up: the text fields, the confirmation, the popups and the
    /// wizard (so `q` in a confirmation cannot quit with a write half-asked). Only the panes fall back to [global].
    pub fn is_modal(self) -> bool {
        self.takes_text()
            || matches!(
                self,
                Section::Confirm
                    | Section::Popup
                    | Section::Wizard
                    | Section::Picker
                    | Section::Pager
            )
    }

    /// The name the TOML tables use: `global`, `pager-search`.
    pub fn name(self) -> String {
        kebab(&format!("{self:?}"))
    }

    pub fn title(self) -> &'static str {
        match self {
            Section::Global => "Everywhere",
            Section::Checklist => "Setup checklist",
            Section::Channels => "Channels",
            Section::Incidents => "Incidents",
            Section::Timeline => "Timeline",
            Section::Incident => "Incident view",
            Section::Wizard => "Setup wizard",
            Section::Command => "Command box",
            Section::Filter => "Incident filter",
            Section::Prompt => "Prompts",
            Section::Picker => "Response plan picker",
            Section::Confirm => "Confirmation",
            Section::Popup => "Help and detail windows",
            Section::Pager => "Command output (pager)",
            Section::PagerSearch => "Pager search",
        }
    }
}

/// Everything a key can ask for. The names are the kebab-case words of the TOML table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    Quit,
    FocusNext,
    FocusPrev,
    Help,
    Command,
    Refresh,
    ToggleUtc,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    OpenDetail,
    OpenIncident,
    OpenUrl,
    Zoom,
    Filter,
    AddNote,
    SetImpact,
    ToggleResolved,
    AddRelatedItem,
    StartIncident,
    Export,
    EditEvent,
    DeleteEvent,
    Submit,
    Leave,
    HistoryPrev,
    HistoryNext,
    HistorySearch,
    Complete,
    CompleteBack,
    AcceptCorrection,
    CopyLine,
    Confirm,
    SetupWizard,
    ApplyStep,
    ApplyAll,
    ToggleGuardrail,
    OpenPager,
    ClearOutput,
    Search,
    NextMatch,
    PrevMatch,
    CopyOutput,
    FoldPassing,
    ScrollLeft,
    ScrollRight,
    CopyFix,
    Probe,
    NextAccount,
}

impl Action {
    pub const ALL: [Action; 52] = [
        Action::Quit,
        Action::FocusNext,
        Action::FocusPrev,
        Action::Help,
        Action::Command,
        Action::Refresh,
        Action::ToggleUtc,
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::OpenDetail,
        Action::OpenIncident,
        Action::OpenUrl,
        Action::Zoom,
        Action::Filter,
        Action::AddNote,
        Action::SetImpact,
        Action::ToggleResolved,
        Action::AddRelatedItem,
        Action::StartIncident,
        Action::Export,
        Action::EditEvent,
        Action::DeleteEvent,
        Action::Submit,
        Action::Leave,
        Action::HistoryPrev,
        Action::HistoryNext,
        Action::HistorySearch,
        Action::Complete,
        Action::CompleteBack,
        Action::AcceptCorrection,
        Action::CopyLine,
        Action::Confirm,
        Action::SetupWizard,
        Action::ApplyStep,
        Action::ApplyAll,
        Action::ToggleGuardrail,
        Action::OpenPager,
        Action::ClearOutput,
        Action::Search,
        Action::NextMatch,
        Action::PrevMatch,
        Action::CopyOutput,
        Action::FoldPassing,
        Action::ScrollLeft,
        Action::ScrollRight,
        Action::CopyFix,
        Action::Probe,
        Action::NextAccount,
    ];

    /// The name the TOML tables use: `quit`, `focus-next`.
    pub fn name(self) -> String {
        kebab(&format!("{self:?}"))
    }

    /// The help overlay's line for this action.
    pub fn description(self) -> &'static str {
        match self {
            Action::Quit => "quit imdeck (ctrl-c quits only when no input is open)",
            Action::FocusNext => "next pane",
            Action::FocusPrev => "previous pane",
            Action::Help => "show or hide this help",
            Action::Zoom => "zoom the focused pane to the whole screen, and back",
            Action::Command => "type a chat command (@aws ssm-incidents …)",
            Action::Refresh => "reload the setup snapshot and the incidents now",
            Action::ToggleUtc => "show times in UTC or local time",
            Action::Up => "move up",
            Action::Down => "move down",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Top => "go to the first row",
            Action::Bottom => "go to the last row (the timeline then follows new ones)",
            Action::OpenDetail => "open the detail: why it fails and the fix; a whole event",
            Action::OpenIncident => {
                "open the incident: header, timeline, related items, who was engaged"
            }
            Action::OpenUrl => "open the related item's URL (or copy it where nothing can open it)",
            Action::Filter => "filter incidents by title, plan or ARN",
            Action::AddNote => "add a custom event (note) to the incident",
            Action::SetImpact => "set the incident's impact (1 critical … 5 none)",
            Action::ToggleResolved => "resolve (asks an optional summary note), or reopen",
            Action::AddRelatedItem => "add a related item (URL or ARN)",
            Action::StartIncident => "start an incident from a plan (asks title and impact)",
            Action::Export => "export the incident record as Markdown",
            Action::EditEvent => "edit the selected custom event's text",
            Action::DeleteEvent => "delete the selected custom event",
            Action::Submit => "run / accept",
            Action::Leave => "close / cancel (ctrl-c cancels too, and never quits from here)",
            Action::HistoryPrev => "previous command from history",
            Action::HistoryNext => "next command from history",
            Action::HistorySearch => "search the command history",
            Action::Complete => "complete the command, option or value; again: next candidate",
            Action::CompleteBack => "previous completion candidate",
            Action::AcceptCorrection => {
                "put the corrected line offered under the box into the box (it does not run)"
            }
            Action::CopyLine => "copy the chat line, to paste in Slack or Teams",
            Action::Confirm => "yes, run it (only this key confirms a write; enter never does)",
            Action::SetupWizard => "open the setup wizard: topics → channel → response plan",
            Action::ApplyStep => "apply the selected step (shows what it writes and asks first)",
            Action::ApplyAll => "apply every remaining step in order (asks once)",
            Action::ToggleGuardrail => {
                "also set the guardrail AWSIncidentManagerResolverAccess, or not"
            }
            Action::OpenPager => "page through the command output: scroll, search, copy",
            Action::ClearOutput => "clear the command output",
            Action::Search => "search the output (smart case), then next / previous match",
            Action::NextMatch => "next match (wraps at the end)",
            Action::PrevMatch => "previous match (wraps at the start)",
            Action::CopyOutput => "copy the whole output to the clipboard (OSC 52)",
            Action::FoldPassing => "show or hide the passing checks (and Regions, when many)",
            Action::ScrollLeft => "scroll left (long fix commands are never wrapped)",
            Action::ScrollRight => "scroll right (long fix commands are never wrapped)",
            Action::CopyFix => "copy the fix commands shown, one a line (OSC 52)",
            Action::Probe => "probe: send a test message via the channel's topics",
            Action::NextAccount => "next account (several --profile flags)",
        }
    }
}

/// `FocusNext` → `focus-next`, as serde's `rename_all = "kebab-case"` spells a variant.
fn kebab(variant: &str) -> String {
    let mut out = String::new();
    for (i, c) in variant.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A key with its modifiers, normalised so that `G` and shift-`g` are the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyCombo {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl KeyCombo {
    /// Shift is folded into the character (crossterm reports `G` as shift+`G`) and into BackTab.
    pub fn from_event(event: &KeyEvent) -> Self {
        let mut modifiers =
            event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        Self {
            code: event.code,
            modifiers,
        }
    }

    /// Parses the table's spelling: `q`, `G`, `?`, `ctrl-r`, `alt-enter`, `pgdn`, `f5`.
    pub fn parse(text: &str) -> Result<Self, KeymapError> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            // A lone "-" is the minus key, not a separator.
            if let Some(r) = rest.strip_prefix("ctrl-").filter(|r| !r.is_empty()) {
                modifiers |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-").filter(|r| !r.is_empty()) {
                modifiers |= KeyModifiers::ALT;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest {
                "enter" => KeyCode::Enter,
                "esc" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pgup" => KeyCode::PageUp,
                "pgdn" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "backspace" => KeyCode::Backspace,
                "delete" => KeyCode::Delete,
                "space" => KeyCode::Char(' '),
                other => match other.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    Some(n @ 1..=12) => KeyCode::F(n),
                    _ => return Err(KeymapError::UnknownKey(text.to_string())),
                },
            },
        };
        Ok(Self { code, modifiers })
    }
}

/// What is wrong with a keymap table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeymapError {
    #[error("keymap is not valid TOML for imdeck: {0}")]
    Toml(String),
    #[error("unknown key name `{0}`")]
    UnknownKey(String),
    #[error("key `{key}` is bound twice in [{section}]")]
    Duplicate { section: String, key: String },
}

/// One row of the help overlay: an action and the keys bound to it in a section, as the table spells them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub action: Action,
    pub keys: Vec<String>,
}

/// The parsed table: lookup by key, and the bindings per section in table order for the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    lookup: HashMap<(Section, KeyCombo), Action>,
    help: BTreeMap<Section, Vec<Binding>>,
}

/// The TOML shape: section → action → keys, in file order.
type RawTable = toml::Table;

impl Keymap {
    /// The table shipped in `assets/keymap.toml`.
    pub fn builtin() -> Result<Self, KeymapError> {
        Self::parse(BUILTIN_KEYMAP)
    }

    /// The smallest usable table, used only if the built-in one failed to parse, so the user can still quit.
    pub fn emergency() -> Self {
        let mut lookup = HashMap::new();
        for key in ["q", "ctrl-c"] {
            if let Ok(combo) = KeyCombo::parse(key) {
                lookup.insert((Section::Global, combo), Action::Quit);
            }
        }
        let help = BTreeMap::from([(
            Section::Global,
            vec![Binding {
                action: Action::Quit,
                keys: vec!["q".into(), "ctrl-c".into()],
            }],
        )]);
        Self { lookup, help }
    }

    pub fn parse(text: &str) -> Result<Self, KeymapError> {
        let table: RawTable = toml::from_str(text).map_err(|e| KeymapError::Toml(e.to_string()))?;
        Self::from_table(table)
    }

    fn from_table(table: RawTable) -> Result<Self, KeymapError> {
        let mut lookup = HashMap::new();
        let mut help = BTreeMap::new();
        for (section_name, actions) in table {
            let section: Section = Section::deserialize(toml::Value::String(section_name.clone()))
                .map_err(|e| KeymapError::Toml(format!("[{section_name}]: {e}")))?;
            let actions: BTreeMap<String, Vec<String>> =
                actions.try_into().map_err(|e: toml::de::Error| {
                    KeymapError::Toml(format!("[{section_name}]: {e}"))
                })?;
            let mut bindings = Vec::new();
            for (action_name, keys) in actions {
                let action = Action::deserialize(toml::Value::String(action_name.clone()))
                    .map_err(|e| {
                        KeymapError::Toml(format!("[{section_name}] {action_name}: {e}"))
                    })?;
                for key in &keys {
                    let combo = KeyCombo::parse(key)?;
                    if lookup.insert((section, combo), action).is_some() {
                        return Err(KeymapError::Duplicate {
                            section: section_name.clone(),
                            key: key.clone(),
                        });
                    }
                }
                bindings.push(Binding { action, keys });
            }
            bindings.sort_by_key(|b| b.action);
            help.insert(section, bindings);
        }
        Ok(Self { lookup, help })
    }

    /// The action bound to a key pressed in a section: the section's own table first, then [global] for
    /// the panes. Key releases are ignored.
    pub fn action(&self, section: Section, event: &KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let combo = KeyCombo::from_event(event);
        self.lookup.get(&(section, combo)).copied().or_else(|| {
            if section.is_modal() || section == Section::Global {
                None
            } else {
                self.lookup.get(&(Section::Global, combo)).copied()
            }
        })
    }

    /// The bindings of one section, for the help overlay.
    pub fn bindings(&self, section: Section) -> &[Binding] {
        self.help.get(&section).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The README's key table, generated from this table so the two cannot drift (tests/keymap.rs compares).
    pub fn markdown_table(&self) -> String {
        let mut out = String::from("| where | keys |\n|---|---|\n");
        for section in Section::ALL {
            let bindings = self.bindings(section);
            if bindings.is_empty() {
                continue;
            }
            let keys: Vec<String> = bindings
                .iter()
                .map(|b| {
                    let keys: Vec<String> = b.keys.iter().map(|k| format!("`{k}`")).collect();
                    format!("{} {}", keys.join("/"), b.action.description())
                })
                .collect();
            out.push_str(&format!(
                "| {} | {} |\n",
                section.title(),
                keys.join(" · ").replace('|', "\\|")
            ));
        }
        out
    }

    /// The first key bound to an action in a section (or [global]), as the table spells it, for hints.
    pub fn key_for(&self, section: Section, action: Action) -> Option<&str> {
        [section, Section::Global].iter().find_map(|s| {
            self.bindings(*s)
                .iter()
                .find(|b| b.action == action)
                .and_then(|b| b.keys.first())
                .map(String::as_str)
        })
    }
}

impl fmt::Display for KeyCombo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}
