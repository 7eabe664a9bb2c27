//! `Msg`: everything that can happen to the app, a key intent or an answer to an `Effect`, named in the past tense.

use ratatui::crossterm::event::{KeyEvent, MouseEvent};

use crate::app::state::HistoryScope;
use crate::domain::audit::Check;
use crate::domain::chat_command::ChatLine;
use crate::domain::cloud_error::CloudError;
use crate::domain::model::{
    EventSummary, IncidentRecord, IncidentRecordSummary, RelatedItem, TimelineEvent, Timestamp,
};
use crate::domain::setup_plan::SetupStep;
use crate::domain::snapshot::CloudSnapshot;

#[derive(Debug, Clone)]
pub enum Msg {
    /// The loop started: time is known and the first loads can be asked for.
    Started {
        now: Timestamp,
    },
    /// The clock moved on; drives polling, spinners and ages. Sent a few times a second.
    Tick {
        now: Timestamp,
    },
    KeyPressed(KeyEvent),
    /// A click or a wheel turn (only sent when the mouse is on: the config's `mouse`, `--no-mouse`), with what
    /// the frame on screen drew under it (`ui::hit::mouse_msg` builds it).
    MouseUsed {
        event: MouseEvent,
        hit: crate::app::hit::Hit,
    },
    /// Bracketed paste into whichever text field has focus.
    Pasted(String),
    Resized {
        width: u16,
        height: u16,
    },
    /// This incident is to be highlighted (a started incident, a test).
    IncidentRequested {
        arn: String,
    },
    /// `--incident ARN`: highlight this incident and open it in the incident view.
    IncidentViewRequested {
        arn: String,
    },
    /// A Region of the snapshot finished loading.
    SnapshotProgress {
        generation: u64,
        regions_done: usize,
        regions_total: usize,
    },
    SnapshotLoaded {
        generation: u64,
        snapshot: Box<CloudSnapshot>,
        checks: Vec<Check>,
    },
    IncidentsLoaded {
        generation: u64,
        result: Result<Vec<IncidentRecordSummary>, CloudError>,
    },
    /// The newest event of each incident a `CheckLatestEvents` named (`Ok(None)`: its timeline is empty), or why
    /// it could not be read.
    LatestEventsChecked {
        generation: u64,
        answers: Vec<(String, Result<Option<EventSummary>, CloudError>)>,
    },
    IncidentRecordLoaded {
        arn: String,
        result: Result<IncidentRecord, CloudError>,
    },
    /// One page of a `PollTimeline`; `last_page` ends the poll.
    TimelinePage {
        arn: String,
        generation: u64,
        result: Result<Vec<EventSummary>, CloudError>,
        last_page: bool,
    },
    EventLoaded {
        arn: String,
        id: String,
        result: Result<TimelineEvent, CloudError>,
    },
    RelatedItemsLoaded {
        arn: String,
        result: Result<Vec<RelatedItem>, CloudError>,
    },
    /// A command ran: `Ok` holds the response as the service returned it (`Null` for none); `update`
    /// renders it the way the line's `--query` and `--output` ask.
    CommandFinished {
        line: ChatLine,
        result: Result<serde_json::Value, CloudError>,
    },
    /// A probe's publishes are done: per topic, the MessageId or why it failed.
    ProbeFinished {
        target: crate::domain::probe::ProbeTarget,
        published: Vec<crate::domain::probe::Publish>,
    },
    /// The persisted history of `scope`; dropped when the box has moved to another scope since.
    HistoryLoaded {
        scope: HistoryScope,
        lines: Vec<String>,
    },
    /// A setup step was written (or not). `Ok` holds the step's re-checks that still fail in the fresh audit
    /// (empty: the step is proven); `Err` says why nothing was written, e.g. `PreconditionFailed` when the
    /// resource changed since the preview. `snapshot` and `checks` are the state read right after, `None` when
    /// no request was made.
    SetupStepApplied {
        generation: u64,
        step: Box<SetupStep>,
        result: Result<Vec<Check>, CloudError>,
        snapshot: Option<Box<CloudSnapshot>>,
        checks: Vec<Check>,
    },
    /// The post-incident record was written to `path` (or not).
    ExportFinished {
        arn: String,
        path: String,
        result: Result<(), ExportFailure>,
    },
    /// A URL went to the system's opener (named), or to the clipboard where there was none.
    UrlOpened {
        url: String,
        opener: Option<String>,
    },
}

/// Why an export wrote nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportFailure {
    /// The file is there already; it is replaced only when the user says so.
    AlreadyExists,
    /// Reading the incident or writing the file failed, in words.
    Failed(String),
}
