// The child death review state machine (Boost.MSM): the single source of truth
// for which step may follow which. README.md in this folder shows the same
// table, and a test keeps the two in agreement.

#include "../src/msm_support/machine_support.h"
#include "../src/msm_support/review_rows.h"
#include "casereview/workflows/factories.h"
#include "cdr_names.h"
#include "cdr_spec.h"
#include "cdr_steps.h"

namespace casereview::workflows::cdr {
namespace {

namespace front = boost::msm::front;
using msm_support::All;
using msm_support::Branch;
using msm_support::Do;
using msm_support::If;
using msm_support::OfferedWhen;
using workflows::Step;
namespace shared = workflows::review;

struct NotOpened : front::state<> {
  static constexpr const char* name = cdr::state::kNotOpened;
};
struct Notified : front::state<> {
  static constexpr const char* name = cdr::state::kNotified;
};
struct GatheringInformation : front::state<> {
  static constexpr const char* name = cdr::state::kGatheringInformation;
};
struct MeetingHeld : front::state<> {
  static constexpr const char* name = cdr::state::kMeetingHeld;
};
struct PanelReviewed : front::state<> {
  static constexpr const char* name = cdr::state::kPanelReviewed;
};
struct Closed : front::state<> {
  static constexpr const char* name = cdr::state::kClosed;
};
struct OnHold : front::state<> {
  static constexpr const char* name = cdr::state::kOnHold;
};

struct NotifyDeath : Step {
  static constexpr const char* name = command::kNotifyDeath;
};
struct RecordJarDiscussion : Step {
  static constexpr const char* name = command::kRecordJarDiscussion;
};
struct RaiseNotification : Step {
  static constexpr const char* name = command::kRaiseNotification;
};
struct RecordReviewMeeting : Step {
  static constexpr const char* name = command::kRecordReviewMeeting;
};
struct RecordPanelReview : Step {
  static constexpr const char* name = command::kRecordPanelReview;
};
struct ImportLegacyPanelReview : Step {
  static constexpr const char* name = command::kImportLegacyPanelReview;
};
struct RecordNcmdSubmission : Step {
  static constexpr const char* name = command::kRecordNcmdSubmission;
};
struct RecordKeyWorker : Step {
  static constexpr const char* name = command::kRecordKeyWorker;
};
struct PutOnHold : Step {
  static constexpr const char* name = command::kPutOnHold;
};
struct Resume : Step {
  static constexpr const char* name = command::kResume;
};

using AllCommands =
    msm_support::CommandSet<NotifyDeath, RecordJarDiscussion, RaiseNotification, RecordReviewMeeting, RecordPanelReview,
                            ImportLegacyPanelReview, RecordNcmdSubmission, RecordKeyWorker, PutOnHold, Resume,
                            shared::RequestAgencyInformation, shared::RecordAgencyReturn, shared::SendAgencyReminder,
                            shared::AddAction, shared::UpdateAction>;

template <class S, class T>
using AskForForms = msm_support::AskAgenciesRow<S, T, record_forms_requested>;
using msm_support::AddActionRow;
using msm_support::RemindAgencyRow;
using msm_support::UpdateActionRow;
template <class S>
using Jar = front::Row<S, RecordJarDiscussion, S, Do<record_jar_discussion>, If<jar_discussion_due>>;
// A reporting form returned, with its answers checked against what was sent.
template <class S>
using FormReturned = front::Row<S, shared::RecordAgencyReturn, S, Do<shared::record_agency_return>,
                                All<OfferedWhen<shared::a_return_awaited>, If<reporting_form_valid>>>;
template <class S>
using KeyWorker = front::Row<S, RecordKeyWorker, S, Do<record_key_worker>, If<key_worker_valid>>;
// On hold for an inquest or a criminal process, and back where it was.
template <class S>
using Hold = front::Row<S, PutOnHold, OnHold, Do<record_on_hold>, If<hold_dated>>;
template <auto WasThere, class S>
using ResumeTo = front::Row<OnHold, Resume, S, Do<record_resumed>, All<Branch<WasThere>, If<resumption_dated>>>;
template <class S>
using Raise = front::Row<S, RaiseNotification, S, Do<record_notification_raised>, If<notification_not_yet_raised>>;

struct Definition : msm_support::MachineDef<Definition> {
  using initial_state = NotOpened;

  // clang-format off
  using transition_table = boost::mpl::vector31<
    //         Source                Command                  Target                Action                          Guard
    front::Row<NotOpened,            NotifyDeath,             Notified,             Do<record_notified>,            If<notification_valid>>,
    Jar<Notified>,
    Raise<Notified>,
    KeyWorker<Notified>,
    AskForForms<Notified, GatheringInformation>,
    Jar<GatheringInformation>,
    Raise<GatheringInformation>,
    KeyWorker<GatheringInformation>,
    AskForForms<GatheringInformation, GatheringInformation>,
    FormReturned<GatheringInformation>,
    RemindAgencyRow<GatheringInformation>,
    Hold<GatheringInformation>,
    front::Row<GatheringInformation, RecordReviewMeeting,     MeetingHeld,          Do<record_review_meeting>,      If<meeting_dated>>,
    Raise<MeetingHeld>,
    KeyWorker<MeetingHeld>,
    FormReturned<MeetingHeld>,
    Hold<MeetingHeld>,
    front::Row<MeetingHeld,          RecordPanelReview,       PanelReviewed,        Do<record_panel_review>,        If<panel_review_consistent>>,
    front::Row<MeetingHeld,          ImportLegacyPanelReview, PanelReviewed,        Do<record_legacy_panel_review>, If<legacy_panel_review_consistent>>,
    Raise<OnHold>,
    KeyWorker<OnHold>,
    FormReturned<OnHold>,
    RemindAgencyRow<OnHold>,
    ResumeTo<was_gathering_information, GatheringInformation>,
    ResumeTo<was_meeting_held, MeetingHeld>,
    Raise<PanelReviewed>,
    front::Row<PanelReviewed,        RecordNcmdSubmission,    Closed,               Do<record_ncmd_submission>,     If<submission_dated>>,
    AddActionRow<PanelReviewed>,
    UpdateActionRow<PanelReviewed>,
    AddActionRow<Closed>,
    UpdateActionRow<Closed>
  >;
  // clang-format on
};

using Machine = boost::msm::back::state_machine<Definition>;

WorkflowSpec child_death_review_spec() {
  WorkflowSpec spec;
  spec.kind = kKind;
  spec.title = "Child death review";
  spec.reference_prefix = "CDR";
  spec.opening_command = command::kNotifyDeath;
  spec.states = states();
  spec.commands = commands();
  spec.rules = deadline_rules();
  spec.event_sentences = event_sentences();
  spec.check_duplicates = true;
  spec.residence_fact = "resident_local_authority";
  return spec;
}

}  // namespace
}  // namespace casereview::workflows::cdr

namespace casereview::workflows {

std::unique_ptr<Workflow> make_child_death_review_workflow() {
  return std::make_unique<msm_support::MachineWorkflow<cdr::Machine, cdr::AllCommands>>(cdr::child_death_review_spec(),
                                                                                        cdr::state::kNotOpened);
}

}  // namespace casereview::workflows
