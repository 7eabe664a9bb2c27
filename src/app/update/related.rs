//! The highlighted incident's related items: asking for them while the incident view shows them, and keeping the answer.

use crate::app::effect::Effect;
use crate::app::state::AppState;
use crate::domain::cloud_error::CloudError;
use crate::domain::model::RelatedItem;

/// Reads the highlighted incident's related items when the view shows them and they are not already read.
pub fn load(state: &mut AppState) -> Vec<Effect> {
    let Some(arn) = state.incidents.selected_arn().map(str::to_string) else {
        return Vec::new();
    };
    if !state.incident_view.open {
        return Vec::new();
    }
    if state.related.arn.as_deref() != Some(arn.as_str()) {
        state.related.items.clear();
        state.related.error = None;
        state.incident_view.related_cursor = 0;
    }
    state.related.arn = Some(arn.clone());
    state.related.loading = true;
    vec![Effect::LoadRelatedItems { arn }]
}

pub fn loaded(
    state: &mut AppState,
    arn: &str,
    result: Result<Vec<RelatedItem>, CloudError>,
) -> Vec<Effect> {
    // Items of the highlighted incident are kept, whoever asked for them (the view, or the timeline's titles).
    if state.incidents.selected_arn() != Some(arn) {
        return Vec::new();
    }
    if state.related.arn.as_deref() != Some(arn) {
        state.incident_view.related_cursor = 0;
    }
    state.related.arn = Some(arn.to_string());
    state.related.loading = false;
    match result {
        Ok(items) => {
            state.related.items = items;
            state.related.error = None;
            state.incident_view.related_cursor = state
                .incident_view
                .related_cursor
                .min(state.related.items.len().saturating_sub(1));
        }
        Err(error) => state.related.error = Some(error.to_string()),
    }
    Vec::new()
}
