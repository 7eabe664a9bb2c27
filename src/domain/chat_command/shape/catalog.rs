//! The request shapes of the 13 commands' options, from the botocore model of ssm-incidents.

use super::{Shape, TextCheck, checked, member, required, text};
use crate::domain::model::ITEM_TYPES;

pub const ARN: Shape = checked(1000, TextCheck::Arn);
pub const SNS_TOPIC_ARN: Shape = checked(1000, TextCheck::SnsTopicArn);
pub const INCIDENT_RECORD_ARN: Shape = checked(1000, TextCheck::IncidentRecordArn);
pub const RESPONSE_PLAN_ARN: Shape = checked(1000, TextCheck::ResponsePlanArn);
pub const TITLE: Shape = text(200);
pub const IMPACT: Shape = Shape::Integer { min: 1, max: 5 };
pub const CLIENT_TOKEN: Shape = text(128);
pub const EVENT_ID: Shape = checked(50, TextCheck::Any);
pub const EVENT_TYPE: Shape = text(100);
pub const EVENT_DATA: Shape = text(12000);
pub const SUMMARY: Shape = text(8000);
pub const TIMESTAMP: Shape = Shape::Timestamp;
pub const STATUS: Shape = checked(8, TextCheck::OneOf(&["OPEN", "RESOLVED"]));
pub const SORT_ORDER: Shape = checked(10, TextCheck::OneOf(&["ASCENDING", "DESCENDING"]));
pub const SORT_BY: Shape = checked(10, TextCheck::OneOf(&["EVENT_TIME"]));

const RELATED_ITEM_ID: Shape = checked(200, TextCheck::RelatedItemId);
pub const EVENT_REFERENCE: Shape = Shape::Union {
    name: "EventReference",
    members: &[
        member("resource", &ARN),
        member("relatedItemId", &RELATED_ITEM_ID),
    ],
};
pub const EVENT_REFERENCES: Shape = Shape::List {
    item: &EVENT_REFERENCE,
    min: 0,
    max: 10,
};

const PAGER_DUTY_INCIDENT_DETAIL: Shape = Shape::Structure {
    name: "PagerDutyIncidentDetail",
    members: &[
        required("id", &checked(200, TextCheck::Any)),
        member("autoResolve", &Shape::Boolean),
        member("secretId", &checked(512, TextCheck::Any)),
    ],
};
const ITEM_VALUE: Shape = Shape::Union {
    name: "ItemValue",
    members: &[
        member("arn", &ARN),
        member("url", &checked(1000, TextCheck::Any)),
        member("metricDefinition", &checked(4000, TextCheck::Any)),
        member("pagerDutyIncidentDetail", &PAGER_DUTY_INCIDENT_DETAIL),
    ],
};
pub const ITEM_TYPE: Shape = checked(20, TextCheck::OneOf(&ITEM_TYPES));
pub const ITEM_IDENTIFIER: Shape = Shape::Structure {
    name: "ItemIdentifier",
    members: &[required("type", &ITEM_TYPE), required("value", &ITEM_VALUE)],
};
pub const RELATED_ITEM: Shape = Shape::Structure {
    name: "RelatedItem",
    members: &[
        required("identifier", &ITEM_IDENTIFIER),
        member("title", &TITLE),
        member("generatedId", &RELATED_ITEM_ID),
    ],
};
pub const RELATED_ITEMS: Shape = Shape::List {
    item: &RELATED_ITEM,
    min: 0,
    max: 100,
};
pub const RELATED_ITEMS_UPDATE: Shape = Shape::Union {
    name: "RelatedItemsUpdate",
    members: &[
        member("itemToAdd", &RELATED_ITEM),
        member("itemToRemove", &ITEM_IDENTIFIER),
    ],
};
pub const TRIGGER_DETAILS: Shape = Shape::Structure {
    name: "TriggerDetails",
    members: &[
        required("source", &checked(50, TextCheck::Any)),
        required("timestamp", &TIMESTAMP),
        member("triggerArn", &ARN),
        member("rawData", &text(10000)),
    ],
};
const ATTRIBUTE_VALUE_LIST: Shape = Shape::Union {
    name: "AttributeValueList",
    members: &[
        member(
            "stringValues",
            &Shape::List {
                item: &checked(1000, TextCheck::Any),
                min: 0,
                max: 100,
            },
        ),
        member(
            "integerValues",
            &Shape::List {
                item: &Shape::Integer {
                    min: i32::MIN as i64,
                    max: i32::MAX as i64,
                },
                min: 0,
                max: 100,
            },
        ),
    ],
};
const CONDITION: Shape = Shape::Union {
    name: "Condition",
    members: &[
        member("before", &TIMESTAMP),
        member("after", &TIMESTAMP),
        member("equals", &ATTRIBUTE_VALUE_LIST),
    ],
};
pub const FILTER: Shape = Shape::Structure {
    name: "Filter",
    members: &[
        required("key", &checked(50, TextCheck::Any)),
        required("condition", &CONDITION),
    ],
};
pub const FILTERS: Shape = Shape::List {
    item: &FILTER,
    min: 0,
    max: 5,
};
pub const CHAT_CHANNEL: Shape = Shape::Union {
    name: "ChatChannel",
    members: &[
        member(
            "chatbotSns",
            &Shape::List {
                item: &SNS_TOPIC_ARN,
                min: 1,
                max: 5,
            },
        ),
        member(
            "empty",
            &Shape::Structure {
                name: "EmptyChatChannel",
                members: &[],
            },
        ),
    ],
};
pub const NOTIFICATION_TARGET: Shape = Shape::Union {
    name: "NotificationTargetItem",
    members: &[member("snsTopicArn", &SNS_TOPIC_ARN)],
};
pub const NOTIFICATION_TARGETS: Shape = Shape::List {
    item: &NOTIFICATION_TARGET,
    min: 0,
    max: 10,
};
