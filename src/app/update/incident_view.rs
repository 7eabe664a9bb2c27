//! The incident view: opening it on the highlighted incident, its keys, opening a related item, and zoom.

use crate::app::effect::Effect;
use crate::app::keymap::Action;
use crate::app::state::command_output::CommandOutput;
use crate::app::state::incident_view::{ACK_EVENT, PAGE_EVENT, engagement_event_ids, engagements};
use crate::app::state::{AppState, DetailTarget, Focus, Overlay, ViewPane};
use crate::domain::model::ItemValue;

use super::{incidents, movement, related, timeline};

/// Enter on an incident: the view covers the panes and shows the highlighted incident; nothing highlighted,
/// nothing opens.
pub fn open(state: &mut AppState) -> Vec<Effect> {
    if state.incidents.selected().is_none() {
        state.command.output = CommandOutput::Failed {
            title: "incident".into(),
            message: "no incident is highlighted: nothing to open".into(),
        };
        return Vec::new();
    }
    state.incident_view.open = true;
    state.incident_view.pane = ViewPane::Timeline;
    state.incident_view.related_cursor = 0;
    state.focus = Focus::Incidents;
    state.last_pane = Focus::Incidents;
    let mut effects = related::load(state);
    refresh_engaged(state);
    effects.extend(fetch_engagements(state));
    effects.extend(timeline::fetch_visible_texts(state));
    effects
}

/// `--incident ARN`: the view opens at once and shows the incident as soon as the list brings it.
pub fn open_requested(state: &mut AppState, arn: String) -> Vec<Effect> {
    state.incident_view.open = true;
    state.incident_view.pane = ViewPane::Timeline;
    incidents::select(state, arn)
}

/// Works out who was engaged again, from the timeline as it is now.
pub fn refresh_engaged(state: &mut AppState) {
    if !state.incident_view.open {
        return;
    }
    let (engaged, unread) = engagements(&state.timeline);
    state.incident_view.engaged = engaged;
    state.incident_view.engaged_unread = unread;
    state.incident_view.engaged_of = state.timeline.arn.clone();
}

/// Whether an event is one the engagement list is made from.
pub fn is_engagement_event(state: &AppState, id: &str) -> bool {
    state
        .timeline
        .find(id)
        .is_some_and(|r| r.summary.event_type == PAGE_EVENT || r.summary.event_type == ACK_EVENT)
}

/// Asks for the texts of page and acknowledgement events while the view shows who was engaged.
pub fn fetch_engagements(state: &mut AppState) -> Vec<Effect> {
    let Some(arn) = state
        .timeline
        .arn
        .clone()
        .filter(|_| state.incident_view.open)
    else {
        return Vec::new();
    };
    let ids = engagement_event_ids(&state.timeline);
    state
        .timeline
        .take_missing_texts_of(&ids)
        .into_iter()
        .map(|id| Effect::FetchEvent {
            arn: arn.clone(),
            id,
        })
        .collect()
}

/// Keys while the incident view is up. Unbound keys fall back to [global] through the keymap; an action the
/// view does not handle itself (an incident action, quit, help …) is `None`, for the dashboard's handler.
pub fn key(state: &mut AppState, action: Action) -> Option<Vec<Effect>> {
    let view = &mut state.incident_view;
    let effects = match action {
        Action::Leave => {
            view.open = false;
            state.zoom = false;
            Vec::new()
        }
        Action::FocusNext | Action::FocusPrev => {
            view.pane = match view.pane {
                ViewPane::Timeline => ViewPane::Related,
                ViewPane::Related => ViewPane::Timeline,
            };
            Vec::new()
        }
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom => match view.pane {
            ViewPane::Timeline => {
                let page = timeline::page_rows(state);
                let to = movement::step(action, state.timeline.cursor, state.timeline.len(), page);
                timeline::move_cursor(state, to)
            }
            ViewPane::Related => {
                let len = state.related.items.len();
                view.related_cursor = movement::step(action, view.related_cursor, len, 5);
                Vec::new()
            }
        },
        Action::OpenDetail => {
            if view.pane == ViewPane::Timeline
                && let Some(row) = state.timeline.at_cursor()
            {
                state.overlay = Overlay::Detail {
                    target: DetailTarget::Event(row.summary.event_id.clone()),
                    scroll: 0,
                };
            }
            Vec::new()
        }
        Action::OpenUrl => open_url(state),
        _ => return None,
    };
    Some(effects)
}

/// `o` on a related item: a URL goes to the system opener; an ARN (which has no page of its own) is copied.
fn open_url(state: &mut AppState) -> Vec<Effect> {
    let arn = state.incidents.selected_arn().unwrap_or_default();
    let item = state
        .related
        .of(arn)
        .and_then(|items| items.get(state.incident_view.related_cursor));
    let Some(item) = item.filter(|_| state.incident_view.pane == ViewPane::Related) else {
        state.command.output = CommandOutput::Failed {
            title: "open".into(),
            message: "highlight a related item first (tab moves to the related items)".into(),
        };
        return Vec::new();
    };
    match &item.identifier.value {
        ItemValue::Url(url) => vec![Effect::OpenUrl(url.clone())],
        ItemValue::Arn(arn) => {
            let arn = arn.clone();
            state.command.output = CommandOutput::Text {
                title: "copied to the clipboard".into(),
                body: arn.clone(),
            };
            vec![Effect::CopyToClipboard(arn)]
        }
        _ => {
            state.command.output = CommandOutput::Failed {
                title: "open".into(),
                message: "this related item has no URL or ARN to open".into(),
            };
            Vec::new()
        }
    }
}

pub fn url_opened(state: &mut AppState, url: String, opener: Option<String>) -> Vec<Effect> {
    state.command.output = CommandOutput::Text {
        title: "related item".into(),
        body: match opener {
            Some(opener) => format!("opened with {opener}: {url}"),
            None => {
                format!("no browser opener here (xdg-open, open): copied to the clipboard: {url}")
            }
        },
    };
    Vec::new()
}

/// `z`: the focused pane fills the screen, and back.
pub fn toggle_zoom(state: &mut AppState) -> Vec<Effect> {
    state.zoom = !state.zoom;
    timeline::fetch_visible_texts(state)
}
