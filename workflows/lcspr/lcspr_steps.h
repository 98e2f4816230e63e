#pragma once
// The rules of the local child safeguarding practice review: guards and
// actions for lcspr_machine.cpp.

#include <optional>

#include "../src/step.h"

namespace casereview::workflows::lcspr {

// Whether a step is offered (OfferedWhen), from the history alone: false when
// its guard would refuse it whatever facts were typed.
bool endorsement_still_to_record(const Step& step);
bool terms_still_to_agree(const Step& step);
bool a_contract_drafted(const Step& step);
bool ready_to_start(const Step& step);     // terms agreed and a contract signed
bool a_contract_to_end(const Step& step);  // drafted, signed or active
bool a_contract_active(const Step& step);

// Guards.
std::optional<Refusal> opening_reasoned(const Step& step);
std::optional<Refusal> endorsement_not_recorded(const Step& step);
std::optional<Refusal> terms_not_yet_agreed(const Step& step);
std::optional<Refusal> contract_can_be_drafted(const Step& step);
std::optional<Refusal> contract_can_be_signed(const Step& step);
std::optional<Refusal> review_can_start(const Step& step);
std::optional<Refusal> contract_can_be_terminated(const Step& step);
std::optional<Refusal> contract_can_be_completed(const Step& step);
std::optional<Refusal> monitoring_dated(const Step& step);
std::optional<Refusal> new_written_request(const Step& step);
std::optional<Refusal> written_request_open(const Step& step);
std::optional<Refusal> draft_dated(const Step& step);
std::optional<Refusal> sign_off_after_a_draft(const Step& step);
std::optional<Refusal> publication_after_sign_off(const Step& step);
std::optional<Refusal> report_ready_to_send(const Step& step);
std::optional<Refusal> delay_explanation_reasoned(const Step& step);
// The notice has passed since the last recipient's copy and, later than 6
// months after the decision, the delay was explained.
std::optional<Refusal> ready_to_publish(const Step& step);
std::optional<Refusal> published_long_enough(const Step& step);
std::optional<Refusal> hold_dated(const Step& step);
std::optional<Refusal> hold_notifications_given(const Step& step);
std::optional<Refusal> resumption_dated(const Step& step);

// Branches: where a resumed review returns to.
bool was_commissioning(const Step& step);
bool was_in_review(const Step& step);
bool was_signed_off(const Step& step);
bool was_report_sent(const Step& step);
// Which row sends a copy: the last recipient's moves the review on.
bool several_recipients_left(const Step& step);
bool one_recipient_left(const Step& step);

// Actions.
void record_opened(const Step& step, Outcome& out);
void record_endorsement(const Step& step, Outcome& out);
void record_terms_agreed(const Step& step, Outcome& out);
void record_contract_drafted(const Step& step, Outcome& out);
void record_contract_signed(const Step& step, Outcome& out);
void record_review_started(const Step& step, Outcome& out);
void record_contract_terminated(const Step& step, Outcome& out);
void record_contract_completed(const Step& step, Outcome& out);
void record_monitoring(const Step& step, Outcome& out);
void record_written_request(const Step& step, Outcome& out);
void record_written_answer(const Step& step, Outcome& out);
void record_draft(const Step& step, Outcome& out);
void record_sign_off(const Step& step, Outcome& out);
void record_publication_planned(const Step& step, Outcome& out);
void record_copy_sent(const Step& step, Outcome& out);
void record_last_copy_sent(const Step& step, Outcome& out);
void record_delay_explained(const Step& step, Outcome& out);
void record_published(const Step& step, Outcome& out);
void record_closed(const Step& step, Outcome& out);
void record_on_hold(const Step& step, Outcome& out);
void record_hold_notifications(const Step& step, Outcome& out);
void record_resumed(const Step& step, Outcome& out);

}  // namespace casereview::workflows::lcspr
