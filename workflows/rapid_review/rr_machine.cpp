// The rapid review state machine (Boost.MSM): the single source of truth for
// which step may follow which. README.md in this folder shows the same table,
// and a test keeps the two in agreement. Everything MSM stays in this file.

#include "../src/msm_support/machine_support.h"
#include "../src/msm_support/review_rows.h"
#include "casereview/workflows/factories.h"
#include "rr_names.h"
#include "rr_spec.h"
#include "rr_steps.h"

namespace casereview::workflows::rr {
namespace {

namespace front = boost::msm::front;
using msm_support::All;
using msm_support::Branch;
using msm_support::Do;
using msm_support::If;
using workflows::Step;
namespace shared = workflows::review;

struct NotOpened : front::state<> {
  static constexpr const char* name = rr::state::kNotOpened;
};
struct GatheringInformation : front::state<> {
  static constexpr const char* name = rr::state::kGatheringInformation;
};
struct MeetingHeld : front::state<> {
  static constexpr const char* name = rr::state::kMeetingHeld;
};
struct Decided : front::state<> {
  static constexpr const char* name = rr::state::kDecided;
};
struct AwaitingPanel : front::state<> {
  static constexpr const char* name = rr::state::kAwaitingPanel;
};
struct PanelResponded : front::state<> {
  static constexpr const char* name = rr::state::kPanelResponded;
};
struct Reconsidering : front::state<> {
  static constexpr const char* name = rr::state::kReconsidering;
};

struct Open : Step {
  static constexpr const char* name = command::kOpen;
};
struct RecordMeeting : Step {
  static constexpr const char* name = command::kRecordMeeting;
};
struct RecordDecision : Step {
  static constexpr const char* name = command::kRecordDecision;
};
struct SubmitToPanel : Step {
  static constexpr const char* name = command::kSubmitToPanel;
};
struct RecordPanelResponse : Step {
  static constexpr const char* name = command::kRecordPanelResponse;
};
struct RecordDecisionAfterPanel : Step {
  static constexpr const char* name = command::kRecordDecisionAfterPanel;
};
struct RecordNationalReview : Step {
  static constexpr const char* name = command::kRecordNationalReview;
};

using AllCommands = msm_support::CommandSet<Open, RecordMeeting, RecordDecision, SubmitToPanel, RecordPanelResponse,
                                            RecordDecisionAfterPanel, RecordNationalReview,
                                            shared::RequestAgencyInformation, shared::RecordAgencyReturn,
                                            shared::SendAgencyReminder, shared::AddAction, shared::UpdateAction>;

template <class S>
using AskAgencies = msm_support::AskAgenciesRow<S, S, record_information_request>;
using msm_support::AddActionRow;
using msm_support::AgencyReturnedRow;
using msm_support::RemindAgencyRow;
using msm_support::UpdateActionRow;
// Offered until a national review is linked: when the Panel says it will carry
// one out after its response (or said so in a response recorded before the
// national review was a linked case).
template <class S>
using NationalReviewRow = front::Row<S, RecordNationalReview, S, Do<record_national_review>,
                                     All<Branch<no_national_review_yet>, If<national_review_after_sending>>>;

struct Definition : msm_support::MachineDef<Definition> {
  using initial_state = NotOpened;

  // clang-format off
  using transition_table = boost::mpl::vector25<
    //         Source                Command                   Target                Action                           Guard
    front::Row<NotOpened,            Open,                     GatheringInformation, Do<record_opened>,               If<opening_dates_in_order>>,
    AskAgencies<GatheringInformation>,
    AgencyReturnedRow<GatheringInformation>,
    RemindAgencyRow<GatheringInformation>,
    front::Row<GatheringInformation, RecordMeeting,            MeetingHeld,          Do<record_meeting>,              If<meeting_after_notification>>,
    AskAgencies<MeetingHeld>,
    AgencyReturnedRow<MeetingHeld>,
    RemindAgencyRow<MeetingHeld>,
    front::Row<MeetingHeld,          RecordDecision,           Decided,              Do<record_decision>,             If<decision_reasoned>>,
    AgencyReturnedRow<Decided>,
    front::Row<Decided,              SubmitToPanel,            AwaitingPanel,        Do<record_submitted>,            If<sent_after_decision>>,
    AddActionRow<Decided>,
    UpdateActionRow<Decided>,
    // Which row the Panel's response takes is chosen by what the Panel said.
    front::Row<AwaitingPanel,        RecordPanelResponse,      PanelResponded,       Do<record_panel_response>,       All<Branch<response_settles_decision>, If<response_after_sending>>>,
    front::Row<AwaitingPanel,        RecordPanelResponse,      Reconsidering,        Do<record_panel_response>,       All<Branch<response_challenges_decision>, If<response_after_sending>>>,
    AddActionRow<AwaitingPanel>,
    UpdateActionRow<AwaitingPanel>,
    front::Row<Reconsidering,        RecordDecisionAfterPanel, PanelResponded,       Do<record_decision_after_panel>, If<decision_after_panel_reasoned>>,
    NationalReviewRow<Reconsidering>,
    AddActionRow<Reconsidering>,
    UpdateActionRow<Reconsidering>,
    // Cases whose challenging response was recorded before the state above existed.
    front::Row<PanelResponded,       RecordDecisionAfterPanel, PanelResponded,       Do<record_decision_after_panel>, All<Branch<challenge_unanswered>, If<decision_after_panel_reasoned>>>,
    NationalReviewRow<PanelResponded>,
    AddActionRow<PanelResponded>,
    UpdateActionRow<PanelResponded>
  >;
  // clang-format on
};

using Machine = boost::msm::back::state_machine<Definition>;

WorkflowSpec rapid_review_spec() {
  WorkflowSpec spec;
  spec.kind = kKind;
  spec.title = "Rapid review";
  spec.reference_prefix = "RR";
  spec.opening_command = command::kOpen;
  spec.opened_by_kind = "serious_incident_notification";
  spec.states = states();
  spec.commands = commands();
  spec.rules = deadline_rules();
  spec.event_sentences = event_sentences();
  return spec;
}

}  // namespace
}  // namespace casereview::workflows::rr

namespace casereview::workflows {

std::unique_ptr<Workflow> make_rapid_review_workflow() {
  return std::make_unique<msm_support::MachineWorkflow<rr::Machine, rr::AllCommands>>(rr::rapid_review_spec(),
                                                                                      rr::state::kNotOpened);
}

}  // namespace casereview::workflows
