#include "casereview/engine/event_sentence.h"

#include <array>
#include <cctype>
#include <cstdio>

#include "casereview/engine/parsed_payload.h"
#include "casereview/engine/review_records.h"

namespace casereview {
namespace {

// "criminal_trial" -> "criminal trial"
std::string code_in_words(const std::string& code) {
  std::string out = code;
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  return out;
}

bool looks_like_code(const std::string& text) {
  if (text.empty() || text.find('_') == std::string::npos) return false;
  for (char c : text) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
      return false;
  }
  return true;
}

// 14500 -> "14,500", as sums of money are written.
std::string with_thousands(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(static_cast<std::size_t>(at), ",");
  return (n < 0 ? "-" : "") + digits;
}

// "A", "A and B", "A, B and C"
std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

// The label a choice field gives `code`, looked for in every command of the spec.
std::optional<std::string> choice_label(const WorkflowSpec& spec, const std::string& member, const std::string& code) {
  for (const CommandSpec& command : spec.commands) {
    for (const FieldSpec& field : command.fields) {
      if (field.name != member || field.choice_labels.size() != field.choices.size()) continue;
      for (std::size_t i = 0; i < field.choices.size(); ++i) {
        if (field.choices[i] == code) return field.choice_labels[i];
      }
    }
  }
  return std::nullopt;
}

class Writer {
 public:
  Writer(const WorkflowSpec& spec, const SentenceLookups& lookups, const Event& event, const Json& payload)
      : spec_(spec), lookups_(lookups), case_id_(event.case_id), payload_(payload) {}

  // The member in words; "" when absent or empty (and then an optional part goes).
  std::string member(const std::string& name) const {
    if (name == "return_due") return return_due();
    const Json& value = payload_[name];
    if (value.is_array()) {
      std::vector<std::string> items;
      for (const Json& item : value.items()) {
        std::string text = one(name, item);
        if (!text.empty()) items.push_back(std::move(text));
      }
      return joined(items);
    }
    return one(name, value);
  }

 private:
  std::string one(const std::string& name, const Json& value) const {
    if (value.is_null()) return "";
    if (value.is_bool()) return value.as_bool() ? "yes" : "no";
    if (value.is_integer()) {
      if (name == "reviewer_id") {
        const auto found = lookups_.reviewer_names.find(value.as_integer());
        return found != lookups_.reviewer_names.end() ? found->second : "a reviewer in the register";
      }
      return with_thousands(value.as_integer());
    }
    if (!value.is_string()) return "";
    const std::string& text = value.as_string();
    if (auto date = Date::parse(text)) return date_in_words(*date);
    if (auto instant = Instant::parse(text)) return instant_in_words(*instant);
    if (name == kLearningThemesMember && lookups_.vocabularies) {
      if (const ThemeCode* theme = lookups_.vocabularies->theme(text)) return theme->label;
    }
    if (name == kModifiableFactorsMember && lookups_.vocabularies) {
      if (const FactorCode* factor = lookups_.vocabularies->factor(text)) return factor->label;
    }
    if (const DeadlineRule* rule = spec_.rule(text)) return rule->title;
    if (auto label = choice_label(spec_, name, text)) return *label;
    if (looks_like_code(text)) return code_in_words(text);
    return text;
  }

  std::string return_due() const {
    const Json& asked = payload_["requested_on"];
    if (!asked.is_string()) return "";
    const auto found = lookups_.returns_due.find({case_id_, asked.as_string()});
    return found == lookups_.returns_due.end() ? "" : date_in_words(found->second);
  }

  const WorkflowSpec& spec_;
  const SentenceLookups& lookups_;
  long long case_id_;
  const Json& payload_;
};

// Fills `text` (a template without brackets); false when a member is empty.
bool fill(const std::string& text, const Writer& writer, std::string& out) {
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t open = text.find('{', at);
    if (open == std::string::npos) {
      out += text.substr(at);
      break;
    }
    const std::size_t close = text.find('}', open);
    if (close == std::string::npos) {  // not a template's member: written as it stands
      out += text.substr(at);
      break;
    }
    out += text.substr(at, open - at);
    const std::string value = writer.member(text.substr(open + 1, close - open - 1));
    if (value.empty()) return false;
    out += value;
    at = close + 1;
  }
  return true;
}

std::string render(const std::string& pattern, const Writer& writer) {
  std::string out;
  std::size_t at = 0;
  while (at < pattern.size()) {
    const std::size_t open = pattern.find('[', at);
    if (open == std::string::npos) {
      fill(pattern.substr(at), writer, out);
      break;
    }
    fill(pattern.substr(at, open - at), writer, out);
    const std::size_t close = pattern.find(']', open);
    if (close == std::string::npos) {  // not an optional part: written as it stands
      fill(pattern.substr(open), writer, out);
      break;
    }
    std::string part;
    if (fill(pattern.substr(open + 1, close - open - 1), writer, part)) out += part;
    at = close + 1;
  }
  return out;
}

}  // namespace

const std::map<std::string, std::string>& common_event_sentences() {
  using namespace review_event;  // NOLINT(google-build-using-namespace): the shared event names, read as a table
  static const std::map<std::string, std::string> kSentences = {
      {kActionAdded,
       "Action {ref} agreed[ on {agreed_on}]: {action}[, owned by {owner_person}][ ({owner_agency})][, "
       "due {due_on}]."},
      {kActionUpdated, "Action {ref} updated[: {status}][ on {updated_on}][. {note}]."},
      {kAgencyRequested,
       "Asked {agencies} for information on {requested_on}[; returns due {return_due}][ (forms: "
       "{supplementary_forms})]."},
      {kAgencyReturned, "{agency} returned its information on {returned_on}."},
      {kAgencyReminded, "{agency} reminded of its overdue information on {sent_on}."},
      {kContractDrafted,
       "Contract {contract_ref} drafted[ on {drafted_on}] with {reviewer_id}[, from {start_on}][ to "
       "{end_on}][, fee £{fee_pounds}]."},
      {kContractSigned, "Contract {contract_ref} signed on {signed_on}."},
      {kContractStarted, "Contract {contract_ref} started on {started_on}."},
      {kContractCompleted, "Contract {contract_ref} completed on {completed_on}."},
      {kContractTerminated, "Contract {contract_ref} terminated on {terminated_on}[: {reason}]."},
      // The retention events (retention.h's kRetentionEventTypes).
      {"legal_hold_placed", "Legal hold placed[: {reason}]."},
      {"legal_hold_lifted", "Legal hold lifted[: {reason}]."},
      {"identity_erased", "The child's identifying details were erased at the end of retention[: {reason}]."},
      // The case owner's events (case_owner.h).
      {"owner_assigned", "{owner_name} became the case owner[ in place of {previous_name}]."},
      {"owner_removed", "{previous_name} is no longer the case owner."},
  };
  return kSentences;
}

std::string event_sentence(const WorkflowSpec& spec, const Event& event, const SentenceLookups& lookups) {
  return event_sentence(spec, event, parsed_payload(event.payload), lookups);
}

std::string event_sentence(const WorkflowSpec& spec, const Event& event, const Json& payload,
                           const SentenceLookups& lookups) {
  const auto own = spec.event_sentences.find(event.type);
  const std::map<std::string, std::string>& common = common_event_sentences();
  const auto shared = common.find(event.type);
  if (own != spec.event_sentences.end()) return render(own->second, Writer(spec, lookups, event, payload));
  if (shared != common.end()) return render(shared->second, Writer(spec, lookups, event, payload));
  std::string words = code_in_words(event.type);
  if (!words.empty()) words[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(words[0])));
  return words + ".";
}

std::string date_in_words(Date date) {
  static const std::array<const char*, 12> kMonths = {"January",   "February", "March",    "April",
                                                      "May",       "June",     "July",     "August",
                                                      "September", "October",  "November", "December"};
  return std::to_string(date.day()) + " " + kMonths[static_cast<std::size_t>(date.month() - 1)] + " " +
         std::to_string(date.year());
}

std::string instant_in_words(Instant instant) {
  // England's local time: summer time (UTC+1) when reading the instant an hour
  // ahead gives it back through london_instant, else UTC.
  const auto floor_mod = [](long long a, long long b) { return (a % b + b) % b; };
  const Instant whole_minute(instant.seconds() - floor_mod(instant.seconds(), 60));
  for (int offset : {3600, 0}) {
    const Instant shifted = whole_minute.plus_seconds(offset);
    const long long into_day = floor_mod(shifted.seconds(), 86400);
    const int hour = static_cast<int>(into_day / 3600), minute = static_cast<int>(into_day % 3600 / 60);
    const Date day = shifted.utc_date();
    if (offset == 0 || london_instant(day, hour, minute) == whole_minute) {
      char time[8];
      std::snprintf(time, sizeof time, "%02d:%02d", hour, minute);
      return date_in_words(day) + " at " + time;
    }
  }
  return "";  // not reached: the offset 0 always answers
}

}  // namespace casereview
