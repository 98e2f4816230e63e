// The serious incident notification state machine (Boost.MSM). This file is the
// single source of truth for which step may follow which; README.md in this folder
// shows the same table for people, and a test keeps the two in agreement.
// Everything MSM stays in this translation unit.

#include "../src/msm_support/machine_support.h"
#include "casereview/workflows/factories.h"
#include "sin_names.h"
#include "sin_spec.h"
#include "sin_steps.h"

namespace casereview::workflows::sin {
namespace {

namespace front = boost::msm::front;
using msm_support::All;
using msm_support::Branch;
using msm_support::Do;
using msm_support::If;
using workflows::Step;

// States. Names are stored: see sin_names.h.
struct NotOpened : front::state<> {
  static constexpr const char* name = sin::state::kNotOpened;
};
struct NotificationDue : front::state<> {
  static constexpr const char* name = sin::state::kNotificationDue;
};
struct Notified : front::state<> {
  static constexpr const char* name = sin::state::kNotified;
};
struct NotifiedNoRapidReview : front::state<> {
  static constexpr const char* name = sin::state::kNotifiedNoRapidReview;
};
struct CriteriaNotMet : front::state<> {
  static constexpr const char* name = sin::state::kCriteriaNotMet;
};

// Commands, as MSM events.
struct Open : Step {
  static constexpr const char* name = command::kOpen;
};
struct RecordPartnersInformed : Step {
  static constexpr const char* name = command::kRecordPartnersInformed;
};
struct SubmitNotification : Step {
  static constexpr const char* name = command::kSubmitNotification;
};
struct RecordCriteriaNotMet : Step {
  static constexpr const char* name = command::kRecordCriteriaNotMet;
};
struct RecordOfstedNotified : Step {
  static constexpr const char* name = command::kRecordOfstedNotified;
};
struct RecordSecretaryOfStateNotified : Step {
  static constexpr const char* name = command::kRecordSecretaryOfStateNotified;
};

using AllCommands = msm_support::CommandSet<Open, RecordPartnersInformed, SubmitNotification, RecordCriteriaNotMet,
                                            RecordOfstedNotified, RecordSecretaryOfStateNotified>;

template <class Source>
using PartnersTold =
    front::Row<Source, RecordPartnersInformed, Source, Do<record_partners_informed>, If<partners_not_yet_informed>>;
// Offered only for the death of a looked-after child or a care leaver, until
// recorded (by its own step, or by the notification that reached them).
template <class Source>
using OfstedTold = front::Row<Source, RecordOfstedNotified, Source, Do<record_ofsted_notified>,
                              All<Branch<ofsted_still_to_be_notified>, If<notified_after_awareness>>>;
template <class Source>
using SecretaryOfStateTold =
    front::Row<Source, RecordSecretaryOfStateNotified, Source, Do<record_secretary_of_state_notified>,
               All<Branch<secretary_of_state_still_to_be_notified>, If<notified_after_awareness>>>;

struct Definition : msm_support::MachineDef<Definition> {
  using initial_state = NotOpened;

  // clang-format off
  using transition_table = boost::mpl::vector<
    //         Source                 Command               Target                 Action                                       Guard
    front::Row<NotOpened,             Open,                 NotificationDue,       Do<record_opened>,                           If<criteria_met>>,
    front::Row<NotificationDue,       SubmitNotification,   Notified,              Do<record_notification_opening_rapid_review>, All<Branch<is_serious_incident_case>, If<submitted_after_awareness>>>,
    front::Row<NotificationDue,       SubmitNotification,   NotifiedNoRapidReview, Do<record_notification_without_rapid_review>, All<Branch<is_notification_without_rapid_review>, If<submitted_after_awareness>>>,
    front::Row<NotificationDue,       RecordCriteriaNotMet, CriteriaNotMet,        Do<record_criteria_not_met>,                 All<Branch<is_serious_incident_case>, If<criteria_decision_reasoned>>>,
    PartnersTold<NotificationDue>,
    PartnersTold<Notified>,
    PartnersTold<NotifiedNoRapidReview>,
    OfstedTold<NotificationDue>,
    OfstedTold<Notified>,
    OfstedTold<NotifiedNoRapidReview>,
    SecretaryOfStateTold<NotificationDue>,
    SecretaryOfStateTold<Notified>,
    SecretaryOfStateTold<NotifiedNoRapidReview>
  >;
  // clang-format on
};

using Machine = boost::msm::back::state_machine<Definition>;

WorkflowSpec serious_incident_spec() {
  WorkflowSpec spec;
  spec.kind = kKind;
  spec.title = "Serious incident notification";
  spec.reference_prefix = "SIN";
  spec.opening_command = command::kOpen;
  spec.states = states();
  spec.commands = commands();
  spec.rules = deadline_rules();
  spec.event_sentences = event_sentences();
  return spec;
}

}  // namespace
}  // namespace casereview::workflows::sin

namespace casereview::workflows {

std::unique_ptr<Workflow> make_serious_incident_workflow() {
  return std::make_unique<msm_support::MachineWorkflow<sin::Machine, sin::AllCommands>>(sin::serious_incident_spec(),
                                                                                        sin::state::kNotOpened);
}

}  // namespace casereview::workflows
