#pragma once
// The local child safeguarding practice review described as data.

#include <map>
#include <string>
#include <vector>

#include "casereview/engine/workflow.h"

namespace casereview::workflows::lcspr {

std::vector<StateSpec> states();
std::vector<CommandSpec> commands();
std::vector<DeadlineRule> deadline_rules();
// How the timeline says each of this workflow's events (event_sentence.h).
std::map<std::string, std::string> event_sentences();

// The recipients of the final report (recipient:: names, in the order the
// steps offer them) for a case whose notice rule runs on `notice_terms`: the
// anchor the partnership chose names them.
std::vector<std::string> recipients_for(const RuleTerms& notice_terms);

}  // namespace casereview::workflows::lcspr
