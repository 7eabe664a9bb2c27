//! Keys as data: `assets/keymap.toml` deserialised into `(Section, key) -> Action`, the same table the help overlay shows.

use std::collections::{BTreeMap, HashMap};

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};
use serde::Deserialize;
use strum::{EnumMessage, VariantArray};

mod key_combo;
pub mod overrides;

pub use key_combo::KeyCombo;
pub use overrides::{KeyOverride, OverrideError};

/// The built-in table, compiled in so the binary never depends on a file next to it.
pub const BUILTIN_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// Where a key is pressed: a pane, or one of the modes that take the keys for themselves. Each variant's
/// `message` is its heading in the help overlay.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
    strum::EnumMessage,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Section {
    #[strum(message = "Everywhere")]
    Global,
    #[strum(message = "Setup checklist")]
    Checklist,
    #[strum(message = "Channels")]
    Channels,
    #[strum(message = "Incidents")]
    Incidents,
    #[strum(message = "Timeline")]
    Timeline,
    #[strum(message = "Incident view")]
    Incident,
    #[strum(message = "Setup wizard")]
    Wizard,
    #[strum(message = "Command box")]
    Command,
    #[strum(message = "Incident filter")]
    Filter,
    #[strum(message = "Prompts")]
    Prompt,
    #[strum(message = "Response plan picker")]
    Picker,
    #[strum(message = "Confirmation")]
    Confirm,
    #[strum(message = "Help and detail windows")]
    Popup,
    #[strum(message = "Command output (pager)")]
    Pager,
    #[strum(message = "Pager search")]
    PagerSearch,
}

impl Section {
    /// Every section, in the order of the enum (the help overlay's order).
    pub const ALL: &'static [Section] = <Section as VariantArray>::VARIANTS;

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
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The help overlay's heading: the variant's `message`.
    pub fn title(self) -> &'static str {
        self.get_message().unwrap_or_default()
    }
}

/// Everything a key can ask for. The names are the kebab-case words of the TOML table; each variant's
/// `message` is its line in the help overlay, so a new action is written here once (and bound in the TOML).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
    strum::EnumMessage,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Action {
    #[strum(message = "quit imdeck (ctrl-c quits only when no input is open)")]
    Quit,
    #[strum(message = "next pane")]
    FocusNext,
    #[strum(message = "previous pane")]
    FocusPrev,
    #[strum(message = "show or hide this help")]
    Help,
    #[strum(message = "type a chat command (@aws ssm-incidents …)")]
    Command,
    #[strum(message = "reload the setup snapshot and the incidents now")]
    Refresh,
    #[strum(message = "show times in UTC or local time")]
    ToggleUtc,
    #[strum(message = "move up")]
    Up,
    #[strum(message = "move down")]
    Down,
    #[strum(message = "page up")]
    PageUp,
    #[strum(message = "page down")]
    PageDown,
    #[strum(message = "go to the first row")]
    Top,
    #[strum(message = "go to the last row (the timeline then follows new ones)")]
    Bottom,
    #[strum(message = "open the detail: why it fails and the fix; a whole event")]
    OpenDetail,
    #[strum(message = "open the incident: header, timeline, related items, who was engaged")]
    OpenIncident,
    #[strum(message = "open the related item's URL (or copy it where nothing can open it)")]
    OpenUrl,
    #[strum(message = "zoom the focused pane to the whole screen, and back")]
    Zoom,
    #[strum(message = "filter incidents by title, plan or ARN")]
    Filter,
    #[strum(message = "add a custom event (note) to the incident")]
    AddNote,
    #[strum(message = "set the incident's impact (1 critical … 5 none)")]
    SetImpact,
    #[strum(message = "resolve (asks an optional summary note), or reopen")]
    ToggleResolved,
    #[strum(message = "add a related item (URL or ARN)")]
    AddRelatedItem,
    #[strum(message = "start an incident from a plan (asks title and impact)")]
    StartIncident,
    #[strum(message = "export the incident record as Markdown")]
    Export,
    #[strum(message = "edit the selected custom event's text")]
    EditEvent,
    #[strum(message = "delete the selected custom event")]
    DeleteEvent,
    #[strum(message = "run / accept")]
    Submit,
    #[strum(message = "close / cancel (ctrl-c cancels too, and never quits from here)")]
    Leave,
    #[strum(message = "previous command from history")]
    HistoryPrev,
    #[strum(message = "next command from history")]
    HistoryNext,
    #[strum(message = "search the command history")]
    HistorySearch,
    #[strum(message = "complete the command, option or value; again: next candidate")]
    Complete,
    #[strum(message = "previous completion candidate")]
    CompleteBack,
    #[strum(
        message = "put the corrected line offered under the box into the box (it does not run)"
    )]
    AcceptCorrection,
    #[strum(message = "copy the chat line, to paste in Slack or Teams")]
    CopyLine,
    #[strum(message = "yes, run it (only this key confirms a write; enter never does)")]
    Confirm,
    #[strum(message = "open the setup wizard: topics → channel → response plan")]
    SetupWizard,
    #[strum(message = "apply the selected step (shows what it writes and asks first)")]
    ApplyStep,
    #[strum(message = "apply every remaining step in order (asks once)")]
    ApplyAll,
    #[strum(message = "also set the guardrail AWSIncidentManagerResolverAccess, or not")]
    ToggleGuardrail,
    #[strum(message = "page through the command output: scroll, search, copy")]
    OpenPager,
    #[strum(message = "clear the command output")]
    ClearOutput,
    #[strum(message = "search the output (smart case), then next / previous match")]
    Search,
    #[strum(message = "next match (wraps at the end)")]
    NextMatch,
    #[strum(message = "previous match (wraps at the start)")]
    PrevMatch,
    #[strum(message = "copy the whole output to the clipboard (OSC 52)")]
    CopyOutput,
    #[strum(message = "show or hide the passing checks (and Regions, when many)")]
    FoldPassing,
    #[strum(message = "scroll left (long fix commands are never wrapped)")]
    ScrollLeft,
    #[strum(message = "scroll right (long fix commands are never wrapped)")]
    ScrollRight,
    #[strum(message = "copy the fix commands shown, one a line (OSC 52)")]
    CopyFix,
    #[strum(message = "probe: send a test message via the channel's topics")]
    Probe,
    #[strum(message = "next account (several --profile flags)")]
    NextAccount,
}

impl Action {
    /// Every action, in the order of the enum.
    pub const ALL: &'static [Action] = <Action as VariantArray>::VARIANTS;

    /// The name the TOML tables use: `quit`, `focus-next` (strum and serde spell kebab-case alike; a test
    /// reads every name back through serde).
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The help overlay's line for this action: the variant's `message` (a test checks none is missing).
    pub fn description(self) -> &'static str {
        self.get_message().unwrap_or_default()
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
        for &section in Section::ALL {
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
