#pragma once
// An event as the timeline says it: one sentence in the words of the people who
// do this work ("GP, Health visiting and Police were asked for information on
// 25 July 2022; returns due 8 August 2022."), never the stored record's codes,
// ISO dates or ids. The record itself stays one click away.
//
// Each event type has a template: its workflow's (WorkflowSpec::event_sentences)
// or, for the steps every review shares and retention's, the common ones here.
// In a template, {member} is the payload member written in words, and [...] is
// a part left out when a member inside it is absent or empty.

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "casereview/engine/event.h"
#include "casereview/engine/vocabulary.h"
#include "casereview/engine/workflow.h"

namespace casereview {

// What a sentence may need beyond the event: the labels of codes and the names
// of reviewers, and the date each agency request's return is due (by the case
// and the day it was asked, "YYYY-MM-DD"), which the payload does not hold.
struct SentenceLookups {
  const Vocabularies* vocabularies = nullptr;
  std::map<long long, std::string> reviewer_names;
  std::map<std::pair<long long, std::string>, Date> returns_due;
};

// The event's sentence; when the type has no template, its name in words
// ("Panel review recorded.").
std::string event_sentence(const WorkflowSpec& spec, const Event& event, const SentenceLookups& lookups);
// The same with the event's payload already parsed (Json::parse(event.payload)),
// for a caller that parsed it to send it too.
std::string event_sentence(const WorkflowSpec& spec, const Event& event, const Json& payload,
                           const SentenceLookups& lookups);

// The templates of the events every review shares (actions, agency requests,
// contracts) and of retention (legal holds, erasure), by event type.
const std::map<std::string, std::string>& common_event_sentences();

// "21 July 2022"; "21 July 2022 at 05:50" for an instant, in England's time.
std::string date_in_words(Date date);
std::string instant_in_words(Instant instant);

}  // namespace casereview
