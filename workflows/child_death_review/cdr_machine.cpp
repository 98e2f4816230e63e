// The child death review state machine (Boost.MSM): the single source of truth
// for which step may follow which. README.md in this folder shows the same
// table, and a test keeps the two in agreement.

#include "../src/msm_support/machine_support.h"
#include "../src/review_events.h"
#include "../src/review_steps.h"
#include "casereview/workflows/factories.h"
#include "cdr_names.h"
#include "cdr_spec.h"
#include "cdr_steps.h"

namespace casereview::workflows::cdr {
namespace {

namespace front = boost::msm::front;
using msm_support::Do;
using msm_support::If;
using workflows::Step;
namespace shared = workflows::review;

struct NotOpened : front::state<> { static constexpr const char* name = cdr::state::kNotOpened; };
struct Notified : front::state<> { static constexpr const char* name = cdr::state::kNotified; };
struct GatheringInformation : front::state<> { static constexpr const char* name = cdr::state::kGatheringInformation; };
struct MeetingHeld : front::state<> { static constexpr const char* name = cdr::state::kMeetingHeld; };
struct PanelReviewed : front::state<> { static constexpr const char* name = cdr::state::kPanelReviewed; };
struct Closed : front::state<> { static constexpr const char* name = cdr::state::kClosed; };

struct NotifyDeath : Step { static constexpr const char* name = command::kNotifyDeath; };
struct RecordJarDiscussion : Step { static constexpr const char* name = command::kRecordJarDiscussion; };
struct RaiseNotification : Step { static constexpr const char* name = command::kRaiseNotification; };
struct RecordReviewMeeting : Step { static constexpr const char* name = command::kRecordReviewMeeting; };
struct RecordPanelReview : Step { static constexpr const char* name = command::kRecordPanelReview; };
struct ImportLegacyPanelReview : Step { static constexpr const char* name = command::kImportLegacyPanelReview; };
struct RecordNcmdSubmission : Step { static constexpr const char* name = command::kRecordNcmdSubmission; };

using AllCommands =
    msm_support::CommandSet<NotifyDeath, RecordJarDiscussion, RaiseNotification, RecordReviewMeeting,
                            RecordPanelReview, ImportLegacyPanelReview, RecordNcmdSubmission,
                            shared::RequestAgencyInformation, shared::RecordAgencyReturn, shared::SendAgencyReminder,
                            shared::AddAction, shared::UpdateAction>;

template <class S, class T>
using AskForForms = front::Row<S, shared::RequestAgencyInformation, T, Do<record_forms_requested>,
                               If<shared::agencies_not_already_awaited>>;
template <class S>
using FormReturned = front::Row<S, shared::RecordAgencyReturn, S, Do<shared::record_agency_return>,
                                If<shared::agency_return_awaited>>;
template <class S>
using Jar = front::Row<S, RecordJarDiscussion, S, Do<record_jar_discussion>, If<jar_discussion_due>>;
template <class S>
using Raise = front::Row<S, RaiseNotification, S, Do<record_notification_raised>, If<notification_not_yet_raised>>;
template <class S>
using AddAction = front::Row<S, shared::AddAction, S, Do<shared::record_action_added>, If<shared::new_action_ref>>;
template <class S>
using UpdateAction = front::Row<S, shared::UpdateAction, S, Do<shared::record_action_updated>,
                                If<shared::action_can_be_updated>>;

struct Definition : msm_support::MachineDef<Definition> {
  using initial_state = NotOpened;

  // clang-format off
  using transition_table = boost::mpl::vector<
    //         Source                Command                  Target                Action                          Guard
    front::Row<NotOpened,            NotifyDeath,             Notified,             Do<record_notified>,            If<notification_valid>>,
    Jar<Notified>,
    Raise<Notified>,
    AskForForms<Notified, GatheringInformation>,
    Jar<GatheringInformation>,
    Raise<GatheringInformation>,
    AskForForms<GatheringInformation, GatheringInformation>,
    FormReturned<GatheringInformation>,
    front::Row<GatheringInformation, shared::SendAgencyReminder, GatheringInformation, Do<shared::record_agency_reminder>, If<shared::agency_return_awaited>>,
    front::Row<GatheringInformation, RecordReviewMeeting,     MeetingHeld,          Do<record_review_meeting>,      If<meeting_dated>>,
    Raise<MeetingHeld>,
    FormReturned<MeetingHeld>,
    front::Row<MeetingHeld,          RecordPanelReview,       PanelReviewed,        Do<record_panel_review>,        If<panel_review_consistent>>,
    front::Row<MeetingHeld,          ImportLegacyPanelReview, PanelReviewed,        Do<record_legacy_panel_review>, If<legacy_panel_review_consistent>>,
    Raise<PanelReviewed>,
    front::Row<PanelReviewed,        RecordNcmdSubmission,    Closed,               Do<record_ncmd_submission>,     If<submission_dated>>,
    AddAction<PanelReviewed>,
    UpdateAction<PanelReviewed>,
    AddAction<Closed>,
    UpdateAction<Closed>
  >;
  // clang-format on
};

using Machine = boost::msm::back::state_machine<Definition>;

class ChildDeathReviewWorkflow final : public Workflow {
 public:
  ChildDeathReviewWorkflow() {
    spec_.kind = kKind;
    spec_.title = "Child death review";
    spec_.reference_prefix = "CDR";
    spec_.opening_command = command::kNotifyDeath;
    spec_.states = states();
    spec_.commands = commands();
    spec_.transitions = msm_support::transitions<Machine>(cdr::state::kNotOpened);
    spec_.rules = deadline_rules();
    spec_.check_duplicates = true;
    spec_.residence_fact = "resident_local_authority";
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
}  // namespace casereview::workflows::cdr

namespace casereview::workflows {

std::unique_ptr<Workflow> make_child_death_review_workflow() {
  return std::make_unique<cdr::ChildDeathReviewWorkflow>();
}

}  // namespace casereview::workflows
