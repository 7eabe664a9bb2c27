//! `AppState`: the whole model the UI renders, changed only by `update`.

pub mod command_box;
pub mod command_output;
pub mod event_activity;
pub mod incident_view;
pub mod incidents;
pub mod new_incidents;
pub mod pager;
pub mod setup;
pub mod timeline;
pub mod wizard;

use ratatui_textarea::TextArea;

use crate::domain::chat_command::ChatLine;
use crate::domain::model::{IncidentRecordSummary, Timestamp};

use super::keymap::{Keymap, Section};
pub use command_box::{CommandBox, HistoryScope, HistorySearch};
pub use command_output::CommandOutput;
pub use incident_view::{IncidentView, RelatedItems, ViewPane};
pub use incidents::IncidentList;
pub use setup::{ChannelRow, CheckColumn, PlanRow, SetupView};
pub use timeline::{CachedText, EventRow, Timeline};
pub use wizard::Wizard;

/// What the header says about where imdeck is pointed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderInfo {
    /// 12-digit account, or empty until known.
    pub account: String,
    pub region: String,
    /// `profile NAME`, or `SANDBOX` when the embedded sandbox serves the calls.
    pub profile_or_sandbox: String,
    pub read_only: bool,
    /// Where Incident Manager answers when that is not `region`: its Region and the replication set's Regions.
    pub incident_manager: Option<IncidentManagerRegion>,
    /// A custom endpoint the calls go to (`--endpoint-url`, `AWS_ENDPOINT_URL*`) other than the embedded
    /// sandbox: data from it is not AWS's, and the header says so.
    pub endpoint: Option<String>,
}

/// Where this account stands among the dashboard's accounts when several `--profile` flags were given: the
/// header shows `profile NAME (index/total)` and names the profiles that could not connect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountPosition {
    /// 1-based, as the header shows it.
    pub index: usize,
    /// The accounts that connected (the ones the key cycles through).
    pub total: usize,
    /// The `--profile`s that could not connect, with why in words; never cycled to, never shown as healthy.
    pub unavailable: Vec<UnavailableAccount>,
}

/// A `--profile` that could not connect when the dashboard started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnavailableAccount {
    pub profile: String,
    pub reason: String,
}

/// The Region Incident Manager calls go to, and the replication set's Regions (shown when not the configured one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentManagerRegion {
    pub region: String,
    pub set_regions: Vec<String>,
}

/// The pane that has the keys. Tab cycles the four panes; the command box is entered with `:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Focus {
    Checklist,
    Channels,
    Incidents,
    Timeline,
    Command,
}

impl Focus {
    pub const PANES: [Focus; 4] = [
        Focus::Checklist,
        Focus::Channels,
        Focus::Incidents,
        Focus::Timeline,
    ];

    pub fn section(self) -> Section {
        match self {
            Focus::Checklist => Section::Checklist,
            Focus::Channels => Section::Channels,
            Focus::Incidents => Section::Incidents,
            Focus::Timeline => Section::Timeline,
            Focus::Command => Section::Command,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Focus::Checklist => "Setup checklist",
            Focus::Channels => "Channels",
            Focus::Incidents => "Incidents",
            Focus::Timeline => "Timeline",
            Focus::Command => "Command",
        }
    }
}

/// Intervals, in milliseconds. The runtime may change them (e.g. from the command line) before starting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    pub timeline_poll_ms: i64,
    pub incidents_poll_ms: i64,
    pub snapshot_refresh_ms: i64,
    /// The ceiling of the doubling backoff after a throttled or failed poll.
    pub max_backoff_ms: i64,
    /// How long a new or changed event stays highlighted.
    pub highlight_ms: i64,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            timeline_poll_ms: 5_000,
            incidents_poll_ms: 15_000,
            snapshot_refresh_ms: 120_000,
            max_backoff_ms: 60_000,
            highlight_ms: 30_000,
        }
    }
}

/// When a source of data was last read successfully, and why the last attempt failed if it did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RefreshState {
    pub last_ok: Option<Timestamp>,
    pub failure: Option<String>,
}

impl RefreshState {
    pub fn succeeded(&mut self, now: Timestamp) {
        self.last_ok = Some(now);
        self.failure = None;
    }
    pub fn failed(&mut self, reason: String) {
        self.failure = Some(reason);
    }
}

/// What the detail popup shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DetailTarget {
    /// Every regional check of one Region.
    Region(String),
    /// One check without a Region, by its index in `SetupView::checks`.
    Check(usize),
    /// A response plan's row of the channels pane, by index in `SetupView::plans`.
    Plan(usize),
    /// A timeline event's whole text, by eventId.
    Event(String),
}

/// The one-key actions that need a word from the user before they can build a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    Note,
    Impact,
    EditEvent {
        event_id: String,
    },
    RelatedItem,
    /// Where `x` writes the post-incident record; `replace` once the user has been told the file exists.
    ExportPath {
        replace: Option<String>,
    },
    /// `s` after the plan is chosen: the new incident's title (the prompt's `arn` is the plan's).
    StartTitle,
    /// Then its impact; `title` is what the previous prompt took.
    StartImpact {
        title: String,
    },
    /// `r` on an open incident: an optional resolution summary, written as a timeline note after resolving.
    Resolution,
}

impl PromptKind {
    pub fn title(&self) -> &'static str {
        match self {
            PromptKind::Note => "Add a note (custom event)",
            PromptKind::Impact => "Set impact: 1 critical, 2 high, 3 medium, 4 low, 5 none",
            PromptKind::EditEvent { .. } => "Edit the event's text",
            PromptKind::RelatedItem => "Related item: a URL or an ARN, then an optional title",
            PromptKind::ExportPath { .. } => "Export the incident record (Markdown) to this file",
            PromptKind::StartTitle => "Start an incident: its title",
            PromptKind::StartImpact { .. } => {
                "Start an incident: impact 1 critical, 2 high, 3 medium, 4 low, 5 none"
            }
            PromptKind::Resolution => {
                "Resolve: a resolution summary for the timeline (optional, enter alone skips it)"
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct Prompt {
    pub kind: PromptKind,
    /// The incident the action is for, fixed when the prompt opened.
    pub arn: String,
    /// The incident's title as listed when the prompt opened, shown in the prompt so the target is named.
    pub title: String,
    pub input: TextArea<'static>,
    pub error: Option<String>,
}

/// A command waiting for y/n: the line that will run, and what the confirmation says of it in words. Every
/// word is derived from `line` itself, so the confirmation cannot name another target than the one written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingCommand {
    pub line: ChatLine,
    /// The canonical chat line, copyable with Ctrl-Y.
    pub shown: String,
    /// The operation in plain words, e.g. "Resolve the incident".
    pub what: String,
    /// The incident the line names, and how the list showed it when asked (`None`: not listed).
    pub incident_arn: Option<String>,
    pub incident: Option<IncidentRecordSummary>,
    /// The event the line changes: its time, type and text (when the text was read).
    pub event: Option<(Timestamp, String, Option<String>)>,
    /// A second write confirmed with this one and run after it succeeds (the resolution summary's note).
    pub then: Option<ChatLine>,
}

/// What sits on top of the panes and takes the keys.
#[derive(Debug, Clone, Default)]
pub enum Overlay {
    #[default]
    None,
    Help {
        scroll: u16,
    },
    Detail {
        target: DetailTarget,
        scroll: u16,
    },
    Confirm(Box<PendingCommand>),
    /// Asking before a probe publishes to the target's topics.
    ConfirmProbe(Box<crate::domain::probe::ProbeTarget>),
    Prompt(Box<Prompt>),
    /// Choosing the response plan to start an incident from, by index into the snapshot's plans.
    PlanPicker {
        selected: usize,
    },
}

impl Overlay {
    pub fn section(&self) -> Option<Section> {
        match self {
            Overlay::None => None,
            Overlay::Help { .. } | Overlay::Detail { .. } => Some(Section::Popup),
            Overlay::Confirm(_) | Overlay::ConfirmProbe(_) => Some(Section::Confirm),
            Overlay::Prompt(_) => Some(Section::Prompt),
            Overlay::PlanPicker { .. } => Some(Section::Picker),
        }
    }
}

#[derive(Debug, Clone)]
pub struct AppState {
    pub header: HeaderInfo,
    /// `None` with one account (the header then looks as it always did).
    pub account: Option<AccountPosition>,
    pub keymap: Keymap,
    pub config: Config,
    /// How command output shows timestamps: the runtime sets it from the profile's `cli_timestamp_format`
    /// (ISO 8601 when unset, as CLI v2); a state made without a profile shows them as the wire carried them.
    pub timestamps: crate::domain::cli_output::timestamps::TimestampFormat,
    /// False when `NO_COLOR` is set: marks and words carry all meaning then.
    pub color: bool,
    /// The colour of each role (the config file's theme, or the built-in dark one).
    pub palette: crate::app::palette::Palette,
    /// Where `x` suggests writing an export (the config file's `export-dir`); `None`: the working directory.
    pub export_dir: Option<String>,
    /// The latest time a `Msg` brought; ages and polling are measured from it.
    pub now: Timestamp,
    pub utc: bool,
    pub focus: Focus,
    /// The pane to return to when the command box is left.
    pub last_pane: Focus,
    pub overlay: Overlay,
    pub setup: SetupView,
    pub incidents: IncidentList,
    pub timeline: Timeline,
    pub command: CommandBox,
    /// The setup wizard; it keeps its options and applied steps while closed.
    pub wizard: Wizard,
    pub incident_view: IncidentView,
    pub related: RelatedItems,
    /// The focused pane (or the incident view's focused half) fills the screen.
    pub zoom: bool,
    /// The terminal size, to bound how many timeline texts to fetch.
    pub viewport: (u16, u16),
}

impl AppState {
    pub fn new(header: HeaderInfo) -> Self {
        let (keymap, keymap_error) = match Keymap::builtin() {
            Ok(k) => (k, None),
            Err(e) => (Keymap::emergency(), Some(e.to_string())),
        };
        let mut command = CommandBox::new();
        if let Some(error) = keymap_error {
            command.output = CommandOutput::Failed {
                title: "built-in keymap".into(),
                message: error,
            };
        }
        Self {
            header,
            account: None,
            keymap,
            config: Config::default(),
            timestamps: crate::domain::cli_output::timestamps::TimestampFormat::Wire,
            color: color_wanted(std::env::var_os("NO_COLOR").as_deref()),
            palette: crate::app::palette::Palette::dark(),
            export_dir: None,
            now: Timestamp::default(),
            utc: true,
            focus: Focus::Incidents,
            last_pane: Focus::Incidents,
            overlay: Overlay::None,
            setup: SetupView::default(),
            incidents: IncidentList::default(),
            timeline: Timeline::default(),
            command,
            wizard: Wizard::default(),
            incident_view: IncidentView::default(),
            related: RelatedItems::default(),
            zoom: false,
            viewport: (80, 24),
        }
    }

    /// The section whose keys apply now: an overlay's, the wizard's (or its y/n), the filter's while it is
    /// typed, else the focus's.
    pub fn key_section(&self) -> Section {
        if let Some(section) = self.overlay.section() {
            return section;
        }
        if self.wizard.open {
            return if self.wizard.pending.is_some() {
                Section::Confirm
            } else {
                Section::Wizard
            };
        }
        if self.command.pager_has_keys() {
            return match self.command.pager.search_input {
                Some(_) => Section::PagerSearch,
                None => Section::Pager,
            };
        }
        if self.focus == Focus::Incidents && self.incidents.filter_input.is_some() {
            return Section::Filter;
        }
        if self.incident_view.open && self.focus != Focus::Command {
            return Section::Incident;
        }
        self.focus.section()
    }
}

/// no-color.org: `NO_COLOR` set to anything non-empty turns colour off.
pub fn color_wanted(no_color: Option<&std::ffi::OsStr>) -> bool {
    no_color.is_none_or(|v| v.is_empty())
}
