// The national review state machine (Boost.MSM): the partnership's part in a
// national child safeguarding practice review carried out by the Child
// Safeguarding Practice Review Panel. The single source of truth for which step
// may follow which; README.md in this folder shows the same table, and a test
// keeps the two in agreement. Everything MSM stays in this file.

#include "../src/msm_support/machine_support.h"
#include "../src/msm_support/review_rows.h"
#include "casereview/workflows/factories.h"
#include "nr_names.h"
#include "nr_spec.h"
#include "nr_steps.h"

namespace casereview::workflows::nr {
namespace {

namespace front = boost::msm::front;
using msm_support::Do;
using msm_support::If;
using workflows::Step;
namespace shared = workflows::review;

struct NotOpened : front::state<> {
  static constexpr const char* name = nr::state::kNotOpened;
};
struct Contributing : front::state<> {
  static constexpr const char* name = nr::state::kContributing;
};
struct ActingOnReport : front::state<> {
  static constexpr const char* name = nr::state::kActingOnReport;
};
struct Closed : front::state<> {
  static constexpr const char* name = nr::state::kClosed;
};

struct Open : Step {
  static constexpr const char* name = command::kOpen;
};
struct RecordPanelRequest : Step {
  static constexpr const char* name = command::kRecordPanelRequest;
};
struct RecordInformationProvided : Step {
  static constexpr const char* name = command::kRecordInformationProvided;
};
struct RecordReportPublished : Step {
  static constexpr const char* name = command::kRecordReportPublished;
};
struct RecordPartnershipResponse : Step {
  static constexpr const char* name = command::kRecordPartnershipResponse;
};
struct CloseNationalReview : Step {
  static constexpr const char* name = command::kCloseNationalReview;
};

using AllCommands =
    msm_support::CommandSet<Open, RecordPanelRequest, RecordInformationProvided, RecordReportPublished,
                            RecordPartnershipResponse, CloseNationalReview, shared::AddAction, shared::UpdateAction>;

using msm_support::AddActionRow;
using msm_support::UpdateActionRow;

struct Definition : msm_support::MachineDef<Definition> {
  using initial_state = NotOpened;

  // clang-format off
  using transition_table = boost::mpl::vector<
    //         Source          Command                    Target          Action                           Guard
    front::Row<NotOpened,      Open,                      Contributing,   Do<record_opened>,               front::none>,
    front::Row<Contributing,   RecordPanelRequest,        Contributing,   Do<record_panel_request>,        If<new_panel_request>>,
    front::Row<Contributing,   RecordInformationProvided, Contributing,   Do<record_information_provided>, If<panel_request_open>>,
    front::Row<Contributing,   RecordReportPublished,     ActingOnReport, Do<record_report_published>,     If<report_dated>>,
    front::Row<ActingOnReport, RecordPartnershipResponse, ActingOnReport, Do<record_partnership_response>, If<response_reasoned>>,
    AddActionRow<ActingOnReport>,
    UpdateActionRow<ActingOnReport>,
    front::Row<ActingOnReport, CloseNationalReview,       Closed,         Do<record_closed>,               If<response_recorded>>,
    AddActionRow<Closed>,
    UpdateActionRow<Closed>
  >;
  // clang-format on
};

using Machine = boost::msm::back::state_machine<Definition>;

WorkflowSpec national_review_spec() {
  WorkflowSpec spec;
  spec.kind = kKind;
  spec.title = "National review by the Panel";
  spec.reference_prefix = "NR";
  spec.opening_command = command::kOpen;
  spec.opened_by_kind = "rapid_review";
  spec.states = states();
  spec.commands = commands();
  spec.rules = deadline_rules();
  spec.event_sentences = event_sentences();
  return spec;
}

}  // namespace
}  // namespace casereview::workflows::nr

namespace casereview::workflows {

std::unique_ptr<Workflow> make_national_review_workflow() {
  return std::make_unique<msm_support::MachineWorkflow<nr::Machine, nr::AllCommands>>(nr::national_review_spec(),
                                                                                      nr::state::kNotOpened);
}

}  // namespace casereview::workflows
