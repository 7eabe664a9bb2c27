//! Arn's parser, accessors and constructors, with a round trip over generated ARNs.

use super::*;
use proptest::prelude::*;

const RECORD: &str = "arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE";

#[test]
fn reads_the_six_parts() {
    let arn = Arn::parse(RECORD).expect("valid");
    assert_eq!(arn.partition(), "aws");
    assert_eq!(arn.service(), "ssm-incidents");
    assert_eq!(arn.region(), "");
    assert_eq!(arn.account(), "111122223333");
    assert_eq!(arn.resource_type(), Some("incident-record"));
    assert_eq!(
        arn.resource_path(),
        "MyResponsePlanChat/98c397e6-7c10-aa10-9b86-f199aEXAMPLE"
    );
    assert_eq!(arn.resource_id(), "98c397e6-7c10-aa10-9b86-f199aEXAMPLE");
    assert_eq!(arn.to_string(), RECORD);
}

#[test]
fn a_topic_has_no_resource_type() {
    let arn = Arn::parse("arn:aws-cn:sns:cn-north-1:111122223333:My_SNS_topic").expect("valid");
    assert_eq!(arn.region(), "cn-north-1");
    assert_eq!(arn.resource_type(), None);
    assert_eq!(arn.resource_path(), "My_SNS_topic");
    assert_eq!(arn.resource_id(), "My_SNS_topic");
}

#[test]
fn colons_after_the_account_belong_to_the_resource() {
    let alarm =
        Arn::parse("arn:aws:cloudwatch:us-east-2:111122223333:alarm:orders-db").expect("valid");
    assert_eq!(alarm.resource(), "alarm:orders-db");
    assert_eq!(alarm.resource_type(), Some("alarm"));
    assert_eq!(alarm.resource_path(), "orders-db");
    let subscription =
        Arn::parse("arn:aws:sns:us-east-2:111122223333:t:5e0f0000-0000").expect("valid");
    assert_eq!(subscription.resource_id(), "5e0f0000-0000");
}

#[test]
fn aws_owns_its_managed_policies_and_s3_names_no_account() {
    let policy =
        Arn::parse("arn:aws:iam::aws:policy/AWSIncidentManagerResolverAccess").expect("valid");
    assert_eq!(policy.account(), "aws");
    assert_eq!(policy.resource_id(), "AWSIncidentManagerResolverAccess");
    assert_eq!(
        Arn::parse("arn:aws:s3:::bucket").expect("valid").account(),
        ""
    );
}

#[test]
fn each_wrong_part_is_named() {
    let problem = |text: &str| Arn::parse(text).expect_err("invalid").problem;
    assert_eq!(problem("sns:us-east-1:1:t"), ArnProblem::NotAnArn);
    assert_eq!(problem("arn:aws:sns"), ArnProblem::TooFewParts(3));
    assert_eq!(
        problem("arn:azure:sns:us-east-1:111122223333:t"),
        ArnProblem::Partition("azure".into())
    );
    assert_eq!(
        problem("arn:aws::us-east-1:111122223333:t"),
        ArnProblem::Service
    );
    assert_eq!(
        problem("arn:aws:SNS:us-east-1:111122223333:t"),
        ArnProblem::Service
    );
    assert_eq!(
        problem("arn:aws:sns:US-EAST-1:111122223333:t"),
        ArnProblem::Region
    );
    assert_eq!(
        problem("arn:aws:sns:us-east-1:12345:t"),
        ArnProblem::Account
    );
    assert_eq!(
        problem("arn:aws:sns:us-east-1:111122223333:"),
        ArnProblem::EmptyResource
    );
    assert_eq!(
        Arn::parse("arn:aws:sns:us-east-1:12345:x")
            .expect_err("invalid")
            .to_string(),
        "`arn:aws:sns:us-east-1:12345:x`: the account must be 12 digits (or empty, or `aws` for an AWS \
         managed policy)"
    );
}

#[test]
fn constructors_write_the_formats_aws_uses() {
    let account = "111122223333";
    assert_eq!(
        Arn::sns_topic("us-east-2", account, "t").to_string(),
        "arn:aws:sns:us-east-2:111122223333:t"
    );
    assert_eq!(
        Arn::incident_record(account, "P", "1").to_string(),
        "arn:aws:ssm-incidents::111122223333:incident-record/P/1"
    );
    assert_eq!(
        Arn::response_plan(account, "p").to_string(),
        "arn:aws:ssm-incidents::111122223333:response-plan/p"
    );
    assert_eq!(
        Arn::replication_set(account, "x").to_string(),
        "arn:aws:ssm-incidents::111122223333:replication-set/x"
    );
    assert_eq!(
        Arn::chat_configuration(account, "slack-channel", "c").to_string(),
        "arn:aws:chatbot::111122223333:chat-configuration/slack-channel/c"
    );
    assert_eq!(
        Arn::iam(account, "role/Admin").to_string(),
        "arn:aws:iam::111122223333:role/Admin"
    );
}

#[test]
fn short_name_leaves_what_is_not_an_arn() {
    assert_eq!(
        Arn::short_name(RECORD),
        "98c397e6-7c10-aa10-9b86-f199aEXAMPLE"
    );
    assert_eq!(Arn::short_name("alias/aws/sns"), "alias/aws/sns");
}

fn arn_parts() -> impl Strategy<Value = (String, String, String, String, String)> {
    (
        proptest::sample::select(PARTITIONS),
        "[a-z0-9-]{1,20}",
        "[a-z0-9-]{0,15}",
        prop_oneof![Just(String::new()), Just("aws".to_string()), "[0-9]{12}"],
        "[ -~]{1,60}",
    )
        .prop_map(|(p, s, r, a, res)| (p.to_string(), s, r, a, res))
}

proptest! {
    #[test]
    fn display_gives_back_the_text_parse_read(
        (partition, service, region, account, resource) in arn_parts()
    ) {
        let text = format!("arn:{partition}:{service}:{region}:{account}:{resource}");
        let arn: Arn = text.parse().expect("valid");
        prop_assert_eq!(arn.view().resource(), resource.as_str());
        prop_assert_eq!(arn.view().account(), account.as_str());
        prop_assert_eq!(arn.to_string(), text.clone());
        prop_assert_eq!(Arn::parse(&arn.to_string()).expect("valid").into_owned(), arn);
    }

    #[test]
    fn parse_never_panics_and_what_it_reads_prints_back(text in "[ -~]{0,80}") {
        if let Ok(arn) = Arn::parse(&text) {
            prop_assert_eq!(arn.to_string(), text);
        }
    }
}
