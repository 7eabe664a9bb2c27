//! `Effect`: the I/O that `update` asks for; the runtime performs it and answers with a `Msg`.

use crate::app::state::HistoryScope;
use crate::domain::chat_command::ChatLine;
use crate::domain::model::Timestamp;
use crate::domain::setup_plan::SetupStep;

/// One piece of I/O. Each carries what its answer needs to be matched back (a generation or an ARN), so
/// `update` can drop answers that arrive after the user has moved on.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Read the whole setup snapshot and run the audit; answer with `SnapshotProgress` messages then
    /// `SnapshotLoaded` carrying the same generation. The audit is pure, but it
    /// evaluates every topic policy of every Region, so it runs in the effect's task and the loop keeps drawing.
    /// Everything lighter (parsing a line, rendering a response, planning the setup) happens in `update`.
    LoadSnapshot {
        generation: u64,
    },
    /// ListIncidentRecords, all pages; answer `IncidentsLoaded`.
    LoadIncidents {
        generation: u64,
    },
    /// ListTimelineEvents (newest first, one result) for each of these open incidents, which are not the
    /// highlighted one, a few at a time; answer `LatestEventsChecked` with the same generation. Asked after each
    /// incidents poll for at most `state::event_activity::CHECKS_PER_POLL` incidents.
    CheckLatestEvents {
        generation: u64,
        arns: Vec<String>,
    },
    /// GetIncidentRecord for the selected incident's header; answer `IncidentRecordLoaded`.
    LoadIncidentRecord {
        arn: String,
    },
    /// ListTimelineEvents. `after: None` reads the whole list (the first load, and the periodic reconciliation
    /// that finds edits and deletions): newest first, each page answered at once as a `TimelinePage` so the
    /// first screen appears after the first page. `after: Some(t)` is an incremental poll for events whose
    /// eventTime is after `t` (the newest seen less a margin; duplicates are merged by id and eventUpdatedTime).
    PollTimeline {
        arn: String,
        generation: u64,
        after: Option<Timestamp>,
    },
    /// ListRelatedItems: the incident view's list, and the titles of the items timeline events reference; answer
    /// `RelatedItemsLoaded`.
    LoadRelatedItems {
        arn: String,
    },
    /// GetTimelineEvent, for the text of a visible or new event; answer `EventLoaded`. `update` keeps at most
    /// eight in flight.
    FetchEvent {
        arn: String,
        id: String,
    },
    /// Run a parsed, confirmed command through the cloud adapter; answer `CommandFinished`.
    RunCommand {
        line: ChatLine,
    },
    /// Append a submitted line to the scope's persisted history (XDG state dir).
    SaveHistory {
        scope: HistoryScope,
        line: String,
    },
    /// Read the scope's persisted history; answer `HistoryLoaded`.
    LoadHistory {
        scope: HistoryScope,
    },
    /// Write the post-incident record as Markdown to `path`, replacing a file there only when `replace`;
    /// answer `ExportFinished`.
    ExportIncident {
        arn: String,
        path: String,
        replace: bool,
    },
    /// Open a URL with the system's opener (xdg-open, open); where there is none, copy it (OSC 52).
    OpenUrl(String),
    /// Write one confirmed setup step through the cloud writer (which re-reads the resource first and abandons
    /// the write if it changed since the preview), then read the snapshot again and run the audit; answer
    /// `SetupStepApplied` with the same generation. Never produced in read-only mode.
    ApplySetupStep {
        generation: u64,
        step: Box<SetupStep>,
    },
    /// Publish the probe to every topic of the target, each in its Region, through the cloud writer; answer
    /// `ProbeFinished`. Never produced in read-only mode.
    Probe {
        target: crate::domain::probe::ProbeTarget,
        /// Who sent it, as the message says.
        sender: String,
    },
    /// Put text on the terminal's clipboard (OSC 52).
    CopyToClipboard(String),
    /// Show the next account (several `--profile` flags): the runtime owns the accounts and switches; the state
    /// of the account left is kept as it is, and it goes on polling.
    SwitchAccount,
    /// Ring the terminal's bell (BEL): an incident opened that the user has not seen.
    Bell,
    Quit,
}
