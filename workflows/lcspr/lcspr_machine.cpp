// The local child safeguarding practice review state machine (Boost.MSM): the
// single source of truth for which step may follow which. README.md in this
// folder shows the same table, and a test keeps the two in agreement.

#include "../src/msm_support/machine_support.h"
#include "../src/msm_support/review_rows.h"
#include "casereview/workflows/factories.h"
#include "lcspr_names.h"
#include "lcspr_spec.h"
#include "lcspr_steps.h"

namespace casereview::workflows::lcspr {
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
  static constexpr const char* name = lcspr::state::kNotOpened;
};
struct Commissioning : front::state<> {
  static constexpr const char* name = lcspr::state::kCommissioning;
};
struct InReview : front::state<> {
  static constexpr const char* name = lcspr::state::kInReview;
};
struct SignedOff : front::state<> {
  static constexpr const char* name = lcspr::state::kSignedOff;
};
struct ReportSent : front::state<> {
  static constexpr const char* name = lcspr::state::kReportSent;
};
struct Published : front::state<> {
  static constexpr const char* name = lcspr::state::kPublished;
};
struct Closed : front::state<> {
  static constexpr const char* name = lcspr::state::kClosed;
};
struct OnHold : front::state<> {
  static constexpr const char* name = lcspr::state::kOnHold;
};

struct Open : Step {
  static constexpr const char* name = command::kOpen;
};
struct RecordPanelEndorsement : Step {
  static constexpr const char* name = command::kRecordPanelEndorsement;
};
struct AgreeTermsOfReference : Step {
  static constexpr const char* name = command::kAgreeTermsOfReference;
};
struct DraftContract : Step {
  static constexpr const char* name = command::kDraftContract;
};
struct SignContract : Step {
  static constexpr const char* name = command::kSignContract;
};
struct StartReview : Step {
  static constexpr const char* name = command::kStartReview;
};
struct TerminateContract : Step {
  static constexpr const char* name = command::kTerminateContract;
};
struct CompleteContract : Step {
  static constexpr const char* name = command::kCompleteContract;
};
struct RecordMonitoring : Step {
  static constexpr const char* name = command::kRecordMonitoring;
};
struct SendWrittenRequest : Step {
  static constexpr const char* name = command::kSendWrittenRequest;
};
struct RecordWrittenAnswer : Step {
  static constexpr const char* name = command::kRecordWrittenAnswer;
};
struct RecordDraft : Step {
  static constexpr const char* name = command::kRecordDraft;
};
struct RecordSignOff : Step {
  static constexpr const char* name = command::kRecordSignOff;
};
struct PlanPublication : Step {
  static constexpr const char* name = command::kPlanPublication;
};
struct SendFinalReport : Step {
  static constexpr const char* name = command::kSendFinalReport;
};
struct ExplainDelay : Step {
  static constexpr const char* name = command::kExplainDelay;
};
struct RecordPublication : Step {
  static constexpr const char* name = command::kRecordPublication;
};
struct CloseReview : Step {
  static constexpr const char* name = command::kCloseReview;
};
struct PutOnHold : Step {
  static constexpr const char* name = command::kPutOnHold;
};
struct RecordHoldNotifications : Step {
  static constexpr const char* name = command::kRecordHoldNotifications;
};
struct Resume : Step {
  static constexpr const char* name = command::kResume;
};

using AllCommands =
    msm_support::CommandSet<Open, RecordPanelEndorsement, AgreeTermsOfReference, DraftContract, SignContract,
                            StartReview, TerminateContract, CompleteContract, RecordMonitoring, SendWrittenRequest,
                            RecordWrittenAnswer, RecordDraft, RecordSignOff, PlanPublication, SendFinalReport,
                            ExplainDelay, RecordPublication, CloseReview, PutOnHold, RecordHoldNotifications, Resume,
                            shared::AddAction, shared::UpdateAction>;

// Rows that repeat in several states.
template <class S>
using Endorse = front::Row<S, RecordPanelEndorsement, S, Do<record_endorsement>,
                           All<OfferedWhen<endorsement_still_to_record>, If<endorsement_not_recorded>>>;
template <class S>
using Draft = front::Row<S, DraftContract, S, Do<record_contract_drafted>, If<contract_can_be_drafted>>;
template <class S>
using Sign = front::Row<S, SignContract, S, Do<record_contract_signed>,
                        All<OfferedWhen<a_contract_drafted>, If<contract_can_be_signed>>>;
template <class S>
using Terminate = front::Row<S, TerminateContract, S, Do<record_contract_terminated>,
                             All<OfferedWhen<a_contract_to_end>, If<contract_can_be_terminated>>>;
template <class S>
using Complete = front::Row<S, CompleteContract, S, Do<record_contract_completed>,
                            All<OfferedWhen<a_contract_active>, If<contract_can_be_completed>>>;
template <class S>
using Answer = front::Row<S, RecordWrittenAnswer, S, Do<record_written_answer>, If<written_request_open>>;
template <class S>
using Plan = front::Row<S, PlanPublication, S, Do<record_publication_planned>, If<publication_after_sign_off>>;
template <class S>
using Explain = front::Row<S, ExplainDelay, S, Do<record_delay_explained>, If<delay_explanation_reasoned>>;
template <class S>
using Hold = front::Row<S, PutOnHold, OnHold, Do<record_on_hold>, If<hold_dated>>;
template <auto WasThere, class S>
using ResumeTo = front::Row<OnHold, Resume, S, Do<record_resumed>, All<Branch<WasThere>, If<resumption_dated>>>;
using msm_support::AddActionRow;
using msm_support::UpdateActionRow;

struct Definition : msm_support::MachineDef<Definition> {
  using initial_state = NotOpened;

  // clang-format off
  using transition_table = boost::mpl::vector48<
    //         Source         Command                  Target         Action                      Guard
    front::Row<NotOpened,     Open,                    Commissioning, Do<record_opened>,          If<opening_reasoned>>,
    Endorse<Commissioning>,
    front::Row<Commissioning, AgreeTermsOfReference,   Commissioning, Do<record_terms_agreed>,    All<OfferedWhen<terms_still_to_agree>, If<terms_not_yet_agreed>>>,
    Draft<Commissioning>,
    Sign<Commissioning>,
    Terminate<Commissioning>,
    front::Row<Commissioning, StartReview,             InReview,      Do<record_review_started>,  All<OfferedWhen<ready_to_start>, If<review_can_start>>>,
    Hold<Commissioning>,
    Explain<Commissioning>,
    Endorse<InReview>,
    Draft<InReview>,
    Sign<InReview>,
    Terminate<InReview>,
    Complete<InReview>,
    front::Row<InReview,      RecordMonitoring,        InReview,      Do<record_monitoring>,      If<monitoring_dated>>,
    front::Row<InReview,      SendWrittenRequest,      InReview,      Do<record_written_request>, If<new_written_request>>,
    Answer<InReview>,
    front::Row<InReview,      RecordDraft,             InReview,      Do<record_draft>,           If<draft_dated>>,
    front::Row<InReview,      RecordSignOff,           SignedOff,     Do<record_sign_off>,        If<sign_off_after_a_draft>>,
    Hold<InReview>,
    Explain<InReview>,
    Plan<SignedOff>,
    // One copy per recipient, each with its date; the last one moves the review on.
    front::Row<SignedOff,     SendFinalReport,         SignedOff,     Do<record_copy_sent>,       All<Branch<several_recipients_left>, If<report_ready_to_send>>>,
    front::Row<SignedOff,     SendFinalReport,         ReportSent,    Do<record_last_copy_sent>,  All<Branch<one_recipient_left>, If<report_ready_to_send>>>,
    Complete<SignedOff>,
    Hold<SignedOff>,
    Explain<SignedOff>,
    AddActionRow<SignedOff>,
    UpdateActionRow<SignedOff>,
    Plan<ReportSent>,
    front::Row<ReportSent,    RecordPublication,       Published,     Do<record_published>,       If<ready_to_publish>>,
    Complete<ReportSent>,
    Hold<ReportSent>,
    Explain<ReportSent>,
    AddActionRow<ReportSent>,
    UpdateActionRow<ReportSent>,
    Complete<Published>,
    front::Row<Published,     CloseReview,             Closed,        Do<record_closed>,          If<published_long_enough>>,
    AddActionRow<Published>,
    UpdateActionRow<Published>,
    AddActionRow<Closed>,
    UpdateActionRow<Closed>,
    front::Row<OnHold,        RecordHoldNotifications, OnHold,        Do<record_hold_notifications>, If<hold_notifications_given>>,
    Explain<OnHold>,
    ResumeTo<was_commissioning, Commissioning>,
    ResumeTo<was_in_review, InReview>,
    ResumeTo<was_signed_off, SignedOff>,
    ResumeTo<was_report_sent, ReportSent>
  >;
  // clang-format on
};

using Machine = boost::msm::back::state_machine<Definition>;

WorkflowSpec lcspr_spec() {
  WorkflowSpec spec;
  spec.kind = kKind;
  spec.title = "Local child safeguarding practice review";
  spec.reference_prefix = "LCSPR";
  spec.opening_command = command::kOpen;
  spec.opened_by_kind = "rapid_review";
  spec.commissions_reviewer = true;
  spec.states = states();
  spec.commands = commands();
  spec.rules = deadline_rules();
  spec.event_sentences = event_sentences();
  return spec;
}

}  // namespace
}  // namespace casereview::workflows::lcspr

namespace casereview::workflows {

std::unique_ptr<Workflow> make_lcspr_workflow() {
  return std::make_unique<msm_support::MachineWorkflow<lcspr::Machine, lcspr::AllCommands>>(lcspr::lcspr_spec(),
                                                                                            lcspr::state::kNotOpened);
}

}  // namespace casereview::workflows
