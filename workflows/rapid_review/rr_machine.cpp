// The rapid review state machine (Boost.MSM): the single source of truth for
// which step may follow which. README.md in this folder shows the same table,
// and a test keeps the two in agreement. Everything MSM stays in this file.

#include "../src/msm_support/machine_support.h"
#include "../src/review_events.h"
#include "../src/review_steps.h"
#include "casereview/workflows/factories.h"
#include "rr_names.h"
#include "rr_spec.h"
#include "rr_steps.h"

namespace casereview::workflows::rr {
namespace {

namespace front = boost::msm::front;
using msm_support::Do;
using msm_support::If;
using workflows::Step;
namespace shared = workflows::review;

struct NotOpened : front::state<> { static constexpr const char* name = rr::state::kNotOpened; };
struct GatheringInformation : front::state<> { static constexpr const char* name = rr::state::kGatheringInformation; };
struct MeetingHeld : front::state<> { static constexpr const char* name = rr::state::kMeetingHeld; };
struct Decided : front::state<> { static constexpr const char* name = rr::state::kDecided; };
struct AwaitingPanel : front::state<> { static constexpr const char* name = rr::state::kAwaitingPanel; };
struct PanelResponded : front::state<> { static constexpr const char* name = rr::state::kPanelResponded; };

struct Open : Step { static constexpr const char* name = command::kOpen; };
struct RecordMeeting : Step { static constexpr const char* name = command::kRecordMeeting; };
struct RecordDecision : Step { static constexpr const char* name = command::kRecordDecision; };
struct SubmitToPanel : Step { static constexpr const char* name = command::kSubmitToPanel; };
struct RecordPanelResponse : Step { static constexpr const char* name = command::kRecordPanelResponse; };

using AllCommands = msm_support::CommandSet<Open, RecordMeeting, RecordDecision, SubmitToPanel, RecordPanelResponse,
                                            shared::RequestAgencyInformation, shared::RecordAgencyReturn,
                                            shared::SendAgencyReminder, shared::AddAction, shared::UpdateAction>;

template <class S>
using AskAgencies = front::Row<S, shared::RequestAgencyInformation, S, Do<record_information_request>,
                               If<shared::agencies_not_already_awaited>>;
template <class S>
using AgencyReturned = front::Row<S, shared::RecordAgencyReturn, S, Do<shared::record_agency_return>,
                                  If<shared::agency_return_awaited>>;
template <class S>
using RemindAgency = front::Row<S, shared::SendAgencyReminder, S, Do<shared::record_agency_reminder>,
                                If<shared::agency_return_awaited>>;
template <class S>
using AddAction = front::Row<S, shared::AddAction, S, Do<shared::record_action_added>, If<shared::new_action_ref>>;
template <class S>
using UpdateAction = front::Row<S, shared::UpdateAction, S, Do<shared::record_action_updated>,
                                If<shared::action_can_be_updated>>;

struct Definition : msm_support::MachineDef<Definition> {
  using initial_state = NotOpened;

  // clang-format off
  using transition_table = boost::mpl::vector<
    //         Source                Command              Target                Action                     Guard
    front::Row<NotOpened,            Open,                GatheringInformation, Do<record_opened>,         If<opening_dates_in_order>>,
    AskAgencies<GatheringInformation>,
    AgencyReturned<GatheringInformation>,
    RemindAgency<GatheringInformation>,
    front::Row<GatheringInformation, RecordMeeting,       MeetingHeld,          Do<record_meeting>,        If<meeting_after_notification>>,
    AskAgencies<MeetingHeld>,
    AgencyReturned<MeetingHeld>,
    RemindAgency<MeetingHeld>,
    front::Row<MeetingHeld,          RecordDecision,      Decided,              Do<record_decision>,       If<decision_reasoned>>,
    AgencyReturned<Decided>,
    front::Row<Decided,              SubmitToPanel,       AwaitingPanel,        Do<record_submitted>,      If<sent_after_decision>>,
    AddAction<Decided>,
    UpdateAction<Decided>,
    front::Row<AwaitingPanel,        RecordPanelResponse, PanelResponded,       Do<record_panel_response>, If<response_after_sending>>,
    AddAction<AwaitingPanel>,
    UpdateAction<AwaitingPanel>,
    AddAction<PanelResponded>,
    UpdateAction<PanelResponded>
  >;
  // clang-format on
};

using Machine = boost::msm::back::state_machine<Definition>;

class RapidReviewWorkflow final : public Workflow {
 public:
  RapidReviewWorkflow() {
    spec_.kind = kKind;
    spec_.title = "Rapid review";
    spec_.reference_prefix = "RR";
    spec_.opening_command = command::kOpen;
    spec_.opened_by_kind = "serious_incident_notification";
    spec_.states = states();
    spec_.commands = commands();
    spec_.transitions = msm_support::transitions<Machine>(rr::state::kNotOpened);
    spec_.rules = deadline_rules();
  }

  const WorkflowSpec& spec() const override { return spec_; }

  Decision decide(std::string_view state, const Command& command, const DecisionContext& context) const override {
    return msm_support::run_machine<Machine, AllCommands>(state, command, context);
  }

  std::string restore_round_trip(std::string_view state) const override {
    Machine machine;
    msm_support::restore(machine, state);
    return msm_support::state_name(machine);
  }

 private:
  WorkflowSpec spec_;
};

}  // namespace
}  // namespace casereview::workflows::rr

namespace casereview::workflows {

std::unique_ptr<Workflow> make_rapid_review_workflow() { return std::make_unique<rr::RapidReviewWorkflow>(); }

}  // namespace casereview::workflows
